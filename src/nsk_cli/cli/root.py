"""The command line: parse, call the core, render. No domain logic lives here.

Exit codes: 0 ok, 1 findings (e.g. no match, plan requirements missing),
2 usage or data error, 120 stdout closed or full, 130 interrupted. Each command group has its
own module in this package; this one assembles them and holds the console script's one exit.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from nsk_cli import __version__
from nsk_cli.cli import actioncard, config, contacts, guide, html, plan, rules, site, sparring
from nsk_cli.cli.common import OutputGone, err, out, output_gone, safe_streams, state
from nsk_cli.cli.help import DanishCommand, danish_typer, install
from nsk_cli.cli.usage import USAGE_ERROR, danish_usage
from nsk_cli.core.errors import EXIT_ERROR, EXIT_INTERRUPTED

install()  # typer's own help words in Danish (gettext), see cli/help.py

app = danish_typer(
    name="nsk",
    help="Beslutningsstøtte i sager om negativ social kontrol og æresrelaterede konflikter.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(config.config_app, name="config")
app.command(cls=DanishCommand)(guide.guide)
app.command(cls=DanishCommand)(sparring.sparring)
app.command(cls=DanishCommand)(contacts.contacts)
app.command("check-plan", cls=DanishCommand)(plan.check_plan)
app.add_typer(plan.plan_app, name="plan")
app.add_typer(rules.rules_app, name="rules")
app.command(cls=DanishCommand)(actioncard.actioncard)
app.command(cls=DanishCommand)(html.html)
app.command(cls=DanishCommand)(contacts.kommuner)
app.command(cls=DanishCommand)(site.site)


def _version(value: bool) -> None:
    if value:
        out(f"nsk {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Vis versionen og afslut.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Vis tekniske detaljer ved fejl.")] = False,
) -> None:
    state["debug"] = debug or bool(os.environ.get("NSK_DEBUG"))


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: the CLI's one exit, with Danish usage errors."""
    safe_streams()
    try:
        code = app(args=argv, prog_name="nsk", standalone_mode=False)
    except USAGE_ERROR as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # plain `nsk`: show the help
            sys.stdout.write(exc.format_message() + "\n")  # type: ignore[attr-defined]
            sys.exit(EXIT_ERROR)
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else "nsk"
        err(f"nsk: {danish_usage(exc)} (se '{where} --help')")
        sys.exit(EXIT_ERROR)
    except OutputGone as exc:  # stdout closed or full outside a command (e.g. --version)
        sys.exit(output_gone(exc))
    except (KeyboardInterrupt, EOFError, typer.Abort):
        err("nsk: afbrudt – intet er gemt.")
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(code if isinstance(code, int) else 0)
