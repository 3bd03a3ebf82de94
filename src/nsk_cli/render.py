"""Renderers for guide results: text (rich), Markdown (journal-note draft) and JSON.

Each returns a string; the CLI decides where it goes. Rich is imported only here
and only for the text format.
"""

from __future__ import annotations

import json
from datetime import datetime

from nsk_cli.contacts import Contact
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
            out.append(f"   - Kontakt: {c.name}: {contact_line(c)}")
    out += ["", "## Kontakter", "", "| Kontakt | Telefon | E-mail | Åbningstid |", "|---|---|---|---|"]
    for c in r.contacts:
        cells = [c.name, phones(c) or "–", c.email or "–", hours_text(c, r.at)]
        out.append("| " + " | ".join(x.replace("|", "/") for x in cells) + " |")
    closed = [c for c in r.contacts if r.contacts_open.get(c.id) is False]
    if closed and r.out_of_hours:
        alt = "; ".join(f"{c.name} {phones(c)}" for c in r.out_of_hours)
        out += ["", f"Lukkede kontakter nu ({', '.join(c.name for c in closed)}): brug {alt}."]
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
    for q, a in r.answer_labels:
        con.print(f"  {escape(q)} [bold]{escape(a)}[/]")
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
            state = r.contacts_open.get(cid)
            mark = "" if state is None else (" [green](åben nu)[/]" if state else " [red](lukket nu)[/]")
            lines.append(f"[cyan]→[/] {escape(c.name)}: {escape(contact_line(c))}{mark}")
        grid.add_row(f"[bold]{i}.[/]", "\n".join(lines))
    con.print(grid)
    closed = [c for c in r.contacts if r.contacts_open.get(c.id) is False]
    if closed and r.out_of_hours:
        con.print()
        alt = "; ".join(f"{c.name} {phones(c)}" for c in r.out_of_hours)
        con.print(f"[bold]Uden for åbningstid:[/] {escape(alt)}")
    if r.warnings:
        con.print()
        con.print("[bold yellow]Advarsler[/]")
        for w in r.warnings:
            con.print(f"  [yellow]![/] {escape(w)}")
    if r.legal_refs:
        con.print()
        con.print(f"[bold]Lovhenvisninger:[/] {escape('; '.join(r.legal_refs))}")
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"
