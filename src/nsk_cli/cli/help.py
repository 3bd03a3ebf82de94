"""Danish help pages, through the mechanisms typer supports.

- typer's own strings ("Options", "Arguments", "Commands", "[default: …]", "[required]",
  "env var", "Missing command.") go through ``gettext.gettext``. nsk ships a Danish catalogue
  (cli/locale/da/LC_MESSAGES/nsk.po, compiled to nsk.mo by scripts/compile_translations.py),
  makes "nsk" the program's text domain and asks for Danish with GNU gettext's documented
  ``LANGUAGE`` variable: nsk speaks only Danish, whatever the console's locale.
- The strings typer's bundled Click writes without gettext ("Usage:", the help option's own
  help, "No such command") are set through public hooks of the command classes typer lets an
  app choose (``cls=``): ``format_usage``, ``get_help_option`` and ``resolve_command``.
Usage errors raised by the parser are put into Danish by cli/usage.py.
"""

from __future__ import annotations

import gettext
import os
from difflib import get_close_matches
from pathlib import Path

import typer
from typer.core import TyperCommand, TyperGroup

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "nsk"
HELP_OPTION_HELP = "Vis denne hjælp og afslut."
USAGE_PREFIX = "Brug: "
USAGE_PIECES = {"[OPTIONS]": "[VALGMULIGHEDER]", "COMMAND [ARGS]...": "KOMMANDO [ARGUMENTER]..."}


def install() -> None:
    """Make typer's gettext-wrapped strings Danish for this process."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = "da"


# The value placeholders typer derives from a Python type ("<str>", "<path>", "<int>").
TYPE_METAVARS = {"<str>": "<tekst>", "<path>": "<sti>", "<file>": "<fil>", "<directory>": "<mappe>",
                 "<int>": "<tal>", "<int range>": "<tal>", "<float>": "<tal>"}  # fmt: skip


class _Danish:
    """What both command classes share: the usage line, the option list and the help option's
    own help."""

    def format_options(self, ctx, formatter) -> None:
        """As typer's, with Danish section titles and value placeholders."""
        sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = param.get_help_record(ctx)
            if record is None or param.param_type_name not in sections:
                continue
            name, text = record
            for typed, danish in TYPE_METAVARS.items():
                name = name.replace(typed, danish)
            sections[param.param_type_name].append((name, text))
        for kind, title in (("argument", "Argumenter"), ("option", "Valgmuligheder")):
            if sections[kind]:
                with formatter.section(title):
                    formatter.write_dl(sections[kind])
        if isinstance(self, TyperGroup):
            self.format_commands(ctx, formatter)

    def format_usage(self, ctx, formatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        pieces = [USAGE_PIECES.get(p, p) for p in pieces]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option


class DanishCommand(_Danish, TyperCommand):
    """A command whose help page is Danish."""


class DanishGroup(_Danish, TyperGroup):
    """A command group whose help page and unknown-command error are Danish."""

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            matches = get_close_matches(name, list(self.commands))
            hint = f" – mente du {', '.join(repr(m) for m in matches)}?" if matches else ""
            ctx.fail(f"ukendt kommando {name!r}{hint}")
        return super().resolve_command(ctx, args)


def danish_typer(**kwargs) -> typer.Typer:
    """A typer app (or sub-app) whose help pages and errors are Danish."""
    return typer.Typer(cls=DanishGroup, **kwargs)
