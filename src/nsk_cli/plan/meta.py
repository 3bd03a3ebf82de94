"""What a plan says about itself: its municipality and its title.

- The municipality is the one of Denmark's 98 named most often as "<Navn> Kommune", "<Navn>
  Kommunes" or "<Navn> Byråd" ("Infohus Kommune" is a forum, not a municipality). A tie goes
  to the one named first.
- The title is the plan's first line when that line reads as a title: short, not a sentence,
  not a section heading ("Forord", "1. Introduktion", "Indhold") and naming a plan or its topic.
  Otherwise it is left empty: a wrong title is worse than none.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from nsk_cli.plan.document import Document

_SECTION = re.compile(
    r"^\W*(\d+(\.\d+)*\.?\s|kapitel\s+\d|(forord|indledning|introduktion|indhold|indholdsfortegnelse|"
    r"baggrund|formål|resum[eé]|sammenfatning|læsevejledning|bilag|side\s+\d|ansvar|opfølgning)\b)",
    re.IGNORECASE,
)
_TOPIC = re.compile(
    r"plan|beredskab|strategi|retningslinje|social kontrol|æres|ekstremisme|radikalisering|§ ?12 ?a",
    re.IGNORECASE,
)
TITLE_LINES = 3  # a title stands among the first few lines (a cover page's lines)


@functools.lru_cache(maxsize=4)
def _kommune_rx(names: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict[str, str]]:
    alias = {}
    for spoken, canonical in names:
        alias[spoken.casefold()] = canonical
    body = "|".join(re.escape(a) for a in sorted({s for s, _ in names}, key=len, reverse=True))
    # anchored at the end of the text before a "Kommune": tried only where that word stands
    rx = re.compile(rf"(?<![\w-])({body})\s+$", re.IGNORECASE)
    return rx, alias


_KOMMUNE_WORD = re.compile(r"\s(?:Kommunes?|Byråd(?:et|s)?)\b", re.IGNORECASE)
_LONGEST_NAME = 40  # characters: "Ringkøbing-Skjern" and every alias fit


def kommune(doc: Document, municipalities: Iterable) -> str | None:
    """The plan's municipality by its short name ("Faxe", "Ishøj"), or None."""
    names: list[tuple[str, str]] = []
    for m in municipalities:
        short = re.sub(r"\s+Kommune$", "", m.name)
        if short.endswith("s") and short[:-1] in m.aliases:  # "Københavns Kommune" -> København
            short = short[:-1]
        for spoken in {short, *m.aliases}:
            names.append((spoken, short))
    if not names:
        return None
    rx, alias = _kommune_rx(tuple(sorted(names)))
    counts: Counter = Counter()
    first: dict[str, int] = {}
    text = doc.text
    for kw in _KOMMUNE_WORD.finditer(text):  # a few dozen places, not every character of the plan
        start = max(0, kw.start() - _LONGEST_NAME)
        mt = rx.search(text, start, kw.start() + 1)
        if mt is None:
            continue
        name = alias[mt.group(1).casefold()]
        counts[name] += 1
        first.setdefault(name, mt.start())
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first[n]))


def title(doc: Document) -> str:
    """The plan's title, or "" when its first lines do not read as one."""
    for ln in [ln for ln in doc.lines if ln.text.strip()][:TITLE_LINES]:
        text = re.sub(r"^(titel|title)\s*:\s*", "", ln.text.strip(" #*\t"), flags=re.IGNORECASE)
        if _SECTION.match(text):
            return ""  # the document starts with a section: it has no title of its own
        if len(text) > 150 or re.search(r"[.:;,]$", text) or len(text.split()) > 30 or text[:1].islower():
            continue
        if _TOPIC.search(text):
            return text
    return ""
