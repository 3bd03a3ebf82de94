"""Lines of extracted text made readable: ligatures, odd spaces and words hyphenated across
lines (every reader in plan/document.py, and both processes reading a PDF, use it)."""

from __future__ import annotations

import re
import unicodedata

_SUSPENDED = re.compile(r"^(og|eller|samt|og/eller)\b", re.IGNORECASE)
# after NFKC only tabs and runs of spaces are left to collapse (a lone space is left alone,
# which keeps this cheap on the hundreds of thousands of them in a long PDF)
_SPACES = re.compile(r" *[\t\u00a0\u2007\u202f\u2000-\u200a][ \t\u00a0\u2007\u202f\u2000-\u200a]*|  +")
_SPECIAL_SPACE = re.compile(r"[\t\u00a0\u2007\u202f\u2000-\u200a]")


def normalise_lines(raw: list[str]) -> list[tuple[int, str]]:
    """Clean extraction leftovers and join words hyphenated across lines.

    Returns (source line index, text) pairs; a hyphenated word is joined onto the line
    where it starts, and the rest of the next line stays on its own line.
    """
    # one pass over the whole block: ligatures (ﬁ), NBSP and full-width forms, runs of spaces
    block = unicodedata.normalize("NFKC", "\n".join(raw)).replace("\u200b", "").replace("\ufeff", "")
    if "  " in block or _SPECIAL_SPACE.search(block):  # most pages have neither: no scan
        block = _SPACES.sub(" ", block)
    cleaned = [line.strip() for line in block.split("\n")]
    if len(cleaned) != len(raw):  # NFKC never adds line breaks, but keep the map honest
        cleaned = [_SPACES.sub(" ", unicodedata.normalize("NFKC", r)).strip() for r in raw]
    if "\u00ad" not in block and "\ufffe" not in block and not any(t.endswith("-") for t in cleaned):
        return list(enumerate(cleaned))  # no word broken across lines (most pages): nothing to join
    out: list[list] = []  # [source index, text]
    join_next = False
    for i, text in enumerate(cleaned):
        if join_next and text and out:
            first, _, rest = text.partition(" ")
            out[-1][1] += first  # the hyphenated word stays on the line where it starts
            text = rest
        join_next = False
        # U+00AD (soft hyphen) and U+FFFE (pdfium's marker for one) end a broken word
        hyphen_end = text.endswith(("\u00ad", "\ufffe"))
        text = text.replace("\u00ad", "").replace("\ufffe", "")
        nxt = cleaned[i + 1] if i + 1 < len(cleaned) else ""
        # "be-" + "redskab" is one word; "børne-" + "og unge" is a suspended hyphen
        broken = len(text) > 1 and text.endswith("-") and text[-2].isalpha()
        if not hyphen_end and broken and nxt[:1].islower() and not _SUSPENDED.match(nxt):
            hyphen_end = True
            text = text[:-1]
        join_next = hyphen_end and bool(nxt)
        out.append([i, text])
    return [(i, text) for i, text in out]
