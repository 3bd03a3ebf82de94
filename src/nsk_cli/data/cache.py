"""The start-up cache: parsed YAML documents of the data folders.

An optimisation only, never trusted: the key is a hash of nsk's version and the *contents* of
every data file (so an edit that keeps the file's time and size still changes it); the file
stores a SHA-256 of its payload, checked before the payload is parsed (a hand-edited or truncated
cache is ignored); and the caller validates and cross-checks the cached documents exactly like
freshly parsed ones, falling back to parsing the files on any problem. A missing, unreadable,
stale or bad cache is rebuilt, never fatal. It holds parsed data files and no personal data.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import msgspec

from nsk_cli import __version__
from nsk_cli.core.errors import NskError
from nsk_cli.data import paths

FILE = "data.json"
MAX_DATA = 5 * 1024 * 1024  # one data file (as yamlio.MAX_BYTES)
MAX_CACHE = 64 * 1024 * 1024  # the cache file
SUFFIXES = (".yaml", ".yml")
T = TypeVar("T")


def _data_files(folder: Path) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += (
            os.path.join(root, f) for f in sorted(files) if f.endswith(SUFFIXES) and not f.startswith(".")
        )
    return found


def key(folders: list[Path]) -> str:
    """Changes whenever any data file is added, removed or its content changes."""
    from nsk_cli.data.files import read_input

    h = hashlib.sha256(__version__.encode())
    for folder in folders:
        for name in _data_files(folder):
            h.update(b"\0" + name.encode("utf-8", "surrogateescape") + b"\0")
            try:  # never opens a FIFO or a device: the loader reports those
                h.update(hashlib.sha256(read_input(name, MAX_DATA, NskError, name)).digest())
            except NskError:  # unreadable or a dangling link: the loader reports it
                h.update(b"?")
    return h.hexdigest()


def read(cache_key: str, name: str = FILE) -> dict | None:
    """The cached documents if the cache is for this key and intact, else None."""
    from nsk_cli.data.files import read_input

    try:
        raw = read_input(paths.cache_dir() / name, MAX_CACHE, NskError, remember=False)
        header, _, payload = raw.partition(b"\n")
        meta = msgspec.json.decode(header)
        if not isinstance(meta, dict) or meta.get("key") != cache_key:
            return None
        if meta.get("sha256") != hashlib.sha256(payload).hexdigest():
            return None
        docs = msgspec.json.decode(payload)  # the same JSON as json.loads, in half the time
    except (OSError, ValueError, NskError, msgspec.MsgspecError):
        return None
    return docs if isinstance(docs, dict) else None


def write(cache_key: str, docs: dict, name: str = FILE) -> None:
    import json

    from nsk_cli.data.files import write_private

    try:
        payload = json.dumps(docs, ensure_ascii=False)
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        folder = paths.cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        header = json.dumps({"key": cache_key, "sha256": digest})
        write_private(folder / name, header + "\n" + payload, force=True)
    except (OSError, NskError, ValueError, TypeError):
        pass  # the cache is an optimisation only


def load(folders: list[Path], build: Callable[[bool], T], name: str = FILE, store: bool = True) -> T:
    """``build(validate)`` from the cached documents of ``folders`` when they are current, else
    from the files, validated (and then cached, unless ``store`` is false).

    The cache holds only documents that passed full validation and cross-checks with exactly
    these files (the key is their content) and is checked against its SHA-256, so building from
    it skips validation, which was a fifth of every start. Anything odd in it (a shape the
    model cannot build) falls back to parsing the files: a bad cache is never fatal."""
    from nsk_cli.data import yamlio

    cache_key = key(folders)
    cached = read(cache_key, name)
    if cached is not None:
        yamlio.preload(cached)
        try:
            return build(False)
        except Exception:  # noqa: BLE001 - a bad cache is never trusted or fatal
            pass
        finally:
            yamlio.preload(None)
    yamlio.parsed.clear()
    result = build(True)
    if store:
        write(cache_key, dict(yamlio.parsed), name)
    return result
