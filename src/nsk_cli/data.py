"""Load the rule set and the contacts together, with the cross-checks between them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from nsk_cli import __version__, contacts, paths, rules, yamlio
from nsk_cli.errors import DataError, NskError


@dataclass
class Data:
    rules: rules.RuleSet
    contacts: contacts.ContactDB


def _cache_key(folders: list[Path]) -> str:
    """Changes whenever any data file is added, removed, edited or touched."""
    parts = [__version__]
    for folder in folders:
        for p in sorted(folder.rglob("*.yaml")):
            st = p.stat()
            parts.append(f"{p.resolve()}|{st.st_mtime_ns}|{st.st_size}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _read_cache(key: str) -> dict | None:
    try:
        raw = json.loads((paths.cache_dir() / "data.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("key") != key or not isinstance(raw.get("docs"), dict):
        return None
    return raw["docs"]


def _write_cache(key: str, docs: dict) -> None:
    from nsk_cli.files import write_private

    try:
        folder = paths.cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        write_private(folder / "data.json", json.dumps({"key": key, "docs": docs}), force=True)
    except (OSError, NskError):
        pass  # the cache is an optimisation only


def load(rules_dir: str | None = None, contacts_dir: str | None = None) -> Data:
    """Load rules and contacts. Parsed YAML is cached by file path, mtime and size; the
    cached documents are validated and cross-checked exactly like freshly parsed ones."""
    rdir = paths.rules_dir(rules_dir)
    cdir = paths.shipped("contacts")
    udir = paths.user_contacts_dir(contacts_dir)
    key = _cache_key([rdir, cdir] + ([udir] if udir else []))
    cached = _read_cache(key)
    yamlio.preload(cached)
    yamlio.parsed.clear()
    try:
        data = _load(rdir, cdir, udir, validate=cached is None)
    finally:
        yamlio.preload(None)
    if cached is None:
        _write_cache(key, dict(yamlio.parsed))
    return data


def _load(rdir: Path, cdir: Path, udir: Path | None, validate: bool) -> Data:
    db = contacts.load_db(cdir, udir, validate=validate)
    rs = rules.load(rdir, set(db.roles), validate=validate)
    for c in list(db.contacts.values()):
        if c.kommune and c.kommune not in rs.kommuner:
            if c.user:  # the user's own file names a municipality the rules do not know
                raise DataError(
                    f"{c.origin}: kommunen {c.kommune!r} findes ikke i regelmappen; kendte: "
                    + ", ".join(sorted(rs.kommuner))
                )
            del db.contacts[c.id]  # shipped contacts of a municipality this rule set leaves out
    return Data(rs, db)
