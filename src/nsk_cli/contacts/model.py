"""Contacts: loading, strict validation, opening hours, search and role resolution.

Pure: no printing, no prompting. See contacts/README.md for the file format.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace

from nsk_cli.contacts import municipalities as mun
from nsk_cli.contacts.hours import ALWAYS, DAYS, Hours, parse_hours  # noqa: F401 - re-exported
from nsk_cli.contacts.phones import normalise_phone  # noqa: F401 - re-exported
from nsk_cli.core.errors import DataError
from nsk_cli.core.text import fold, folds
from nsk_cli.data import yamlio
from nsk_cli.data.paths import display

# --------------------------------------------------------------------------- model


class Phone(Struct, frozen=True):
    number: str
    label: str | None = None


class Contact(Struct, frozen=True):
    id: str
    name: str
    organisation: str | None
    kommune: str | None
    roles: tuple[str, ...]
    phones: tuple[Phone, ...]
    email: str | None
    url: str | None
    hours: Hours | None
    notes: str | None
    source: tuple[str, ...]
    verified: date
    origin: str = ""
    user: bool = False  # from the user's own contacts folder: supplied, so confirmed
    regions: tuple[str, ...] = ()  # a national contact for these regions only (empty: all)
    page_date: str | None = None  # the source page's own date, as the page writes it
    from_plan: bool = False  # read from the municipality's own plan (check-plan --kontakter)

    @property
    def trust(self) -> str:
        """'kommunens_plan' when read from the municipality's own plan by check-plan --kontakter;
        'bekraeftet' when the municipality supplied it in its own data folder; otherwise
        'offentlig_kilde': read from a public page or document (see source and verified)."""
        if self.from_plan:
            return "kommunens_plan"
        return "bekraeftet" if self.user else "offentlig_kilde"

    @property
    def unconfirmed_local(self) -> bool:
        return self.kommune is not None and not self.user

    def open_at(self, at: datetime) -> bool | None:
        """True/False, or None when the opening hours are unknown."""
        return None if self.hours is None else self.hours.is_open(at)

    def haystack(self, notes: bool = True) -> str:
        roles = " ".join(r.replace("_", " ") for r in self.roles)
        parts = [self.id.replace("_", " "), self.name, self.organisation or "", roles]
        if notes:
            parts.append(self.notes or "")
        text = " ".join(parts)
        return folds(text)

    def to_dict(self, at: datetime | None = None) -> dict:
        out: dict = {
            "id": self.id,
            "name": self.name,
            "organisation": self.organisation,
            "kommune": self.kommune,
            "roles": list(self.roles),
            "phone": [{"number": p.number, "label": p.label} for p in self.phones],
            "email": self.email,
            "url": self.url,
            "hours": self.hours.text if self.hours else None,
            "notes": self.notes,
            "source": list(self.source),
            "verified": self.verified.isoformat(),
            "page_date": self.page_date,
            "trust": self.trust,
            "regions": list(self.regions),
        }
        if at is not None:
            out["open_now"] = self.open_at(at)
        return out


def _build(raw: dict, file_kommune: str | None, origin: str, user: bool = False) -> Contact:
    from nsk_cli.core.privacy import mask

    # Free text is masked here, before any renderer wraps or splits it into table cells.
    raw = {
        k: mask(v) if k in ("name", "organisation", "notes") and isinstance(v, str) else v
        for k, v in raw.items()
    }
    src = raw["source"]
    return Contact(
        id=raw["id"],
        name=raw["name"],
        organisation=raw.get("organisation"),
        kommune=raw.get("kommune") or file_kommune,
        roles=tuple(raw["roles"]),
        phones=tuple(
            Phone(normalise_phone(p["number"]) or p["number"], p.get("label")) for p in raw.get("phone") or []
        ),
        email=raw.get("email"),
        url=raw.get("url"),
        hours=parse_hours(raw["hours"]) if raw.get("hours") is not None else None,
        notes=raw.get("notes"),
        source=tuple(src if isinstance(src, list) else [src]),
        verified=date.fromisoformat(raw["verified"]),
        origin=origin,
        user=user,
        regions=tuple(raw.get("regions") or ()),
        page_date=raw.get("page_date"),
        from_plan=raw.get("trust") == "kommunens_plan",
    )


ADULT_ROLES = frozenset({"voksne", "jobcenter"})
CHILD_ROLES = frozenset({"underretning", "boern", "uden_for_aabningstid"})


def is_adult_unit(c: Contact) -> bool:
    """A municipal unit for adults only (voksenområdet, jobcenter), not the children's intake."""
    return bool(ADULT_ROLES & set(c.roles)) and not CHILD_ROLES & set(c.roles)


