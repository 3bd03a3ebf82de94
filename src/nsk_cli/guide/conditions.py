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

from msgspec import Struct

_TOKEN = re.compile(r"\s*(?:(?P<op>!=|=|\(|\)|\[|\]|,)|(?P<word>[a-z0-9_æøå]+))")
_KEYWORDS = {"and", "or", "not", "in"}


class ConditionError(ValueError):
    """Raised with a Danish message when a condition cannot be parsed."""


class Cond(Struct, frozen=True):
    def evaluate(self, answers: Mapping[str, str]) -> bool:
        raise NotImplementedError

    def comparisons(self) -> list[tuple[str, tuple[str, ...]]]:
        """(question id, values) pairs referenced, for cross-checks."""
        raise NotImplementedError


class Compare(Cond, frozen=True):
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


class Not(Cond, frozen=True):
    inner: Cond

    def evaluate(self, answers):
        return not self.inner.evaluate(answers)

    def comparisons(self):
        return self.inner.comparisons()


class BoolOp(Cond, frozen=True):
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


MAX_DEPTH = 30  # nested parentheses and 'not's; real conditions use two or three

_PRECEDENCE = {"or": 1, "and": 2, "not": 3}


class _Parser:
    """Operator precedence parsing with explicit stacks (no recursion): a condition nested
    thousands of levels deep is refused with a Danish message, and a long chain of 'and' or
    'or' becomes one flat node, so evaluating a parsed condition is bounded by MAX_DEPTH."""

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
        operands: list[Cond] = []
        ops: list[list] = []  # ["(" ] | ["not"] | ["and"/"or", number of operators chained]
        depth = 0
        want_operand = True
        while True:
            tok = self.peek()
            if want_operand:
                if tok in ("(", "not"):
                    self.take()
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise ConditionError(
                            f"betingelsen er for dybt indlejret (mere end {MAX_DEPTH} niveauer af "
                            f"parenteser og 'not')"
                        )
                    ops.append([tok])
                    continue
                operands.append(self.atom())
                want_operand = False
                depth -= self._close_nots(ops, operands)
                continue
            if tok is None:
                break
            if tok in ("and", "or"):
                self.take()
                while ops and ops[-1][0] not in ("(", tok) and _PRECEDENCE[ops[-1][0]] > _PRECEDENCE[tok]:
                    self._reduce(ops.pop(), operands)
                if ops and ops[-1][0] == tok:
                    ops[-1][1] += 1  # a chain: a and b and c is one node with three parts
                else:
                    ops.append([tok, 1])
                want_operand = True
                continue
            if tok == ")":
                self.take()
                while ops and ops[-1][0] != "(":
                    self._reduce(ops.pop(), operands)
                if not ops:
                    raise ConditionError(f"uventet ')' i {self.text!r}")
                ops.pop()
                depth -= 1 + self._close_nots(ops, operands)
                continue
            raise ConditionError(f"uventet {tok!r} i {self.text!r}")
        while ops:
            op = ops.pop()
            if op[0] == "(":
                raise ConditionError(f"betingelsen {self.text!r} slutter for tidligt (mangler ')')")
            self._reduce(op, operands)
        return operands[0]

    @staticmethod
    def _close_nots(ops: list[list], operands: list[Cond]) -> int:
        """An operand is complete: apply the 'not's right before it. Returns how many."""
        n = 0
        while ops and ops[-1][0] == "not":
            ops.pop()
            operands.append(Not(operands.pop()))
            n += 1
        return n

    @staticmethod
    def _reduce(op: list, operands: list[Cond]) -> None:
        count = op[1] + 1
        parts = tuple(operands[-count:])
        del operands[-count:]
        operands.append(BoolOp(op[0], parts))

    def atom(self) -> Cond:
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


def maybe(cond: Cond, answers: Mapping[str, str]) -> bool | None:
    """Three-valued: True or False when the answers so far decide it, None while a question it
    needs is unanswered (and the rest cannot decide it). For the acute box, shown mid-interview."""
    if isinstance(cond, Compare):
        return cond.evaluate(answers) if cond.ident in answers else None
    if isinstance(cond, Not):
        inner = maybe(cond.inner, answers)
        return None if inner is None else not inner
    if isinstance(cond, BoolOp):
        parts = [maybe(p, answers) for p in cond.parts]
        decisive = cond.op == "or"  # True decides an 'or', False an 'and'
        if decisive in parts:
            return decisive
        return None if None in parts else not decisive
    raise TypeError(f"unknown condition node {type(cond).__name__}")  # pragma: no cover
