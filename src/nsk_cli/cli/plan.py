"""nsk check-plan and nsk plan template."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from nsk_cli.cli.common import color, emit, parse_today, run_command, width
from nsk_cli.cli.help import DanishCommand, danish_typer
from nsk_cli.cli.options import Force, RulesDir
from nsk_cli.core.errors import EXIT_FINDINGS, UsageError
from nsk_cli.data.files import check_output


class PlanKind(str, Enum):
    beredskabsplan = "beredskabsplan"
    handleplan = "handleplan"


class PlanFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    html = "html"


PROGRESS_FROM = 4  # files; fewer finish before a bar would be worth showing


def check_plan(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FIL|MAPPE...",
            help="Planer: .txt, .md, .pdf, .docx eller .yaml – eller mapper med planer.",
            show_default=False,
        ),
    ],
    kind: Annotated[
        PlanKind | None, typer.Option("--kind", help="beredskabsplan eller handleplan (standard: gæt).")
    ] = None,
    fmt: Annotated[
        PlanFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown, json, csv (oversigt) eller html (side med hele rapporten).",
        ),
    ] = PlanFormat.text,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Tag også planer i undermapper med.")
    ] = False,
    today: Annotated[
        str | None, typer.Option("--today", metavar="ÅÅÅÅ-MM-DD", help="Dato for revisionsreglen.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv rapporten til en fil.")] = None,
    force: Force = False,
    rules_dir: RulesDir = None,
    kontakter: Annotated[
        Path | None,
        typer.Option(
            "--kontakter",
            metavar="MAPPE",
            help="Læs planens egne kontakter og skriv dem som kontaktfil i MAPPE (til --contacts-dir).",
        ),
    ] = None,
    kommune: Annotated[
        str | None,
        typer.Option("--kommune", "-k", help="Planens kommune for --kontakter (standard: læses i planen)."),
    ] = None,
) -> None:
    """Tjek en beredskabsplan eller en § 12 a-handleplan krav for krav, med belæg fra teksten.

    Flere filer eller en mappe giver en oversigt med én række pr. plan. Exit 0 når alle lovkrav
    er opfyldt, 1 når et lovkrav mangler helt eller delvist eller planen har en farlig anvisning,
    2 når en fil ikke kunne tjekkes.
    --kontakter MAPPE læser kommunens egne numre i planen og skriver dem til MAPPE, så guiden kan
    bruge dem (nsk guide --contacts-dir MAPPE)."""

    def run() -> int:
        from nsk_cli.data import paths

        when = parse_today(today)
        rules = paths.rules_dir(rules_dir)
        check_output(output, force, inputs=list(files))  # before any work, and never over a plan
        single = len(files) == 1 and not os.path.isdir(files[0]) and fmt is not PlanFormat.csv
        if kontakter is not None:
            if len(files) != 1 or os.path.isdir(files[0]):
                raise UsageError("--kontakter læser én plan ad gangen – angiv én fil")
            from nsk_cli.cli.plan_contacts import write_plan_contacts

            write_plan_contacts(files[0], kontakter, kommune, rules, force)
        if single:
            return _check_one(files[0], kind, fmt, when, rules, output, force)
        return _check_many(files, kind, fmt, recursive, when, rules, output, force)

    run_command(run)


def _check_one(file: Path, kind, fmt: PlanFormat, when, rules: Path, output, force: bool) -> int:
    from nsk_cli.plan import checks, document
    from nsk_cli.plan import render as plan_render

    sets = checks.load_sets(rules)
    doc, declared = document.read(file, parallel=True)  # one plan: a long PDF on both cores
    chosen = kind.value if kind else declared or checks.detect_kind(doc, sets)
    if chosen is None:
        raise UsageError(
            f"{file}: dokumentet ligner hverken en beredskabsplan eller en handleplan – angiv --kind"
        )
    if chosen not in sets:
        raise UsageError(f"ingen krav for {chosen!r} i regelmappen")
    report = checks.check(doc, sets[chosen], when, parallel=True)
    if fmt is PlanFormat.json:
        text = plan_render.to_json(report)
    elif fmt is PlanFormat.html:
        from nsk_cli.plan import html

        text = html.one(report.to_dict())
    elif fmt is PlanFormat.markdown:
        text = plan_render.to_markdown(report)
    else:
        text = plan_render.to_text(report, color() and output is None, width())
    emit(text, output, force, exact=fmt in (PlanFormat.json, PlanFormat.html))  # data: UTF-8 on any console
    return EXIT_FINDINGS if report.dangers or not report.summary()["alle_krav_opfyldt"] else 0


def _check_many(files, kind, fmt: PlanFormat, recursive: bool, when, rules: Path, output, force: bool) -> int:
    import sys

    from nsk_cli.plan import audit, overview
    from nsk_cli.plan.requirements import load_sets

    load_sets(rules)  # a broken rules folder is one error for all, not one per file
    from nsk_cli.data.files import remember_inputs

    found = audit.collect(files, recursive)
    remember_inputs(found)  # read by the workers: no output of this run may replace one
    check_output(output, force, inputs=found)
    if not found:
        where = ", ".join(str(f) for f in files)
        raise UsageError(f"ingen planer (.txt, .md, .pdf, .docx, .yaml) i {where}")
    chosen = kind.value if kind else None
    if len(found) >= PROGRESS_FROM and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("Tjekker planer", total=len(found))
            results = audit.check_all(found, chosen, when, rules, lambda n: bar.update(task, completed=n))
    else:
        results = audit.check_all(found, chosen, when, rules)
    summary = audit.summary(results)
    if fmt is PlanFormat.json:
        text = overview.to_json(results, summary)
    elif fmt is PlanFormat.csv:
        text = overview.to_csv(results)
    elif fmt is PlanFormat.html:
        text = overview.to_html(results, summary)
    elif fmt is PlanFormat.markdown:
        text = overview.to_markdown(results, summary)
    else:
        text = overview.to_text(results, summary, color() and output is None, width())
    emit(text, output, force, exact=fmt in (PlanFormat.json, PlanFormat.csv, PlanFormat.html))
    return audit.exit_code(results)


plan_app = danish_typer(help="Skabeloner til planer.", no_args_is_help=True)


@plan_app.command("template", cls=DanishCommand)
def plan_template(
    kind: Annotated[PlanKind, typer.Option("--kind", help="beredskabsplan eller handleplan.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Skriv skabelonen til en fil.")
    ] = None,
    force: Force = False,
    rules_dir: RulesDir = None,
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
