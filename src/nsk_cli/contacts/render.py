"""Renderers for contacts: the table (rich), JSON and vCard (the one-line texts are in lines).

Each returns a string; the CLI decides where it goes. Rich is imported only for the table.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from nsk_cli.contacts.lines import (  # noqa: F401 - re-exported: the renderers' shared lines
    FROM_PLAN,
    UNCONFIRMED,
    alternatives_text,
    contact_line,
    hours_text,
    moment,
    opens_text,
    phones,
    state_text,
)
from nsk_cli.contacts.model import Contact
from nsk_cli.core.sources import readable_sources


def contacts_json(contacts: list[Contact], at: datetime, out_of_hours: dict[str, list[str]]) -> str:
    rows = []
    for c in contacts:
        d = c.to_dict(at)
        d["out_of_hours"] = out_of_hours.get(c.id, []) if d["open_now"] is False else []
        opens = c.hours.next_open(at) if c.hours is not None and d["open_now"] is False else None
        d["next_open"] = opens.isoformat(timespec="minutes") if opens else None
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
        if c.unconfirmed_local and (c.phones or c.email):
            reach += f"\n[dim]({UNCONFIRMED})[/]"
        elif c.from_plan:
            reach += f"\n[dim]({FROM_PLAN})[/]"
        state = c.open_at(at)
        if state is None:  # unknown: say nothing about open or closed
            why = state_text(c, at)
            now = (f"[yellow]{escape(why)}[/]\n" if why else "") + (escape(c.hours.text) if c.hours else "")
        else:
            assert c.hours is not None
            label = escape(state_text(c, at))
            now = (f"[green]{label}[/]" if state else f"[red]{label}[/]") + f"\n{escape(c.hours.text)}"
            opens = opens_text(c.hours.next_open(at), at) if not state else ""
            if opens:
                now += f"\n{escape(opens)}"
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


def vcard(contacts: list[Contact], titles: Mapping[str, str] | None = None) -> str:
    """vCard 3.0 (imported by phones and Outlook): one card per contact, CRLF line ends. Sources
    are named by their readable titles, never by internal file names; editors' notes stay out."""
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
        if c.hours:
            note.append(f"Åbningstid: {c.hours.text}")
        if c.unconfirmed_local:
            note.append(f"Læst i offentlig kilde, {UNCONFIRMED}.")
        sources = readable_sources(c.source, titles or {})
        note.append(f"Kilde: {'; '.join(sources)} (tjekket {c.verified.isoformat()})")
        lines.append(f"NOTE:{_vcard_escape(chr(10).join(note))}")
        lines.append(f"UID:nsk-{c.id}")
        lines.append("END:VCARD")
        cards.extend(_fold_line(line) for line in lines)
    return "\r\n".join(cards) + "\r\n"
