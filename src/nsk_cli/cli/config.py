"""nsk config: show or change the user's settings."""

from __future__ import annotations

from typing import Annotated

import typer

from nsk_cli.cli.common import err, known_kommune, out, run_command
from nsk_cli.cli.help import DanishCommand, danish_typer
from nsk_cli.core.errors import UsageError

config_app = danish_typer(
    help="Vis eller ændr dine indstillinger (fx standardkommune).", no_args_is_help=True
)


@config_app.command("set", cls=DanishCommand)
def config_set(
    key: Annotated[str, typer.Argument(metavar="NØGLE", help="Indstilling, fx kommune.")],
    value: Annotated[str, typer.Argument(metavar="VÆRDI", help="Værdi, fx faxe.")],
) -> None:
    """Gem en indstilling, fx `nsk config set kommune faxe`."""

    def run() -> int:
        from nsk_cli.core.errors import DataError
        from nsk_cli.data import config
        from nsk_cli.guide import dataset as data

        if key not in config.KEYS:
            raise UsageError(f"ukendt indstilling {key!r}; kendte: {', '.join(config.KEYS)}")
        if not value.strip():
            raise UsageError(f"angiv en værdi for {key}, fx 'nsk config set kommune faxe' (eller 'anden')")
        try:
            values = config.read()
        except DataError as exc:  # a broken config must not block the command that repairs it
            err(f"nsk: {exc.message} – filen erstattes")
            values = {}
        if key == "kommune":
            d = data.load()
            k = known_kommune(d, value)
            value_ = k.id if k else "anden"
        else:  # pragma: no cover - only one key today
            value_ = value
        values[key] = value_
        config.write(values)
        out(f"{key} = {value_}\n")
        return 0

    run_command(run)


@config_app.command("show", cls=DanishCommand)
def config_show() -> None:
    """Vis dine indstillinger og hvor de er gemt."""

    def run() -> int:
        from nsk_cli.data import config, paths

        values = config.read()
        out(f"# {paths.config_file()}\n")
        for key in config.KEYS:
            out(f"{key} = {values.get(key, '(ikke sat)')}\n")
        return 0

    run_command(run)


# The vendored Click's UsageError, reached through typer's public BadParameter (no Click import).
