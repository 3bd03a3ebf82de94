"""CPR-like numbers: detect and mask them in everything nsk prints or writes.

A CPR-like number is a valid calendar date DDMMYY followed by four digits, with nothing,
a dash or spaces between the two parts: ``010190-1234``, ``0101901234``, ``010190 1234``,
``010190 - 1234``, ``010190–1234`` (any Unicode dash, incl. the non-breaking hyphen U+2011
and the minus sign U+2212; any Unicode space or line break, invisible joiners, and the escapes
repr() and JSON write for invisible characters). Whatever stands around it does not matter:
letters, punctuation, even digits (``Sag-010190-1234``, ``(010190-1234-A)``, a footnote
``010190-1234¹`` that text normalisation turns into ``010190-12341``). A longer number
that starts with a valid date is therefore masked in its first ten digits; numbers that do
not (phone numbers, ``12345678901``) are left alone.
The modulus-11 check is deliberately not used: numbers issued since 2007 need not satisfy it.

Linear time: one regular-expression pass whose every attempt is bounded in length; a
candidate with an impossible date is skipped one character on, never rescanned.
"""

from __future__ import annotations

import re
from datetime import date

# Dashes: ASCII, soft hyphen, U+2010-2015 (hyphen, non-breaking hyphen, figure dash, en/em
# dash, horizontal bar), hyphen bullet, minus sign, small/full-width hyphen-minus.
DASHES = "-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
# Space-like: every Unicode space (\s: incl. no-break and thin spaces, tabs and line breaks),
# invisible joiners, and the escapes repr() and JSON write for invisible characters (\xad,
# \u2060, \t ...): "ukendt kommune '010203\xa01234'" must not show the number because of them.
_ESCAPE = r"\\{1,4}(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[tnr])"  # also repr inside JSON
_SPACE = rf"(?:[\s\u200b\u200c\u200d\u2060\ufeff]|{_ESCAPE})"
_GAPS = 8  # a tab expanded to spaces by the terminal renderer is up to eight
_CPR = re.compile(
    rf"(\d\d)(\d\d)(\d\d)(?:{_SPACE}{{0,{_GAPS}}}[{re.escape(DASHES)}]{{0,2}}{_SPACE}{{0,{_GAPS}}})(\d{{4}})"
)
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


def find_cpr(text: str) -> list[tuple[int, int]]:
    """Spans of CPR-like numbers in text, in order and not overlapping."""
    out: list[tuple[int, int]] = []
    pos = 0
    search = _CPR.search
    while True:
        m = search(text, pos)
        if not m:
            return out
        if _valid_date(m.group(1), m.group(2), m.group(3)):
            out.append(m.span())
            pos = m.end()
        else:
            pos = m.start() + 1


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


_LONGEST = 6 + _GAPS * 13 + 2 + _GAPS * 13 + 4  # the longest text a CPR-like number can span (\U escapes)


def masked_excerpt(text: str, limit: int) -> str:
    """``text`` masked, without terminal controls, and cut to at most ``limit`` characters
    ("…" marks a cut). Only the
    start is scanned, so an excerpt of a huge text costs O(limit); a CPR number is masked
    before the cut, never cut in half (a number cut off at the end of the scanned head stays
    in the part that is dropped: masking and stripping never shorten the text that much)."""
    n = limit + _LONGEST
    while True:
        head = mask(strip_controls(text[:n]))
        if n >= len(text) or len(head) >= limit + _LONGEST:
            break
        n *= 2
    return head if len(head) <= limit else head[: limit - 1] + "…"


# Terminal control: CSI sequences (ESC [ ... final byte), OSC sequences terminated on the same
# line (ESC ] ... BEL or ESC \), any other ESC, the C0 controls except tab and newline (a
# carriage return only before a newline), DEL, the C1 controls (U+0080-U+009F: U+009B is a
# one-character CSI on some terminals) and the bidirectional overrides and isolates.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)"
    r"|\r(?!\n)|[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
_SGR = re.compile(r"\x1b\[(?:\d{1,3}(?:;\d{1,3})*)?m")  # short parameters only: never a number


def strip_controls(text: str, keep_colours: bool = False) -> str:
    """Text that cannot drive a terminal: no escape sequences (clear screen, window title,
    cursor moves, hyperlinks), no control characters, no bidirectional overrides. Colour codes
    (SGR, ``ESC[...m``) are kept only with ``keep_colours``, for nsk's own coloured output."""
    if keep_colours:
        return _CONTROL.sub(lambda m: m.group() if _SGR.fullmatch(m.group()) else "", text)
    return _CONTROL.sub("", text)


def safe(text: str, keep_colours: bool = False) -> str:
    """What nsk may show: terminal controls removed, then CPR numbers masked (in that order, so
    an escape sequence inside a number cannot hide it). With ``keep_colours`` the colour codes
    stay, unless one of them sits inside a CPR-like number: then the text is shown plain."""
    plain = mask(strip_controls(text))
    if not keep_colours:
        return plain
    coloured = mask(strip_controls(text, keep_colours=True))
    return coloured if _SGR.sub("", coloured) == plain else plain
