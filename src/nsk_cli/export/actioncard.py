"""The action card: a one-page summary for staff, built from the same rules and contacts as
the guide (rules/actioncard.yaml says which answers each box uses). Pure core + renderers."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from nsk_cli.contacts.lines import UNCONFIRMED
from nsk_cli.contacts.model import Contact
from nsk_cli.core.sources import check_source, source_key
from nsk_cli.data import schema as s
from nsk_cli.data import yamlio
from nsk_cli.guide import engine, notices
from nsk_cli.guide.dataset import Data
from nsk_cli.guide.notices import UNCONFIRMED_WARNING, needs_confirming

_BOX = s.Map(
    {
        "title": s.Field(s.Str(), True),
        "answers": s.Field(s.Dict(s.Str(pattern=r"[a-z][a-z0-9_]*"), s.Str()), True),
        "only": s.Field(s.ListOf(s.Str(pattern=r"[a-z][a-z0-9_]*"))),
    }
)
SPEC = s.Map(
    {
        "title": s.Field(s.Str(), True),
        "source": s.Field(s.StrOrList(s.Str(check_fn=check_source)), True),
        "acute": s.Field(_BOX, True),
        "tracks": s.Field(s.ListOf(_BOX, 1), True),
    }
)


@dataclass
class Box:
    title: str
    steps: list[engine.ResultStep]


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

    # the card's answers are chosen, not defaulted, and a role without a contact gets its own
    # "Find selv" line: the guide's notices for those are not for the wall
    not_for_the_card = {notices.defaulted_warning(q) for q in qs} | {notices.ignored_warning(q) for q in qs}
    not_for_the_card |= {
        notices.missing_role_warning(label, role) for role, label in d.contacts.roles.items()
    }
    own = d.rules.find_kommune(kommune) if kommune else None
    if own:  # the card prints the municipality's page itself; the guide's note on it is not for the wall
        not_for_the_card |= {
            notices.page_only_warning(own, lb, role) for role, lb in d.contacts.roles.items()
        }

    def box(cfg: dict) -> Box:
        done = engine.complete(qs, cfg["answers"])
        r = engine.build_result(d.rules, d.contacts, kommune, done, at)
        steps = [st for st in r.steps if not cfg.get("only") or st.id in cfg["only"]]
        for c in r.contacts:
            if any(c.id in st.contacts for st in steps) and not (kommune and _only_if_unknown(c)):
                used.setdefault(c.id, c)
        for st in steps:
            sources.extend(x for x in st.source if x not in sources)
        missing = {role for st in steps for role in st.roles_without_contact}
        for w in r.warnings:
            if w in not_for_the_card:
                continue
            if w not in warnings:
                warnings.append(w)
        for role in sorted(missing):
            line = f"Find selv: {d.contacts.roles.get(role, role)} – nsk har ingen kontakt i data."
            if line not in warnings:
                warnings.append(line)
        return Box(cfg["title"], steps)

    acute = box(config["acute"])
    tracks = [box(t) for t in config["tracks"]]
    k = d.rules.find_kommune(kommune) if kommune else None
    for c in d.contacts.out_of_hours(k.id if k else None):
        used.setdefault(c.id, c)
    contacts = sorted(used.values(), key=lambda c: (c.kommune is None, c.name))
    for c in contacts:
        sources.extend(x for x in c.source if x not in sources)
    dates = [c.verified for c in contacts]
    return Card(
        title=config["title"],
        kommune=k.name if k else (kommune or "ingen kommune valgt"),
        made=today,
        acute=acute,
        tracks=tracks,
        contacts=contacts,
        warnings=warnings,
        sources=sources,
        verified=(min(dates), max(dates)) if dates else None,
        titles=d.rules.titles,
    )


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
        parts = [_web(c.url)]
    return " · ".join(parts) or "ingen telefon i kilderne"


def _web(url: str) -> str:
    """A web address as it is printed: without 'https://' and 'www.' (typed, not clicked)."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


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


