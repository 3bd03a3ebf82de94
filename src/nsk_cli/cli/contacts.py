"""nsk contacts and nsk kommuner: look contacts and municipalities up."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from nsk_cli.cli.common import (
    color,
    configured_kommune,
    emit,
    err,
    known_kommune,
    parse_at,
    run_command,
    width,
)
from nsk_cli.cli.options import ContactsDir, Force, RulesDir
from nsk_cli.core.errors import EXIT_FINDINGS, UsageError


class ContactsFormat(str, Enum):
    table = "table"
    json = "json"
    vcard = "vcard"


def contacts(
    query: Annotated[
        str | None, typer.Argument(metavar="SØGEORD", help="Søgeord, fx sikkerhedskonsulent, RED eller æres.")
    ] = None,
    kommune: Annotated[
        str | None, typer.Option("--kommune", "-k", help="Vis kommunens egne kontakter først.")
    ] = None,
    role: Annotated[str | None, typer.Option("--role", "-r", help="Kun kontakter med denne rolle.")] = None,
    at: Annotated[
        str | None, typer.Option("--at", metavar="ÅÅÅÅ-MM-DDTTT:MM", help="Tidspunkt for åben/lukket.")
    ] = None,
    fmt: Annotated[
        ContactsFormat, typer.Option("--format", "-f", help="table, json eller vcard.")
    ] = ContactsFormat.table,
    stale: Annotated[
        bool, typer.Option("--stale", help="Vis kontakter, der ikke er tjekket i --days dage.")
    ] = False,
    days: Annotated[int, typer.Option("--days", min=0, help="Grænse for --stale.")] = 365,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv til en fil.")] = None,
    force: Force = False,
    contacts_dir: ContactsDir = None,
    rules_dir: RulesDir = None,
) -> None:
    """Slå kontakter op: nationale og kommunale, med åbningstider og kilder.

    Exit 0 ved fund, 1 når intet matcher (eller --stale finder forældede kontakter), 2 ved fejl."""

    def run() -> int:
        from nsk_cli.contacts import render
        from nsk_cli.guide import dataset as data

        d = data.load(rules_dir, contacts_dir)
        when = parse_at(at)
        k = known_kommune(d, kommune or configured_kommune())
        kid = k.id if k else None
        if role and role not in d.contacts.roles:
            raise UsageError(f"ukendt rolle {role!r}; kendte: {', '.join(d.contacts.roles)}")
        if stale:
            found = d.contacts.stale(when.date(), days)
            if kid:
                found = [c for c in found if c.kommune in (None, kid)]
            if not found:
                err(f"Alle kontakter er tjekket inden for de sidste {days} dage.")
                return 0
        else:
            found = d.contacts.search(query, kommune=kid, role=role)
            if not found:
                err("Ingen kontakter matcher" + (f" {query!r}" if query else "") + ".")
                return EXIT_FINDINGS
        # the municipality's out-of-hours duty replaces a closed municipal unit (an adult unit: 112
        # and Lev Uden Vold, never 114); a closed national advice line (VISO, RED) has none
        ooh_contacts = {c.id: d.contacts.alternatives(c) for c in found}
        if fmt is ContactsFormat.json:
            text = render.contacts_json(found, when, {k: [a.id for a in v] for k, v in ooh_contacts.items()})
        elif fmt is ContactsFormat.vcard:
            text = render.vcard(found, d.rules.titles)
        else:
            text = render.contacts_table(found, when, ooh_contacts, color() and output is None, width())
        emit(text, output, force, exact=fmt in (ContactsFormat.vcard, ContactsFormat.json))
        return EXIT_FINDINGS if stale else 0

    run_command(run)


class KommunerFormat(str, Enum):
    text = "text"
    json = "json"


def kommuner(
    fmt: Annotated[
        KommunerFormat, typer.Option("--format", "-f", help="text eller json.")
    ] = KommunerFormat.text,
    missing: Annotated[
        bool,
        typer.Option("--missing", help="Vis kun, hvad hver kommune mangler at levere eller bekræfte."),
    ] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv til en fil.")] = None,
    force: Force = False,
    contacts_dir: ContactsDir = None,
    rules_dir: RulesDir = None,
) -> None:
    """Vis alle 98 kommuner med region og hvad nsk ved lokalt (underretning, uden for
    åbningstid, voksne, plan).

    'offentlig' er læst på kommunens offentlige side og ikke bekræftet; 'bekræftet' er leveret
    af kommunen selv (egen datamappe). --missing viser, hvad hver kommune bør levere eller
    bekræfte."""

    def run() -> int:
        import json

        from nsk_cli.contacts import coverage
        from nsk_cli.guide import dataset as data

        d = data.load(rules_dir, contacts_dir)
        rows = coverage.rows(d.contacts)
        if missing:
            rows = [r for r in rows if r["missing"] or r["to_confirm"]]
        if fmt is KommunerFormat.json:
            text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
        elif missing:
            import shutil

            text = coverage.missing_text(rows, shutil.get_terminal_size((100, 24)).columns - 1)
        else:
            text = coverage.table(rows)
        emit(text, output, force, exact=fmt is KommunerFormat.json)
        return 0

    run_command(run)
