"""Compile the Danish gettext catalogue (nsk.po) into nsk.mo. Standard library only; a test
checks the committed .mo is current. Usage:

.venv/bin/python scripts/compile_translations.py
"""

from __future__ import annotations

import ast
import struct
from pathlib import Path

PO = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "nsk_cli"
    / "cli"
    / "locale"
    / "da"
    / "LC_MESSAGES"
    / "nsk.po"
)


def parse_po(text: str) -> dict[str, str]:
    """msgid/msgstr pairs of a simple .po file (no plurals, no contexts)."""
    entries: dict[str, str] = {}
    key: str | None = None
    field = None
    current = {"msgid": "", "msgstr": ""}
    for line in text.splitlines() + [""]:
        line = line.strip()
        if line.startswith("msgid "):
            if key is not None:
                entries[key] = current["msgstr"]
            field, current = "msgid", {"msgid": ast.literal_eval(line[6:]), "msgstr": ""}
            key = None
        elif line.startswith("msgstr "):
            field = "msgstr"
            key = current["msgid"]
            current["msgstr"] = ast.literal_eval(line[7:])
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
            if field == "msgid":
                key = None
    if key is not None:
        entries[key] = current["msgstr"]
    return entries


def mo_bytes(entries: dict[str, str]) -> bytes:
    """The GNU .mo format: header, two tables of (length, offset), then the strings."""
    keys = sorted(entries)
    ids = [k.encode("utf-8") for k in keys]
    strs = [entries[k].encode("utf-8") for k in keys]
    n = len(keys)
    start = 7 * 4 + 16 * n
    offsets, blob = [], b""
    for s in ids:
        offsets.append((len(s), start + len(blob)))
        blob += s + b"\0"
    trans = []
    for s in strs:
        trans.append((len(s), start + len(blob)))
        blob += s + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, n, 28, 28 + 8 * n, 0, 0)
    out += b"".join(struct.pack("<2I", *o) for o in offsets)
    out += b"".join(struct.pack("<2I", *t) for t in trans)
    return out + blob


def main() -> None:
    mo = PO.with_suffix(".mo")
    mo.write_bytes(mo_bytes(parse_po(PO.read_text(encoding="utf-8"))))
    print(f"{mo} updated")


if __name__ == "__main__":
    main()
