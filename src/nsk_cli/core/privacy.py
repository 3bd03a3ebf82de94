"""CPR-like numbers: detect and mask them in everything nsk prints or writes.

A CPR-like number is a valid calendar date DDMMYY followed by four digits, with nothing,
a dash, an underscore, a slash or spaces between the two parts: ``010190-1234``,
``0101901234``, ``010190 1234``, ``010190 - 1234``, ``010190_1234``, ``010190/1234``,
``010190–1234`` (any Unicode dash, incl. the non-breaking hyphen U+2011 and the minus sign
U+2212; any Unicode space or line break, and the escapes repr() and JSON write for invisible
characters); the date may be written with dots (``01.01.90-1234``), and the number may be
spaced out one digit per box as PDF comb fields extract it (``0 1 0 1 9 0 - 1 2 3 4``).
Unicode's default-ignorable code points (word joiner, invisible operators, zero-width and bidi
marks, variation selectors ...) are seen through anywhere in the number, and removed from
everything nsk shows; so are the escapes nsk writes for unseen characters in messages and file
names (``0102\\u206003-1234``, ``0102\\n03-1234``). Whatever stands around it does not matter:
letters, punctuation, even digits (``Sag-010190-1234``, ``(010190-1234-A)``, a footnote
``010190-1234¹`` that text normalisation turns into ``010190-12341``). A longer number
that starts with a valid date is therefore masked in its first ten digits; numbers that do
not (phone numbers, ``12345678901``) are left alone.
The modulus-11 check is deliberately not used: numbers issued since 2007 need not satisfy it.

Linear time: one pass to remove what cannot be seen, then one regular-expression pass whose
every attempt is bounded in length; a candidate with an impossible date is skipped one
character on, never rescanned.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import date

from nsk_cli.core.ignorable import CLASS as _IGNORABLE
from nsk_cli.core.ignorable import RANGES as _IGNORABLE_RANGES

# Between the date and the serial: dashes (ASCII, soft hyphen, U+2010-2015 (hyphen, non-breaking
# hyphen, figure dash, en/em dash, horizontal bar), hyphen bullet, minus sign, small/full-width
# hyphen-minus), an underscore or a slash.
DASHES = "-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d_/"
# Space-like between the date and the serial: every Unicode space (\s: incl. no-break and thin
# spaces, tabs and line breaks) and any escape repr() and JSON write (\xa0, \u2060, \t ...):
# "ukendt kommune '010203\xa01234'" must not show the number. Invisible characters (Unicode's
# default-ignorable list) and the escapes of unseen characters are removed before the number
# pattern runs, anywhere in the number (see find_cpr), so the pattern itself stays small:
# compiling one with Unicode's ignorable ranges at every digit cost a tenth of nsk's start-up.
# The escapes (also repr inside JSON), with the hex digits or the letter in groups 1-4:
_ESCAPED = re.compile(r"\\{1,4}(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([tnr]))")
_ESCAPE = _ESCAPED.pattern.replace("(", "(?:").replace("(?:?:", "(?:")  # the same, capturing nothing
_SPACE = rf"(?:\s|{_ESCAPE})"
_GAPS = 8  # a tab expanded to spaces by the terminal renderer is up to eight
_GAP = rf"(?:{_SPACE}{{0,{_GAPS}}}[{re.escape(DASHES)}]{{0,2}}{_SPACE}{{0,{_GAPS}}})"
_DOT = r"\.?"  # 01.02.03-1234
_COMB = r"[ \u00a0]{1,2}"  # a PDF comb field extracts one digit per box: 0 1 0 2 0 3
_DIGITS = r"(\d)"


def _after_first_digit(inner: str, between_pairs: str) -> str:
    d = _DIGITS
    date = f"{inner}{d}{between_pairs}{d}{inner}{d}{between_pairs}{d}{inner}{d}"
    return f"{date}{_GAP}{d}{inner}{d}{inner}{d}{inner}{d}"


# Written together (010203-1234, 01.02.03-1234) or spaced out one digit per box
# (0 1 0 2 0 3 - 1 2 3 4): ten digit groups whichever alternative matches.
_CPR = re.compile(f"{_DIGITS}(?:{_after_first_digit('', _DOT)}|{_after_first_digit(_COMB, _COMB)})")
_INVISIBLE = re.compile(f"[{_IGNORABLE}]+")
MASK = "XXXXXX-XXXX"


def _valid_date(m: re.Match[str]) -> bool:
    # the first digit, then nine groups for the written-together form and nine for comb fields
    digits = m.group(1, 2, 3, 4, 5, 6)
    if digits[1] is None:
        digits = m.group(1, 11, 12, 13, 14, 15)
    return _valid_ddmmyy("".join(digits))


@functools.lru_cache(maxsize=4096)
def _valid_ddmmyy(digits: str) -> bool:
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


# An escape that nsk itself writes for a character it will not print raw (shown_name, one_line,
# repr, JSON): "\\u2060", "\\xad", "\\n". Inside a number it stands where the invisible
# character stood, so the mask sees through it as through the character.
def _hides(m: re.Match[str]) -> bool:
    """Whether an escape stands for something unseen: an invisible character, a control
    character or white space."""
    if m.group(4):
        return True
    code = int(m.group(1) or m.group(2) or m.group(3), 16)
    if code > 0x10FFFF:
        return False
    ch = chr(code)
    return code < 0x20 or 0x7F <= code <= 0x9F or ch.isspace() or bool(_INVISIBLE.match(ch))


def _hidden_escapes(text: str) -> Iterator[re.Match[str]]:
    return (m for m in _ESCAPED.finditer(text) if _hides(m))


def _seen(text: str, stripped: bool = False) -> tuple[str, list[int], list[int]]:
    """``text`` without what cannot be seen (invisible characters and the escapes nsk writes for
    them), and where its pieces start in both texts (increasing lists: the i-th kept piece
    starts at ``kept[i]`` in the result and ``origin[i]`` in ``text``)."""
    pieces: list[str] = []
    kept: list[int] = []
    origin: list[int] = []
    last = length = 0
    # invisible characters are not ASCII and escapes are: the two never overlap
    hidden = [] if stripped else [m.span() for m in _INVISIBLE.finditer(text)]
    hidden += [m.span() for m in _hidden_escapes(text)]
    for start, end in sorted(hidden):
        if start > last:
            pieces.append(text[last:start])
            kept.append(length)
            origin.append(last)
            length += start - last
        last = end
    pieces.append(text[last:])
    kept.append(length)
    origin.append(last)
    return "".join(pieces), kept, origin


def find_cpr(text: str, first: bool = False, stripped: bool = False) -> list[tuple[int, int]]:
    """Spans of CPR-like numbers in text, in order and not overlapping (only the first one
    with ``first``). Invisible characters anywhere in a number are seen through: the search
    runs on the text without them, and the spans are mapped back, covering them. So are the
    escapes nsk writes for invisible and control characters (a file name in a message)."""
    kept: list[int] = []
    origin: list[int] = []
    # ``stripped``: strip_controls() has removed the invisible characters already
    if (not stripped and _has_invisible(text)) or ("\\" in text and any(True for _ in _hidden_escapes(text))):
        text, kept, origin = _seen(text, stripped)
    out: list[tuple[int, int]] = []
    pos = 0
    search = _CPR.search
    while True:
        m = search(text, pos)
        if not m:
            break
        if _valid_date(m):
            out.append(m.span())
            if first:
                break
            pos = m.end()
        else:
            pos = m.start() + 1
    if kept and out:
        import bisect

        def back(i: int) -> int:  # an index of a kept character, in the original text
            k = bisect.bisect_right(kept, i) - 1
            return origin[k] + i - kept[k]

        out = [(back(a), back(b - 1) + 1) for a, b in out]
    return out


_LONG = 8192  # characters: from here a text is searched for invisible characters as UTF-8


@functools.cache
def _invisible_utf8() -> re.Pattern[bytes]:
    """The UTF-8 forms of every default-ignorable code point, grouped by all but their last
    byte: a scan of the encoded text for them is three times quicker than a scan of the text
    for Unicode's ranges (most of a long plan is outside them, but not ASCII)."""
    tails: dict[bytes, list[int]] = {}
    for a, b in _IGNORABLE_RANGES:
        for cp in range(a, b + 1):
            utf8 = chr(cp).encode()
            tails.setdefault(utf8[:-1], []).append(utf8[-1])
    return re.compile(
        b"|".join(
            re.escape(head) + b"[" + b"".join(re.escape(bytes([t])) for t in last) + b"]"
            for head, last in tails.items()
        )
    )


