"""Concepts: named lists of Danish words, matched by stem so that inflections and compounds count.

A word of a concept matches a word of the text when their Snowball stems (Danish) are equal,
when the text's stem starts with the concept's (inflection: "forebygger" ~ "forebyggelse" via
"forebyg"), or when it ends with it (a compound's head: "børnesamtale" ~ "samtale"). A concept
word with a space is a phrase: each of its words must follow in order.

The requirement sets declare the concepts (rules/krav/*.yaml, `concepts:`); a phrase group can
then ask for a sentence that holds a word of each of several concepts, in any order
(`{all: [ekstremisme, indsats]}`), which is how Danish reads: "hvordan vi forebygger og
håndterer bekymringer om ekstremisme" as well as "ekstremisme håndteres ...".
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

_WORD = re.compile(r"[0-9a-zæøåéü]+", re.IGNORECASE)
MIN_AFFIX = 4  # a stem shorter than this must match a whole word's stem


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("danish")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def _starting(ordered: list[str], prefix: str) -> Iterator[str]:
    """The strings of a sorted list that start with ``prefix``."""
    i = bisect.bisect_left(ordered, prefix)
    while i < len(ordered) and ordered[i].startswith(prefix):
        yield ordered[i]
        i += 1


def distinct_words(lower: str) -> set[str]:
    """The distinct words of a lower-cased text. A word never spans white space, so the distinct
    space-separated tokens hold them all, at a fraction of a scan of the whole text."""
    return set(_WORD.findall(" ".join(set(lower.split()))))


class Index:
    """Where each concept occurs in a text. The text's distinct words are stemmed once; a
    concept becomes one regular expression over the words whose stems match, so the scan
    itself runs at the speed of the regex engine."""

    def __init__(self, text: str, concepts: dict[str, list[str]], words: set[str] | None = None) -> None:
        self.lower = text.lower()
        self.flags = 0
        if len(self.lower) != len(text):  # lower() moved offsets (rare letters): match case-blind
            self.lower, self.flags = text, re.IGNORECASE
            words = None
        # the text's distinct words (``words``: distinct_words of this text, when known)
        self.stems = {w: stem(w) for w in (distinct_words(self.lower) if words is None else words)}
        self.concepts = concepts
        self._rx: dict[str, re.Pattern | None] = {}
        self._sorted: tuple[dict[str, list[str]], list[str], list[str]] | None = None

    def _by_stem(self) -> tuple[dict[str, list[str]], list[str], list[str]]:
        """The text's words by stem, and the stems sorted forwards and backwards (reversed), so
        that the stems starting or ending with a part are found by bisection, not by a scan of
        every word in the text for every part."""
        if self._sorted is None:
            words: dict[str, list[str]] = {}
            for w, s in self.stems.items():
                words.setdefault(s, []).append(w)
            self._sorted = (words, sorted(words), sorted(s[::-1] for s in words))
        return self._sorted

    def _words(self, part: str) -> list[str]:
        """The text's words whose stem is the part's, or (for a stem of MIN_AFFIX letters or
        more) starts or ends with it."""
        p = stem(part)
        words, forwards, backwards = self._by_stem()
        if len(p) < MIN_AFFIX:
            return list(words.get(p, ()))
        found = set(_starting(forwards, p))
        found.update(s[::-1] for s in _starting(backwards, p[::-1]))
        return [w for s in found for w in words[s]]

    def regex(self, concept: str) -> re.Pattern | None:
        """One expression for the concept over this text's words; None when none occur."""
        if concept in self._rx:
            return self._rx[concept]
        alternatives = []
        for term in self.concepts[concept]:
            parts = [self._words(p) for p in term.split()]
            if all(parts):
                alternatives.append(r"\s+".join("(?:" + "|".join(sorted(ws)) + ")" for ws in parts))
        rx = None
        if alternatives:
            body = "|".join(alternatives)
            rx = re.compile(rf"(?<![0-9a-zæøåéü])(?:{body})(?![0-9a-zæøåéü])", self.flags)
        self._rx[concept] = rx
        return rx

    def hits(self, concept: str) -> Iterator[tuple[int, int]]:
        """(start, end) character spans where the concept occurs, in text order (lazily)."""
        rx = self.regex(concept)
        if rx is not None:
            for m in rx.finditer(self.lower):
                yield m.span()

    def search(self, concept: str, a: int, b: int) -> tuple[int, int] | None:
        """The first place the concept occurs between a and b."""
        rx = self.regex(concept)
        m = rx.search(self.lower, a, b) if rx is not None else None
        return m.span() if m else None
