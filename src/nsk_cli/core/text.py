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
    return fold(text) + " " + fold(text.translate(_PLAIN))


@functools.lru_cache(maxsize=4096)
def slugs(text: str) -> frozenset[str]:
    """Both spellings a user may type: 'Ishøj' -> {'ishoej', 'ishoj'}. Memoised: finding a
    municipality compares against every name of all 98."""
    return frozenset((slug(text), slug(text.translate(_PLAIN))))


def fold_tables() -> dict[str, object]:
    """What slug() and slugs() do, as data for a page's script (`nsk site`'s search): the two
    translation tables (slugs() uses 'plain' first, then 'danish') and the suffixes left off."""

    def table(t: dict[int, str]) -> dict[str, str]:
        return {chr(k): v for k, v in t.items()}

    return {"danish": table(_DANISH), "plain": table(_PLAIN), "suffixes": list(SUFFIXES)}
