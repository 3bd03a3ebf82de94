"""The tiny condition language used in rule files. Parsed, never eval'ed.

    akut = ja
    alder = barn and rolle = raadgiver
    not (samtykke = ja)
    alder = voksen and (vold = ja or bolig = ja)
    kommune in [ishoj, faxe]
    alder != barn

Identifiers and values are lowercase words (a-z, 0-9, _). A comparison with a
question that was not asked is false (and ``!=`` with it is true only if the
question was asked with another value).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:(?P<op>!=|=|\(|\)|\[|\]|,)|(?P<word>[a-z0-9_æøå]+))")
_KEYWORDS = {"and", "or", "not", "in"}


class ConditionError(ValueError):
    """Raised with a Danish message when a condition cannot be parsed."""


@dataclass(frozen=True)
class Cond:
    def evaluate(self, answers: Mapping[str, str]) -> bool:
        raise NotImplementedError

    def comparisons(self) -> list[tuple[str, tuple[str, ...]]]:
        """(question id, values) pairs referenced, for cross-checks."""
        raise NotImplementedError


@dataclass(frozen=True)
class Compare(Cond):
    ident: str
    values: tuple[str, ...]
    negate: bool = False

    def evaluate(self, answers):
        if self.ident not in answers:
            return False
        hit = answers[self.ident] in self.values
        return not hit if self.negate else hit

    def comparisons(self):
        return [(self.ident, self.values)]


@dataclass(frozen=True)
class Not(Cond):
    inner: Cond

    def evaluate(self, answers):
        return not self.inner.evaluate(answers)

    def comparisons(self):
        return self.inner.comparisons()


@dataclass(frozen=True)
class BoolOp(Cond):
    op: str
    parts: tuple[Cond, ...]

    def evaluate(self, answers):
        if self.op == "and":
            return all(p.evaluate(answers) for p in self.parts)
        return any(p.evaluate(answers) for p in self.parts)

    def comparisons(self):
        return [c for p in self.parts for c in p.comparisons()]


def _tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ConditionError(f"uventet tegn {text[pos:].strip()[:1]!r} i betingelsen {text!r}")
        tokens.append(m.group("op") or m.group("word"))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None:
            raise ConditionError(f"betingelsen {self.text!r} slutter for tidligt")
        if expected is not None and tok != expected:
            raise ConditionError(f"forventede {expected!r} men fandt {tok!r} i {self.text!r}")
        self.i += 1
        return tok

    def word(self, what: str) -> str:
        tok = self.take()
        if tok in _KEYWORDS or not re.fullmatch(r"[a-z0-9_æøå]+", tok):
            raise ConditionError(f"forventede {what} men fandt {tok!r} i {self.text!r}")
        return tok

    def parse(self) -> Cond:
        if not self.tokens:
            raise ConditionError("betingelsen er tom")
        cond = self.or_()
        if self.peek() is not None:
            raise ConditionError(f"uventet {self.peek()!r} i {self.text!r}")
        return cond

    def or_(self) -> Cond:
        parts = [self.and_()]
        while self.peek() == "or":
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else BoolOp("or", tuple(parts))

    def and_(self) -> Cond:
        parts = [self.not_()]
        while self.peek() == "and":
            self.take()
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else BoolOp("and", tuple(parts))

    def not_(self) -> Cond:
        if self.peek() == "not":
            self.take()
            return Not(self.not_())
        return self.atom()

    def atom(self) -> Cond:
        if self.peek() == "(":
            self.take()
            inner = self.or_()
            self.take(")")
            return inner
        ident = self.word("et spørgsmåls-id")
        op = self.take()
        if op in ("=", "!="):
            return Compare(ident, (self.word("en værdi"),), negate=(op == "!="))
        if op == "in":
            self.take("[")
            values = [self.word("en værdi")]
            while self.peek() == ",":
                self.take()
                values.append(self.word("en værdi"))
            self.take("]")
            return Compare(ident, tuple(values))
        raise ConditionError(f"forventede '=', '!=' eller 'in' efter {ident!r} i {self.text!r}")


def parse(text: str) -> Cond:
    return _Parser(text).parse()
