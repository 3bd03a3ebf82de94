"""Options several commands share, declared once: the same flag, help text and environment
variable wherever it appears (see docs/cli.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

RulesDir = Annotated[
    str | None,
    typer.Option("--rules-dir", envvar="NSK_RULES_DIR", help="Brug en anden regelmappe (fx kommunens egen)."),
]
ContactsDir = Annotated[
    str | None,
    typer.Option("--contacts-dir", envvar="NSK_CONTACTS_DIR", help="Mappe med egne kontaktfiler."),
]
Force = Annotated[bool, typer.Option("--force", help="Overskriv --output-filen, hvis den findes.")]
Kommune = Annotated[
    str | None,
    typer.Option("--kommune", "-k", help="Kommune, fx ishoj, faxe, hvidovre (danske stavemåder virker)."),
]
Answer = Annotated[
    list[str] | None,
    typer.Option(
        "--answer", "-a", metavar="ID=VÆRDI", help="Svar på et spørgsmål uden at blive spurgt (kan gentages)."
    ),
]
Answers = Annotated[
    Path | None, typer.Option("--answers", metavar="FIL.yaml", help="YAML-fil med svar (id: værdi).")
]
Strict = Annotated[
    bool, typer.Option("--strict", help="Fejl i stedet for standardsvar, når et spørgsmål mangler svar.")
]
