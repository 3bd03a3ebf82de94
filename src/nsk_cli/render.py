"""Renderers for guide results: text (rich), Markdown (journal-note draft) and JSON.

Each returns a string; the CLI decides where it goes. Rich is imported only here
and only for the text format.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from nsk_cli.contacts import Contact

if TYPE_CHECKING:  # only for annotations: `nsk contacts` need not import the guide engine
    from nsk_cli.engine import GuideResult


def phones(c: Contact) -> str:
    return ", ".join(p.number + (f" ({p.label})" if p.label else "") for p in c.phones)


def hours_text(c: Contact, at: datetime | None) -> str:
    if c.hours is None:
        return "åbningstid ukendt"
    state = ""
    if at is not None:
        state = ", åben nu" if c.hours.is_open(at) else ", lukket nu"
    return f"{c.hours.text}{state}"


def contact_line(c: Contact) -> str:
    parts = [p for p in (phones(c), c.email, c.url) if p]
    return " · ".join(parts) if parts else "ingen telefon, mail eller webadresse i kilderne"


def to_json(result: GuideResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_markdown(result: GuideResult) -> str:
    r = result
    by_id = {c.id: c for c in r.contacts}
    out = [
        "# Journalnotat (udkast): negativ social kontrol / æresrelateret konflikt",
        "",
        f"- Dato: {r.date.isoformat()}",
        f"- Kommune: {r.kommune_name}",
        "",
        "> Udkast fra nsk. Notatet indeholder bevidst ingen felter til navne eller",
        "> CPR-numre; personoplysninger hører kun hjemme i kommunens journalsystem.",
        "",
        "## Svar",
        "",
    ]
    out += [f"- {q} **{a}**" for q, a in r.answer_labels]
    out += ["", "## Næste skridt", ""]
    for i, st in enumerate(r.steps, 1):
        out.append(f"{i}. {st.text}")
        if st.legal_refs:
            out.append(f"   - Lovgrundlag: {'; '.join(st.legal_refs)}")
        for cid in st.contacts:
            c = by_id[cid]
            state = r.contacts_open.get(cid)
            extra = ""
            if state is False and _alternative(r, c):
                extra = f" (lukket nu – i stedet: {_alternative(r, c)})"
            out.append(f"   - Kontakt: {c.name}: {contact_line(c)}{extra}")
    out += ["", "## Kontakter", "", "| Kontakt | Telefon | E-mail | Åbningstid |", "|---|---|---|---|"]
    for c in r.contacts:
        cells = [c.name, phones(c) or "–", c.email or "–", hours_text(c, r.at)]
        out.append("| " + " | ".join(x.replace("|", "/") for x in cells) + " |")
    if r.warnings:
        out += ["", "## Advarsler", ""] + [f"- {w}" for w in r.warnings]
    if r.legal_refs:
        out += ["", "## Lovhenvisninger", ""] + [f"- {ref}" for ref in r.legal_refs]
    sources: list[str] = []
    for st in r.steps:
        for src in st.source:
            if src not in sources:
                sources.append(src)
    out += ["", "## Kilder", ""] + [f"- {src}" for src in sources]
    return "\n".join(out) + "\n"


def alternatives_text(alts: list[Contact]) -> str:
    """'Ishøj Kommunes døgnvagt (via politiet): 114; ved akut fare: 112'."""
    parts = []
    for a in alts:
        number = a.phones[0].number if a.phones else ""
        parts.append(f"ved akut fare: {number}" if "akut" in a.roles else f"{a.name}: {number}")
    return "; ".join(parts)


def _alternative(r: GuideResult, c: Contact) -> str:
    return alternatives_text([a for a in r.out_of_hours if a.id != c.id])


def _state_markup(r: GuideResult, c: Contact) -> str:
    from rich.markup import escape

    if c.hours is None:
        return " [dim](åbningstid ukendt)[/]"
    if r.contacts_open.get(c.id):
        return f" [green](åben nu, {escape(c.hours.text)})[/]"
    alt = _alternative(r, c)
    return f" [red](lukket nu, {escape(c.hours.text)})[/]" + (f" – i stedet: {escape(alt)}" if alt else "")


def to_text(result: GuideResult, color: bool, width: int | None) -> str:
    import io

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    r = result
    buf = io.StringIO()
    con = Console(
        file=buf,
        force_terminal=color,
        no_color=not color,
        width=width or 100,
        highlight=False,
        soft_wrap=False,
        emoji=False,
    )
    by_id = {c.id: c for c in r.contacts}
    con.print(f"[bold]nsk guide – {escape(r.kommune_name)}[/] – {r.at:%Y-%m-%d %H:%M}")
    con.print()
    con.print("[bold]Dine svar[/]")
    answers = Table.grid(padding=(0, 1))
    answers.add_column(no_wrap=True)
    answers.add_column(ratio=1)
    for q, a in r.answer_labels:
        answers.add_row("", f"{escape(q)} [bold]{escape(a)}[/]")
    con.print(answers)
    con.print()
    con.print("[bold]Næste skridt[/]")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for i, st in enumerate(r.steps, 1):
        lines = [escape(st.text)]
        if st.legal_refs:
            lines.append(f"[dim]Lovgrundlag:[/] {escape('; '.join(st.legal_refs))}")
        for cid in st.contacts:
            c = by_id[cid]
            lines.append(f"[cyan]→[/] {escape(c.name)}: {escape(contact_line(c))}{_state_markup(r, c)}")
        grid.add_row(f"[bold]{i}.[/]", "\n".join(lines))
    con.print(grid)
    if r.warnings:
        con.print()
        con.print("[bold yellow]Advarsler[/]")
        for w in r.warnings:
            con.print(f"  [yellow]![/] {escape(w)}")
    if r.legal_refs:
        con.print()
        con.print(f"[bold]Lovhenvisninger:[/] {escape('; '.join(r.legal_refs))}")
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


# ------------------------------------------------------------------------------ contacts


def contacts_json(contacts: list[Contact], at: datetime, out_of_hours: dict[str, list[str]]) -> str:
    rows = []
    for c in contacts:
        d = c.to_dict(at)
        d["out_of_hours"] = out_of_hours.get(c.id, []) if d["open_now"] is False else []
        rows.append(d)
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def contacts_table(
    contacts: list[Contact],
    at: datetime,
    out_of_hours: dict[str, list[Contact]],
    color: bool,
    width: int | None,
) -> str:
    import io

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width or 100, highlight=False)
    table = Table(show_lines=True, title=f"Kontakter – {at:%Y-%m-%d %H:%M}", title_justify="left")
    table.add_column("Kontakt", ratio=3)
    table.add_column("Telefon / mail / web", ratio=3)
    table.add_column("Åbent", ratio=2)
    for c in contacts:
        where = f"{c.kommune}" if c.kommune else "national"
        name = f"[bold]{escape(c.name)}[/] [dim]({escape(where)})[/]"
        if c.notes:
            name += f"\n[dim]{escape(c.notes.strip())}[/]"
        reach = "\n".join(escape(x) for x in [phones(c), c.email or "", c.url or ""] if x) or "–"
        state = c.open_at(at)
        if state is None:
            now = "[yellow]ukendt[/]" + (f"\n{escape(c.hours.text)}" if c.hours else "")
        else:
            assert c.hours is not None
            now = ("[green]åben nu[/]" if state else "[red]lukket nu[/]") + f"\n{escape(c.hours.text)}"
            if not state and out_of_hours.get(c.id):
                alt = alternatives_text(out_of_hours[c.id])
                now += f"\n[bold]I stedet:[/] {escape(alt)}"
        table.add_row(name, reach, now)
    con.print(table)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def _vcard_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold_line(line: str) -> str:
    """RFC 6350 folding: lines longer than 75 octets continue on lines starting with a space."""
    out: list[str] = []
    current = b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += b
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _tel_uri(number: str) -> str:
    digits = number.replace(" ", "")
    if digits.startswith("+"):
        return digits
    return f"+45{digits}" if len(digits) == 8 else digits


def vcard(contacts: list[Contact]) -> str:
    """vCard 3.0 (imported by phones and Outlook): one card per contact, CRLF line ends."""
    cards: list[str] = []
    for c in contacts:
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_vcard_escape(c.name)}"]
        lines.append(f"N:{_vcard_escape(c.name)};;;;")
        if c.organisation:
            lines.append(f"ORG:{_vcard_escape(c.organisation)}")
        for p in c.phones:
            lines.append(f"TEL;TYPE=WORK,VOICE:{_tel_uri(p.number)}")
        if c.email:
            lines.append(f"EMAIL;TYPE=INTERNET,WORK:{c.email}")
        if c.url:
            lines.append(f"URL:{c.url}")
        note = [c.notes.strip()] if c.notes else []
        note.append(f"Åbningstid: {c.hours.text if c.hours else 'ukendt'}")
        note.append(f"Kilde: {', '.join(c.source)} (tjekket {c.verified.isoformat()})")
        lines.append(f"NOTE:{_vcard_escape(chr(10).join(note))}")
        lines.append(f"UID:nsk-{c.id}")
        lines.append("END:VCARD")
        cards.extend(_fold_line(line) for line in lines)
    return "\r\n".join(cards) + "\r\n"
