"""Safe YAML loading with line numbers and no surprises.

Only plain mappings, lists and scalars are accepted. Scalars stay strings except
``true``/``false`` (YAML 1.2 booleans), ``null``/``~`` and plain decimal integers,
so ``no``, ``on``, ``2024-06-24`` and ``43 57 75 78`` are never silently converted.
Anchors and aliases are rejected: data files do not need them and they are the
vehicle of "billion laughs" alias bombs.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

from nsk_cli.core.errors import DataError

MAX_BYTES = 5 * 1024 * 1024

# Parsed documents handed in from the start-up cache (see nsk_cli.data), and a record of
# what this process parsed, so the cache can be written. Keys are absolute paths.
_preloaded: dict[str, Any] = {}
parsed: dict[str, Any] = {}


def preload(docs: dict[str, Any] | None) -> None:
    _preloaded.clear()
    if docs:
        _preloaded.update(docs)


@functools.cache
def _loader_class() -> Any:
    import yaml

    # libyaml's C parser when available (several times faster); same safe constructor either way.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc,valid-type]
        """SafeLoader with a YAML 1.2-like, minimal set of implicit types."""

    StrictLoader.yaml_implicit_resolvers = {}
    StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
    StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789")
    )
    StrictLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])
    return StrictLoader


_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class Located:
    """A loaded document plus a map from key path to 1-based line number."""

    def __init__(self, data: Any, lines: dict[tuple[Any, ...], int], name: str) -> None:
        self.data = data
        self.lines = lines
        self.name = name

    def line(self, path: tuple[Any, ...]) -> int | None:
        """Line of the nearest enclosing node that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get(())


MAX_DEPTH = 40  # nesting levels; the deepest shipped file uses 6
_TOO_DEEP = f"for dybt indlejret (mere end {MAX_DEPTH} niveauer)"
# Words with which PyYAML, libyaml or a future parser report their own depth limit.
_LIMIT_WORDS = re.compile(r"nest|depth|recurs", re.I)
# Control characters a data file never needs and a terminal would obey (ESC, C1, bidi overrides);
# YAML itself refuses them raw, but a double-quoted "\e" escape gets them through.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# The parser's English problem (PyYAML's own words or libyaml's, which differ) in Danish, first
# match wins; whatever is not listed gets the general hint, never the English text.
_PROBLEMS = (
    (r"mapping values are not allowed",
     "et kolon står, hvor ingen værdi må begynde – sæt teksten i anførselstegn, hvis den selv har ': '"),
    (r"cannot start any token",
     "et tegn, der ikke må stå her – fx et tabulatortegn: ryk ind med mellemrum"),
    (r"tab character", "et tabulatortegn i indrykningen – ryk ind med mellemrum"),
    (r"',' or '\]'", "en liste, der begynder med [, slutter ikke med ]"),
    (r"',' or '\}'", "et opslag, der begynder med {, slutter ikke med }"),
    (r"quoted scalar.*(end of stream|document)", "et anførselstegn er ikke lukket"),
    (r"unknown escape character",
     "ukendt tegn efter \\ i en tekst i dobbelte anførselstegn – brug enkelte anførselstegn"),
    (r"undefined alias", "en henvisning (*navn) til et anker, der ikke findes"),
    (r"duplicate anchor", "det samme anker (&navn) står to gange"),
    (r"'-' indicator|found '-'|block collection",
     "en liste (linjer med -) står på samme indrykning som noget andet"),
    (r"expected key|block end|block mapping",
     "indrykningen passer ikke – en linje står længere inde eller ude end linjerne omkring den"),
    (r"unacceptable character|control characters|special characters",
     "filen indeholder et styretegn, der ikke er tilladt"),
    (r"directive", "en linje, der begynder med %, er ikke tilladt"),
    (r"document start", "filen må kun indeholde ét YAML-dokument"),
    (r"end of stream", "filen slutter midt i en værdi"),
)  # fmt: skip
_GENERAL = "tjek indrykning, koloner og anførselstegn på og lige før linjen"


def danish_problem(english: str) -> str:
    """A parser's problem in Danish words (see _PROBLEMS)."""
    for pattern, danish in _PROBLEMS:
        if re.search(pattern, english, re.IGNORECASE):
            return danish
    return _GENERAL


def _fail(name: str, mark: Any, what: str) -> DataError:
    return DataError(f"{name}: linje {mark.line + 1}: {what}")


def _scalar(loader: Any, event: Any, name: str) -> Any:
    import yaml

    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag not in _ALLOWED_TAGS:
        raise _fail(
            name, event.start_mark, f"typen {tag!r} er ikke tilladt (kun tekst, tal, lister og opslag)"
        )
    bad = _CONTROL.search(event.value)
    if bad:
        raise _fail(name, event.start_mark, f"styretegn (U+{ord(bad.group()):04X}) er ikke tilladt i teksten")
    if tag == "tag:yaml.org,2002:str":
        return event.value
    if tag == "tag:yaml.org,2002:int" and len(event.value) > 100:  # Python refuses over 4300 digits
        raise _fail(
            name, event.start_mark, f"tallet har {len(event.value.lstrip('-'))} cifre – det er for langt"
        )
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    return loader.construct_object(node, deep=True)


