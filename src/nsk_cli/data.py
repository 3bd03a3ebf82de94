"""Load the rule set and the contacts together, with the cross-checks between them."""

from __future__ import annotations

from dataclasses import dataclass

from nsk_cli import contacts, paths, rules
from nsk_cli.errors import DataError


@dataclass
class Data:
    rules: rules.RuleSet
    contacts: contacts.ContactDB


def load(rules_dir: str | None = None, contacts_dir: str | None = None) -> Data:
    db = contacts.load_db(paths.shipped("contacts"), paths.user_contacts_dir(contacts_dir))
    rs = rules.load(paths.rules_dir(rules_dir), set(db.roles))
    unknown = sorted(db.kommuner() - set(rs.kommuner))
    if unknown:
        c = next(c for c in db.contacts.values() if c.kommune == unknown[0])
        raise DataError(
            f"{c.origin}: kommunen {unknown[0]!r} findes ikke i regelmappen; kendte: "
            + ", ".join(sorted(rs.kommuner))
        )
    return Data(rs, db)
