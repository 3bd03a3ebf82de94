"""nsk site: every municipality's web guide and action card as one static web site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nsk_cli.cli.common import err, parse_today, run_command
from nsk_cli.cli.options import ContactsDir, RulesDir


def site(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="MAPPE", help="Mappen, webstedet skrives i (ny eller tom)."),
    ],
    kommune: Annotated[
        list[str] | None,
        typer.Option(
            "--kommune",
            "-k",
            metavar="KOMMUNE",
            help="Kun denne kommune (kan gentages): kommunens egen udgave til intranettet.",
        ),
    ] = None,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf", help="Også actioncardet som PDF (kræver Chromium, Chrome eller Edge; tager tid)."
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Erstat et websted, nsk har skrevet i mappen før.")
    ] = False,
    today: Annotated[
        str | None, typer.Option("--today", metavar="ÅÅÅÅ-MM-DD", help="Dato på siderne (standard: i dag).")
    ] = None,
    rules_dir: RulesDir = None,
    contacts_dir: ContactsDir = None,
) -> None:
    """Lav et helt websted: en forside med alle 98 kommuner (med søgning), hver kommunes webguide og
    actioncard, den nationale guide og en side om indholdet. Virker uden netværk, fra et fællesdrev
    og fra enhver webserver; læg mappen, hvor kollegerne kan åbne den."""

    def run() -> int:
        import sys
        import time

        from nsk_cli.core import danish_time
        from nsk_cli.data import files as datafiles
        from nsk_cli.data import paths
        from nsk_cli.export import actioncard as ac
        from nsk_cli.export import site as export_site
        from nsk_cli.guide import dataset as data
        from nsk_cli.plan import checks
        from nsk_cli.plan import render as plan_render

        started = time.monotonic()
        datafiles.check_folder(output, force, export_site.MANIFEST)  # before the work, not after
        d = data.load(rules_dir, contacts_dir)
        chosen = export_site.entries(d, kommune)
        rdir = paths.rules_dir(rules_dir)
        config = ac.load_config(rdir)
        sets = checks.load_sets(rdir)
        templates = {kind: plan_render.template(sets[kind]) for kind in sorted(sets)}
        folders = [rdir, paths.shipped("contacts"), paths.user_contacts_dir(contacts_dir)]
        stamp = export_site.make_stamp(d, folders, danish_time.now())
        if pdf:
            from nsk_cli.export.pdf import find_browser

            if find_browser() is None:
                from nsk_cli.export.pdf import html_to_pdf

                html_to_pdf("")  # raises the one Danish message about the missing browser
        args = (d, config, templates, chosen, parse_today(today), stamp, pdf)
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            with Progress(console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task("Laver websiderne", total=len(chosen) * (2 if pdf else 1))
                built = export_site.build(*args, progress=lambda _: bar.advance(task))
        else:
            built = export_site.build(*args)
        datafiles.publish_folder(output, built, force, export_site.MANIFEST)
        took = time.monotonic() - started
        err(f"Webstedet er gemt i {output} ({len(chosen) - 1} kommuner, {len(built)} filer, {took:.0f} s).")
        err(f"Åbn {output / 'index.html'} i en browser, eller læg mappen på intranettet.")
        return 0

    run_command(run)
