"""Dates in the forms Danish plans write them.

24. juni 2024   24 juni 2024   juni 2024   2024-06-24   24.06.2024   24/6-2024   2028
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from msgspec import Struct

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(19[5-9]\d|20\d\d)"

PATTERNS = [
    ("iso", re.compile(rf"\b{_YEAR}-(\d{{1,2}})-(\d{{1,2}})\b")),
    ("dmy_text", re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH})\.?\s+{_YEAR}\b", re.IGNORECASE)),
    ("dmy_num", re.compile(rf"\b(\d{{1,2}})[./](\d{{1,2}})[./ -]\s?{_YEAR}\b")),
    ("my", re.compile(rf"\b({_MONTH})\.?\s+{_YEAR}\b", re.IGNORECASE)),
    ("y", re.compile(rf"(?<![\d./-]){_YEAR}(?![\d/-])")),
]


class FoundDate(Struct, frozen=True):
    start: date  # earliest day the text can mean
    end: date  # latest day ("juni 2024" -> 30 June; "2028" -> 31 December)
    text: str
    pos: int


def find_dates(text: str) -> list[FoundDate]:
    """All dates in text, most specific reading first at each position, no overlaps."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            a, b = m.span()
            if any(a < tb and ta < b for ta, tb in taken):
                continue
            try:
                if kind == "iso":
                    d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                    start = end = d
                elif kind == "dmy_text":
                    d = date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
                    start = end = d
                elif kind == "dmy_num":
                    d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                    start = end = d
                elif kind == "my":
                    y, mo = int(m.group(2)), MONTHS[m.group(1).lower()]
                    start, end = date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
                else:
                    y = int(m.group(1))
                    start, end = date(y, 1, 1), date(y, 12, 31)
            except ValueError:
                continue
            taken.append((a, b))
            found.append(FoundDate(start, end, m.group(0), a))
    return sorted(found, key=lambda f: f.pos)
