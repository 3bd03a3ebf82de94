"""Small text helpers shared by search, names and normalisation."""

from __future__ import annotations

import functools
import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def fold(text: str) -> str:
    """Lowercase, æ/ø/å to ae/oe/aa, accents removed: 'Æres' -> 'aeres', 'Ishøj' -> 'ishoej'."""
    text = text.translate(_DANISH).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    """A municipality name as a key: 'Ishøj Kommune' -> 'ishoej'."""
    folded = fold(text).strip()
    for suffix in (" kommune", "kommune"):
        if folded.endswith(suffix) and folded != suffix:
            folded = folded[: -len(suffix)].strip()
    return "".join(c for c in folded if c.isalnum())


_PLAIN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def folds(text: str) -> str:
    """Both foldings in one string, for searching: 'Ishøj' -> 'ishoej ishoj'."""
    return fold(text) + " " + fold(text.translate(_PLAIN))


@functools.lru_cache(maxsize=4096)
def slugs(text: str) -> frozenset[str]:
    """Both spellings a user may type: 'Ishøj' -> {'ishoej', 'ishoj'}. Memoised: finding a
    municipality compares against every name of all 98."""
    return frozenset((slug(text), slug(text.translate(_PLAIN))))


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
