"""Writing the user's files: private (0600), atomic, never overwriting without force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from nsk_cli.core.errors import UsageError


def write_private(path: Path, text: str | bytes, force: bool = False) -> None:
    path = Path(path)
    if path.exists() and not force:
        raise UsageError(f"filen {path} findes allerede – brug --force for at overskrive den")
    if path.is_dir():
        raise UsageError(f"{path} er en mappe")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".nsk-", dir=folder)
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError(f"mappen {folder} findes ikke") from None
    except PermissionError:
        raise UsageError(f"ingen adgang til at skrive i {folder}") from None
    except OSError as exc:
        raise UsageError(f"kan ikke skrive i {folder} ({exc.strerror})") from None
    try:
        os.chmod(tmp, 0o600)  # on Windows this only clears read-only; the file stays in the user's folder
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as bfh:
                bfh.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UsageError(f"kan ikke skrive {path} ({exc.strerror})") from None
