"""The form of a `source`: a seed file (optionally with a line range) or a public URL.

003_8bd056b2af1c9a39.txt
004_4e087674201dfd20.txt:480-484
https://www.sbst.dk/viso/kontakt-og-henvendelse/...
"""

from __future__ import annotations

import re

SEED = re.compile(r"(?P<file>\d{3}_[0-9a-f]{16}\.txt)(?::(?P<start>\d+)(?:-(?P<end>\d+))?)?")
URL = re.compile(r"https?://[^\s]+")


def check_source(value: str) -> str | None:
    m = SEED.fullmatch(value)
    if m:
        if m.group("end") and int(m.group("end")) < int(m.group("start")):
            return f"kilde {value!r}: linjeintervallet går baglæns"
        return None
    if URL.fullmatch(value):
        return None
    return (
        f"kilde {value!r} skal være en kildefil som 003_8bd056b2af1c9a39.txt "
        "(evt. med :linje-linje) eller en webadresse"
    )
