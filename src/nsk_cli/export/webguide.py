"""The offline web guide (`nsk html`): one self-contained HTML file that runs the same flow
as `nsk guide`.

One engine, two front ends. Python compiles everything static from the same rules and
contacts the CLI uses, with the engine's own functions: the questions with their conditions as
a JSON syntax tree, the municipality's steps in ``engine.ordered_steps`` order with their
contacts resolved by ``engine.step_contacts``, the contacts' opening hours and the holidays of
the years the page may be used (``hours.holiday_state``), and every warning text
(``guide.notices``). The page's small script (webguide.js) only walks the questions like
``engine.walk``/``engine.complete``, evaluates the syntax trees and filters the pre-ordered
steps. ``window.nsk.result(answers, at)`` returns what ``nsk guide --format json --at`` returns;
tests/test_webguide.py proves it for every path and every partial answer set.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
from datetime import date
from importlib import resources

from nsk_cli.contacts import lines
from nsk_cli.contacts.model import Contact
from nsk_cli.core.sources import readable_sources
from nsk_cli.core.text import split_first_sentence
from nsk_cli.guide import alarm, conditions, engine, notices
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
    return engine.ordered_steps(rs, kommune)


def tel_href(number: str) -> str:
    """'43 57 75 78' -> 'tel:+4543577578'; short service numbers ('112', '1888') stay as they are."""
    digits = re.sub(r"[^\d+]", "", number)
    if re.fullmatch(r"\d{8}", digits):
        digits = "+45" + digits
    return "tel:" + digits


HOLIDAY_YEARS = 3  # the page knows the holidays of the year it is made and the next two


def _question(q: Question) -> dict:
    return {
        "id": q.id,
        "text": q.text,
        "help": " ".join(q.help.split()),
        "options": [{"value": o.value, "label": o.label, "help": o.help} for o in q.options],
        "default": q.default,
        "unknown_means": q.unknown_means,
        "when": condition_ast(q.when),
        "must_answer": notices.must_answer_message(q) if q.default is None else None,
    }


def _contact(c: Contact, alts: list[Contact]) -> dict:
    # As GuideResult.alternatives (ContactDB.alternatives): only a closed municipal unit has an
    # alternative, and an adult unit never gets the children's duty via 114.
    return {
        "id": c.id,
        "name": c.name,
        "organisation": c.organisation,
        "local": c.kommune is not None,
        "phones": [{"number": p.number, "label": p.label, "href": tel_href(p.number)} for p in c.phones],
        "email": c.email,
        "url": c.url,
        "line": lines.contact_line(c),
        "hours": c.hours.text if c.hours else None,
        "week": [[list(span) for span in sorted(day)] for day in c.hours.week] if c.hours else None,
        "always": bool(c.hours and c.hours.always),
        "alternatives": [a.id for a in alts],
        "instead": lines.alternatives_text(alts),
        "confirm": notices.needs_confirming(c),
    }


def _holidays(today: date) -> dict[str, list]:
    """Every holiday date of the years the page may be used, with how it decides opening hours
    (Hours.state): [false, why] closed, [null, why] not known."""
    from nsk_cli.contacts.hours import holiday_state
    from nsk_cli.contacts.public_holidays import days_of

    out: dict[str, list] = {}
    for year in range(today.year, today.year + HOLIDAY_YEARS):
        for day in sorted(days_of(year)):
            decided = holiday_state(date.fromisoformat(day))
            if decided is not None:
                out[day] = list(decided)
    return out


def build(d: Data, kommune_name: str | None, today: date) -> dict:
    """Everything the page needs, as plain JSON-able data, compiled with the engine's own
    functions: the steps in engine.ordered_steps order, their contacts as engine.step_contacts
    resolves them, and every warning text from guide.notices."""
    rs, db = d.rules, d.contacts
    kommune, given_name = engine.resolve_kommune(rs, kommune_name)
    kid = kommune.id if kommune else None
    qs = engine.questions(rs, ask_kommune=False)
    steps: list[dict] = []
    contacts: dict[str, dict] = {}
    role_warnings: dict[str, str] = {}
    ooh = db.out_of_hours(kid)
    for st in ordered_steps(rs, kommune):
        found, without = engine.step_contacts(db, st, kid)
        for role in without:
            role_warnings[role] = notices.missing_role_warning(db.roles.get(role, role), role)
        for c in found:
            contacts.setdefault(c.id, _contact(c, db.alternatives(c)))
        steps.append(
            {
                "id": st.id,
                "phase": st.phase,
                "text": st.text,
                "legal_refs": list(st.legal_refs),
                "contacts": [c.id for c in found],
                "source": list(st.source),
                "source_titles": readable_sources(st.source, rs.titles),
                "when": condition_ast(st.when),
                "roles": list(st.contacts),
                "roles_without_contact": without,
                "now": st.now,
                "headline": split_first_sentence(st.text)[0],
                "detail": split_first_sentence(st.text)[1],
            }
        )
    for c in [*ooh, *db.adult_out_of_hours(kid)]:
        contacts.setdefault(c.id, _contact(c, db.alternatives(c)))
    # for the no-script block: the box as right after the answer that opens it (akut = ja)
    opening = {q: vals[0] for q, vals in rs.alarm.when.comparisons()} if rs.alarm else {}
    box = alarm.box_for(rs, db, kommune, opening)
    for c in [c for _, cs in box.lines for c in cs] if box else []:
        contacts.setdefault(c.id, _contact(c, db.alternatives(c)))
    national = notices.national_route_roles(db, kommune.id) if kommune else []
    page_only = notices.page_only_roles(db, kommune.id) if kommune else []
    national_texts = {}
    if kommune:  # one text for every combination of roles a result may use
        for n in range(1, len(national) + 1):
            for combo in itertools.combinations(national, n):
                labels = [db.roles.get(r, r) for r in combo]
                national_texts["|".join(combo)] = notices.national_route_warning(kommune, labels)
    return {
        "noscript": noscript_html(d, kommune, kommune_name, box, today),
        "title": TITLE,
        "kommune": kid,
        "kommune_result": kid or given_name or None,
        "kommune_navn": kommune.name
        if kommune
        else ("anden kommune" if given_name else "ingen kommune valgt"),
        "made": today.isoformat(),
        "unconfirmed_marker": lines.UNCONFIRMED,
        "years": [today.year, today.year + HOLIDAY_YEARS - 1],
        "holidays": _holidays(today),
        "questions": [_question(q) for q in qs],
        "steps": steps,
        "contacts": contacts,
        "out_of_hours": [c.id for c in ooh],
        "alarm": _alarm_model(rs, db, kommune),
        "warnings": {
            "opening": notices.opening_warnings(kommune, given_name),
            "defaulted": {q.id: notices.defaulted_warning(q) for q in qs if q.default is not None},
            "ignored": {q.id: notices.ignored_warning(q) for q in qs},
            "unknown": {q.id: notices.unknown_warning(q) for q in qs if q.unknown_means},
            "roles": role_warnings,
            "national_route_roles": national,
            "national_route": national_texts,
            "page_only_roles": page_only,
            "page_only": {r: notices.page_only_warning(kommune, db.roles.get(r, r), r) for r in page_only}
            if kommune
            else {},
            "unconfirmed": notices.UNCONFIRMED_WARNING if kommune else None,
        },
    }


def _alarm_model(rs: RuleSet, db, kommune: Kommune | None) -> dict | None:
    """The acute box for the page: per line the step's condition and label, so the page decides
    like alarm.box_for (three-valued while questions are unanswered)."""
    if rs.alarm is None:
        return None
    steps = {st.id: st for st in ordered_steps(rs, kommune)}
    lines = []
    for sid in rs.alarm.steps:
        if sid not in steps:
            continue
        found, _ = engine.step_contacts(db, steps[sid], kommune.id if kommune else None)
        lines.append(
            {
                "text": split_first_sentence(steps[sid].text)[0],
                "contacts": [c.id for c in found],
                "when": condition_ast(steps[sid].when),
                "label": rs.alarm.labels.get(sid),
            }
        )
    return {
        "when": condition_ast(rs.alarm.when),
        "title": rs.alarm.title,
        "after": rs.alarm.after,
        "lines": lines,
    }


def _card_contacts(d: Data, kommune_name: str | None, today: date) -> list[Contact]:
    """The contacts the action card shows (rules/actioncard.yaml); without that file (a
    municipality's own rules folder), the out-of-hours duty only."""
    from nsk_cli.core.errors import NskError
    from nsk_cli.export import actioncard

    try:
        return actioncard.build(d, kommune_name, actioncard.load_config(d.rules.folder), today).contacts
    except NskError:
        kommune, _ = engine.resolve_kommune(d.rules, kommune_name)
        return d.contacts.out_of_hours(kommune.id if kommune else None)


def noscript_html(d: Data, kommune: Kommune | None, kommune_name: str | None, box, today: date) -> str:
    """What the page shows with JavaScript off: the acute box, the municipality's own numbers and
    the national ones – the same contacts as the action card."""
    e = html.escape

    def reach(c: Contact) -> str:
        phones = ", ".join(f'<a href="{e(tel_href(p.number))}">{e(p.number)}</a>' for p in c.phones)
        mail = f'<a href="mailto:{e(c.email)}">{e(c.email)}</a>' if c.email else ""
        parts = [x for x in (phones, mail) if x] or [e(lines.contact_line(c))]
        mark = f" ({lines.UNCONFIRMED})" if notices.needs_confirming(c) else ""
        hours = f" ({e(c.hours.text)})" if c.hours else ""
        return " · ".join(parts) + e(mark) + hours

    out = ['<div class="noscript">']
    if box is not None:
        items = []
        for text, contacts in box.lines:
            calls = "".join(f"<br>→ {e(c.name)}: {reach(c)}" for c in contacts if c.phones)
            items.append(f"<li>{e(text)}{calls}</li>")
        out.append(
            '<section class="alarm" aria-labelledby="ns-akut">'
            f'<h2 id="ns-akut">{e(box.title)}</h2>'
            '<p><a class="call" href="tel:112">Ring 112</a></p>'
            f"<ol>{''.join(items)}</ol></section>"
        )
    contacts = _card_contacts(d, kommune_name, today)
    own = [c for c in contacts if c.kommune]
    national = [c for c in contacts if not c.kommune and (c.phones or c.email)]
    name = kommune.name if kommune else "Kommunen"
    if own:
        rows = "".join(f"<li><strong>{e(c.name)}</strong>: {reach(c)}</li>" for c in own)
        out.append(f"<section><h2>{e(name)}: egne numre</h2><ul>{rows}</ul></section>")
    elif kommune is None:
        out.append("<p>Ingen kommune valgt: find kommunens egne numre i dens beredskabsplan.</p>")
    if national:
        rows = "".join(f"<li><strong>{e(c.name)}</strong>: {reach(c)}</li>" for c in national)
        out.append(f"<section><h2>Nationale numre</h2><ul>{rows}</ul></section>")
    out.append(
        "<p>Slå JavaScript til i browseren for at blive guidet gennem spørgsmålene og få alle "
        "skridt. Siden gemmer intet.</p></div>"
    )
    return "".join(out)


def _asset(name: str) -> str:
    return resources.files("nsk_cli.export").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _script_json(model: dict) -> str:
    """The data as JSON that is safe inside a <script> element: no character that can end the
    element or open a comment (``</script>``, ``<!--<script>``) is left as it is (JSON reads
    the escapes back as the same text), and no invisible or bidi control from the data is kept,
    so a right-to-left mark cannot reverse a phone number on the page."""
    import re

    from nsk_cli.core.privacy import strip_controls

    text = strip_controls(json.dumps(model, ensure_ascii=False, separators=(",", ":")))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


ASSETS = ("webguide.css", "webguide.js")  # the page's style and script, as files for `nsk site`
# Where a site page may load its script and style from: its own site. 'self' is the web server;
# 'file:' is the site opened from a disk or a shared drive, where a page's origin is opaque and
# not every browser lets 'self' match the files beside it (a web page can never load file: URLs).
SITE_SOURCES = "'self' file:"


def asset(name: str) -> str:
    """The text of one of the page's ASSETS."""
    return _asset(name)


def script_json(data: dict) -> str:
    """JSON safe inside a <script type="application/json"> element (as the page's own data)."""
    return _script_json(data)


def to_html(model: dict, assets: str | None = None, nav: str = "", stamp: str = "") -> str:
    """The page: markup, inline CSS, the data as inline JSON and the inline script. The content
    security policy forbids every request (no fonts, images, scripts or connections).

    For the static site (`nsk site`): ``assets`` is the relative folder holding ASSETS, which the
    page then links instead of inlining (the policy allows the site's own files and nothing
    else); ``nav`` is markup above the guide (a link back to the index); ``stamp`` a line for
    the footer (when and from which data the site was made)."""
    e = html.escape
    page_data = {k: v for k, v in model.items() if k != "noscript"}  # markup, not data
    data = _script_json(page_data)
    script = _asset("webguide.js")
    css = _asset("webguide.css")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(script)}; style-src {_csp_hash(css)}; "
        "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    style_tag, script_tag = f"<style>{css}</style>", f"<script>{script}</script>"
    if assets is not None:  # the same files, linked: the policy allows the site's own files only
        csp = csp.replace(_csp_hash(script), SITE_SOURCES).replace(_csp_hash(css), SITE_SOURCES)
        style_tag = f'<link rel="stylesheet" href="{e(assets)}webguide.css">'
        script_tag = f'<script src="{e(assets)}webguide.js"></script>'
    title = f"{model['title']} – {model['kommune_navn']}"
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{e(title)}</title>
{style_tag}
</head>
<body>
<a class="skip" href="#main">Gå til indholdet</a>
<header class="top">
<p class="brand">nsk · {e(model["kommune_navn"])}</p>
<p class="sub">{e(model["title"])}</p>
</header>{nav}
<main id="main" class="wrap">
<noscript>{model.get("noscript", "")}</noscript>
<div id="app"></div>
</main>
<footer class="foot wrap">
<p>Lavet af nsk {e(model["made"])} fra regler og kontakter med kilder. Siden virker uden netværk
og gemmer intet: dine svar forsvinder, når du lukker siden.</p>{stamp}
</footer>
<script type="application/json" id="nsk-data">{data}</script>
{script_tag}
</body>
</html>
"""