class _Frame:
    """An open collection while composing: the container, its key path, and for a mapping the
    pending key (as constructed and as written) and the line of every key so far."""

    __slots__ = ("container", "path", "key", "raw_key", "key_lines")

    def __init__(self, container: Any, path: tuple[Any, ...]) -> None:
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        self.raw_key: str = ""
        self.key_lines: dict[Any, int] = {}

    def wants_key(self) -> bool:
        return isinstance(self.container, dict) and self.key is _NO_KEY

    def child_path(self) -> tuple[Any, ...]:
        if isinstance(self.container, dict):
            return self.path + (self.raw_key,)
        return self.path + (len(self.container),)

    def add(self, value: Any) -> None:
        if isinstance(self.container, dict):
            self.container[self.key] = value
            self.key = _NO_KEY
        else:
            self.container.append(value)


_NO_KEY = object()


def _compose(loader: Any, name: str) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Build the document from the parser's events with an explicit stack: no recursion, so a
    hostile file nested thousands of levels deep is refused with a message, not a crash. Aliases,
    unknown tags, non-text keys and duplicate keys are refused on the way."""
    import yaml

    lines: dict[tuple[Any, ...], int] = {}
    stack: list[_Frame] = []
    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        return None, {}
    loader.get_event()  # DocumentStart
    while True:
        event = loader.get_event()
        line = event.start_mark.line + 1
        top = stack[-1] if stack else None
        if isinstance(event, yaml.AliasEvent):
            raise _fail(name, event.start_mark, "ankre og aliaser (&, *) er ikke tilladt")
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            value = stack.pop().container
            if not stack:
                break
            stack[-1].add(value)
            continue
        if top is not None and top.wants_key():
            if not isinstance(event, yaml.ScalarEvent):
                raise _fail(name, event.start_mark, "nøgler skal være tekst")
            key = _scalar(loader, event, name)
            if key in top.key_lines:
                raise _fail(
                    name,
                    event.start_mark,
                    f"nøglen {event.value!r} står to gange (også i linje {top.key_lines[key]})",
                )
            top.key, top.raw_key, top.key_lines[key] = key, event.value, line
            lines[top.path + (event.value,)] = line  # a key's own line wins over its value's
            continue
        path = top.child_path() if top is not None else ()
        lines.setdefault(path, line)
        if isinstance(event, yaml.ScalarEvent):
            value = _scalar(loader, event, name)
            if top is None:
                break
            top.add(value)
            continue
        is_map = isinstance(event, yaml.MappingStartEvent)
        kind = yaml.MappingNode if is_map else yaml.SequenceNode
        tag = event.tag if event.tag not in (None, "!") else loader.resolve(kind, None, event.implicit)
        if tag not in _ALLOWED_TAGS:
            raise _fail(
                name, event.start_mark, f"typen {tag!r} er ikke tilladt (kun tekst, tal, lister og opslag)"
            )
        if len(stack) >= MAX_DEPTH:
            raise _fail(name, event.start_mark, _TOO_DEEP)
        stack.append(_Frame({} if is_map else [], path))
    loader.get_event()  # DocumentEnd
    if not loader.check_event(yaml.StreamEndEvent):
        raise _fail(name, loader.peek_event().start_mark, "filen må kun indeholde ét YAML-dokument")
    return value, lines


def loads(text: str, name: str = "<tekst>") -> Located:
    """Parse YAML text strictly. Raises DataError with file and line on any problem."""
    import yaml

    try:
        loader = _loader_class()(text)
        try:
            data, lines = _compose(loader, name)
        finally:
            loader.dispose()
    except DataError:
        raise
    except RecursionError:
        raise DataError(f"{name}: {_TOO_DEEP}") from None
    except MemoryError:
        raise DataError(f"{name}: filen er for stor til at blive læst") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"linje {mark.line + 1}, kolonne {mark.column + 1}" if mark else "ukendt sted"
        problem = exc.problem or exc.context or ""
        if _LIMIT_WORDS.search(problem):
            # The parser's own nesting or size limit (libyaml >= 0.2.6 has one below ours):
            # the same Danish line as our check, whichever library fired first.
            raise DataError(f"{name}: {where}: {_TOO_DEEP}") from None
        why = danish_problem(f"{exc.context or ''} {problem}")
        raise DataError(f"{name}: {where}: ugyldig YAML ({why})") from None
    except yaml.YAMLError as exc:
        if _LIMIT_WORDS.search(str(exc)):
            raise DataError(f"{name}: {_TOO_DEEP}") from None
        raise DataError(f"{name}: ugyldig YAML ({danish_problem(str(exc))})") from None
    return Located(data, lines, name)


def load(path: Path, display: str | None = None, remember: bool = True) -> Located:
    """Read and parse a YAML file; every failure becomes a DataError naming the file."""
    name = display or str(path)
    key = os.path.abspath(path)  # not resolve(): ~100 data files are read on every start
    if key in _preloaded:
        return Located(_preloaded[key], {}, name)
    from nsk_cli.data.files import read_input

    try:
        raw = read_input(path, MAX_BYTES, DataError, name, remember)
    except DataError as exc:
        if "filen er for stor" in exc.message:
            raise DataError(f"{name}: filen er for stor til at være en regel- eller kontaktfil") from None
        raise
    if b"\x00" in raw:
        raise DataError(f"{name}: er ikke en tekstfil")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"{name}: er ikke gemt som UTF-8") from None
    doc = loads(text, name)
    parsed[key] = doc.data
    return doc
