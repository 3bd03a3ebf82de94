"""The action card as one HTML page for the wall: A4 portrait (or an A3 poster), read from a
metre or two. The acute box first with 112 large and its steps at 14 pt, then the
municipality's own numbers at 16 pt (or lines to write them in by hand), then the tracks in two
columns whose boxes never split, then the other contacts. Long web addresses are not printed:
a short address and a QR code stand instead. Takes a built card (export/actioncard.py)."""

from __future__ import annotations

import html
import re
from typing import Any

from nsk_cli.contacts.lines import UNCONFIRMED
from nsk_cli.contacts.model import Contact
from nsk_cli.guide.notices import UNCONFIRMED_WARNING, needs_confirming

SIZES = ("a4", "a3")
NO_NUMBER = '<span class="line">Jeres nummer: ______________</span>'
MAX_URL = 60  # the longest web address printed in full; longer ones get a short address and a QR code


def web(url: str) -> str:
    """A web address as it is printed: without 'https://' and 'www.' (typed, not clicked)."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def short_web(url: str) -> str:
    """The address as printed on the card: in full when short, else the site alone."""
    shown = web(url)
    if len(shown) <= MAX_URL:
        return shown
    return shown.split("/", 1)[0]


def compact_refs(refs: list[str]) -> str:
    """Legal references in one line, the law named once for its provisions in a row:
    'databeskyttelsesforordningen art. 6, stk. 1, litra d; art. 9, stk. 2, litra c'."""
    out: list[str] = []
    last = None
    for ref in refs:
        m = re.match(r"(.+?) (§|art\.|kap\.)", ref)
        law = m.group(1) if m else None
        out.append(ref[len(law) + 1 :] if law and law == last else ref)
        last = law
    return "; ".join(out)


def tel(number: str) -> str:
    digits = re.sub(r"[^\d+]", "", number)
    return "tel:" + ("+45" + digits if re.fullmatch(r"\d{8}", digits) else digits)


def qr(url: str, label: str) -> str:
    """A QR code for a web address, as an inline SVG image (segno: pure Python)."""
    import segno

    uri = segno.make(url, error="m").svg_data_uri(border=2)
    return f'<img class="qr" src="{html.escape(uri)}" alt="QR-kode til {html.escape(label)}">'


# Nothing under 10 pt; the acute steps 14 pt; the municipality's own numbers 16 pt; 112 38 pt.
# Every box keeps together (break-inside: avoid); the tracks are two flex columns, not CSS
# columns, so no box can flow from one column into the next.
_CSS = """
@page { size: A4 portrait; margin: 6mm; }
* { box-sizing: border-box; }
html { font-size: 10pt; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 10pt; line-height: 1.08;
  color: #000; margin: 0 auto; max-width: 198mm; padding: 6px; }
.page { display: flex; flex-direction: column; gap: 0.8mm; }
section, .track, .contacts li, .fill li { break-inside: avoid; page-break-inside: avoid; }
h1 { font-size: 13pt; margin: 0; display: inline; }
h2 { font-size: 11.5pt; margin: 0 0 0.4mm; }
.meta { margin: 0 0 0 2mm; font-size: 10pt; display: inline-block; }
.acute { display: flex; gap: 3mm; align-items: stretch; border: 3pt solid #b00020; padding: 1.2mm 2.4mm; }
.big { display: flex; flex-direction: column; justify-content: center; align-items: center;
  background: #b00020; color: #fff; padding: 1mm 2mm; min-width: 28mm; }
.big .num { font-size: 38pt; font-weight: bold; line-height: 1; }
.big .what { font-size: 11pt; font-weight: bold; text-align: center; margin: 0.6mm 0 0; }
.acute .steps { align-self: center; }
.acute ol { font-size: 14pt; line-height: 1.1; }
.local { border: 2pt solid #000; padding: 1.4mm 2.4mm; }
.own { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr 1fr 1fr;
  gap: 1mm 3mm; }
.own li { break-inside: avoid; }
.own li.route { grid-column: span 2; }
.own .num { font-size: 16pt; font-weight: bold; }
.local h2 .mark { font-size: 10pt; font-weight: normal; }
.own .what { font-weight: bold; }
.own .line { white-space: nowrap; }
.withqr { display: flex; gap: 2mm; align-items: center; }
.qr { width: 14mm; height: 14mm; flex: none; image-rendering: pixelated; }
.contacts .qr { width: 10mm; height: 10mm; }
.tracks { display: grid; grid-template-columns: 1fr 1fr; gap: 1.1mm 3mm; }
.track { border: 1pt solid #555; padding: 0.8mm 2mm; line-height: 1.04; }
.track.wide { grid-column: 1 / -1; }
ol { margin: 0; padding-left: 4.5mm; } li { margin-bottom: 0.3mm; }
.law { font-size: 10pt; color: #333; }
.contacts { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr 1fr;
  gap: 0.4mm 4mm; line-height: 1.02; }
.contacts .hours, .own .hours { color: #333; }
.warn { margin: 0; font-size: 10pt; }
footer { font-size: 10pt; color: #222; line-height: 1.02; }
a { color: inherit; text-decoration: none; }
@media screen and (max-width: 600px) { .tracks, .acute { flex-direction: column; }
  .own, .contacts { grid-template-columns: 1fr; } .track.wide { grid-column: auto; } }
@media print { body { padding: 0; max-width: none; }
  .page { min-height: 284mm; justify-content: space-between; } }
"""
# The A3 poster: the same card, everything scaled up by (a little under) the ratio of the sheets, √2.
_A3 = "@page { size: A3 portrait; margin: 8mm; } html { zoom: 1.38; }"


def _reach_html(c: Contact, e) -> str:
    """Phones (as tel: links) and e-mail; a contact with neither gets its short web address
    and a QR code for the full one."""
    parts = [_phones(c, e)]
    parts.append(e(c.email or ""))
    shown = " · ".join(p for p in parts if p)
    if shown:
        return shown
    if c.url:
        return e(web(c.url).split("/", 1)[0])  # the site, beside a QR code for the full address
    return NO_NUMBER


def _phones(c: Contact, e) -> str:
    return ", ".join(f'<a href="{e(tel(p.number))}">{e(p.number)}</a>' for p in c.phones)


def _qr_for(c: Contact) -> str:
    """A QR code for a contact reached only on the web (no phone, no e-mail)."""
    return qr(c.url, short_web(c.url)) if c.url and not c.phones and not c.email else ""


def to_html(card: Any, size: str = "a4", footer: str = "") -> str:
    e = html.escape

    def steps(box: Any, legal: bool = True) -> str:
        items = []
        for st in box.steps:
            refs = compact_refs(st.legal_refs) if legal else ""
            law = f' <span class="law">({e(refs)})</span>' if refs else ""
            items.append(f"<li>{e(st.text)}{law}</li>")
        return "<ol>" + "".join(items) + "</ol>"

    odd = len(card.tracks) % 2 == 1
    cols = "".join(
        f'<section class="track{" wide" if odd and i == len(card.tracks) - 1 else ""}">'
        f"<h2>{e(b.title)}</h2>{steps(b)}</section>"
        for i, b in enumerate(card.tracks)
    )
    own = [c for c in card.contacts if c.kommune]
    warnings_shown = list(card.warnings)
    heading = f"{e(card.kommune)}: egne numre"
    if not own and card.fill_in:
        heading += ' <span class="mark">– skriv dem på linjerne</span>'
    # Unconfirmed local numbers are marked (as contacts.lines.contact_line does): once in the
    # heading when it holds for every number shown, otherwise at each contact.
    unconfirmed = [c for c in own if needs_confirming(c)]
    every = bool(unconfirmed) and len(unconfirmed) == len([c for c in own if c.phones or c.email])
    if every:
        heading += f' <span class="mark">– læst i kommunens offentlige kilder, {UNCONFIRMED}: tjek dem</span>'
        warnings_shown = [w for w in warnings_shown if w != UNCONFIRMED_WARNING]
    items = []
    for c in own:
        text = (
            f"{e(c.name)}<br>"
            + (f'<span class="num">{_phones(c, e)}</span>' if c.phones else _reach_html(c, e))
            + (f" · {e(c.email)}" if c.phones and c.email else "")
            + (f" ({UNCONFIRMED})" if needs_confirming(c) and not every else "")
            + (f' <span class="hours">({e(c.hours.text)})</span>' if c.hours else "")
        )
        code = _qr_for(c)
        items.append(f'<li class="withqr">{code}<span>{text}</span></li>' if code else f"<li>{text}</li>")
    line = NO_NUMBER
    for role, label in card.fill_in:
        route = card.route if card.route is not None and card.route.role == role else None
        what = f'<span class="what">{e(label)}</span>'
        if route is None:
            items.append(f"<li>{what}<br>{line}</li>")
            continue
        how = f" – {e(route.text)} <strong>{e(route.address)}</strong><br>"
        items.insert(
            len(own),
            f'<li class="withqr route">{qr(route.url, route.address)}<span>{what}{how}{line}</span></li>',
        )
    local = f'<section class="local"><h2>{heading}</h2><ul class="own">{"".join(items)}</ul></section>'
    rows = []
    for c in card.contacts:
        if c.kommune:
            continue  # shown above, large
        hours = f' <span class="hours">({e(c.hours.text)})</span>' if c.hours else ""
        text = f"<strong>{e(c.name)}</strong>: {_reach_html(c, e)}{hours}"
        code = _qr_for(c)
        rows.append(f'<li class="withqr">{code}<span>{text}</span></li>' if code else f"<li>{text}</li>")
    warnings = "".join(f'<p class="warn">{e(w)}</p>' for w in warnings_shown)
    css = _CSS + (_A3 if size == "a3" else "")
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(card.title)} – {e(card.kommune)}</title>
<style>{css}</style>
</head>
<body>
<div class="page">
<header><h1>{e(card.title)}</h1>
<p class="meta"><strong>{e(card.kommune)}</strong> · udskrevet {card.made.isoformat()}</p></header>
<section class="acute">
<div class="big"><span class="num">112</span><h2 class="what">{e(card.acute.title)}</h2></div>
<div class="steps">{steps(card.acute, legal=False)}</div></section>
{local}
<div class="tracks">{cols}</div>
<section><h2>Andre kontakter</h2><ul class="contacts">{"".join(rows)}</ul></section>
{warnings}
<footer>{e(footer)}</footer>
</div>
</body>
</html>
"""
