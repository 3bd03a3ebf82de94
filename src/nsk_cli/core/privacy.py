"""CPR-like numbers: detect and mask them in everything nsk prints or writes.

A CPR-like number is a valid calendar date DDMMYY followed by four digits, with
or without a dash or space between (``010190-1234``, ``0101901234``,
``010190 1234``). The modulus-11 check is deliberately not used: numbers issued
since 2007 need not satisfy it.
"""

from __future__ import annotations

import re
from datetime import date

_CPR = re.compile(r"(\d{2})(\d{2})(\d{2})[- ]?(\d{4})")
MASK = "XXXXXX-XXXX"


def _valid_date(dd: str, mm: str, yy: str) -> bool:
    day, month, year = int(dd), int(mm), int(yy)
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def _standalone(text: str, a: int, b: int) -> bool:
    """Not part of a longer number (or a dashed code): no digit or '-' right before or after."""
    before = text[a - 1] if a > 0 else ""
    after = text[b] if b < len(text) else ""
    return not (before.isdigit() or before == "-" or after.isdigit() or after == "-")


def find_cpr(text: str) -> list[tuple[int, int]]:
    """Spans of CPR-like numbers in text."""
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _CPR.search(text, pos)
        if not m:
            return out
        a, b = m.span()
        if _standalone(text, a, b) and _valid_date(m.group(1), m.group(2), m.group(3)):
            out.append((a, b))
            pos = b
        else:
            pos = a + 1


def has_cpr(text: str) -> bool:
    return bool(find_cpr(text))


def mask(text: str) -> str:
    """Replace every CPR-like number with XXXXXX-XXXX."""
    spans = find_cpr(text)
    if not spans:
        return text
    out, last = [], 0
    for a, b in spans:
        out.append(text[last:a])
        out.append(MASK)
        last = b
    out.append(text[last:])
    return "".join(out)
