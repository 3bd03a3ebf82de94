"""nsk actioncard: the municipality's one-page action card."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from nsk_cli.cli.common import (
    configured_kommune,
    emit,
    err,
    known_kommune,
    parse_today,
    refuse_terminal,
    run_command,
)
from nsk_cli.cli.options import ContactsDir, Force, RulesDir
from nsk_cli.core.errors import UsageError


class CardFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    pdf = "pdf"


class CardSize(str, Enum):
    a4 = "a4"
    a3 = "a3"


def actioncard(
    kommune: Annotated[
        str | None, typer.Option("--kommune", "-k", help="Kommunen (standard: din indstilling).")
    ] = None,
    fmt: Annotated[
        CardFormat, typer.Option("--format", "-f", help="markdown, html eller pdf (pdf kræver --output).")
    ] = CardFormat.markdown,
    size: Annotated[
        CardSize, typer.Option("--size", help="Papir til HTML og PDF: a4 (standard) eller a3 (plakat).")
    ] = CardSize.a4,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv kortet til en fil.")] = None,
    force: Force = False,
    today: Annotated[
        str | None, typer.Option("--today", metavar="ÅÅÅÅ-MM-DD", help="Dato på kortet.")
    ] = None,
    rules_dir: RulesDir = None,
    contacts_dir: ContactsDir = None,
) -> None:
    """Lav kommunens actioncard: akutboks, handleveje for børn og voksne, kontakter og kilder –
    fra de samme regler og kontakter som guiden. HTML- og PDF-udgaven fylder én A4-side."""

    def run() -> int:
        from nsk_cli.data import paths
        from nsk_cli.export import actioncard as ac
        from nsk_cli.guide import dataset as data

        if fmt is CardFormat.pdf and output is None:
            raise UsageError("PDF skrives til en fil – angiv -o FIL.pdf")
        if fmt is CardFormat.html:
            refuse_terminal(output, "Kortet som HTML")
        d = data.load(rules_dir, contacts_dir)
        name = kommune or configured_kommune()
        known_kommune(d, name)
        card = ac.build(d, name, ac.load_config(paths.rules_dir(rules_dir)), parse_today(today))
        if fmt is CardFormat.pdf:
            from nsk_cli.data.files import write_private
            from nsk_cli.export.pdf import html_to_pdf

            assert output is not None
            if output.exists() and not force:  # before the browser runs, not after
                raise UsageError(f"filen {output} findes allerede – brug --force for at overskrive den")
            write_private(output, html_to_pdf(ac.to_html(card, size=size.value)), force=force, shared=True)
            err(f"Gemt i {output}")
            return 0
        text = ac.to_html(card, size=size.value) if fmt is CardFormat.html else ac.to_markdown(card)
        emit(text, output, force, shared=True)  # no personal data: readable by others
        return 0

    run_command(run)
