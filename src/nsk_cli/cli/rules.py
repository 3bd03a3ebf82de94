"""nsk rules: validate, graph and paths for reviewers of the rule files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from nsk_cli.cli.common import emit, err, known_kommune, out, run_command
from nsk_cli.cli.help import DanishCommand, danish_typer
from nsk_cli.cli.options import ContactsDir, Force, RulesDir
from nsk_cli.core.errors import EXIT_FINDINGS, UsageError

rules_app = danish_typer(
    help="Værktøjer til regelfilerne: tjek, tegn og gennemgå forløbet.", no_args_is_help=True
)


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"


class PathsFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _rules_root(path: Path) -> Path:
    """A rules folder, or the folder that holds a given rules file."""
    if path.is_dir():
        return path
    if not path.exists():
        raise UsageError(f"{path} findes ikke")
    if path.parent.name in ("kommuner", "krav"):
        return path.parent.parent
    return path.parent


@rules_app.command("validate", cls=DanishCommand)
def rules_validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="STI", help="En regelmappe eller -fil (standard: den medfølgende/konfigurerede)."
        ),
    ] = None,
    contacts_dir: ContactsDir = None,
) -> None:
    """Tjek regelfilerne: skema, krydshenvisninger og grafen (uopnåelige spørgsmål og skridt,
    veje uden skridt). Exit 0 ingen problemer, 1 problemer fundet, 2 kunne ikke læses."""

    def run() -> int:
        from nsk_cli.data import paths
        from nsk_cli.tooling import validate as tooling

        root = _rules_root(path) if path else paths.rules_dir()
        if not (root / "flow.yaml").exists():
            raise UsageError(f"{root} er ikke en regelmappe (der er ingen flow.yaml)")
        problems = tooling.validate(root, paths.shipped("contacts"), paths.user_contacts_dir(contacts_dir))
        problems += _actioncard_problems(root, contacts_dir, check_against_rules=not problems)
        for p in problems:
            out(p + "\n")
        if problems:
            err(f"{len(problems)} problem(er) i {root}")
            return EXIT_FINDINGS
        err(f"Ingen problemer i {root}")
        return 0

    run_command(run)


@rules_app.command("graph", cls=DanishCommand)
def rules_graph(
    fmt: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="mermaid eller dot.")
    ] = GraphFormat.mermaid,
    kommune: Annotated[str | None, typer.Option("--kommune", "-k", help="Med kommunens forskelle.")] = None,
    rules_dir: RulesDir = None,
) -> None:
    """Tegn forløbet som diagram (Mermaid eller Graphviz dot) med danske tekster."""

    def run() -> int:
        from nsk_cli.guide import dataset as data
        from nsk_cli.tooling import graph as tooling

        d = data.load(rules_dir)
        k = known_kommune(d, kommune)
        out(tooling.mermaid(d.rules, k) if fmt is GraphFormat.mermaid else tooling.dot(d.rules, k))
        return 0

    run_command(run)


def _actioncard_problems(root: Path, contacts_dir: str | None, check_against_rules: bool) -> list[str]:
    """rules/actioncard.yaml: its schema, and (when the rules are sound) that the card can be built
    from them – every answer and step it names exists."""
    from datetime import date

    from nsk_cli.core.errors import NskError
    from nsk_cli.export import actioncard as ac
    from nsk_cli.guide import dataset as data

    if not (root / "actioncard.yaml").exists():  # optional: only `nsk actioncard` needs it
        return []
    try:
        config = ac.load_config(root)
        if check_against_rules:
            ac.build(data.load(str(root), contacts_dir), None, config, date.today())
    except NskError as exc:
        name = f"{root.name}/actioncard.yaml"
        return exc.details or [exc.message if exc.message.startswith(name) else f"{name}: {exc.message}"]
    return []


@rules_app.command("paths", cls=DanishCommand)
def rules_paths(
    kommune: Annotated[str | None, typer.Option("--kommune", "-k", help="Med kommunens forskelle.")] = None,
    fmt: Annotated[
        PathsFormat, typer.Option("--format", "-f", help="table, csv eller json.")
    ] = PathsFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv til en fil.")] = None,
    force: Force = False,
    rules_dir: RulesDir = None,
) -> None:
    """List hver vej gennem forløbet: svarene, derefter skridt og kontakter – til faglig og
    juridisk gennemgang, med redaktionelle noter (hvor kilder er uenige, hvad der er ukendt)."""

    def run() -> int:
        from nsk_cli.guide import dataset as data
        from nsk_cli.tooling import paths as tooling

        d = data.load(rules_dir)
        k = known_kommune(d, kommune)
        rows = tooling.path_rows(d.rules, d.contacts, k.id if k else None)
        qids = [q.id for q in d.rules.questions]
        if fmt is PathsFormat.json:
            import json

            text = (
                json.dumps(
                    [
                        {
                            "answers": r.answers,
                            "steps": [st.to_dict() | {"note": st.note} for st in r.steps],
                            "contacts": [c.id for c in r.contacts],
                        }
                        for r in rows
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n"
            )
        elif fmt is PathsFormat.csv:
            import csv
            import io

            from nsk_cli.core.text import csv_cell

            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(["vej", *qids, "skridt", "kontakter"])
            for n, r in enumerate(rows, 1):
                w.writerow(
                    csv_cell(c)
                    for c in [
                        n,
                        *(r.answers.get(q, "") for q in qids),
                        " | ".join(st.id for st in r.steps),
                        " | ".join(c.id for c in r.contacts),
                    ]
                )
            text = buf.getvalue()
        else:
            lines = []
            for n, r in enumerate(rows, 1):
                shown = ", ".join(f"{q}={v}" for q, v in r.answers.items())
                lines.append(f"Vej {n}: {shown}")
                for i, st in enumerate(r.steps, 1):
                    lines.append(f"  {i}. [{st.id}] {st.text}")
                    if st.note:  # editors' notes: for reviewers here, never in the caseworker's result
                        lines.append(f"     Redaktionel note: {' '.join(st.note.split())}")
                if r.contacts:
                    lines.append("  Kontakter: " + ", ".join(c.name for c in r.contacts))
            text = "\n".join(lines) + "\n"
        emit(text, output, force, exact=fmt is not PathsFormat.table)
        return 0

    run_command(run)
