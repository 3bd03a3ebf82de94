"""Finding and grading hits: where a requirement's items occur, and how much each hit counts.

Grades, strongest first:
  strong  – the plan says it does this
  weak    – a mention (table of contents, target group, link title, quoted law) or a sentence
            the check `demote`s (gives at most partial)
  bare    – a heading with nothing real below it ("Se ovenfor"): never counts
  hedged  – the sentence hedges ("forventes vedtaget", "udkast"): never counts
  negated – a negation stands in or just before the hit ("ikke vedtaget", "ingen plan"): never counts
"""

from __future__ import annotations

import functools
import heapq
import itertools
import re
from collections.abc import Iterator
from typing import Any

from msgspec import Struct

from nsk_cli.plan.text import CROSS_REF, MASKED_DOT, MENTIONS, Text

NEGATION = re.compile(r"\b(ikke|ingen|intet|aldrig|hverken|endnu ikke)\b", re.IGNORECASE)
NEGATION_REACH = 30  # characters before a hit that a negation reaches


class Hit(Struct, frozen=True):
    start: int
    end: int
    grade: str  # strong, weak, bare, hedged, negated
    note: str | None = None
    heading: str | None = None


@functools.cache
def readable(pattern: str) -> str:
    """A requirement pattern, made to read masked dots: 'stk\\.' also matches 'stk' + masked
    dot and the written-out 'stykke'; every literal dot also matches a masked one."""
    p = re.sub(r"stk\\\. ?\??", lambda m: f"(?:stk[.{MASKED_DOT}] ?|stykke )", pattern)
    return re.sub(r"(?<!\\)\\\.", f"[.{MASKED_DOT}]", p)


@functools.cache
def compiled(pattern: str) -> re.Pattern:
    """The pattern as ``readable`` writes it, compiled case-blind."""
    return re.compile(readable(pattern), re.IGNORECASE)


_LETTERS = "abcdefghijklmnopqrstuvwxyzæøåé0123456789 "


@functools.cache
def _prefixes(pattern: str) -> tuple[str, ...] | None:
    """The literal words a match must start with, when the pattern makes that plain:
    '\\b(vedtaget|godkendt)\\b...' -> ('vedtaget', 'godkendt'); None when it does not."""
    p = pattern.lower()
    if p.startswith(("(?<!", "(?<=")):  # a lookbehind takes no text: the match starts after it
        close = _group_end(p)
        if close < 0:
            return None
        p = p[close + 1 :]
    if _group_end(p, alternation=True) >= 0:  # 'a...|b...': any of two patterns
        return None
    if p.startswith("\\b"):
        p = p[2:]
    if p.startswith("("):
        end = _group_end(p)
        if end < 0 or p[end + 1 : end + 2] in ("?", "*", "{"):  # an optional group proves nothing
            return None
        body = p[1:end]
        if body.startswith("?:"):
            body = body[2:]
        if "(" in body or body.startswith("?"):
            return None
        alternatives = body.split("|")
    else:
        alternatives = [p]
    out = []
    for alt in alternatives:
        run = ""
        for ch in alt:
            if ch not in _LETTERS:
                if ch in "?*{" and run:  # the last letter is optional
                    run = run[:-1]
                break
            run += ch
        run = run.strip()
        if (len(run) < 3 and not (len(run) == 2 and run.isdigit())) or run.startswith("stk"):
            return None
        out.append(run)
    return tuple(out)


@functools.cache
def _at_word_start(pattern: str) -> bool:
    """Whether a match starts at the start of a word: '\\b' (after a lookbehind) or a line-start
    pattern. Its first literal words then begin a word of the text (concepts.distinct_words
    splits words at every character a regex word boundary splits at, and at more)."""
    p = pattern
    if p.startswith(LINE_START):
        return True
    if p.startswith(("(?<!", "(?<=")):
        close = _group_end(p)
        p = p[close + 1 :] if close >= 0 else ""
    return p.startswith("\\b")


