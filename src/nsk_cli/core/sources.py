"""The form of a `source` (a seed file, optionally with a line range, or a public URL) and its
readable title for users (rules/sources.yaml maps each source to one).

003_8bd056b2af1c9a39.txt
004_4e087674201dfd20.txt:480-484
https://www.sbst.dk/viso/kontakt-og-henvendelse/...
beredskabsplan-2024.pdf, side 12, linje 4      (a municipality's own plan: check-plan --kontakter)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

SEED = re.compile(r"(?P<file>\d{3}_[0-9a-f]{16}\.txt)(?::(?P<start>\d+)(?:-(?P<end>\d+))?)?")
URL = re.compile(r"https?://[^\s]+")
PLAN = re.compile(
    r"[^\n/\\]+\.(?:pdf|docx|txt|md|yaml|yml), (?:side \d+, )?linje \d+(?:-\d+)?", re.IGNORECASE
)


def check_source(value: str) -> str | None:
    m = SEED.fullmatch(value)
    if m:
        if m.group("end") and int(m.group("end")) < int(m.group("start")):
            return f"kilde {value!r}: linjeintervallet går baglæns"
        return None
    if URL.fullmatch(value) or PLAN.fullmatch(value):
        return None
    return (
        f"kilde {value!r} skal være en kildefil som 003_8bd056b2af1c9a39.txt "
        "(evt. med :linje-linje), en webadresse eller en plan som 'plan.pdf, side 3, linje 12'"
    )


def source_key(value: str) -> str:
    """What a title is keyed on: the seed file without its line range, or the URL."""
    m = SEED.fullmatch(value)
    return m.group("file") if m else value


def source_title(value: str, titles: Mapping[str, str]) -> str:
    """A source as a caseworker reads it: the title of the document (never an internal file id),
    or for a web page its title and address."""
    key = source_key(value)
    title = titles.get(key)
    if SEED.fullmatch(value):
        return title or "kildedokument uden titel (se nsk rules paths)"
    return f"{title}, {value}" if title else value


def readable_sources(values: Iterable[str], titles: Mapping[str, str]) -> list[str]:
    """Titles for a list of sources, one per document, in first-seen order (for renderers of the
    guide, the action card and vCards)."""
    out: list[str] = []
    for value in values:
        text = source_title(value, titles)
        if text not in out:
            out.append(text)
    return out


def untitled(values: Iterable[str], titles: Mapping[str, str]) -> list[str]:
    """The sources (by key) that have no title."""
    return sorted({source_key(v) for v in values} - set(titles))
