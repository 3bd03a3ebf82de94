"""Load the rule set and the contacts together, with the cross-checks between them."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from nsk_cli.contacts import model as contacts
from nsk_cli.core.errors import DataError
from nsk_cli.data import cache, paths
from nsk_cli.guide import rules


class Data(Struct):
    rules: rules.RuleSet
    contacts: contacts.ContactDB


def load(rules_dir: str | None = None, contacts_dir: str | None = None) -> Data:
    """Load rules and contacts. Parsed YAML comes from the start-up cache when it matches the
    files' contents (written only after the files passed validation and cross-checks); on any
    problem with it the files are parsed and validated again (the cache is rebuilt)."""
    rdir = paths.rules_dir(rules_dir)
    cdir = paths.shipped("contacts")
    udir = paths.user_contacts_dir(contacts_dir)
    folders = [rdir, cdir] + ([udir] if udir else [])
    return cache.load(folders, lambda validate: _load(rdir, cdir, udir, validate))


def _load(rdir: Path, cdir: Path, udir: Path | None, validate: bool) -> Data:
    db = contacts.load_db(cdir, udir, validate=validate)
    rs = rules.load(rdir, set(db.roles), validate=validate)
    rules.add_municipalities(rs, db.municipalities.values())
    for c in list(db.contacts.values()):
        if c.kommune and c.kommune not in rs.kommuner:
            if c.user:  # the user's own file names a municipality nsk does not know
                raise DataError(
                    f"{c.origin}: kommunen {c.kommune!r} findes ikke; se de kendte med 'nsk kommuner'"
                )
            del db.contacts[c.id]  # shipped contacts of a municipality this rule set leaves out
    return Data(rs, db)