def _group_end(p: str, alternation: bool = False) -> int:
    """Where the group that opens ``p`` closes; -1 when it does not. Escaped characters and
    character classes ('[^)]') are skipped. With ``alternation``: where the first '|' outside
    any group stands, -1 when there is none."""
    depth, i, in_class = 0, 0, False
    while i < len(p):
        ch = p[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if p[i + 1 : i + 2] == "^":
                i += 1
            if p[i + 1 : i + 2] == "]":  # a ']' first in a class is a character
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and not alternation:
                return i
        elif ch == "|" and depth == 0 and alternation:
            return i
        i += 1
    return -1


LINE_START = "(?m)^\\W*"  # a pattern for the start of a line ("Negativ social kontrol: ...")


def _matches(t: Text, pattern: str, pos: int = 0) -> Iterator[re.Match]:
    """All matches from `pos` on, in document order. A pattern that must start with one of a
    few literal words is only tried where those words occur (str.find is far cheaper than a
    regex scan); one for the start of a line, only at the start of a line where they occur."""
    line_start = pattern.startswith(LINE_START)
    prefixes = _prefixes(pattern[len(LINE_START) :] if line_start else pattern)
    if prefixes is None or len(t.lower) != len(t.match):  # lower() kept every offset?
        yield from compiled(pattern).finditer(t.match, pos)
        return
    if _at_word_start(pattern):  # a word of the text must start with its first words' first part
        prefixes = tuple(p for p in prefixes if t.has_word_starting(p.split(" ", 1)[0]))
    rx = None  # compiled at the first place one of its words occurs: most never do
    low, text = t.lower, t.match
    # the next occurrence of each word, merged in a heap: the smallest position first
    heap = [(i, word) for word in prefixes if (i := low.find(word, pos)) >= 0]
    heapq.heapify(heap)
    end, tried = -1, -1
    while heap:
        i = heap[0][0]
        at = low.rfind("\n", 0, i) + 1 if line_start else i
        if at >= end and at >= pos and at != tried:  # not inside the last match, nor tried
            tried = at
            if rx is None:
                rx = compiled(pattern)
            m = rx.match(text, at)
            if m:
                end = m.end()
                yield m
        nxt = max(i + 1, end)  # an occurrence inside the match just found is never tried
        while heap and heap[0][0] == i:
            word = heap[0][1]
            j = low.find(word, nxt)
            if j >= 0:
                heapq.heapreplace(heap, (j, word))
            else:
                heapq.heappop(heap)


LIST_ITEMS = 2  # short list items under a heading that together say something
LIST_WORDS = 5


def _real_content(t: Text, body) -> Any:
    """The first sentence under a heading that says something (not a cross-reference or mention):
    a sentence of five words or more, a phone number or e-mail, or a list of at least two short
    items ("Højt fravær", "Isolation") with five words between them."""
    items, words = [], 0
    for s in body:
        raw = t.raw(s)
        if s.start in t.blocked or t.mention(s) or CROSS_REF.search(raw) or "[UDFYLD" in raw:
            continue
        if len(raw.split()) >= 5 or re.search(r"\d\d ?\d\d ?\d\d ?\d\d|@", raw):
            return s
        if re.search(r"\w\w", raw):
            items.append(s)
            words += len(raw.split())
    if len(items) >= LIST_ITEMS and words >= LIST_WORDS:
        return items[0]
    return None


class Matcher:
    """The hits of one requirement's items, graded."""

    def __init__(self, t: Text, check: dict, rset: Any, index: Any) -> None:
        self.t = t
        self.index = index
        self.exclude = [compiled(p) for p in check.get("exclude", []) + rset.exclude_all]
        self.hedges = [compiled(p) for p in check.get("hedges", [])]
        self.negation = check.get("negation", True)
        self.demote = [(compiled(p), d["note"]) for d in check.get("demote", []) for p in d["patterns"]]

    def hits(self, items: list, limit: int = 200, grade: bool = True) -> Iterator[Hit]:
        produced = (self._item(item, grade) for item in items)
        return itertools.islice(itertools.chain.from_iterable(produced), limit)

    def _item(self, item: Any, grade: bool) -> Iterator[Hit]:
        if isinstance(item, str):
            found = _matches(self.t, item)
            for m in found:
                s = self.t.sentence_at(m.start())
                while s.heading and m.end() > s.end:  # from a heading into the text below: try below
                    found = _matches(self.t, item, s.end)
                    nxt = next(found, None)
                    if nxt is None:
                        return
                    m, s = nxt, self.t.sentence_at(nxt.start())
                h = self._grade(m.start(), m.end()) if grade else Hit(m.start(), m.end(), "strong")
                if h is not None:
                    yield h
        elif "all" in item:
            yield from self._together(item["all"])
        else:
            yield from self._headings(item["heading"])

    def _together(self, concepts: list[str]) -> Iterator[Hit]:
        t, index = self.t, self.index
        last = -1
        for a, _ in index.hits(concepts[0]):
            si = t.index(a)
            if si == last:
                continue
            s = t.sentences[si]
            spans = [(a, a)]
            for c in concepts[1:]:
                found = index.search(c, s.start, s.end)
                if found is None:
                    break
                spans.append(found)
            else:
                last = si
                h = self._grade(min(x for x, _ in spans), max(y for _, y in spans), title=True)
                if h is not None:
                    yield h

    def _headings(self, patterns: list[str]) -> Iterator[Hit]:
        t = self.t
        rxs = [compiled(p) for p in patterns]
        for i, s in enumerate(t.sentences):
            if i == 0 and len(t.sentences) > 1:
                continue  # the document's title: everything is below it, so it scopes nothing
            if not s.heading or not any(rx.search(t.masked(s)) for rx in rxs):
                continue
            heading = t.raw(s)
            content = _real_content(t, t.body(i))
            if content is not None:
                yield Hit(content.start, content.end, "strong", heading=heading)
            else:
                yield Hit(s.start, s.end, "bare", f"overskriften “{heading}” står uden indhold")

    def _grade(self, a: int, b: int, title: bool = False) -> Hit | None:
        """None when the hit is no evidence at all (placeholder, excluded, inside a heading).
        With `title`, the document's first heading counts: a title states the plan's scope."""
        t = self.t
        s = t.sentence_at(a)
        sentence = t.masked(s)
        if s.start in t.blocked or "[UDFYLD" in sentence or any(x.search(sentence) for x in self.exclude):
            return None
        if t.has_headings and not (title and s is t.sentences[0]):
            first, last = t.line_index(a), t.line_index(max(b - 1, a))
            if all(t.doc.lines[i].heading for i in range(first, last + 1)):
                return None
        if self.negation and NEGATION.search(t.match, max(s.start, a - NEGATION_REACH), b):
            return Hit(a, b, "negated")
        if any(rx.search(sentence) for rx in self.hedges):
            return Hit(a, b, "hedged")
        for rx, note in self.demote:
            if rx.search(sentence):
                return Hit(a, b, "weak", note)
        mention = t.mention(s)
        if mention:
            return Hit(a, b, "weak", f"kun nævnt i {MENTIONS[mention]}")
        return Hit(a, b, "strong")
