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

_WORD = re.compile(r"[0-9a-zæøåéü]+", re.IGNORECASE)
MIN_AFFIX = 4  # a stem shorter than this must match a whole word's stem


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("danish")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def _word_matches(token_stem: str, term_stem: str) -> bool:
    if token_stem == term_stem:
        return True
    if len(term_stem) < MIN_AFFIX:
        return False
    return token_stem.startswith(term_stem) or token_stem.endswith(term_stem)


class Index:
    """The words of a text with their positions, and where each concept occurs."""

    def __init__(self, text: str, concepts: dict[str, list[str]]) -> None:
        self.positions: list[int] = []
        self.ends: list[int] = []
        self.stems: list[str] = []
        for m in _WORD.finditer(text):
            self.positions.append(m.start())
            self.ends.append(m.end())
            self.stems.append(stem(m.group(0)))
        self.unique = set(self.stems)
        self.concepts = concepts
        self._hits: dict[str, list[tuple[int, int]]] = {}

    def hits(self, concept: str) -> list[tuple[int, int]]:
        """(start, end) character spans where the concept occurs, in text order."""
        if concept in self._hits:
            return self._hits[concept]
        terms = [[stem(w) for w in term.split()] for term in self.concepts[concept]]
        first = {s: [t for t in terms if _word_matches(s, t[0])] for s in self.unique}
        first = {s: ts for s, ts in first.items() if ts}
        out: list[tuple[int, int]] = []
        stems = self.stems
        for i, s in enumerate(stems):
            for term in first.get(s, ()):
                if all(i + k < len(stems) and _word_matches(stems[i + k], t) for k, t in enumerate(term)):
                    out.append((self.positions[i], self.ends[i + len(term) - 1]))
                    break
        self._hits[concept] = out
        return out

    def in_span(self, concept: str, a: int, b: int) -> list[tuple[int, int]]:
        hits = self.hits(concept)
        i = bisect.bisect_left(hits, (a, -1))
        out = []
        while i < len(hits) and hits[i][0] < b:
            out.append(hits[i])
            i += 1
        return out