class ContactDB(Struct):
    roles: dict[str, str]
    contacts: dict[str, Contact] = field(default_factory=dict)
    municipalities: dict[str, mun.Municipality] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)
    police_districts: dict[str, mun.PoliceDistrict] = field(default_factory=dict)
    plan_confirmed: set[str] = field(default_factory=set)  # plan_url supplied by the municipality

    def region_of(self, kommune: str | None) -> str | None:
        m = self.municipalities.get(kommune) if kommune else None
        return m.region if m else None

    def for_region(self, c: Contact, kommune: str | None) -> bool:
        """A regional national contact (a sikkerhedskonsulent team) applies only to its regions;
        with no municipality known, every team is shown."""
        region = self.region_of(kommune)
        return not c.regions or region is None or region in c.regions

    def national(self) -> list[Contact]:
        return [c for c in self.contacts.values() if c.kommune is None]

    def of_kommune(self, kommune: str) -> list[Contact]:
        return [c for c in self.contacts.values() if c.kommune == kommune]

    def resolve(self, role: str, kommune: str | None) -> list[Contact]:
        """The municipality's own contacts for a role first; the national ones if it has none."""
        if kommune:
            local = [c for c in self.of_kommune(kommune) if role in c.roles]
            if local:
                return local
        return [c for c in self.national() if role in c.roles and self.for_region(c, kommune)]

    def alternatives(self, c: Contact) -> list[Contact]:
        """What replaces a closed municipal unit: for a children's or general unit the duty via
        114 and 112; for an adult unit 112 (danger) and the always-open crisis line, never 114
        (it reaches the children's duty). A closed national line has no replacement."""
        if c.kommune is None:
            return []
        alts = self.adult_out_of_hours(c.kommune) if is_adult_unit(c) else self.out_of_hours(c.kommune)
        return [a for a in alts if a.id != c.id]

    def adult_out_of_hours(self, kommune: str | None) -> list[Contact]:
        """After hours for adults: 112 when in danger, and crisis lines open around the clock
        (Lev Uden Vold 1888, which also knows the free krisecenter places)."""
        seen: dict[str, Contact] = {c.id: c for c in self.resolve("akut", kommune)}
        for c in self.resolve("krisecenter", kommune):
            if c.hours is not None and c.hours.always:
                seen.setdefault(c.id, c)
        return list(seen.values())

    def out_of_hours(self, kommune: str | None) -> list[Contact]:
        """Where to turn when a contact is closed: the duty via 114, and 112 when in danger."""
        seen: dict[str, Contact] = {}
        for role in ("uden_for_aabningstid", "akut"):
            for c in self.resolve(role, kommune):
                if c.hours is None or c.hours.always:
                    seen.setdefault(c.id, c)
        return list(seen.values())

    def search(self, query: str | None, kommune: str | None = None, role: str | None = None) -> list[Contact]:
        """Contacts matching every word of the query. Case, accents and æ/ø/å (ae/oe/aa) are
        ignored. A short word must start a word ('red' finds RED, not 'beredskab'); a word of
        five letters or more may also sit inside one ('konsulent' finds 'sikkerhedskonsulent').
        Order: the municipality's own contacts first, then the national ones; within each,
        contacts matched by name or role before those matched only in their notes."""
        words = _WORD.findall(fold(query)) if query else []
        ranked: list[tuple[int, int, int, Contact]] = []
        for n, c in enumerate(self.contacts.values()):
            if kommune is not None and (c.kommune not in (None, kommune) or not self.for_region(c, kommune)):
                continue
            if role and role not in c.roles:
                continue
            if not all(_matches(w, _WORD.findall(c.haystack())) for w in words):
                continue
            title = _WORD.findall(c.haystack(notes=False))
            by_title = 0 if all(_matches(w, title) for w in words) else 1
            place = 0 if (kommune and c.kommune == kommune) else (1 if c.kommune is None else 2)
            ranked.append((place, by_title, n, c))
        return [c for *_, c in sorted(ranked, key=lambda r: r[:3])]

    def stale(self, today: date, days: int) -> list[Contact]:
        return sorted(
            (c for c in self.contacts.values() if (today - c.verified).days > days),
            key=lambda c: c.verified,
        )


