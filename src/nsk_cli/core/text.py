"""Small text helpers shared by search, names and normalisation."""

from __future__ import annotations

import functools
import re
import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def fold(text: str) -> str:
    """Lowercase, æ/ø/å to ae/oe/aa, accents removed: 'Æres' -> 'aeres', 'Ishøj' -> 'ishoej'."""
    if text.isascii():  # no æ/ø/å, nothing to decompose: most names and ids
        return text.casefold()
    text = _translated(text, _DANISH).casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():  # é -> e + U+0301 is not ASCII: only compatibility forms end here
        return decomposed
    return _NON_ASCII.sub(_without_marks, decomposed)  # only the non-ASCII runs are looked at


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(m: re.Match[str]) -> str:
    return "".join(c for c in m.group() if not unicodedata.combining(c))


def _translated(text: str, table: dict[int, str]) -> str:
    """``text.translate(table)`` for these tables of six letters: one ``replace`` a letter is far
    faster than ``translate`` on a long non-ASCII text, and gives the same (no replacement
    holds a letter of the table)."""
    for code, replacement in table.items():
        if chr(code) in text:
            text = text.replace(chr(code), replacement)
    return text


SUFFIXES = (" kommune", "kommune")  # left off a municipality's name (never the whole name)


def slug(text: str) -> str:
    """A municipality name as a key: 'Ishøj Kommune' -> 'ishoej'."""
    folded = fold(text).strip()
    for suffix in SUFFIXES:
        if folded.endswith(suffix) and folded != suffix:
            folded = folded[: -len(suffix)].strip()
    return "".join(c for c in folded if c.isalnum())


_PLAIN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def folds(text: str) -> str:
    """Both foldings in one string, for searching: 'Ishøj' -> 'ishoej ishoj'."""
    folded = fold(text)
    return folded + " " + (folded if text.isascii() else fold(_translated(text, _PLAIN)))


@functools.lru_cache(maxsize=4096)
def slugs(text: str) -> frozenset[str]:
    """Both spellings a user may type: 'Ishøj' -> {'ishoej', 'ishoj'}. Memoised: finding a
    municipality compares against every name of all 98."""
    return frozenset((slug(text), slug(_translated(text, _PLAIN))))


def fold_tables() -> dict[str, object]:
    """What slug() and slugs() do, as data for a page's script (`nsk site`'s search): the two
    translation tables (slugs() uses 'plain' first, then 'danish') and the suffixes left off."""

    def table(t: dict[int, str]) -> dict[str, str]:
        return {chr(k): v for k, v in t.items()}

    return {"danish": table(_DANISH), "plain": table(_PLAIN), "suffixes": list(SUFFIXES)}


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula: a cell that starts with
    =, +, -, @ (or a tab, a carriage return, or their full-width forms) gets a leading
    apostrophe, as OWASP advises against CSV injection."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def md_safe(markdown: str) -> str:
    """Markdown with no raw HTML: every '<' from a plan or a file name becomes '&lt;', so an
    <img> or a <script> in the text is shown, never loaded or run where the report is rendered."""
    return markdown.replace("<", "&lt;")


# Abbreviations a Danish sentence does not end with ("fx.", "stk. 3", "kl. 9", "jf. § 18").
_ABBREVIATIONS = frozenset(
    {"fx", "f.eks", "eks", "stk", "nr", "kl", "jf", "bl.a", "mv", "m.v", "ca", "pkt", "evt", "inkl"}
    | {"tlf", "dvs", "mht", "ang", "vedr", "iflg", "ifm", "osv", "hhv", "el", "etc", "nb", "bilag"}
)


def split_first_sentence(text: str) -> tuple[str, str]:
    """('The first sentence.', 'the rest') of a plain-language text; the rest may be ''.

    A sentence ends at '.', '!' or '?' followed by a space and a capital letter, never after a
    known abbreviation ('stk.', 'fx.', 'kl.') or a single letter ('a. Hansen'); a date
    ('24. juni') has no capital after the dot."""
    import re

    text = " ".join(text.split())
    for m in re.finditer(r"[.!?](?= [A-ZÆØÅ»\"(])", text):
        word = text[: m.start()].rsplit(" ", 1)[-1].casefold().strip('(»"')
        if m.group() == "." and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            continue
        return text[: m.end()], text[m.end() :].strip()
    return text, ""


# What a line must never be broken inside: phone numbers ('43 57 75 78', '+45 33 92 11 12'), key
# hints ('Ctrl-C', '← Tilbage', 'pil op/ned'), times ('kl. 09:00') and legal references
# ('§ 18, stk. 3'). A web address has no spaces and is never split (it may overflow instead).
_KEEP_TOGETHER = (
    r"(?:\+\d{2} )?\d{2}(?: \d{2}){3}(?!\d)"
    r"|← \w+|[Pp]il op/ned|kl\. \d\d?(?:[.:]\d\d)?|§§? \d+(?: [a-z]\b)?|(?:stk|nr)\. \d+|art\. \d+"
)


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """Word-wrap to ``width`` columns with a hanging indent (``rest``, default: as wide as
    ``first``), never breaking inside a phone number, key hint, time, legal reference or URL. A
    URL longer than a whole line stands alone on its line and runs past the edge: the terminal
    shows it wrapped, and it still copies and opens as one address."""
    import re
    import textwrap

    rest = " " * len(first) if rest is None else rest
    text = " ".join(text.split())
    glued = re.sub(_KEEP_TOGETHER, lambda m: m.group().replace(" ", "\u00a0"), text)
    lines = textwrap.wrap(
        glued,
        width=max(width, len(first) + 10),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,  # a URL longer than a line gets a line of its own, uncut
        break_on_hyphens=False,
    ) or [first.rstrip()]
    return [line.replace("\u00a0", " ") for line in lines]
