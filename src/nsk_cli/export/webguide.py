"""The offline web guide (`nsk html`): one self-contained HTML file that runs the same flow
as `nsk guide`.

One engine, two front ends. Python compiles everything static from the same rules and
contacts the CLI uses: the questions with their conditions as a JSON syntax tree, the
municipality's steps already in the engine's order with their contacts resolved, the
contacts' opening hours and every warning text. The page's small script (webguide.js) only
walks the questions like ``engine.walk``/``engine.complete``, evaluates the syntax trees and
filters the pre-ordered steps. ``window.nsk.result(answers)`` returns the same step and contact
ids as ``nsk guide --format json``; tests/test_webguide.py proves it for every path.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from datetime import date
from importlib import resources

from nsk_cli.contacts.model import Contact
from nsk_cli.guide import conditions, engine
from nsk_cli.guide.dataset import Data
from nsk_cli.guide.rules import Kommune, Question, RuleSet, Step

TITLE = "Beslutningsstøtte ved negativ social kontrol og æresrelaterede konflikter"


def condition_ast(cond: conditions.Cond | None) -> dict | None:
    """A parsed condition as plain data for the page: cmp / not / and / or."""
    if cond is None:
        return None
    if isinstance(cond, conditions.Compare):
        return {"op": "cmp", "id": cond.ident, "values": list(cond.values), "negate": cond.negate}
    if isinstance(cond, conditions.Not):
        return {"op": "not", "arg": condition_ast(cond.inner)}
    if isinstance(cond, conditions.BoolOp):
        return {"op": cond.op, "args": [condition_ast(p) for p in cond.parts]}
    raise TypeError(f"unknown condition node {type(cond).__name__}")  # pragma: no cover


def ordered_steps(rs: RuleSet, kommune: Kommune | None) -> list[Step]:
    """The municipality's effective steps in the engine's final order. The one place the export
    asks for the order, so it follows the engine when the engine's ordering changes."""
    from nsk_cli.guide import engine

    return engine.ordered_steps(rs, kommune)


def tel_href(number: str) -> str:
    """'43 57 75 78' -> 'tel:+4543577578'; short service numbers ('112', '1888') stay as they are."""
    digits = re.sub(r"[^\d+]", "", number)
    if re.fullmatch(r"\d{8}", digits):
        digits = "+45" + digits
    return "tel:" + digits


def contact_line(c: Contact) -> str:
    """As contacts.render.contact_line (not imported: that module pulls in rich for its table)."""
    numbers = ", ".join(p.number + (f" ({p.label})" if p.label else "") for p in c.phones)
    parts = [p for p in (numbers, c.email, c.url) if p]
    return " · ".join(parts) if parts else "ingen telefon, mail eller webadresse i kilderne"


def alternatives_text(alts: list[Contact]) -> str:
    """As contacts.render.alternatives_text: where to turn instead when a contact is closed."""
    parts = []
    for a in alts:
        number = a.phones[0].number if a.phones else ""
        parts.append(f"ved akut fare: {number}" if "akut" in a.roles else f"{a.name}: {number}")
    return "; ".join(parts)


def _question(q: Question) -> dict:
    return {
        "id": q.id,
        "text": q.text,
        "help": " ".join(q.help.split()),
        "options": [{"value": o.value, "label": o.label, "help": o.help} for o in q.options],
        "default": q.default,
        "when": condition_ast(q.when),
    }


def _contact(c: Contact, ooh: list[Contact]) -> dict:
    return {
        "id": c.id,
        "name": c.name,
        "organisation": c.organisation,
        "local": c.kommune is not None,
        "phones": [{"number": p.number, "label": p.label, "href": tel_href(p.number)} for p in c.phones],
        "email": c.email,
        "url": c.url,
        "line": contact_line(c),
        "hours": c.hours.text if c.hours else None,
        "week": [[list(span) for span in day] for day in c.hours.week] if c.hours else None,
        "instead": alternatives_text([a for a in ooh if a.id != c.id]),
    }


