"""nsk check-plan and nsk plan template."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from nsk_cli.cli.common import color, emit, parse_today, run_command, width
from nsk_cli.cli.guide import GuideFormat
from nsk_cli.core.errors import EXIT_FINDINGS, UsageError
from nsk_cli.data.files import check_output


class PlanKind(str, Enum):
    beredskabsplan = "beredskabsplan"
    handleplan = "handleplan"


def check_plan(
    file: Annotated[Path, typer.Argument(metavar="FIL", help="Planen: .txt, .md, .pdf, .docx eller .yaml.")],
    kind: Annotated[
        PlanKind | None, typer.Option("--kind", help="beredskabsplan eller handleplan (standard: gæt).")
    ] = None,
    fmt: Annotated[
        GuideFormat, typer.Option("--format", "-f", help="text, markdown eller json.")
    ] = GuideFormat.text,
    today: Annotated[
        str | None, typer.Option("--today", metavar="ÅÅÅÅ-MM-DD", help="Dato for revisionsreglen.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv rapporten til en fil.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overskriv --output-filen.")] = False,
    rules_dir: Annotated[str | None, typer.Option("--rules-dir", envvar="NSK_RULES_DIR")] = None,
) -> None:
    """Tjek en beredskabsplan eller en § 12 a-handleplan krav for krav, med belæg fra teksten.

    Exit 0 når alle lovkrav er opfyldt, 1 når et lovkrav mangler helt eller delvist, 2 når filen
    ikke kunne tjekkes."""

    def run() -> int:
        from nsk_cli.data import paths
        from nsk_cli.plan import checks, document
        from nsk_cli.plan import render as plan_render

        when = parse_today(today)
        check_output(output, force, inputs=[file])  # before any work, and never over the plan
        sets = checks.load_sets(paths.rules_dir(rules_dir))
        doc, declared = document.read(file)
        chosen = kind.value if kind else declared or checks.detect_kind(doc, sets)
        if chosen is None:
            raise UsageError(
                f"{file}: dokumentet ligner hverken en beredskabsplan eller en handleplan – angiv --kind"
            )
        if chosen not in sets:
            raise UsageError(f"ingen krav for {chosen!r} i regelmappen")
        report = checks.check(doc, sets[chosen], when)
        if fmt is GuideFormat.json:
            text = plan_render.to_json(report)
        elif fmt is GuideFormat.markdown:
            text = plan_render.to_markdown(report)
        else:
            text = plan_render.to_text(report, color() and output is None, width())
        emit(text, output, force, exact=fmt is GuideFormat.json)
        return 0 if report.summary()["alle_krav_opfyldt"] else EXIT_FINDINGS

    run_command(run)


plan_app = typer.Typer(help="Skabeloner til planer.", no_args_is_help=True)


@plan_app.command("template")
def plan_template(
    kind: Annotated[PlanKind, typer.Option("--kind", help="beredskabsplan eller handleplan.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Skriv skabelonen til en fil.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overskriv --output-filen.")] = False,
    rules_dir: Annotated[str | None, typer.Option("--rules-dir", envvar="NSK_RULES_DIR")] = None,
) -> None:
    """Skriv en Markdown-skabelon med alle de afsnit, check-plan leder efter."""

    def run() -> int:
        from nsk_cli.data import paths
        from nsk_cli.plan import checks
        from nsk_cli.plan import render as plan_render

        sets = checks.load_sets(paths.rules_dir(rules_dir))
        emit(plan_render.template(sets[kind.value]), output, force)
        return 0

    run_command(run)