def _has_invisible(text: str) -> bool:
    if len(text) < _LONG:
        return _INVISIBLE.search(text) is not None
    if text.isascii():
        return False
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (a file name that is not UTF-8)
        return _INVISIBLE.search(text) is not None
    return _invisible_utf8().search(data) is not None


def has_cpr(text: str) -> bool:
    return bool(find_cpr(text, first=True))


def mask(text: str, stripped: bool = False) -> str:
    """Replace every CPR-like number with XXXXXX-XXXX."""
    spans = find_cpr(text, stripped=stripped)
    if not spans:
        return text
    out, last = [], 0
    for a, b in spans:
        out.append(text[last:a])
        out.append(MASK)
        last = b
    out.append(text[last:])
    return "".join(out)


# the longest text a CPR-like number can span once invisible characters are gone (masked_excerpt
# removes them first): ten digits, comb spaces and dots between them, and a gap of escapes
# (\U........) around a dash
_LONGEST = 10 + 9 * 2 + 2 + 2 * _GAPS * 13 + 2


def masked_excerpt(text: str, limit: int) -> str:
    """``text`` masked, without terminal controls, and cut to at most ``limit`` characters
    ("…" marks a cut). Only the
    start is scanned, so an excerpt of a huge text costs O(limit); a CPR number is masked
    before the cut, never cut in half (a number cut off at the end of the scanned head stays
    in the part that is dropped: masking and stripping never shorten the text that much)."""
    n = limit + _LONGEST
    while True:
        head = mask(strip_controls(text[:n]), stripped=True)
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
        return _INVISIBLE.sub(
            "", _CONTROL.sub(lambda m: m.group() if _SGR.fullmatch(m.group()) else "", text)
        )
    return _INVISIBLE.sub("", _CONTROL.sub("", text))


