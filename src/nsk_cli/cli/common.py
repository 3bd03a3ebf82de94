"""What every command shares: the one error path, output streams, CPR masking on the way
out, terminal detection and the small parsers for --at and --today."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import typer

from nsk_cli.core.errors import EXIT_ERROR, EXIT_INTERRUPTED, NskError, UsageError

state = {"debug": False}


def mask_text(text: str) -> str:
    from nsk_cli.core.privacy import mask

    return mask(text)


def err(message: str) -> None:
    sys.stderr.write(mask_text(message) + "\n")
    sys.stderr.flush()


def out(text: str, exact: bool = False) -> None:
    """Write to stdout; ``exact`` writes UTF-8 bytes untouched (vCard needs its CRLF)."""
    text = mask_text(text)
    if exact and hasattr(sys.stdout, "buffer"):
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    sys.stdout.write(text)
    sys.stdout.flush()


_TRANSLIT = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "–": "-", "—": "-",
             "→": "->", "←": "<-", "·": "*", "“": '"', "”": '"', "…": "...", "§": "par."}  # fmt: skip


def _transliterate(exc: UnicodeError) -> tuple[str, int]:
    """Encoding error handler for consoles that cannot show æ, ø, å (ASCII, some cp-pages)."""
    if not isinstance(exc, UnicodeEncodeError):  # pragma: no cover - only registered for encoding
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_TRANSLIT.get(ch, "?") for ch in bad), exc.end


def safe_streams() -> None:
    """Never crash on a console that cannot encode Danish: transliterate instead (æ -> ae)."""
    import codecs

    codecs.register_error("nsk-translit", _transliterate)
    for stream in (sys.stdout, sys.stderr):
        try:
            if (stream.encoding or "").lower().replace("-", "") not in ("utf8", "utf8sig"):
                stream.reconfigure(errors="nsk-translit")  # type: ignore[union-attr]
        except (AttributeError, ValueError):  # not a TextIOWrapper (e.g. a test runner's buffer)
            pass


def run_command(func: Callable[[], int | None]) -> None:
    """The one error path: NskError -> one Danish line and its exit code."""
    try:
        code = func()
    except NskError as exc:
        if state["debug"]:
            raise
        err(f"nsk: {exc.message}")
        raise typer.Exit(exc.exit_code) from None
    except (KeyboardInterrupt, EOFError):
        err("nsk: afbrudt – intet er gemt.")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except typer.Exit:
        raise
    except Exception as exc:  # a bug: never show a traceback with local data unless asked
        if state["debug"]:
            raise
        err(f"nsk: uventet fejl ({type(exc).__name__}) – kør igen med --debug for detaljer")
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(code or 0)


def parse_at(value: str | None) -> datetime:
    """--at as Danish local time (Europe/Copenhagen), whatever the machine's time zone. An
    explicit offset ('2026-11-23T08:30+01:00', '…Z') is honoured and converted to Danish time."""
    from nsk_cli.core import danish_time

    if not value:
        return danish_time.now()
    text = value.strip()
    if text[-1:] in ("Z", "z"):  # Python 3.10's fromisoformat does not read 'Z'
        text = text[:-1] + "+00:00"
    try:
        return danish_time.local(datetime.fromisoformat(text))
    except ValueError:
        raise UsageError(
            f"ugyldigt tidspunkt {value!r}; brug ÅÅÅÅ-MM-DDTTT:MM (dansk tid) eller fx 2026-11-23T08:30+01:00"
        ) from None


def parse_today(value: str | None):
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"ugyldig dato {value!r}; brug ÅÅÅÅ-MM-DD") from None


def is_tty() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def color() -> bool:
    """Colour only on a real terminal, and never with NO_COLOR set or TERM=dumb."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def width() -> int | None:
    """The terminal's width (COLUMNS wins), at least 20 and at most 120 columns."""
    import shutil

    return max(20, min(shutil.get_terminal_size((100, 24)).columns, 120))


def configured_kommune() -> str | None:
    from nsk_cli.data import config

    return config.read().get("kommune")


def emit(text: str, output: Path | None, force: bool, exact: bool = False) -> None:
    if output is None:
        out(text, exact)
        return
    from nsk_cli.data.files import write_private

    write_private(output, mask_text(text), force=force)
    err(f"Gemt i {output}")


def known_kommune(d, name: str | None):
    """The municipality named, None for none or 'anden'; a typo is a usage error (exit 2)
    naming the closest known municipalities."""
    if not name or name.strip().casefold() == "anden":
        return None
    return d.rules.require_kommune(name)
