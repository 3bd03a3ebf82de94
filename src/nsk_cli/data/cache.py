"""The start-up cache: parsed YAML documents of the data folders, keyed on their files.

An optimisation only: a missing, unreadable or stale cache is rebuilt, never fatal. It
holds parsed data files and no personal data.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from nsk_cli import __version__
from nsk_cli.core.errors import NskError
from nsk_cli.data import paths

FILE = "data.json"


def key(folders: list[Path]) -> str:
    """Changes whenever any data file is added, removed, edited or touched."""
    parts = [__version__]
    for folder in folders:
        base = folder.resolve()  # once per folder: resolving ~100 files one by one costs ~20 ms
        for p in sorted(base.rglob("*.yaml")):
            st = p.stat()
            parts.append(f"{p}|{st.st_mtime_ns}|{st.st_size}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def read(cache_key: str) -> dict | None:
    try:
        raw = json.loads((paths.cache_dir() / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("key") != cache_key or not isinstance(raw.get("docs"), dict):
        return None
    return raw["docs"]


def write(cache_key: str, docs: dict) -> None:
    from nsk_cli.data.files import write_private

    try:
        folder = paths.cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        write_private(folder / FILE, json.dumps({"key": cache_key, "docs": docs}), force=True)
    except (OSError, NskError):
        pass  # the cache is an optimisation only
