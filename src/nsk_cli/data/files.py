"""Writing the user's files: private (0600), complete or not at all, never overwriting without
force, never over a device, a FIFO, a folder or the file nsk is reading.

A new file is written to a temporary file in the same folder and then hard-linked to its name:
the link fails if the name exists, so of two nsk processes writing the same new file, exactly one
succeeds and the other is told that the file exists (no "Gemt" for a note that was overwritten).
Where hard links are not possible the file is created with O_EXCL instead. With ``force`` an
existing regular file is replaced atomically (rename).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from nsk_cli.core.errors import UsageError


def _exists_message(path: Path) -> str:
    return f"filen {path} findes allerede – brug --force for at overskrive den"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: Path | None, force: bool = False, inputs: Iterable[Path | None] = ()) -> None:
    """Refuse an output path before any work is done: its folder must exist and be writable; it
    must not exist (or, with force, be a regular file) and must not be one of the input files.
    No output path (stdout) is always fine."""
    if path is None:
        return
    path = Path(path)
    for source in inputs:
        if source is not None and _same_file(path, Path(source)):
            raise UsageError(f"{path} er filen, der læses – vælg en anden fil til --output")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise UsageError(f"mappen {folder} findes ikke") from None
    except OSError as exc:
        raise UsageError(f"kan ikke skrive {path} ({exc.strerror})") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise UsageError(f"{path} er en mappe")
        if not force:
            raise UsageError(_exists_message(path))
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"{path} er ikke en almindelig fil – --force overskriver kun almindelige filer")
    if not folder.is_dir():
        raise UsageError(f"mappen {folder} findes ikke")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"ingen adgang til at skrive i {folder}")


def write_private(
    path: Path,
    text: str | bytes,
    force: bool = False,
    inputs: Iterable[Path | None] = (),
    shared: bool = False,
) -> None:
    """Write a file only the user can read (0600), created exclusively unless --force; text is
    UTF-8 with LF line ends, bytes (a PDF) are written as they are. ``shared`` files (a web page,
    a card: no personal data) get the usual permissions under the umask instead (0644)."""
    path = Path(path)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    check_output(path, force, inputs)
    folder = path.parent if str(path.parent) else Path(".")
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=".nsk-", dir=folder)
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError(f"mappen {folder} findes ikke") from None
    except PermissionError:
        raise UsageError(f"ingen adgang til at skrive i {folder}") from None
    except OSError as exc:
        raise UsageError(f"kan ikke skrive i {folder} ({exc.strerror})") from None
    mode = _shared_mode() if shared else 0o600
    try:
        try:
            os.chmod(tmp, mode)  # on Windows: only clears read-only
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            if force:
                os.replace(tmp, path)
            else:
                _link_new(tmp, path, data, mode)
        except FileExistsError:
            raise UsageError(_exists_message(path)) from None
        except IsADirectoryError:
            raise UsageError(f"{path} er en mappe") from None
        except OSError as exc:
            raise UsageError(f"kan ikke skrive {path} ({exc.strerror})") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _shared_mode() -> int:
    """0666 less the process's umask (0644 under the usual umask 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _link_new(tmp: str, path: Path, data: bytes, mode: int = 0o600) -> None:
    """Give the finished temporary file its name, only if the name is free."""
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system: exclusive creation instead
        pass
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