_SURROGATE = re.compile("[\ud800-\udfff]")  # a file name that is not UTF-8 (surrogateescape)
_UNSEEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_IGNORABLE}]|[\ud800-\udfff]")


def _escaped(m: re.Match[str]) -> str:
    ch = m.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # the byte surrogateescape stood in for
        return f"\\x{code - 0xDC00:02x}"
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (
        f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    )


def shown_name(path: object) -> str:
    """A file name as nsk shows it, on one line, whatever bytes it holds: control characters,
    invisible characters and bytes that are not UTF-8 written as escapes (``\\n``, ``\\u2060``,
    ``\\xff``), then CPR numbers masked. Done once, where a name enters a report or a
    message, so nothing that wraps or lays out text ever sees the number."""
    import os

    text = path if isinstance(path, str) else os.fsdecode(path)  # type: ignore[arg-type]
    return mask(_UNSEEN.sub(_escaped, text))


def one_line(text: str) -> str:
    """A message as one line: line breaks and other control characters written as escapes."""
    return _UNSEEN.sub(_escaped, text)


def safe(text: str, keep_colours: bool = False) -> str:
    """What nsk may show: terminal controls removed, then CPR numbers masked (in that order, so
    an escape sequence inside a number cannot hide it). With ``keep_colours`` the colour codes
    stay, unless one of them sits inside a CPR-like number: then the text is shown plain.
    A lone surrogate (a file name that is not UTF-8) becomes U+FFFD, so the text can always
    be written as UTF-8."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    plain = mask(strip_controls(text), stripped=True)
    if not keep_colours:
        return plain
    coloured = mask(strip_controls(text, keep_colours=True), stripped=True)
    return coloured if _SGR.sub("", coloured) == plain else plain