# A wall card read from two metres: A4, the acute box first with 112 large, the municipality's
# own numbers next, nothing under 10 pt. The page is a column that fills the sheet.
_CSS = """
@page { size: A4; margin: 6mm; }
* { box-sizing: border-box; }
html { font-size: 10pt; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 10pt; line-height: 1.1;
  color: #000; margin: 0 auto; max-width: 198mm; padding: 6px; }
.page { display: flex; flex-direction: column; gap: 1.2mm; justify-content: space-between; }
h1 { font-size: 14pt; margin: 0; }
h2 { font-size: 11.5pt; margin: 0 0 0.5mm; }
.meta { margin: 0; font-size: 10pt; }
.acute { display: flex; gap: 3mm; align-items: stretch; border: 3pt solid #b00020; padding: 1.4mm 2.4mm; }
.big { display: flex; flex-direction: column; justify-content: center; align-items: center;
  background: #b00020; color: #fff; padding: 1mm 3mm; min-width: 30mm; }
.big .num { font-size: 38pt; font-weight: bold; line-height: 1; }
.big .what { font-size: 10.5pt; font-weight: bold; }
.acute h2 { color: #b00020; font-size: 13pt; }
.acute ol { font-size: 10.5pt; }
.local { border: 2pt solid #000; padding: 1.2mm 2.4mm; }
.local ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr 1fr;
  gap: 0.6mm 4mm; }
.local .num { font-size: 13pt; font-weight: bold; }
.local h2 .mark { font-size: 10pt; font-weight: normal; }
.web { overflow-wrap: anywhere; }
.tracks { column-count: 2; column-gap: 3mm; }
.track { border: 1pt solid #555; padding: 1.2mm 2mm; margin-bottom: 1.2mm; }
ol { margin: 0; padding-left: 4.5mm; } li { margin-bottom: 0.4mm; }
.law { font-size: 10pt; color: #333; }
.contacts { list-style: none; margin: 0; padding: 0; column-count: 2; column-gap: 4mm; }
.contacts li { break-inside: avoid; margin: 0 0 0.4mm; }
.contacts .hours { color: #333; }
.warn { margin: 0; font-size: 10pt; }
footer { font-size: 10pt; color: #222; }
a { color: inherit; text-decoration: none; }
@media screen and (max-width: 600px) { .tracks, .contacts { column-count: 1; }
  .local ul { grid-template-columns: 1fr; }
  .acute { flex-direction: column; } }
@media print { body { padding: 0; max-width: none; } .page { min-height: 284mm; } }
"""


def to_html(card: Card) -> str:
    e = html.escape

    def steps(box: Box, legal: bool = True) -> str:
        items = []
        for st in box.steps:
            law = (
                f' <span class="law">({e("; ".join(st.legal_refs))})</span>'
                if legal and st.legal_refs
                else ""
            )
            items.append(f"<li>{e(st.text)}{law}</li>")
        return "<ol>" + "".join(items) + "</ol>"

    def phone_links(c: Contact) -> str:
        return ", ".join(f'<a href="{e(_tel(p.number))}">{e(p.number)}</a>' for p in c.phones)

    tracks = []
    for i, box in enumerate(card.tracks):
        wide = " wide" if i == len(card.tracks) - 1 and len(card.tracks) % 2 == 1 else ""
        tracks.append(f'<section class="track{wide}"><h2>{e(box.title)}</h2>{steps(box)}</section>')
    own = [c for c in card.contacts if c.kommune]
    local = ""
    warnings_shown = card.warnings
    if own:
        # Unconfirmed local numbers are marked (as contacts.lines.contact_line does): once in the
        # heading when it holds for every number shown, otherwise at each contact.
        unconfirmed = [c for c in own if needs_confirming(c)]
        every = bool(unconfirmed) and len(unconfirmed) == len([c for c in own if c.phones or c.email])
        heading = f"{e(card.kommune)}: egne kontakter"
        if every:
            heading += (
                f' <span class="mark">– læst i kommunens offentlige kilder, {UNCONFIRMED}: tjek dem</span>'
            )
            warnings_shown = [w for w in card.warnings if w != UNCONFIRMED_WARNING]
        items = "".join(
            f"<li>{e(c.name)}<br>"
            + (
                f'<span class="num">{phone_links(c)}</span>'
                if c.phones
                else f'<span class="web">{e(_reach(c))}</span>'
            )
            + (f" · {e(c.email)}" if c.phones and c.email else "")
            + (f" ({UNCONFIRMED})" if needs_confirming(c) and not every else "")
            + (f' <span class="hours">({e(_hours(c))})</span>' if c.hours else "")
            + "</li>"
            for c in own
        )
        local = f'<section class="local"><h2>{heading}</h2><ul>{items}</ul></section>'
    rows = []
    for c in card.contacts:
        if c.kommune:
            continue  # shown above, large
        reach = " · ".join(x for x in (phone_links(c), e(c.email or "")) if x) or e(_reach(c))
        hours = f' <span class="hours">({e(_hours(c))})</span>' if c.hours else ""
        rows.append(f"<li><strong>{e(c.name)}</strong>: {reach}{hours}</li>")
    warnings = "".join(f'<p class="warn">{e(w)}</p>' for w in warnings_shown)
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(card.title)} – {e(card.kommune)}</title>
<style>{_CSS}</style>
</head>
<body>
<div class="page">
<header><h1>{e(card.title)}</h1>
<p class="meta"><strong>{e(card.kommune)}</strong> · udskrevet {card.made.isoformat()}</p></header>
<section class="acute">
<div class="big"><span class="num">112</span><span class="what">ved akut fare</span></div>
<div><h2>{e(card.acute.title)}</h2>{steps(card.acute, legal=False)}</div></section>
{local}
<div class="tracks">{"".join(tracks)}</div>
<section><h2>Andre kontakter</h2><ul class="contacts">{"".join(rows)}</ul></section>
{warnings}
<footer>{e(_footer(card))}</footer>
</div>
</body>
</html>
"""


def _tel(number: str) -> str:
    digits = re.sub(r"[^\d+]", "", number)
    return "tel:" + ("+45" + digits if re.fullmatch(r"\d{8}", digits) else digits)
