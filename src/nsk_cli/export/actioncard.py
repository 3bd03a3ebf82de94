"""The action card: a one-page summary for staff, built from the same rules and contacts as
the guide (rules/actioncard.yaml says which answers each box uses). Pure core + renderers."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from nsk_cli.contacts.model import Contact
from nsk_cli.core.sources import check_source
from nsk_cli.data import schema as s
from nsk_cli.data import yamlio
from nsk_cli.guide import engine
from nsk_cli.guide.dataset import Data

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

    def box(cfg: dict) -> Box:
        done = engine.complete(qs, cfg["answers"])
        r = engine.build_result(d.rules, d.contacts, kommune, done, at)
        steps = [st for st in r.steps if not cfg.get("only") or st.id in cfg["only"]]
        for c in r.contacts:
            if any(c.id in st.contacts for st in steps):
                used.setdefault(c.id, c)
        for st in steps:
            sources.extend(x for x in st.source if x not in sources)
        for w in r.warnings:
            if w not in warnings and not w.startswith("Spørgsmålet"):
                warnings.append(w)
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
    )


def _phones(c: Contact) -> str:
    return ", ".join(p.number for p in c.phones) or "–"


def _reach(c: Contact) -> str:
    parts = [_phones(c) if c.phones else "", c.email or ""]
    parts = [p for p in parts if p]
    if not parts and c.url:
        parts = [c.url]
    return " · ".join(parts) or "ingen telefon i kilderne"


def _hours(c: Contact) -> str:
    return c.hours.text if c.hours else "ukendt"


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
        out.append(f"| {c.name}{where} | {_reach(c)} | {_hours(c)} |")
    if card.warnings:
        out += [""] + [f"> {w}" for w in card.warnings]
    out += ["", _footer(card)]
    return "\n".join(out) + "\n"


def _footer(card: Card) -> str:
    ver = ""
    if card.verified:
        a, b = card.verified
        ver = (
            f"Kontakter tjekket mod kilderne {a.isoformat()}" + (f"–{b.isoformat()}" if b != a else "") + ". "
        )
    files: list[str] = []
    for src in card.sources:
        name = src.split(":", 1)[0] if not src.startswith("http") else src
        if name not in files:
            files.append(name)
    return f"{ver}Genereret af nsk fra rules/ og contacts/. Kilder: {', '.join(files)}"


_CSS = """
@page { size: A4; margin: 8mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 8pt; line-height: 1.22;
  color: #111; margin: 0 auto; max-width: 200mm; padding: 8px; }
h1 { font-size: 13pt; margin: 0 0 2px; }
h2 { font-size: 9.8pt; margin: 0 0 3px; }
.meta { color: #444; margin-bottom: 6px; }
.acute { border: 2.5px solid #b00020; background: #fff1f1; padding: 5px 8px; margin-bottom: 6px; }
.acute h2 { color: #b00020; }
.tracks { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 10px; }
.track { border: 1px solid #999; padding: 5px 7px; }
.track.wide { grid-column: 1 / -1; }
ol { margin: 0; padding-left: 16px; } li { margin-bottom: 2px; }
.law { color: #555; font-size: 7.6pt; }
table { border-collapse: collapse; width: 100%; margin-top: 6px; font-size: 7.8pt; }
th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: left; vertical-align: top; }
th { background: #eee; }
.local { font-weight: bold; }
.warn { color: #7a4b00; font-size: 7.6pt; margin: 4px 0 0; }
footer { margin-top: 5px; font-size: 6.6pt; color: #555; }
@media (max-width: 600px) { .tracks { grid-template-columns: 1fr; } body { font-size: 11pt; } }
@media print { body { padding: 0; } }
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

    tracks = []
    for i, box in enumerate(card.tracks):
        wide = " wide" if i == len(card.tracks) - 1 and len(card.tracks) % 2 == 1 else ""
        tracks.append(f'<section class="track{wide}"><h2>{e(box.title)}</h2>{steps(box)}</section>')
    rows = []
    for c in card.contacts:
        cls = ' class="local"' if c.kommune else ""
        rows.append(f"<tr{cls}><td>{e(c.name)}</td><td>{e(_reach(c))}</td><td>{e(_hours(c))}</td></tr>")
    warnings = "".join(f'<p class="warn">{e(w)}</p>' for w in card.warnings)
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(card.title)} – {e(card.kommune)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{e(card.title)}</h1>
<p class="meta"><strong>{e(card.kommune)}</strong> · udskrevet {card.made.isoformat()}</p>
<section class="acute"><h2>{e(card.acute.title)}</h2>{steps(card.acute, legal=False)}</section>
<div class="tracks">{"".join(tracks)}</div>
<table><thead><tr><th>Kontakt</th><th>Telefon / mail</th><th>Åbningstid</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
{warnings}
<footer>{e(_footer(card))}</footer>
</body>
</html>
"""
