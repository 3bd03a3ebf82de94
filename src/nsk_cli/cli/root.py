"""The command line: parse, call the core, render. No domain logic lives here.

Exit codes: 0 ok, 1 findings (e.g. no match, plan requirements missing),
2 usage or data error, 120 stdout closed or full, 130 interrupted. Each command group has its
own module in this package; this one assembles them and holds the console script's one exit.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated

import typer

from nsk_cli import __version__
from nsk_cli.cli.common import OutputGone, err, out, output_gone, safe_streams, say_interrupted, state
from nsk_cli.cli.help import DanishCommand, danish_typer, install
from nsk_cli.cli.usage import USAGE_ERROR, danish_usage
from nsk_cli.core.errors import EXIT_ERROR, EXIT_INTERRUPTED

install()  # typer's own help words in Danish (gettext), see cli/help.py

# The commands in help order: (name, module in this package, attribute, is a group of commands).
# A run builds only the command it was asked for (see ``_asked_for``): building every command
# costs typer a signature walk per parameter, about a tenth of nsk's start-up.
COMMANDS = (
    ("config", "config", "config_app", True),
    ("guide", "guide", "guide", False),
    ("sparring", "sparring", "sparring", False),
    ("contacts", "contacts", "contacts", False),
    ("check-plan", "plan", "check_plan", False),
    ("plan", "plan", "plan_app", True),
    ("rules", "rules", "rules_app", True),
    ("actioncard", "actioncard", "actioncard", False),
    ("html", "html", "html", False),
    ("kommuner", "contacts", "kommuner", False),
    ("site", "site", "site", False),
)
ROOT_HELP = ("-h", "--help")


def build_app(only: str | None = None) -> typer.Typer:
    """The typer app with every command, or with only the command named ``only``."""
    app = danish_typer(
        name="nsk",
        help="Beslutningsstøtte i sager om negativ social kontrol og æresrelaterede konflikter.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": list(ROOT_HELP)},
    )
    app.callback()(_main)
    for name, module, attribute, group in COMMANDS:
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(f"nsk_cli.cli.{module}"), attribute)
        if group:
            app.add_typer(target, name=name)
        else:
            app.command(name, cls=DanishCommand)(target)
    return app


def _asked_for(argv: list[str]) -> str | None:
    """The command a command line names, or None when it needs the whole app (root help,
    no command, an unknown or misspelt one: typer then lists or suggests every command)."""
    names = {name for name, *_ in COMMANDS}
    for token in argv:
        if token in ROOT_HELP or token == "--":
            return None
        if token.startswith("-"):  # the root's own flags (--debug, --version) take no value
            continue
        return token if token in names else None
    return None


def __getattr__(name: str) -> typer.Typer:
    """``app``: the whole app, built on first use (tests, the documentation generator)."""
    if name == "app":
        whole = build_app()
        globals()["app"] = whole
        return whole
    raise AttributeError(name)


def _version(value: bool) -> None:
    if value:
        out(f"nsk {__version__}\n")
        raise typer.Exit(0)


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
    state["said_interrupted"] = False
    try:
        args = sys.argv[1:] if argv is None else list(argv)
        code = build_app(_asked_for(args))(args=args, prog_name="nsk", standalone_mode=False)
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
        sys.exit(say_interrupted())
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C outside a command (parsing) into a silent 130
        say_interrupted()
    sys.exit(code if isinstance(code, int) else 0)