_WORD = re.compile(r"[a-z0-9]+")


def _matches(word: str, tokens: list[str]) -> bool:
    if len(word) >= 5:
        return any(word in t for t in tokens)
    return any(t.startswith(word) for t in tokens)


YAML_SUFFIXES = (".yaml", ".yml")
NOT_CONTACTS = ("roles", "regions")  # the vocabularies beside the contact files, by stem


def yaml_files(folder: Path) -> list[Path]:
    """The contact files in a folder: *.yaml and *.yml, not roles/regions, not hidden files (editor
    backups and lock files). A link to a file that does not exist is an error, not skipped, and so
    is a FIFO, a device or a socket with such a name (the reader refuses it without opening it)."""
    found = []
    for p in sorted(folder.rglob("*")):
        if p.suffix not in YAML_SUFFIXES or p.name.startswith(".") or p.stem in NOT_CONTACTS:
            continue
        if p.is_symlink() and not p.exists():
            raise DataError(f"{p}: linket peger på en fil, der ikke findes")
        if not p.is_dir():
            found.append(p)
    return found


def _fail(doc: yamlio.Located, path: tuple, message: str) -> None:
    from nsk_cli.data import schema as s

    s.raise_if([s.format_error(doc, path, message)])


def _areas(db: ContactDB, shipped: Path, validate: bool) -> None:
    doc = yamlio.load(shipped / "regions.yaml", display(shipped / "regions.yaml", shipped))
    if validate:
        from nsk_cli.contacts.specs import AREAS_SPEC
        from nsk_cli.data import schema as s

        s.raise_if(s.validate(doc, AREAS_SPEC))
    db.regions = dict(doc.data["regions"])
    db.police_districts = {
        k: mun.PoliceDistrict(k, v["name"], tuple(v["regions"]))
        for k, v in doc.data["police_districts"].items()
    }
    if validate:
        from nsk_cli.data import schema as s

        problems = []
        for k, v in doc.data["police_districts"].items():
            for j, r in enumerate(v["regions"]):
                if r not in db.regions:
                    problems.append(
                        s.format_error(doc, ("police_districts", k, "regions", j), f"ukendt region {r!r}")
                    )
        s.raise_if(problems)


def load_db(shipped: Path, user: Path | None = None, validate: bool = True) -> ContactDB:
    """Load the shipped contacts and municipalities, then the user's (same id overrides, new
    ids add; a municipality's own file may add contacts and a plan link).

    ``validate=False`` is only for documents that passed validation before (the start-up cache).
    """
    roles_doc = yamlio.load(shipped / "roles.yaml", display(shipped / "roles.yaml", shipped))
    if validate:
        from nsk_cli.contacts.specs import ROLES_SPEC, contacts_file_spec
        from nsk_cli.data import schema as s

        s.raise_if(s.validate(roles_doc, ROLES_SPEC))
    db = ContactDB(roles=dict(roles_doc.data["roles"]))
    _areas(db, shipped, validate)
    if validate:
        spec = contacts_file_spec(db.roles, db.regions, db.police_districts)
    for folder, is_user in ((shipped, False), (user, True)):
        if folder is None:
            continue
        seen_here: dict[str, str] = {}
        for path in yaml_files(folder):
            doc = yamlio.load(path, str(path) if is_user else display(path, folder))
            if validate:
                s.raise_if(s.validate(doc, spec))
                s.raise_if(mun.fact_problems(doc, path.stem, db, is_user))
            data = doc.data
            if data.get("kommune") and not is_user:
                db.municipalities[data["kommune"]] = mun.build(data, doc.name)
            elif data.get("kommune") and data.get("plan_url") and data["kommune"] in db.municipalities:
                m = db.municipalities[data["kommune"]]
                db.municipalities[m.id] = replace(m, plan_url=data["plan_url"])
                db.plan_confirmed.add(m.id)
            for i, raw in enumerate(data["contacts"]):
                if raw["id"] in seen_here:
                    _fail(
                        doc,
                        ("contacts", i, "id"),
                        f"id {raw['id']!r} findes allerede i {seen_here[raw['id']]}",
                    )
                seen_here[raw["id"]] = doc.name
                db.contacts[raw["id"]] = _build(raw, data.get("kommune"), doc.name, is_user)
    return db
