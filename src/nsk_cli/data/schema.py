"""A tiny, strict, declarative validator for the YAML data files.

Unknown keys are errors, strings stay strings, and every problem is reported as
``file: linje N: key.path: what was expected``. Schemas are data (dicts of
``Field``), in the spirit of pre-commit's clientlib.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nsk_cli.core.errors import DataError
from nsk_cli.data.yamlio import Located


class Spec:
    def check(self, value: Any, path: tuple[Any, ...], errors: list[tuple[tuple[Any, ...], str]]) -> None:
        raise NotImplementedError


@dataclass
class Str(Spec):
    pattern: str | None = None
    what: str = "tekst"
    choices: tuple[str, ...] | None = None
    check_fn: Callable[[str], str | None] | None = None

    def check(self, value, path, errors):
        if not isinstance(value, str):
            hint = " (sæt anførselstegn om værdien)" if isinstance(value, (int, bool)) else ""
            errors.append((path, f"skal være {self.what}{hint}"))
            return
        if not value.strip():
            errors.append((path, "må ikke være tom"))
            return
        if self.choices is not None and value not in self.choices:
            errors.append((path, f"ukendt værdi {value!r}; gyldige: {', '.join(self.choices)}"))
            return
        if self.pattern and not re.fullmatch(self.pattern, value):
            errors.append((path, f"skal være {self.what}, ikke {value!r}"))
            return
        if self.check_fn:
            problem = self.check_fn(value)
            if problem:
                errors.append((path, problem))


@dataclass
class Int(Spec):
    minimum: int = 0

    def check(self, value, path, errors):
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append((path, "skal være et heltal"))
        elif value < self.minimum:
            errors.append((path, f"skal være mindst {self.minimum}"))


@dataclass
class Bool(Spec):
    def check(self, value, path, errors):
        if not isinstance(value, bool):
            errors.append((path, "skal være true eller false"))


@dataclass
class ListOf(Spec):
    item: Spec
    min_items: int = 0

    def check(self, value, path, errors):
        if not isinstance(value, list):
            errors.append((path, "skal være en liste"))
            return
        if len(value) < self.min_items:
            errors.append((path, f"skal have mindst {self.min_items} element(er)"))
        for i, v in enumerate(value):
            self.item.check(v, path + (i,), errors)


@dataclass
class StrOrList(Spec):
    """A string, or a list of strings (e.g. one or more sources)."""

    item: Str

    def check(self, value, path, errors):
        if isinstance(value, list):
            if not value:
                errors.append((path, "må ikke være en tom liste"))
            for i, v in enumerate(value):
                self.item.check(v, path + (i,), errors)
        else:
            self.item.check(value, path, errors)


@dataclass
class Field:
    spec: Spec
    required: bool = False


@dataclass
class Map(Spec):
    fields: dict[str, Field]
    what: str = "et opslag (nøgle: værdi)"

    def check(self, value, path, errors):
        if not isinstance(value, dict):
            errors.append((path, f"skal være {self.what}"))
            return
        for key in value:
            if key not in self.fields:
                known = ", ".join(self.fields)
                errors.append((path + (key,), f"ukendt nøgle {key!r}; tilladte nøgler: {known}"))
        for key, f in self.fields.items():
            if key not in value or value[key] is None:
                if f.required:
                    errors.append((path + (key,), "mangler (skal udfyldes)"))
                continue
            f.spec.check(value[key], path + (key,), errors)


@dataclass
class Dict(Spec):
    """A mapping with free keys (validated by key_spec) and uniform values."""

    key: Str
    value: Spec

    def check(self, value, path, errors):
        if not isinstance(value, dict):
            errors.append((path, "skal være et opslag (nøgle: værdi)"))
            return
        for k, v in value.items():
            self.key.check(k, path + (k,), errors)
            self.value.check(v, path + (k,), errors)


@dataclass
class Any_(Spec):
    alternatives: list[Spec] = field(default_factory=list)
    what: str = "en gyldig værdi"

    def check(self, value, path, errors):
        for alt in self.alternatives:
            trial: list = []
            alt.check(value, path, trial)
            if not trial:
                return
        errors.append((path, f"skal være {self.what}"))


def format_path(path: tuple[Any, ...]) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(roden)"


def format_error(doc: Located, path: tuple[Any, ...], message: str) -> str:
    line = doc.line(path)
    where = f"linje {line}: " if line else ""
    return f"{doc.name}: {where}{format_path(path)}: {message}"


def validate(doc: Located, spec: Spec) -> list[str]:
    errors: list[tuple[tuple[Any, ...], str]] = []
    spec.check(doc.data, (), errors)
    return [format_error(doc, p, m) for p, m in errors]


def raise_if(problems: list[str]) -> None:
    """Raise one DataError whose message is the first problem; all are in details."""
    if problems:
        more = f" (og {len(problems) - 1} fejl mere)" if len(problems) > 1 else ""
        raise DataError(problems[0] + more, details=problems)
