"""What every command shares: the one error path, output streams, CPR masking on the way
out, terminal detection and the small parsers for --at and --today."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import typer

from nsk_cli.core.errors import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OUTPUT, NskError, UsageError

state = {"debug": False}


class OutputGone(Exception):
    """stdout is closed or full: nothing more can be shown, so nsk stops quietly (EXIT_OUTPUT)."""

    def __init__(self, full: bool) -> None:
        super().__init__("stdout")
        self.full = full


def _shown(text: str, keep_colours: bool = False) -> str:
    """Everything nsk prints passes here: CPR numbers masked, terminal controls removed."""
    from nsk_cli.core.privacy import safe

    return safe(text, keep_colours)


def err(message: str) -> None:
    try:
        sys.stderr.write(_shown(message) + "\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):  # stderr closed or full: nowhere to say it
        pass


def out(text: str, exact: bool = False) -> None:
    """Write to stdout. ``exact`` (data: JSON, CSV, vCard) writes UTF-8 bytes untouched by the
    console's encoding (vCard keeps its CRLF); human-readable text is transliterated on a
    console that cannot show æ, ø, å. Colour codes survive only when nsk colours itself."""
    text = _shown(text, keep_colours=not exact and color())
    try:
        if sys.stdout is None:  # started with stdout closed (nsk ... >&-)
            raise OutputGone(full=False)
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:  # a test runner's text buffer
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        if exact:
            data = text.encode("utf-8")
        else:
            if os.linesep != "\n":
                text = text.replace("\n", os.linesep)
            data = text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict")
        sys.stdout.flush()
        _write_all(binary, data)
        binary.flush()
    except (BrokenPipeError, ValueError):  # reader went away, or the stream is closed
        raise OutputGone(full=False) from None
    except OSError as exc:
        import errno

        raise OutputGone(full=exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)) from None


def _write_all(stream, data: bytes) -> None:
    """Write every byte or raise: an unbuffered stream (PYTHONUNBUFFERED=1) reports a short write
    on a full disk or at a file-size limit by its return value, not by an exception."""
    import errno

    view = memoryview(data)
    while view:
        n = stream.write(view)
        if n is None:  # a non-blocking stream that is full
            raise OSError(errno.EAGAIN, "stdout er fuld")
        if n <= 0:
            raise OSError(errno.ENOSPC, "ingen plads på enheden")
        view = view[n:]


def output_gone(exc: OutputGone) -> int:
    """Stop quietly when stdout is gone: no traceback, no second error at exit; one Danish line
    on stderr only when the disk is full. Returns EXIT_OUTPUT."""
    if sys.stdout is sys.__stdout__:  # the process's own stdout, not a test runner's buffer
        try:  # point fd 1 at /dev/null so the interpreter's final flush cannot fail again
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1)
            os.close(fd)
        except OSError:  # pragma: no cover - nothing more to do
            pass
    if exc.full:
        err("nsk: uddata kunne ikke skrives (ingen plads på enheden)")
    return EXIT_OUTPUT


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


def say_interrupted() -> int:
    """Say that the run was stopped, once however many layers see the interrupt; returns
    EXIT_INTERRUPTED. (root.main and run_command clear the flag when a run starts.)"""
    if not state.get("said_interrupted"):
        state["said_interrupted"] = True
        err("nsk: afbrudt – intet er gemt.")
    return EXIT_INTERRUPTED


def run_command(func: Callable[[], int | None]) -> None:
    """The one error path: NskError -> one Danish line and its exit code."""
    from nsk_cli.data.files import forget_inputs

    forget_inputs()
    state["said_interrupted"] = False
    _stop_on_signals()
    try:
        code = func()
    except OutputGone as exc:
        raise typer.Exit(output_gone(exc)) from None
    except NskError as exc:
        if state["debug"]:
            debug_traceback(exc)
        from nsk_cli.core.privacy import one_line

        err(f"nsk: {one_line(exc.message)}")  # a newline in a file name never splits the line
        raise typer.Exit(exc.exit_code) from None
    except (KeyboardInterrupt, EOFError):
        raise typer.Exit(say_interrupted()) from None
    except typer.Exit:
        raise
    except Exception as exc:  # a bug: never show a traceback unless asked, and never locals
        if state["debug"]:
            debug_traceback(exc)
        err(f"nsk: uventet fejl ({type(exc).__name__}) – kør igen med --debug for detaljer")
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(code or 0)


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


def _stop_on_signals() -> None:
    """SIGTERM and SIGHUP stop nsk like Ctrl-C: temporary files are removed, worker processes
    end with it, and it says 'afbrudt' (exit 130)."""
    import contextlib
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            with contextlib.suppress(OSError, ValueError):  # not allowed here
                signal.signal(sig, _interrupted)


def debug_traceback(exc: BaseException) -> None:
    """--debug / NSK_DEBUG: the plain traceback (file, line, code, message) on stderr, masked like
    everything else; local variables are never shown, whatever the traceback library offers."""
    import traceback

    err("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip("\n"))


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
        when = danish_time.local(datetime.fromisoformat(text))
    except (ValueError, OverflowError):
        raise UsageError(
            f"ugyldigt tidspunkt {value!r}; brug ÅÅÅÅ-MM-DDTTT:MM (dansk tid) eller fx 2026-11-23T08:30+01:00"
        ) from None
    _in_range(when.year, value)
    return when


YEARS = (1900, 2199)  # what nsk can reckon with: holidays, opening hours, revision dates


def _in_range(year: int, value: str) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise UsageError(f"{value!r} ligger uden for de år, nsk kan regne med ({YEARS[0]}-{YEARS[1]})")


def parse_today(value: str | None):
    if not value:
        return date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"ugyldig dato {value!r}; brug ÅÅÅÅ-MM-DD") from None
    _in_range(day.year, value)
    return day


def is_tty() -> bool:
    return _isatty(sys.stdin) and _isatty(sys.stdout)


def color() -> bool:
    """Colour only on a real terminal, and never with NO_COLOR set or TERM=dumb."""
    return _isatty(sys.stdout) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _isatty(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


def width() -> int | None:
    """The terminal's width (COLUMNS wins), at least 20 and at most 120 columns."""
    import shutil

    return max(20, min(shutil.get_terminal_size((100, 24)).columns, 120))


def configured_kommune() -> str | None:
    from nsk_cli.data import config

    return config.read().get("kommune")


def emit(text: str, output: Path | None, force: bool, exact: bool = False, shared: bool = False) -> None:
    """To stdout, or to a file: private (0600) unless ``shared`` (a page or card: 0644)."""
    if output is None:
        out(text, exact)
        return
    from nsk_cli.core.privacy import shown_name
    from nsk_cli.data.files import write_private

    write_private(output, _shown(text), force=force, shared=shared)
    err(f"Gemt i {shown_name(output)}")


def refuse_terminal(output: Path | None, what: str) -> None:
    """A web page or PDF is a file, not something to read in a terminal: with no -o and a
    terminal on stdout, refuse before any work (exit 2)."""
    if output is None and _isatty(sys.stdout):
        raise UsageError(f"{what} skrives til en fil, ikke til terminalen – angiv -o FIL")


def known_kommune(d, name: str | None):
    """The municipality named, None for none or 'anden'; a typo is a usage error (exit 2)
    naming the closest known municipalities."""
    if not name or name.strip().casefold() == "anden":
        return None
    return d.rules.require_kommune(name)
