"""A second process for one plan: on Linux with two free cores, a forked helper reads half of a
long PDF, or grades part of the requirements, while this process does the rest.

The helper sends its result through a pipe as msgpack, decoded by type (data only, never code).
It dies with the parent (PR_SET_PDEATHSIG), leaves Ctrl-C to the parent (which ends it) and
holds none of the caller's pipes. Whatever goes wrong there – an error, a crash, a kill – the
caller gets None and does the helper's share itself; the helper is always reaped.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any


def available() -> bool:
    """Two processes pay: Linux (fork is cheap and safe here) with at least two free cores."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (OSError, AttributeError):  # pragma: no cover - Linux has it
        return False


def fork(work: Callable[[], Any]) -> tuple[int, int] | None:
    """A forked process running ``work()``; None when two processes cannot be had."""
    if not available():
        return None
    try:
        r, w = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the helper: never returns
        try:
            os.close(r)
            _quiet()
            import msgspec

            data = msgspec.msgpack.encode(work())
            with os.fdopen(w, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)  # no atexit handlers, no flushing of the parent's buffers
    os.close(w)
    return pid, r


def result(helper: tuple[int, int], kind: Any) -> Any | None:
    """What the helper sent, as ``kind``; None when it failed or died (nothing, or a cut-off
    message, came through the pipe)."""
    import msgspec

    _, r = helper
    with os.fdopen(os.dup(r), "rb") as pipe:  # r itself is closed by stop()
        data = pipe.read()
    if not data:
        return None
    try:
        return msgspec.msgpack.decode(data, type=kind)
    except msgspec.MsgspecError:
        return None


def stop(helper: tuple[int, int]) -> None:
    """End the helper if it still runs, and reap it."""
    pid, r = helper
    with contextlib.suppress(OSError):
        os.close(r)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def queue(n: int) -> int | None:
    """A queue of the numbers 0..n-1 that a process and its helper both take from: a pipe
    holding one byte per number, read one byte at a time (a read of one byte is atomic), with
    its write end closed so that an empty queue reads as the end. None for 256 or more."""
    if not 0 < n < 256:
        return None
    r, w = os.pipe()
    try:
        os.write(w, bytes(range(n)))  # far below a pipe's capacity
    finally:
        os.close(w)
    return r


def claims(fd: int | None) -> Iterator[int]:
    """The numbers this process takes from the queue, in order, until it is empty."""
    while fd is not None:
        got = os.read(fd, 1)
        if not got:
            return
        yield got[0]


def close(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)


def die_with_parent() -> None:
    """Linux: the kernel sends this process SIGKILL when its parent goes, however it goes."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            pass


def _quiet() -> None:
    """In a helper: die with the parent, leave Ctrl-C to it, hold none of the caller's pipes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    die_with_parent()
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
