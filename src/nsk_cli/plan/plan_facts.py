"""What a plan writes about itself and its contacts, in the forms Danish plans use: opening hours
('mandag-torsdag kl. 8.00-15.00', 'hele døgnet') and the plan's own date (its municipality:
plan.meta.kommune)."""

from __future__ import annotations

import re

from nsk_cli.core.text import fold
from nsk_cli.plan.document import Document, Line

_HOURS_LINE = re.compile(
    r"\b(kl\.|klokken|åben|åbent|åbningstid|telefontid|træffes|hverdage|man|mandag)\b", re.I
)


def hours_near(lines: list[Line]) -> tuple[str | None, str | None]:
    """Opening hours the plan states near a contact: (data format, the plan's words)."""
    from nsk_cli.contacts.hours import ALWAYS, parse_hours

    for ln in lines:
        folded = fold(ln.text)
        if re.search(r"doegnet rundt|hele doegnet|alle doegnets|24 timer i doegnet|24/7", folded):
            return ALWAYS, ln.text
        if not _HOURS_LINE.search(ln.text):
            continue
        spec = _read_hours(ln.text)
        if spec:
            try:
                parse_hours(spec)
            except ValueError:
                return None, ln.text
            return str(spec) if isinstance(spec, str) else spec, ln.text
    return None, None


_DAY = {
    "mandag": "man", "man": "man", "tirsdag": "tir", "tir": "tir", "onsdag": "ons", "ons": "ons",
    "torsdag": "tor", "tor": "tor", "fredag": "fre", "fre": "fre", "lørdag": "lør", "lør": "lør",
    "søndag": "søn", "søn": "søn",
}  # fmt: skip
_DAYS = "|".join(sorted(_DAY, key=len, reverse=True))
_TIME = r"(\d{1,2})(?:[.:](\d{2}))?"
_SPAN = re.compile(
    rf"(?:(hverdage|alle hverdage)|({_DAYS})\.?(?:\s*(?:-|–|til)\s*({_DAYS})\.?)?)\s*(?:fra\s*)?(?:kl\.?\s*)?"
    rf"{_TIME}\s*(?:-|–|til)\s*(?:kl\.?\s*)?{_TIME}",
    re.I,
)


def _read_hours(text: str):
    """'man-tor kl. 8.00-15.00, fre 8-13.30' -> {'man-tor': '08:00-15:00', 'fre': '08:00-13:30'}."""
    out: dict[str, str] = {}
    for m in _SPAN.finditer(text):
        if m.group(1):
            days = "man-fre"
        else:
            a = _DAY[m.group(2).lower()]
            days = f"{a}-{_DAY[m.group(3).lower()]}" if m.group(3) else a
        h1, m1, h2, m2 = m.group(4), m.group(5) or "00", m.group(6), m.group(7) or "00"
        if int(h1) > 24 or int(h2) > 24:
            return None
        out[days] = f"{int(h1):02d}:{m1}-{int(h2):02d}:{m2}"
    return out or None


_DATED = re.compile(r"\b(vedtaget|godkendt|opdateret|revideret|udgivet|version|dato)\b", re.I)


def plan_date(doc: Document) -> str | None:
    """The plan's own date as it writes it ('April 2024'): a line that is only a date (a title
    page, a last page), or a date on a line that says the plan was adopted, updated or issued.
    A date in running text ('barnets lov trådte i kraft 1. januar 2024') is not the plan's."""
    from nsk_cli.plan.dates import find_dates

    for ln in doc.lines:
        text = ln.text.strip(" .")
        found = [d for d in find_dates(text) if not re.fullmatch(r"\d{4}", d.text.strip())]
        if not found:
            continue
        if found[0].text.strip() == text or (_DATED.search(text) and len(text) < 80):
            return found[0].text.strip()
    return None
