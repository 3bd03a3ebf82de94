"""Danger findings: sentences that tell staff to do what can put the person at risk.

The rules are data (`dangers:` in rules/krav/*.yaml): a sentence is a danger when it matches an
item of `match` (a pattern, or `{all: [begreb, ...]}`: a pattern of each named concept occurs in
the sentence, in any order), or when it stands under a heading that `under.heading` names and
matches `under.match`. It is not a danger when it is negated ("Kontakt ikke forældrene", "Lov
aldrig ..."), when `unless` matches the sentence, when `skip_under` matches its heading, or, for
an `under` hit, when `unless_section` matches the section. The concepts of one item must stand
within WITHIN characters of its first concept: one instruction, not a long report sentence.
Headings and table-of-contents entries are never instructions, and neither is an item of a list
of don'ts (under "Du må ikke:" or a heading such as "Det må du ikke gøre").

Negation is the plan reader's (plan.grading.NEGATION): a negation word within NEGATION_REACH
characters before the item's first concept (its verb: "må ikke kontaktes") or just after it
("Kontakt ikke", "Lov aldrig"). Any occurrence of the first concept that is negated clears the
sentence: a sentence that both negates and instructs is left to the reader, never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nsk_cli.core.privacy import masked_excerpt
from nsk_cli.plan.grading import NEGATION, NEGATION_REACH, _prefixes, compiled, readable
from nsk_cli.plan.requirements import Danger, RequirementSet
from nsk_cli.plan.text import Sentence, Text

WITHIN = 90  # characters around the first concept that the others must stand within
AFTER_REACH = 14  # characters after the verb a negation reaches ("Kontakt ikke", "Lov aldrig")
_BEFORE_REACH = NEGATION_REACH + 10  # "må under ingen omstændigheder kontaktes"


class _LazyPatterns(dict):
    """A concept's one expression (its patterns as alternatives), compiled when first asked
    for: most concepts never come up in a plan, and compiling them all was a tenth of a run."""

    def __init__(self, concepts: dict[str, list[str]]) -> None:
        super().__init__()
        self.concepts = concepts

    def __missing__(self, name: str) -> re.Pattern:
        rx = re.compile("|".join(f"(?:{readable(p)})" for p in self.concepts[name]), re.I)
        self[name] = rx
        return rx


class _Concepts:
    def __init__(self, concepts: dict[str, list[str]]) -> None:
        self.rx = _LazyPatterns(concepts)
        # The literal words every match of a concept starts with, where its patterns make that
        # plain: a sentence without any of them cannot match (str 'in' is far cheaper than re).
        self.words: dict[str, tuple[str, ...] | None] = {}
        for name, pats in concepts.items():
            words: list[str] = []
            for p in pats:
                first = _prefixes(p)
                if first is None:  # a pattern whose first word is not plain: always search
                    words = []
                    break
                words += first
            self.words[name] = tuple(words) or None
        self._order: dict[tuple[str, ...], tuple[str, ...]] = {}

    def cheap_first(self, names: list[str]) -> tuple[str, ...]:
        """The concepts in the order to test whether all occur: those with literal first words
        (a sentence without them is rejected without a regex) before those without, so that
        an expensive concept ('akut_fare') is only searched where the cheap ones occur."""
        key = tuple(names)
        if key not in self._order:
            self._order[key] = tuple(sorted(key, key=lambda c: self.words[c] is None))
        return self._order[key]


def _anchors(item, sentence: str, concepts: _Concepts, present) -> list[tuple[int, int]] | None:
    """The spans of the item's first concept (or pattern) in the sentence, or None when the
    item does not match. ``present(concept)`` says whether a concept occurs in the sentence at
    all (memoised per sentence: the rules share their concepts)."""
    if isinstance(item, str):
        words = _prefixes(item)  # a sentence without the pattern's literal first words: no regex
        if words is not None and not any(w in present.low for w in words):
            return None
        found = [m.span() for m in compiled(item).finditer(sentence)]
        if not found:
            return None
        first = re.match(r"\W*\w+", sentence[found[0][0] :])
        return [(a, a + (first.end() if first else b - a)) for a, b in found]
    names = item["all"]
    if not all(present(c) for c in concepts.cheap_first(names)):
        return None
    spans = [
        (a, b)
        for a, b in (m.span() for m in concepts.rx[names[0]].finditer(sentence))
        if all(concepts.rx[c].search(sentence, max(0, a - WITHIN), b + WITHIN) for c in names[1:])
    ]
    return spans or None


class _Present:
    """Whether a concept occurs in one sentence, each concept tested at most once: a sentence
    without any of a concept's literal first words is not searched at all."""

    def __init__(self, concepts: _Concepts, sentence: str) -> None:
        self.concepts, self.sentence, self.low = concepts, sentence, sentence.lower()
        self.seen: dict[str, bool] = {}

    def __call__(self, concept: str) -> bool:
        if concept not in self.seen:
            words = self.concepts.words[concept]
            if words is not None and not any(w in self.low for w in words):
                self.seen[concept] = False
            else:
                self.seen[concept] = self.concepts.rx[concept].search(self.sentence) is not None
        return self.seen[concept]


