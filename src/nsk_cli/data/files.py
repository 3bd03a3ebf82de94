"""Reading input files and writing the user's files.

Input: every file nsk reads (YAML, plans, caches) is checked before it is opened: a device, a FIFO
or a socket is refused (reading one would hang or never end), the size is bounded, and the file is
remembered, so that no output of the same run can replace it, with or without --force.

Output: private (0600), complete or not at all, never overwriting without force, never over a
device, a FIFO, a folder or a file nsk has read.

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

from nsk_cli.core.errors import NskError, OutputError, UsageError

_read: set[tuple[int, int, int]] = set()  # (device, inode, mtime) of every input this command read


def _name(path: Path | str) -> str:
    from nsk_cli.core.privacy import shown_name

    return shown_name(path)


def _stat_problem(exc: OSError, path: Path | str) -> str:
    if isinstance(exc, FileNotFoundError):
        return "linket peger på en fil, der ikke findes" if os.path.islink(path) else "filen findes ikke"
    if isinstance(exc, PermissionError):
        return "ingen adgang til filen"
    return os_problem(exc) or "kan ikke læses"


def os_problem(exc: OSError) -> str | None:
    """What an operating-system error means, in Danish (strerror is the system's language)."""
    import errno

    return {
        errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
        errno.ELOOP: "stien er en løkke af links, der peger på hinanden",
        errno.ENAMETOOLONG: "navnet er for langt (over 255 tegn i en del af stien)",
        errno.EACCES: "ingen adgang",
        errno.EPERM: "ingen adgang",
        errno.EROFS: "filsystemet er skrivebeskyttet",
        errno.ENOSPC: "ingen plads på enheden",
        errno.EISDIR: "det er en mappe",
        errno.ENOENT: "findes ikke",
    }.get(exc.errno or 0)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "er en mappe, ikke en fil"
    what = (
        "en FIFO (et navngivet rør)"
        if stat.S_ISFIFO(mode)
        else "en enhed"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "en socket"
        if stat.S_ISSOCK(mode)
        else "ikke en almindelig fil"
    )
    return f"er {what}, ikke en almindelig fil – den læses ikke"


def check_input(
    path: Path | str, error: type[NskError], name: str | None = None, remember: bool = True
) -> os.stat_result:
    """Refuse anything but a regular file (following links) before it is opened, and remember it
    as an input of this run (not a cache nsk itself rewrites: ``remember=False``). Raises
    ``error`` with '<name>: <what is wrong>'."""
    name = name or _name(path)
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        problem = _stat_problem(exc, path) if isinstance(exc, OSError) else "ugyldigt filnavn"
        raise error(f"{name}: {problem}") from None
    wrong = _not_regular(st.st_mode)
    if wrong:
        raise error(f"{name}: {wrong}")
    if remember:
        _read.add((st.st_dev, st.st_ino, st.st_mtime_ns))
    return st


def read_input(
    path: Path | str, limit: int, error: type[NskError], name: str | None = None, remember: bool = True
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (a file that grows while it is read
    is cut off at the limit and refused); never blocks on a FIFO swapped in after the check."""
    name = name or _name(path)
    st = check_input(path, error, name, remember)
    too_big = error(
        f"{name}: filen er for stor ({st.st_size / 1048576:.0f} MB; grænsen er {limit // 1048576} MB)"
    )
    if st.st_size > limit:
        raise too_big
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise error(f"{name}: {_stat_problem(exc, path)}") from None
    try:
        if _not_regular(os.fstat(fd).st_mode):  # swapped for a FIFO between the check and the open
            raise error(f"{name}: {_not_regular(os.fstat(fd).st_mode)}")
        chunks, seen = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - seen))
            if not chunk:
                break
            chunks.append(chunk)
            seen += len(chunk)
            if seen > limit:
                raise too_big
    except OSError as exc:
        raise error(f"{name}: kan ikke læses ({os_problem(exc) or exc.strerror})") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def remember_inputs(paths: Iterable[Path | str]) -> None:
    """Inputs read elsewhere (in a worker process): no output of this run may replace them."""
    for path in paths:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            continue
        _read.add((st.st_dev, st.st_ino, st.st_mtime_ns))


def _was_read(path: Path) -> bool:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return (st.st_dev, st.st_ino, st.st_mtime_ns) in _read


def forget_inputs() -> None:
    """A new command starts (the tests run many in one process)."""
    _read.clear()


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
            raise UsageError(f"{_name(path)} er filen, der læses – vælg en anden fil til --output")
    if _was_read(path):
        raise UsageError(f"{_name(path)} er en af de filer, nsk læser – vælg en anden fil til --output")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise UsageError(f"mappen {folder} findes ikke") from None
    except OSError as exc:
        raise UsageError(f"kan ikke skrive {path} ({os_problem(exc) or exc.strerror})") from None
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
        raise UsageError(f"kan ikke skrive i {folder} ({os_problem(exc) or exc.strerror})") from None
    mode = _shared_mode() if shared else 0o600
    try:
        try:
            os.chmod(tmp, mode)  # on Windows: only clears read-only
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)  # buffered: a short write is retried, and a failing one raises
            if force:
                os.replace(tmp, path)
            else:
                _link_new(tmp, path, data, mode)
        except FileExistsError:
            raise UsageError(_exists_message(path)) from None
        except IsADirectoryError:
            raise UsageError(f"{path} er en mappe") from None
        except OSError as exc:
            import errno

            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise OutputError(
                    f"{path} kunne ikke skrives (ingen plads på enheden) – intet er gemt"
                ) from None
            if exc.errno == errno.EFBIG:
                raise OutputError(
                    f"{path} kunne ikke skrives (grænsen for filstørrelse er nået) – intet er gemt"
                ) from None
            raise UsageError(f"kan ikke skrive {path} ({os_problem(exc) or exc.strerror})") from None
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


def check_folder(target: Path, force: bool, marker: str) -> None:
    """Refuse a folder for a published site before any work is done: it must be new or empty,
    or (with force) a site nsk wrote before (it holds ``marker``); its parent must be writable."""
    target = Path(target)
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise UsageError(f"{target} findes og er ikke en mappe")
        if any(target.iterdir()):
            if not (target / marker).is_file():
                raise UsageError(
                    f"mappen {target} er ikke tom og er ikke et websted fra nsk – vælg en ny eller tom mappe"
                )
            if not force:
                raise UsageError(f"mappen {target} findes allerede – brug --force for at erstatte webstedet")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise UsageError(f"mappen {parent} findes ikke")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"ingen adgang til at skrive i {parent}")


def publish_folder(target: Path, files: dict[str, bytes], force: bool, marker: str) -> None:
    """Write a folder others may read (folders 0755, files 0644: a web site), complete or not at
    all: it is written beside the target and then renamed into place, so a web server never
    serves half a site; a previous site nsk wrote is replaced only with force."""
    import shutil
    import tempfile

    target = Path(target)
    check_folder(target, force, marker)
    parent = target.absolute().parent
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".nsk-site-", dir=parent))
    except OSError as exc:
        raise UsageError(f"kan ikke skrive i {parent} ({exc.strerror})") from None
    try:
        try:
            for rel, data in sorted(files.items()):
                parts = Path(rel).parts
                if Path(rel).is_absolute() or ".." in parts:  # pragma: no cover - names are nsk's own
                    raise ValueError(f"unsafe path {rel!r}")
                path = tmp.joinpath(*parts)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                os.chmod(path, 0o644)
            for root, dirs, _ in os.walk(tmp):
                for name in dirs:
                    os.chmod(os.path.join(root, name), 0o755)
            os.chmod(tmp, 0o755)
            if target.is_dir() and not any(target.iterdir()):
                target.rmdir()
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=".nsk-old-", dir=parent))
                os.replace(target, old / "site")
                os.replace(tmp, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, target)
        except OSError as exc:
            raise UsageError(f"kan ikke skrive webstedet i {target} ({exc.strerror})") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
