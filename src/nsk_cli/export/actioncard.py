"""The action card: a one-page summary for staff, built from the same rules and contacts as
the guide (rules/actioncard.yaml says which answers each box uses). Pure core + renderers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from pathlib import Path

from nsk_cli.contacts.lines import UNCONFIRMED
from nsk_cli.contacts.model import Contact
from nsk_cli.core.sources import check_source, source_key
from nsk_cli.data import schema as s
from nsk_cli.data import yamlio
from nsk_cli.export.cardhtml import short_web
from nsk_cli.guide import engine, notices
from nsk_cli.guide.dataset import Data
from nsk_cli.guide.notices import needs_confirming

_BOX = s.Map(
    {
        "title": s.Field(s.Str(), True),
        "answers": s.Field(s.Dict(s.Str(pattern=r"[a-z][a-z0-9_]*"), s.Str()), True),
        "only": s.Field(s.ListOf(s.Str(pattern=r"[a-z][a-z0-9_]*"))),
    }
)
_ROUTE = s.Map(
    {
        "role": s.Field(s.Str(pattern=r"[a-z][a-z0-9_]*"), True),
        "contact": s.Field(s.Str(pattern=r"[a-z][a-z0-9_]*")),
        "text": s.Field(s.Str(), True),
        "address": s.Field(s.Str(), True),
        "url": s.Field(s.Str(pattern=r"https://\S+"), True),
        "source": s.Field(s.StrOrList(s.Str(check_fn=check_source)), True),
        "verified": s.Field(s.Str(pattern=r"\d{4}-\d\d-\d\d"), True),
    }
)
SPEC = s.Map(
    {
        "title": s.Field(s.Str(), True),
        "source": s.Field(s.StrOrList(s.Str(check_fn=check_source)), True),
        "acute": s.Field(_BOX, True),
        "tracks": s.Field(s.ListOf(_BOX, 1), True),
        "national_route": s.Field(_ROUTE),
        "fill_in": s.Field(s.Dict(s.Str(pattern=r"[a-z][a-z0-9_]*"), s.Str())),
    }
)


@dataclass
class Box:
    title: str
    steps: list[engine.ResultStep]


@dataclass
class Route:
    """The national way to do something the municipality has no known number for: printed with
    a short address, a QR code for the full one, and a line for the municipality's own number."""

    role: str
    text: str
    address: str
    url: str


@dataclass
class Card:
    title: str
    kommune: str
    made: date
    acute: Box
    tracks: list[Box]
    contacts: list[Contact]
    warnings: list[str]
    sources: list[str]
    verified: tuple[date, date] | None
    titles: Mapping[str, str] = field(default_factory=dict)
    # (role, label) of the municipality's own numbers nsk does not know: written in by hand
    fill_in: list[tuple[str, str]] = field(default_factory=list)
    route: Route | None = None  # the national route for the underretning, when no local number


def load_config(folder: Path) -> dict:
    doc = yamlio.load(folder / "actioncard.yaml", f"{folder.name}/actioncard.yaml")
    s.raise_if(s.validate(doc, SPEC))
    return doc.data


def build(d: Data, kommune: str | None, config: dict, today: date) -> Card:
    qs = engine.questions(d.rules, ask_kommune=False)
    at = datetime.combine(today, datetime.min.time())
    used: dict[str, Contact] = {}
    warnings: list[str] = []
    sources: list[str] = list(config["source"] if isinstance(config["source"], list) else [config["source"]])

    # the card's answers are chosen, not defaulted, and a number the card does not know gets a
    # line to fill in by hand: the guide's notices for those are not for the wall
    k = d.rules.find_kommune(kommune) if kommune else None
    not_for_the_card = {notices.defaulted_warning(q) for q in qs} | {notices.ignored_warning(q) for q in qs}
    not_for_the_card |= {
        notices.missing_role_warning(label, role) for role, label in d.contacts.roles.items()
    }
    if k:  # the card prints the municipality's page itself; the guide's note on it is not for the wall
        not_for_the_card |= {notices.page_only_warning(k, lb, role) for role, lb in d.contacts.roles.items()}
    if k is None:  # no municipality: its numbers are lines to fill in, not a note about options
        not_for_the_card |= {*notices.opening_warnings(None, None), *notices.opening_warnings(None, "anden")}
    local_missing = notices.national_route_roles(d.contacts, k.id) if k else list(notices.LOCAL_ROLES)
    if k:
        labels = [d.contacts.roles.get(r, r) for r in local_missing]
        for n in range(1, len(labels) + 1):
            not_for_the_card |= {notices.national_route_warning(k, list(c)) for c in combinations(labels, n)}
    missing: list[str] = []
    roles_of = {st.id: st.contacts for st in d.rules.steps_for(k)}

    def box(cfg: dict) -> Box:
        done = engine.complete(qs, cfg["answers"])
        r = engine.build_result(d.rules, d.contacts, kommune, done, at)
        steps = [st for st in r.steps if not cfg.get("only") or st.id in cfg["only"]]
        for c in r.contacts:
            if any(c.id in st.contacts for st in steps) and not (kommune and _only_if_unknown(c)):
                used.setdefault(c.id, c)
        for st in steps:
            sources.extend(x for x in st.source if x not in sources)
            for role in [
                *st.roles_without_contact,
                *(x for x in local_missing if x in roles_of.get(st.id, ())),
            ]:
                if role not in missing:
                    missing.append(role)
        for w in r.warnings:
            if w not in not_for_the_card and w not in warnings:
                warnings.append(w)
        return Box(cfg["title"], steps)

    acute = box(config["acute"])
    tracks = [box(t) for t in config["tracks"]]
    for c in d.contacts.out_of_hours(k.id if k else None):
        used.setdefault(c.id, c)
    contacts = sorted(used.values(), key=lambda c: (c.kommune is None, c.name))
    for c in contacts:
        sources.extend(x for x in c.source if x not in sources)
    dates = [c.verified for c in contacts]
    short = config.get("fill_in") or {}
    route = None
    cfg_route = config.get("national_route")
    if cfg_route and cfg_route["role"] in missing:
        route = _route(d, cfg_route)
        sources.extend(x for x in _listed(cfg_route["source"]) if x not in sources)
        contacts = [c for c in contacts if c.id != cfg_route.get("contact")]  # printed with the route
    return Card(
        title=config["title"],
        kommune=k.name if k else "Jeres kommune",  # no or another municipality: its numbers are written in
        made=today,
        acute=acute,
        tracks=tracks,
        contacts=contacts,
        warnings=warnings,
        sources=sources,
        verified=(min(dates), max(dates)) if dates else None,
        titles=d.rules.titles,
        fill_in=[(r, short.get(r) or d.contacts.roles.get(r, r)) for r in sorted(missing, key=_role_order)],
        route=route,
    )


