"""Renderers for guide results: text (rich), Markdown (journal-note draft) and JSON.

Each returns a string; the CLI decides where it goes. Rich is imported only here
and only for the text format.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from nsk_cli.contacts.lines import (
    alternatives_text,
    contact_line,
    hours_text,
    opens_text,
    phones,
    state_text,
)
from nsk_cli.contacts.model import Contact

if TYPE_CHECKING:  # only for annotations
    from nsk_cli.guide.engine import GuideResult


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
            extra = f" ({_closed_text(r, c)})" if r.contacts_open.get(cid) is False else ""
            out.append(f"   - Kontakt: {c.name}: {contact_line(c)}{extra}")
    out += _deadlines_markdown(r)
    out += ["", "## Kontakter", "", "| Kontakt | Telefon | E-mail | Åbningstid |", "|---|---|---|---|"]
    for c in r.contacts:
        cells = [c.name, phones(c) or "–", c.email or "–", hours_text(c, r.at) or "–"]
        out.append("| " + " | ".join(x.replace("|", "/") for x in cells) + " |")
    if r.warnings:
        out += ["", "## Advarsler", ""] + [f"- {w}" for w in r.warnings]
    if r.legal_refs:
        out += ["", "## Lovhenvisninger", ""] + [f"- {ref}" for ref in r.legal_refs]
    sources: list[str] = []
    for st in r.steps:
        sources += [t for t in st.source_titles if t not in sources]
    out += ["", "## Kilder", ""] + [f"- {src}" for src in sources]
    return "\n".join(out) + "\n"


def _deadlines_markdown(r: GuideResult) -> list[str]:
    """The 'Frister' block (placed after the steps), only when --kendt was given."""
    from nsk_cli.guide.deadlines import entries, known_line

    if r.known is None or not r.deadlines:
        return []
    out = ["", "## Frister", "", known_line(r.known), ""]
    return out + [f"- **{head}.** {body}" for head, body in entries(r.deadlines, r.at)]


def _deadlines_text(con, r: GuideResult) -> None:
    from rich.markup import escape
    from rich.table import Table

    from nsk_cli.guide.deadlines import entries, known_line

    if r.known is None or not r.deadlines:
        return
    con.print()
    con.print("[bold]Frister[/]")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("", escape(known_line(r.known)))
    for head, body in entries(r.deadlines, r.at):
        grid.add_row("[bold]•[/]", f"[bold]{escape(head)}[/]\n{escape(body)}")
    con.print(grid)


def _closed_text(r: GuideResult, c: Contact) -> str:
    """'lukket nu – åbner tirsdag kl. 09:00', plus an alternative only where one fits."""
    text = state_text(c, r.at) or "lukket"
    opens = opens_text(r.next_open(c), r.at)
    if opens:
        text += f" – {opens}"
    alts = r.alternatives(c)
    if alts:
        text += f" – i stedet: {alternatives_text(alts)}"
    return text


def _state_markup(r: GuideResult, c: Contact) -> str:
    from rich.markup import escape

    if c.hours is None:  # unknown hours: say nothing about open or closed
        return ""
    state = state_text(c, r.at)
    is_open = r.contacts_open.get(c.id)
    if is_open is None:  # e.g. a holiday on which offices often close: not guessed
        return f" [yellow]({escape(state)}, {escape(c.hours.text)})[/]" if state else ""
    if is_open:
        return f" [green]({escape(state)}, {escape(c.hours.text)})[/]"
    return f" [red]({escape(_closed_text(r, c))}; {escape(c.hours.text)})[/]"


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
    _deadlines_text(con, r)
    if r.warnings:
        con.print()
        con.print("[bold yellow]Advarsler[/]")
        for w in r.warnings:
            con.print(f"  [yellow]![/] {escape(w)}")
    if r.legal_refs:
        con.print()
        con.print(f"[bold]Lovhenvisninger:[/] {escape('; '.join(r.legal_refs))}")
    sources: list[str] = []
    for st in r.steps:
        sources += [t for t in st.source_titles if t not in sources]
    if sources:
        con.print()
        con.print("[bold]Kilder[/]")
        for src in sources:
            con.print(f"  - {escape(src)}")
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"
