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


def _walk(node: Any, path: tuple[Any, ...], lines: dict, seen: set[int], name: str) -> None:
    if id(node) in seen:
        raise DataError(f"{name}: linje {node.start_mark.line + 1}: ankre og aliaser (&, *) er ikke tilladt")
    seen.add(id(node))
    if node.tag not in _ALLOWED_TAGS:
        raise DataError(
            f"{name}: linje {node.start_mark.line + 1}: typen {node.tag!r} er ikke tilladt "
            "(kun tekst, tal, lister og opslag)"
        )
    lines.setdefault(path, node.start_mark.line + 1)  # a key's own line wins over its value's
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise DataError(f"{name}: linje {key_node.start_mark.line + 1}: nøgler skal være tekst")
            _walk(key_node, path + ("<key>",), {}, seen, name)
            lines[path + (key_node.value,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key_node.value,), lines, seen, name)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, seen, name)


def loads(text: str, name: str = "<tekst>") -> Located:
    """Parse YAML text strictly. Raises DataError with file and line on any problem."""
    import yaml

    try:
        loader = _loader_class()(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return Located(None, {}, name)
            lines: dict[tuple[Any, ...], int] = {}
            _walk(node, (), lines, set(), name)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except DataError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"linje {mark.line + 1}, kolonne {mark.column + 1}" if mark else "ukendt sted"
        problem = exc.problem or exc.context or "ugyldig YAML"
        raise DataError(f"{name}: {where}: ugyldig YAML ({problem})") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{name}: ugyldig YAML ({exc})") from None
    return Located(data, lines, name)


def load(path: Path, display: str | None = None) -> Located:
    """Read and parse a YAML file; every failure becomes a DataError naming the file."""
    name = display or str(path)
    key = os.path.abspath(path)  # not resolve(): ~100 data files are read on every start
    if key in _preloaded:
        return Located(_preloaded[key], {}, name)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise DataError(f"{name}: filen er for stor til at være en regel- eller kontaktfil")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{name}: filen findes ikke") from None
    except IsADirectoryError:
        raise DataError(f"{name}: er en mappe, ikke en fil") from None
    except PermissionError:
        raise DataError(f"{name}: ingen adgang til at læse filen") from None
    except OSError as exc:
        raise DataError(f"{name}: kan ikke læses ({exc.strerror})") from None
    if b"\x00" in raw:
        raise DataError(f"{name}: er ikke en tekstfil")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(f"{name}: er ikke gemt som UTF-8") from None
    doc = loads(text, name)
    parsed[key] = doc.data
    return doc