def _role_order(role: str) -> tuple[int, str]:
    """The municipality's own numbers first, in the order of the guide's local roles."""
    local = notices.LOCAL_ROLES
    return (local.index(role) if role in local else len(local), role)


def _listed(value) -> list[str]:
    return list(value) if isinstance(value, list) else [value]


def _route(d: Data, cfg: dict) -> Route:
    """The configured national route; a contact of that id in the contacts data (its web
    address) wins over the address written in actioncard.yaml."""
    c = d.contacts.contacts.get(cfg.get("contact") or "")
    if c is not None and c.url:
        return Route(cfg["role"], cfg["text"], short_web(c.url), c.url)
    return Route(cfg["role"], cfg["text"], cfg["address"], cfg["url"])


# The national routes on the guide's underretning step (the borger.dk form; Ankestyrelsen, when
# the child's municipality is unknown) are listed only on the card without a municipality: a
# municipality's own wall card has its own intake and no room to spare on the sheet.
ONLY_IF_KOMMUNE_UNKNOWN = ("underretning_digital", "ankestyrelsen")


def _only_if_unknown(c: Contact) -> bool:
    return any(role in ONLY_IF_KOMMUNE_UNKNOWN for role in c.roles)


def _phones(c: Contact) -> str:
    return ", ".join(p.number for p in c.phones) or "–"


def _reach(c: Contact) -> str:
    parts = [_phones(c) if c.phones else "", c.email or ""]
    parts = [p for p in parts if p]
    if not parts and c.url:
        parts = [short_web(c.url)]
    return " · ".join(parts) or "ingen telefon i kilderne"


def _hours(c: Contact) -> str:
    """The opening hours, or nothing when the sources do not give them (never 'ukendt')."""
    return c.hours.text if c.hours else ""


def to_markdown(card: Card) -> str:
    out = [f"# {card.title}", "", f"**{card.kommune}** · udskrevet {card.made.isoformat()}", ""]
    out += [f"## {card.acute.title}", ""]
    out += [f"{i}. {st.text}" for i, st in enumerate(card.acute.steps, 1)]
    for box in card.tracks:
        out += ["", f"## {box.title}", ""]
        out += [f"{i}. {st.text}" + (f" ({'; '.join(st.legal_refs)})" if st.legal_refs else "")
                for i, st in enumerate(box.steps, 1)]  # fmt: skip
    if card.fill_in:
        out += ["", f"## {card.kommune}: skriv jeres egne numre", ""]
        for role, label in card.fill_in:
            route = card.route if card.route is not None and card.route.role == role else None
            where = f"{route.text} {route.address} <{route.url}> – " if route else ""
            out.append(f"- {label}: {where}jeres nummer: ______________")
    out += ["", "## Kontakter", "", "| Kontakt | Telefon / mail | Åbningstid |", "|---|---|---|"]
    for c in card.contacts:
        where = "" if c.kommune is None else " (lokal)"
        mark = f" ({UNCONFIRMED})" if needs_confirming(c) else ""
        out.append(f"| {c.name}{where} | {_reach(c)}{mark} | {_hours(c)} |")
    if card.warnings:
        out += [""] + [f"> {w}" for w in card.warnings]
    out += ["", _footer(card)]
    return "\n".join(out) + "\n"


def sources_line(sources: list[str], titles: Mapping[str, str]) -> str:
    """All sources in one readable line: documents by their title (rules/sources.yaml), web
    pages by site."""
    from urllib.parse import urlsplit

    docs: list[str] = []
    sites: list[str] = []
    for src in sources:
        if src.startswith("http"):
            host = urlsplit(src).hostname or src
            host = host.removeprefix("www.")
            if host not in sites:
                sites.append(host)
        else:
            title = titles.get(source_key(src), "kildedokument uden titel")
            if title not in docs:
                docs.append(title)
    parts = docs + ([f"websider: {', '.join(sites)}"] if sites else [])
    return "Kilder: " + "; ".join(parts) + "."


def _footer(card: Card) -> str:
    ver = ""
    if card.verified:
        a, b = card.verified
        ver = (
            f"Kontakter tjekket mod kilderne {a.isoformat()}" + (f"–{b.isoformat()}" if b != a else "") + ". "
        )
    made = "Lavet af nsk ud fra guidens regler og kontakter."
    return f"{ver}{made} {sources_line(card.sources, card.titles)}"


def to_html(card: Card, size: str = "a4") -> str:
    """The card as one HTML page (export/cardhtml.py): A4, or an A3 poster."""
    from nsk_cli.export import cardhtml

    return cardhtml.to_html(card, size=size, footer=_footer(card))