def _negated(sentence: str, anchors: list[tuple[int, int]]) -> bool:
    return any(NEGATION.search(sentence, max(0, a - _BEFORE_REACH), b + AFTER_REACH) for a, b in anchors)


def _any(patterns: list[str], text: str | None) -> bool:
    return bool(text) and any(compiled(p).search(text) for p in patterns)


def _section_text(t: Text, s: Sentence) -> str:
    if s.section is None:
        return ""
    return " ".join(t.masked(x) for x in [t.sentences[s.section], *t.body(s.section)])


_ITEM = re.compile(r"^\W*([•●▪◦*–-]|\d+[.)])\s")
_DONT = re.compile(r"\b(undgå|undlad|pas på|faldgrube\w*)\b", re.IGNORECASE)


def _list_of_donts(t: Text, i: int) -> bool:
    """A list item under an intro that negates: "Du må ikke:" / "Undgå at:" then "• kontakte ...";
    also a list under a heading that negates ("Det må du ikke gøre")."""
    for s in reversed(t.sentences[:i]):
        raw = t.raw(s)
        if _ITEM.match(raw) and not s.heading:
            continue
        negates = bool(NEGATION.search(raw) or _DONT.search(raw))
        return negates and (s.heading or raw.rstrip().endswith(":"))
    return False


def _candidates(t: Text) -> Iterator[tuple[int, Sentence, str]]:
    for i, s in enumerate(t.sentences):
        if s.heading:
            continue
        yield i, s, " ".join(t.masked(s).split())  # one line: a pattern's space matches a line break


def _not_an_instruction(t: Text, i: int, s: Sentence) -> bool:
    """A table-of-contents entry, a link, or an item of a list of don'ts: never a danger. Asked
    only of a sentence that matched a rule (these tests are dearer than the match)."""
    return t.mention(s) in ("toc", "link") or bool(_ITEM.match(t.raw(s)) and _list_of_donts(t, i))


def find(t: Text, rset: RequirementSet) -> list[Danger]:
    """Every danger in the document, at most one per sentence, in document order. Their
    sentences are added to `t.blocked`, so that they never count as evidence."""
    if not rset.dangers:
        return []
    concepts = _Concepts(rset.danger_concepts)
    found: dict[int, Danger] = {}
    by_heading: dict[tuple[int, str, str | None], bool] = {}  # a heading's tests, once per heading
    by_sentence: dict[tuple[str, int, str], bool] = {}

    def memo(key: tuple[str, int, str], test, *args) -> bool:
        if key not in by_sentence:
            by_sentence[key] = bool(test(*args))
        return by_sentence[key]

    def heading_is(i: int, key: str, patterns: list[str], heading: str | None) -> bool:
        k = (i, key, heading)
        if k not in by_heading:
            by_heading[k] = _any(patterns, heading)
        return by_heading[k]

    for idx, s, sentence in _candidates(t):
        heading = t.heading_of(s)
        present = _Present(concepts, sentence)

        for i, rule in enumerate(rset.dangers):
            if s.start in found:
                break
            # the match first (most sentences match nothing); the exceptions only for a hit. A
            # sentence met before (a page's header or footer, a repeated instruction) is not
            # matched again: the match and `unless` depend on its words alone.
            hit = memo(("match", i, sentence), _hit, rule["match"], sentence, concepts, present)
            under = rule.get("under")
            if not hit and under and heading_is(i, "under", under["heading"], heading):
                hit = memo(
                    ("under", i, sentence), _hit, under["match"], sentence, concepts, present
                ) and not _any(under.get("unless_section") or [], _section_text(t, s))
            if hit and (
                heading_is(i, "skip", rule.get("skip_under") or [], heading)
                or memo(("unless", i, sentence), _any, rule.get("unless") or [], sentence)
            ):
                hit = False
            if hit and _not_an_instruction(t, idx, s):
                break
            if hit:
                ln = t.doc.lines[t.line_index(s.start)]
                text = masked_excerpt(t.raw(s), 300)
                where = masked_excerpt(heading, 120) if heading else None
                found[s.start] = Danger(
                    rule["id"],
                    rule["title"],
                    rule["why"],
                    rule.get("legal_ref"),
                    ln.page,
                    ln.line,
                    text,
                    where,
                )
    t.blocked |= set(found)
    return [found[k] for k in sorted(found)]


def _hit(items: list, sentence: str, concepts: _Concepts, present) -> bool:
    for item in items:
        anchors = _anchors(item, sentence, concepts, present)
        if anchors and not _negated(sentence, anchors):
            return True
    return False