def build(d: Data, kommune_name: str | None, today: date) -> dict:
    """Everything the page needs, as plain JSON-able data."""
    rs, db = d.rules, d.contacts
    kommune, _ = engine.resolve_kommune(rs, kommune_name)
    kid = kommune.id if kommune else None
    qs = engine.questions(rs, ask_kommune=False)
    # The warnings that do not depend on the answers, exactly as the engine words them.
    static = engine.build_result(rs, db, kommune_name, engine.Completed({}, [], []), _noon(today))
    steps: list[dict] = []
    contacts: dict[str, dict] = {}
    role_warnings: dict[str, str] = {}
    ooh = db.out_of_hours(kid)
    for st in ordered_steps(rs, kommune):
        ids: list[str] = []
        without: list[str] = []
        for role in st.contacts:
            found = db.resolve(role, kid)
            if not found:
                without.append(role)
                label = db.roles.get(role, role)
                role_warnings[role] = (
                    f"Ingen kontakt i data for rollen {role!r} ({label}) – slå den op lokalt."
                )
            for c in found:
                if c.id not in ids:
                    ids.append(c.id)
                contacts.setdefault(c.id, _contact(c, ooh))
        steps.append(
            {
                "id": st.id,
                "text": st.text,
                "when": condition_ast(st.when),
                "legal_refs": list(st.legal_refs),
                "contacts": ids,
                "roles_without_contact": without,
                "source": list(st.source),
            }
        )
    for c in ooh:
        contacts.setdefault(c.id, _contact(c, ooh))
    return {
        "title": TITLE,
        "kommune": kid,
        "kommune_navn": kommune.name if kommune else "ingen kommune valgt",
        "made": today.isoformat(),
        "questions": [_question(q) for q in qs],
        "steps": steps,
        "contacts": contacts,
        "out_of_hours": [c.id for c in ooh],
        "warnings": {
            "static": [w for w in static.warnings if w not in role_warnings.values()],
            "defaulted": {
                q.id: f"Spørgsmålet {q.id!r} blev ikke besvaret; standardsvaret "
                f"{q.label(q.default)!r} er brugt. Tjek at det passer på sagen."
                for q in qs
            },
            "ignored": {
                q.id: f"Svaret på {q.id!r} er ikke brugt, fordi spørgsmålet ikke indgår i dette forløb."
                for q in qs
            },
            "roles": role_warnings,
        },
    }


def _noon(day: date):
    from datetime import datetime

    return datetime.combine(day, datetime.min.time()).replace(hour=12)


def _asset(name: str) -> str:
    return resources.files("nsk_cli.export").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def to_html(model: dict) -> str:
    """The page: markup, inline CSS, the data as inline JSON and the inline script. The content
    security policy forbids every request (no fonts, images, scripts or connections)."""
    e = html.escape
    data = json.dumps(model, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    script = _asset("webguide.js")
    css = _asset("webguide.css")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(script)}; style-src {_csp_hash(css)}; "
        "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    title = f"{model['title']} – {model['kommune_navn']}"
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{e(title)}</title>
<style>{css}</style>
</head>
<body>
<a class="skip" href="#main">Gå til indholdet</a>
<header class="top">
<p class="brand">nsk · {e(model["kommune_navn"])}</p>
<p class="sub">{e(model["title"])}</p>
</header>
<main id="main" class="wrap">
<noscript><p class="panel">Siden kræver JavaScript for at stille spørgsmålene. Brug i stedet
kommandolinjen: <code>nsk guide</code>.</p></noscript>
<div id="app"></div>
</main>
<footer class="foot wrap">
<p>Lavet af nsk {e(model["made"])} fra regler og kontakter med kilder. Siden virker uden netværk
og gemmer intet: dine svar forsvinder, når du lukker siden.</p>
</footer>
<script type="application/json" id="nsk-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
