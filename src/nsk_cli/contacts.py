"""Contacts: loading, strict validation, opening hours, search and role resolution.

Pure: no printing, no prompting. See contacts/README.md for the file format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from nsk_cli import yamlio
from nsk_cli.paths import display
from nsk_cli.text import fold, folds

DAYS = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
_DAY_ALIASES = {d: i for i, d in enumerate(DAYS)} | {"loer": 5, "soen": 6}
ALWAYS = "døgnet rundt"


# --------------------------------------------------------------------------- hours


def _parse_day_spec(spec: str) -> list[int]:
    days: list[int] = []
    for part in spec.split(","):
        part = part.strip().lower()
        if part == "alle":
            days.extend(range(7))
        elif "-" in part:
            a, b = (p.strip() for p in part.split("-", 1))
            if a not in _DAY_ALIASES or b not in _DAY_ALIASES:
                raise ValueError(f"ukendt ugedag i {spec!r}; brug {', '.join(DAYS)} eller alle")
            i, j = _DAY_ALIASES[a], _DAY_ALIASES[b]
            if j < i:
                raise ValueError(f"dagintervallet {part!r} går baglæns")
            days.extend(range(i, j + 1))
        elif part in _DAY_ALIASES:
            days.append(_DAY_ALIASES[part])
        else:
            raise ValueError(f"ukendt ugedag {part!r}; brug {', '.join(DAYS)} eller alle")
    return days


def _minutes(hhmm: str) -> int:
    m = re.fullmatch(r"([01]?\d|2[0-4])[:.]([0-5]\d)", hhmm.strip())
    if not m:
        raise ValueError(f"ugyldigt klokkeslæt {hhmm.strip()!r}; brug TT:MM")
    value = int(m.group(1)) * 60 + int(m.group(2))
    if value > 24 * 60:
        raise ValueError(f"ugyldigt klokkeslæt {hhmm.strip()!r}")
    return value


@dataclass(frozen=True)
class Hours:
    """Weekly opening hours: per weekday (0 = Monday) a tuple of (start, end) minutes."""

    week: tuple[tuple[tuple[int, int], ...], ...]
    text: str

    @property
    def always(self) -> bool:
        return all(day == ((0, 1440),) for day in self.week)

    def is_open(self, at: datetime) -> bool:
        minute = at.hour * 60 + at.minute
        return any(a <= minute < b for a, b in self.week[at.weekday()])


def parse_hours(value: str | dict) -> Hours:
    """Parse 'døgnet rundt' or {'man-fre': '09:00-15:00', 'lør': '10:00-12:00, 13:00-14:00'}."""
    week: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    if isinstance(value, str):
        if value.strip().lower() != ALWAYS:
            raise ValueError(f"åbningstider skal være {ALWAYS!r} eller et opslag dag: TT:MM-TT:MM")
        return Hours(tuple(((0, 1440),) for _ in range(7)), "døgnet rundt")
    parts_text: list[str] = []
    for day_spec, spans in value.items():
        days = _parse_day_spec(str(day_spec))
        for span in str(spans).split(","):
            if "-" not in span:
                raise ValueError(f"åbningstid {span.strip()!r} skal have formen TT:MM-TT:MM")
            a_text, b_text = span.split("-", 1)
            a, b = _minutes(a_text), _minutes(b_text)
            if a == b:
                raise ValueError(f"åbningstid {span.strip()!r} er tom")
            for d in days:
                if b > a:
                    week[d].append((a, b))
                else:  # crosses midnight: until midnight, then the next morning
                    week[d].append((a, 1440))
                    week[(d + 1) % 7].append((0, b))
        parts_text.append(f"{day_spec} {spans}")
    return Hours(tuple(tuple(sorted(day)) for day in week), "; ".join(parts_text))


# --------------------------------------------------------------------------- model


def normalise_phone(number: str) -> str | None:
    """Danish numbers only: 8 digits, +45 and 8 digits, or a short 1xx/1xxx service number."""
    digits = re.sub(r"[\s-]", "", number)
    if re.fullmatch(r"\d{8}", digits):
        return " ".join(digits[i : i + 2] for i in range(0, 8, 2))
    if re.fullmatch(r"\+45\d{8}", digits):
        rest = digits[3:]
        return "+45 " + " ".join(rest[i : i + 2] for i in range(0, 8, 2))
    if re.fullmatch(r"1\d{2,3}", digits):
        return digits
    return None


@dataclass(frozen=True)
class Phone:
    number: str
    label: str | None = None


@dataclass(frozen=True)
class Contact:
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
    user: bool = False  # from the user's own contacts folder

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
        }
        if at is not None:
            out["open_now"] = self.open_at(at)
        return out


def _build(raw: dict, file_kommune: str | None, origin: str, user: bool = False) -> Contact:
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
    )


@dataclass
class ContactDB:
    roles: dict[str, str]
    contacts: dict[str, Contact] = field(default_factory=dict)

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
        return [c for c in self.national() if role in c.roles]

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
            if kommune is not None and c.kommune not in (None, kommune):
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


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file() and p.name != "roles.yaml")


def _fail(doc: yamlio.Located, path: tuple, message: str) -> None:
    from nsk_cli import schema as s

    s.raise_if([s.format_error(doc, path, message)])


def load_db(shipped: Path, user: Path | None = None, validate: bool = True) -> ContactDB:
    """Load the shipped contacts, then the user's (same id overrides, new ids add).

    ``validate=False`` is only for documents that passed validation before (the start-up cache).
    """
    roles_doc = yamlio.load(shipped / "roles.yaml", display(shipped / "roles.yaml", shipped))
    if validate:
        from nsk_cli import schema as s
        from nsk_cli.specs import ROLES_SPEC, contacts_file_spec

        s.raise_if(s.validate(roles_doc, ROLES_SPEC))
    db = ContactDB(roles=dict(roles_doc.data["roles"]))
    if validate:
        spec = contacts_file_spec(db.roles)
    for folder, is_user in ((shipped, False), (user, True)):
        if folder is None:
            continue
        seen_here: dict[str, str] = {}
        for path in _yaml_files(folder):
            doc = yamlio.load(path, str(path) if is_user else display(path, folder))
            if validate:
                s.raise_if(s.validate(doc, spec))
            for i, raw in enumerate(doc.data["contacts"]):
                if raw["id"] in seen_here:
                    _fail(
                        doc,
                        ("contacts", i, "id"),
                        f"id {raw['id']!r} findes allerede i {seen_here[raw['id']]}",
                    )
                seen_here[raw["id"]] = doc.name
                db.contacts[raw["id"]] = _build(raw, doc.data.get("kommune"), doc.name, is_user)
    return db
