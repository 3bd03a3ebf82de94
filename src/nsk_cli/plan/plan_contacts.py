"""A municipality's own contacts, read from its own readiness plan (check-plan --kontakter).

Every phone number, e-mail and municipal web address in the plan is an anchor. Its roles come
from the words around it (rules/plankontakter.yaml): first its own line, then the lines just above
it in the same block, then the heading above the block. A number whose surroundings name no role
is never given one: it is listed as "kunne ikke placeres" for the plan owner to decide. A number
nsk already knows as a national contact is listed as national, not copied. Nothing here prints or
writes; the CLI renders the result and writes the contacts file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from nsk_cli.contacts.phones import normalise_phone
from nsk_cli.core.text import fold
from nsk_cli.plan.document import Document, Line
from nsk_cli.plan.plan_facts import hours_near, plan_date

WORDS_FILE = "plankontakter.yaml"
TRUST = "kommunens_plan"

# 8 digits written as a Danish number ("43 57 75 78", "4357 7578", "43577578"), with an optional
# +45/0045; never part of a longer run of digits (a CPR number, an account number).
_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)45[\s\u00a0]?|\(\+45\)[\s\u00a0]?)?"
    r"(\d{2}[\s\u00a0]?\d{2}[\s\u00a0]?\d{2}[\s\u00a0]?\d{2}|\d{4}[\s\u00a0]\d{4})(?![\s\u00a0]?\d)"
)
# 112, 114 and 1888 only where the line speaks of calling: '§ 114' and 'side 112' are not numbers.
_SHORT = re.compile(r"(?<![\d§.,/-])(?<!§ )(?<!stk\. )(?<!nr\. )\b(112|114|1888)\b(?![\d.,]\d)")
_CALL = re.compile(r"\b(tlf|telefon|ring|ringe|nummer|hovednummer|alarm|kontakt|på)\b", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:]")
_LABEL_NOISE = re.compile(r"\b(tlf|telefon|tel|mail|e-mail|email|mobil|direkte)\b\.?:?", re.I)


@dataclass
class Words:
    roles: dict[str, list[re.Pattern]]
    national: list[re.Pattern]


@dataclass
class Where:
    page: int | None
    line: int

    def text(self, file_name: str) -> str:
        page = f"side {self.page}, " if self.page is not None else ""
        return f"{file_name}, {page}linje {self.line}"


@dataclass
class Found:
    """One contact as the plan gives it."""

    name: str
    roles: list[str]
    phones: list[tuple[str, str | None]] = field(default_factory=list)  # (number, label)
    email: str | None = None
    url: str | None = None
    hours: str | None = None  # in the data format, when the plan's wording could be read
    hours_text: str | None = None  # the plan's own words about hours
    where: list[Where] = field(default_factory=list)
    known_id: str | None = None  # the id nsk already has for this number or address
    own_name: bool = False  # the name stands on the number's own line


@dataclass
class Loose:
    """A number or address the plan gives without saying what it is for, or a national one."""

    value: str
    where: Where
    context: str
    national: str | None = None  # the nsk contact it matches


@dataclass
class Extraction:
    kommune: str | None
    plan_date: str | None
    found: list[Found]
    unplaced: list[Loose]
    national: list[Loose]


# ------------------------------------------------------------------------------ words


def _phrase(words: str) -> re.Pattern:
    toks = re.findall(r"\w+|§", fold(words))
    body = r"\W*".join(re.escape(t) + (r"\w*" if t[-1:].isalnum() else "") for t in toks)
    return re.compile(r"(?<!\w)" + body)


def load_words(rules: Path) -> Words:
    from nsk_cli.core.errors import DataError
    from nsk_cli.data import schema as s
    from nsk_cli.data import yamlio

    path = rules / WORDS_FILE
    if not path.exists():
        raise DataError(f"{path}: filen findes ikke (den beskriver, hvordan en plans kontakter læses)")
    doc = yamlio.load(path)
    spec = s.Map(
        {
            "roller": s.Field(s.Dict(s.Str(), s.ListOf(s.Str(), 1)), True),
            "nationale": s.Field(s.ListOf(s.Str(), 1), True),
        }
    )
    s.raise_if(s.validate(doc, spec))
    return Words(
        {role: [_phrase(w) for w in ws] for role, ws in doc.data["roller"].items()},
        [_phrase(w) for w in doc.data["nationale"]],
    )


def roles_in(text: str, words: Words) -> list[str]:
    folded = fold(text)
    return [role for role, pats in words.roles.items() if any(p.search(folded) for p in pats)]


def national_in(text: str, words: Words) -> bool:
    folded = fold(text)
    return any(p.search(folded) for p in words.national)


# ------------------------------------------------------------------------------ reading


def _anchors(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, normalised value, start, end) of every phone, e-mail and URL on a line."""
    out: list[tuple[str, str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _EMAIL.finditer(text):
        out.append(("email", m.group(0), *m.span()))
        taken.append(m.span())
    for m in _URL.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        url = m.group(0)
        out.append(("url", url if url.startswith("http") else "https://" + url, *m.span()))
        taken.append(m.span())
    for m in _PHONE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        number = normalise_phone(m.group(0).replace("\u00a0", " ").replace("(", "").replace(")", ""))
        if number:
            out.append(("phone", number, *m.span()))
            taken.append(m.span())
    if _CALL.search(text):
        for m in _SHORT.finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                out.append(("phone", m.group(1), *m.span()))
    return sorted(out, key=lambda a: a[2])


def _headingish(ln: Line) -> bool:
    t = ln.text
    return ln.heading or (len(t) < 70 and t[:1].isupper() and t[-1:] not in ".,;:!?-–" and not _anchors(t))


def _heading_above(lines: list[Line], start: int) -> str:
    """The heading over a block, not past an earlier contact: a heading scopes the numbers right
    under it, not every number further down the section."""
    for j in range(start - 1, max(start - 15, -1), -1):
        if _anchors(lines[j].text):
            return ""
        if _headingish(lines[j]):
            return lines[j].text
    return ""


def _own_text(text: str, anchors: list[tuple[str, str, int, int]]) -> str:
    for _, _, a, b in sorted(anchors, key=lambda x: -x[2]):
        text = text[:a] + " " + text[b:]
    return re.sub(r"\s+", " ", _LABEL_NOISE.sub(" ", text)).strip(" :/-–|,.")


_UNIT = re.compile(
    r"\b(?:ved|hos|til|i|kontakte|kontakt)\s+((?:[A-ZÆØÅ][\wæøåÆØÅ&-]*(?:,?\s+(?:for|og|&|i)?\s*)?){1,8})"
)


def _name_from(text: str) -> str | None:
    """A unit's name in running text ('... ved StraXen på tlf.'), or a short label line."""
    m = _UNIT.search(text)
    if m:
        name = m.group(1).strip(" ,")
        name = re.sub(r"\s+(?:for|og|i|&)$", "", name)
        if len(name) >= 3:
            return name
    if 3 <= len(text) <= 80 and text[:1].isupper() and text[-1:] not in ".:!?" and len(text.split()) <= 10:
        return text
    return None


# ------------------------------------------------------------------------------ extraction


def extract(doc: Document, words: Words, db, kommune: str | None) -> Extraction:
    """Read the plan's contacts. ``db`` is nsk's contact database: numbers it knows nationally
    are listed as national, and a number or address it knows for this municipality keeps its id."""
    nat_by_value = {p.number: c for c in db.national() for p in c.phones}
    nat_by_value |= {c.email.lower(): c for c in db.national() if c.email}
    local: dict[str, str] = {}
    for c in db.of_kommune(kommune) if kommune else []:
        local |= {p.number: c.id for p in c.phones} | ({c.email.lower(): c.id} if c.email else {})
        local |= {_url_key(c.url): c.id} if c.url else {}
    out = Extraction(kommune, plan_date(doc), [], [], [])
    by_value: dict[str, Found] = {}
    seen_loose: set[str] = set()
    current: Found | None = None
    last_anchor = -10
    lines = doc.lines
    for i, ln in enumerate(lines):
        anchors = _anchors(ln.text)
        if not anchors:
            continue
        own = _own_text(ln.text, anchors)
        where = Where(ln.page, ln.line)
        start = i  # the block above: up to three lines without numbers, not past a heading
        while (
            start > 0
            and i - start < 3
            and not _anchors(lines[start - 1].text)
            and not lines[start - 1].heading
        ):
            start -= 1
        before = lines[start:i]
        heading = _heading_above(lines, start)
        levels = [own, " ".join(b.text for b in before), heading]
        # a line with only a number or address, right under another, belongs to the same contact
        joins = current is not None and i - last_anchor <= 1 and len(own) < 4
        last_anchor = i
        # an address on the same line as a national number is that service's ('20 36 50 66/ x@y.dk')
        line_nat = next(
            (nat_by_value[v.lower()] for _k, v, _a, _b in anchors if v.lower() in nat_by_value), None
        )
        line_found = False
        for kind, value, _a, _b in anchors:
            key = _url_key(value) if kind == "url" else value.lower()
            if key in seen_loose:
                continue
            if key in by_value:  # the same number again: what this place says adds to it
                f = by_value[key]
                f.roles += [r for r in roles_in(own, words) if r not in f.roles]
                f.where.append(where)
                continue
            nat = nat_by_value.get(key) or (line_nat if kind != "url" else None)
            roles = _decide(levels, words)
            if nat is not None and "uden_for_aabningstid" not in (roles or []):
                out.national.append(Loose(value, where, ln.text, nat.name))
                seen_loose.add(key)
                continue
            if kind == "url" and not _municipal_url(value, kommune, db):
                continue  # a link to a law, a report or a national page is a reference, not a route
            if (joins or line_found) and current is not None:
                f = current  # the line above's contact, or the one this line already started
            else:
                if kind == "url" and not roles:
                    roles = roles_in(re.sub(r"[./:-]", " ", value), words) or None
                if not roles:
                    if kind != "url":
                        out.unplaced.append(Loose(value, where, ln.text, "?" if roles == [] else None))
                        seen_loose.add(key)
                    continue
                f = Found(_name(own, before), roles, own_name=bool(_name(own, [])))
                f.hours, f.hours_text = hours_near([ln, *lines[i + 1 : i + 3], *before])
                out.found.append(f)
                current = f
                line_found = True
            if kind == "phone":
                label = None
                if nat is not None:
                    label = (
                        "Politiets hovednummer – bed om kommunens døgnvagt" if value == "114" else nat.name
                    )
                f.phones.append((value, label))
            elif kind == "email" and not f.email:
                f.email = value
            elif kind == "url" and not f.url:
                f.url = value
            f.where.append(where)
            f.known_id = f.known_id or local.get(key)
            by_value[key] = f
    return out


def _decide(levels: list[str], words: Words) -> list[str] | None:
    """The roles the nearest level names; [] when that level speaks of a national service (not the
    municipality's own); None when no level says anything."""
    for text in levels:
        if national_in(text, words):
            return []
        roles = roles_in(text, words)
        if roles:
            return roles
    return None


_VERBS = {
    "kan",
    "skal",
    "er",
    "har",
    "kontaktes",
    "kontakte",
    "ringe",
    "ring",
    "bliver",
    "vil",
    "må",
    "skriv",
}


def _name(own: str, before: list[Line]) -> str:
    """The unit's name as the plan writes it, or '' (the CLI then names it by its role). A
    sentence ('Kommunens døgnvagt kan kontaktes via …') is not a name."""
    for text in [own, *(b.text for b in reversed(before))]:
        name = _name_from(text)
        if name and len(name.split()) <= 7 and not _VERBS & set(name.lower().split()):
            return name
    return ""


def _url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.lower()).rstrip("/")


def _municipal_url(url: str, kommune: str | None, db) -> bool:
    """A web address is a contact route only on a municipal site: the municipality's own domain,
    or a site whose name carries the municipality's name (sspguidefaxe.dk)."""
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0].lower()
    if not kommune or kommune not in db.municipalities:
        return False
    m = db.municipalities[kommune]
    names = {fold(n).replace(" kommune", "").replace(" ", "").replace("-", "") for n in m.names()}
    plain = {n.replace("oe", "o").replace("ae", "a").replace("aa", "a") for n in names}
    flat = host.replace("-", "")
    return any(n and n in flat for n in names | plain)
