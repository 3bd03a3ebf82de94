"""A long PDF read by two processes at once: text extraction is most of a check-plan run, and
with one process one core sits idle.

A forked helper (plan/helper.py) opens the PDF, puts its pages in a queue and takes pages from
it; the caller takes from the same queue when it gets to reading, so whichever process is free
reads the next page. The queue is a pipe of one byte per run of pages (a read of one byte is
atomic, so no page is read twice); its write end is closed once it is filled, so an empty queue
reads as its end.

The command line may start the helper before it is parsed (``begin``, from the console script,
when it names one PDF to check): the helper then reads while Python imports the command line,
which is about half of a run. The file is only taken (``claim``) by a read of the same file
(same path, device, inode, size and modification time); an unclaimed helper is stopped.

Whatever goes wrong in the helper, the caller reads the pages the helper did not send; every
error message comes from the caller's own reading.
"""

from __future__ import annotations

import os
import select
import time
from typing import NamedTuple

from nsk_cli.plan import helper
from nsk_cli.plan.lines import normalise_lines

MAX_CHARS = 5_000_000  # extracted text of any plan (plan/document.py refuses more)
MAX_PAGES = 5000  # a PDF with more pages is not a plan (and would take minutes to read)
PDF_SECONDS = 30.0  # time to read one PDF's text; NSK_PDF_SECONDS overrides (tests use a low one)
RUNS = 255  # the most runs of pages a one-byte queue holds

Page = tuple[int, int, str]  # (1-based page, 1-based line, text)
# what the helper sends: the page count, the pages it read and their lines
_SENT = tuple[int, list[int], list[Page]]


class Reader(NamedTuple):
    helper: tuple[int, int]  # (pid, result pipe) as helper.fork returns it
    queue: int  # the read end of the queue
    path: str
    key: tuple[int, int, int, int]  # the file it reads: device, inode, size, modification time
    deadline: float  # time.monotonic() after which no page is started


def budget() -> float:
    """Seconds to read one PDF's text."""
    try:
        return max(float(os.environ.get("NSK_PDF_SECONDS", PDF_SECONDS)), 0.0)
    except ValueError:
        return PDF_SECONDS


class _TooMuchText(Exception):
    pass


def _key(st: os.stat_result) -> tuple[int, int, int, int]:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def runs(count: int) -> list[range]:
    """The runs of pages the queue holds: one page each, or a few each for a very long PDF."""
    n = min(count, RUNS)
    return [range(i * count // n, (i + 1) * count // n) for i in range(n)]


def start(path: str, deadline: float, share_from: int, max_pages: int) -> Reader | None:
    """A helper reading ``path`` with the caller; None when there can be none (not Linux, one
    core, not a regular file). The helper shares a PDF of ``share_from`` to ``max_pages`` pages
    and reads none of any other: the caller then reads it all, errors and all."""
    import stat

    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode) or not helper.available():
        return None
    queue, fill = os.pipe()

    def share() -> _SENT:
        return _helper(path, queue, fill, deadline, share_from, max_pages)

    started = helper.fork(share)
    os.close(fill)  # here: the helper's copy is the only one, so its end is the queue's end
    if started is None:
        os.close(queue)
        return None
    return Reader(started, queue, path, _key(st), deadline)


def _helper(path: str, queue: int, fill: int, deadline: float, share_from: int, max_pages: int) -> _SENT:
    """In the helper: open the PDF, fill the queue, read what it takes."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
        count = len(pdf)
        shared = runs(count) if share_from <= count <= max_pages else []
        os.write(fill, bytes(range(len(shared))))  # at most 255 bytes: one atomic write
    finally:
        os.close(fill)
    read: list[int] = []
    lines: list[Page] = []
    chars = 0
    for run in helper.claims(queue):
        for number in shared[run]:
            if time.monotonic() > deadline:
                return count, read, lines
            got = page_lines(pdf, number)
            chars += sum(len(t) for _, _, t in got)
            if chars > MAX_CHARS:  # the caller reads the rest and says so
                raise _TooMuchText
            read.append(number)
            lines += got
    return count, read, lines


def page_lines(pdf, number: int) -> list[Page]:
    """The normalised, non-empty lines of page ``number`` (0-based)."""
    page = pdf[number]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    textpage.close()
    page.close()
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [(number + 1, idx + 1, line) for idx, line in normalise_lines(raw) if line]


class Shared(NamedTuple):
    total: int | None  # the page count, when the helper sent it
    pages: dict[int, list[Page]]  # the pages either process read, by 0-based number


def finish(reader: Reader, open_pdf, pdf=None) -> Shared:
    """Take pages from the queue until it is empty (or until the pages this process read hold
    more than MAX_CHARS: the caller refuses the file), then add what the helper read. ``open_pdf()``
    opens the PDF here the first time this process takes a page (``pdf``, if it is open
    already). The helper is always ended and reaped."""
    pages: dict[int, list[Page]] = {}
    total = None
    shared: list[range] = []
    chars = 0
    try:
        # the queue is filled once the helper has opened the PDF; wait no longer than the budget
        poll = select.poll()
        poll.register(reader.queue, select.POLLIN)
        ready = poll.poll(max(reader.deadline - time.monotonic(), 0) * 1000)
        for run in helper.claims(reader.queue if ready else None):
            if time.monotonic() > reader.deadline or chars > MAX_CHARS:  # the caller says which
                break
            if pdf is None:
                pdf = open_pdf()
            if not shared:
                shared = runs(len(pdf))
            for number in shared[run]:
                pages[number] = page_lines(pdf, number)
                chars += sum(len(t) for _, _, t in pages[number])
        sent = helper.result(reader.helper, _SENT)
    finally:
        helper.stop(reader.helper)
        helper.close(reader.queue)
    if sent is not None:
        total = sent[0]
        by_page: dict[int, list[Page]] = {n: [] for n in sent[1]}
        for line in sent[2]:
            by_page[line[0] - 1].append(line)
        pages.update(by_page)
    return Shared(total, pages)


# ------------------------------------------------------------------------------ before parsing

_early: Reader | None = None


def begin(path: str) -> None:
    """Start reading ``path`` before the command line is parsed (see the module's doc)."""
    global _early
    import atexit

    _early = start(path, time.monotonic() + budget(), 1, MAX_PAGES)
    if _early is not None:
        atexit.register(_drop)


def claim(path: str) -> Reader | None:
    """The reader begun for this very file, if any; a reader of another file is stopped."""
    global _early
    reader, _early = _early, None
    if reader is None:
        return None
    try:
        same = os.path.abspath(reader.path) == os.path.abspath(path) and _key(os.stat(path)) == reader.key
    except (OSError, ValueError):
        same = False
    if not same:
        _stop(reader)
        return None
    return reader


def _drop() -> None:
    global _early
    if _early is not None:
        _stop(_early)
        _early = None


def _stop(reader: Reader) -> None:
    helper.stop(reader.helper)
    helper.close(reader.queue)
