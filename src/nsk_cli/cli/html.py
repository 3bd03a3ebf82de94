"""nsk html: the guide as one self-contained, offline web page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nsk_cli.cli.common import (
    configured_kommune,
    emit,
    known_kommune,
    parse_today,
    refuse_terminal,
    run_command,
)
from nsk_cli.cli.options import ContactsDir, Force, RulesDir


def html(
    kommune: Annotated[
        str | None, typer.Option("--kommune", "-k", help="Kommunen (standard: din indstilling).")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv siden til en fil.")] = None,
    force: Force = False,
    today: Annotated[
        str | None, typer.Option("--today", metavar="ÅÅÅÅ-MM-DD", help="Dato på siden (standard: i dag).")
    ] = None,
    rules_dir: RulesDir = None,
    contacts_dir: ContactsDir = None,
) -> None:
    """Lav guiden som én selvstændig webside (HTML) til intranettet eller et fællesdrev: samme
    spørgsmål, skridt og kontakter som 'nsk guide', virker uden netværk og gemmer intet."""

    def run() -> int:
        from nsk_cli.export import webguide
        from nsk_cli.guide import dataset as data

        refuse_terminal(output, "Websiden (HTML)")

        d = data.load(rules_dir, contacts_dir)
        name = kommune or configured_kommune()
        known_kommune(d, name)
        page = webguide.to_html(webguide.build(d, name, parse_today(today)))
        emit(page, output, force, exact=True, shared=True)  # no personal data: readable by others
        return 0

    run_command(run)
