"""The command-line layer: one module per command group (see root.py)."""

from __future__ import annotations

import sys
from typing import NoReturn


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (root.main, the CLI's one exit).

    As the console script (no ``argv``): a run that checks one PDF starts reading it on the
    other core before the command line is imported (cli/early.py), and the process ends at
    once when the command is done (``_leave``)."""
    if argv is not None:
        from nsk_cli.cli import root

        root.main(argv)
        return
    try:
        from nsk_cli.cli import early

        early.begin(sys.argv[1:])
        from nsk_cli.cli import root
    except KeyboardInterrupt:  # Ctrl-C while the command line is imported
        try:
            sys.stderr.write("nsk: afbrudt – intet er gemt.\n")
        except UnicodeEncodeError:  # a console without the dash (safe_streams has not run yet)
            sys.stderr.write("nsk: afbrudt - intet er gemt.\n")
        _leave(130)
    try:
        root.main()
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def _leave(code: str | int | None) -> NoReturn:
    """End the process the way ``sys.exit(code)`` would, without tearing the interpreter down.

    After a check of a long plan the interpreter's teardown (freeing every object, one last
    garbage collection) took 50-80 ms, a tenth of the run, for nothing: the process ends anyway.
    Exit handlers still run and the standard streams are flushed. With a thread still running
    (none does in nsk, but a library could start one) it is the ordinary exit."""
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message on stderr, status 1
        sys.stderr.write(f"{code}\n")
        status = 1
    import atexit
    import os

    from nsk_cli.core.errors import EXIT_OUTPUT

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            if stream is sys.stdout:
                status = EXIT_OUTPUT  # as Python itself exits when it cannot flush stdout
    os._exit(status & 0xFF)


def __getattr__(name: str):  # noqa: ANN202 - ``app`` is built on first use, see root.py
    if name == "app":
        from nsk_cli.cli import root

        return root.app
    raise AttributeError(name)


__all__ = ["app", "main"]
