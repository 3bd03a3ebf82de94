"""Documents as normalised lines with a map back to page and line.

Readers for .txt/.md (UTF-8 with or without BOM, cp1252/latin-1), .pdf (pypdfium2),
.docx (plan.docx: the XML read safely – body, tables, tracked insertions, content controls,
text boxes, headers and footers) and a
structured .yaml plan. Every failure is an InputFileError with a Danish message saying
which file and what is wrong; nothing here prints.
"""

from __future__ import annotations

import re
from pathlib import Path

from msgspec import Struct, field

from nsk_cli.core.errors import InputFileError
from nsk_cli.plan import pdfpages
from nsk_cli.plan.lines import normalise_lines
from nsk_cli.plan.pdfpages import MAX_CHARS, MAX_PAGES

# A readiness plan or an action plan is never this big; refuse early with a clear message.
MAX_TEXT_BYTES = 10 * 1024 * 1024  # .txt, .md, .yaml
MAX_BINARY_BYTES = 200 * 1024 * 1024  # .pdf, .docx (images make them large)


SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".yaml", ".yml")
PLACEHOLDER = re.compile(r"\[UDFYLD[^\]]*\]")


class Line(Struct, frozen=True):
    page: int | None  # 1-based page for PDFs, else None
    line: int  # 1-based line (within the page for PDFs)
    text: str  # normalised text
    heading: bool = False


class Document(Struct):
    path: str
    lines: list[Line]
    format: str
    text: str = ""
    # offset in `text` where each line starts
    starts: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a document that was cut short

    def build(self) -> Document:
        """Join the lines into one text (for patterns that span line breaks)."""
        starts, pos = [], 0
        for ln in self.lines:
            starts.append(pos)
            pos += len(ln.text) + 1
        self.text = "\n".join(ln.text for ln in self.lines)
        self.starts = starts
        return self

    def line_at(self, pos: int) -> int:
        """Index of the line holding character `pos` of `text`."""
        import bisect

        return max(bisect.bisect_right(self.starts, pos) - 1, 0)


def _lines_from_text(raw: list[str], page: int | None = None, headings: set[int] | None = None) -> list[Line]:
    lines = []
    for idx, text in normalise_lines(raw):
        if text:
            lines.append(Line(page, idx + 1, text, bool(headings and idx in headings)))
    return lines


# ------------------------------------------------------------------------------ readers


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError(f"{name}: filen er gemt som UTF-16 – gem den som UTF-8 og prøv igen")
    if b"\x00" in raw[:4096]:
        raise InputFileError(f"{name}: er ikke en tekstfil (binære data)")
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t\f")
        if controls > 20:
            raise InputFileError(f"{name}: er ikke en tekstfil (binære data)")
        return text
    raise InputFileError(f"{name}: kan ikke læses som tekst")  # pragma: no cover - latin-1 accepts all


_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _read_text(path: Path, name: str, markdown: bool) -> list[Line]:
    from nsk_cli.data.files import read_input

    text = _decode(read_input(path, MAX_TEXT_BYTES, InputFileError, name), name)
    if markdown:  # a comment is not shown to a reader, so it is not plan text (lines kept)
        text = _MD_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    headings = {i for i, t in enumerate(raw) if markdown and t.lstrip().startswith("#")}
    if markdown:
        raw = [t.lstrip().lstrip("#").strip() if i in headings else t for i, t in enumerate(raw)]
    return _lines_from_text(raw, None, headings)


def _open_pdf(path: Path, name: str):
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a dependency
        raise InputFileError("PDF-understøttelse mangler (pypdfium2) – geninstallér nsk") from None
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise InputFileError(f"{name}: PDF'en er krypteret (beskyttet med adgangskode)") from None
        raise InputFileError(f"{name}: PDF'en er beskadiget eller ikke en gyldig PDF") from None


# A long PDF is read by two processes at once (plan/pdfpages.py): the text extraction is most
# of a check, and one core would sit idle. Not for a folder of plans: its workers already use
# both cores. A PDF the command line began reading before it was parsed is shared whatever its
# length: the helper has had a head start.
PARALLEL_PAGES = 40


def _read_pdf(path: Path, name: str, warnings: list[str], parallel: bool = False) -> list[Line]:
    import sys
    import time

    early = pdfpages.claim(str(path)) if parallel else None  # begun before the command line was parsed
    deadline = early.deadline if early else time.monotonic() + pdfpages.budget()
    opened: list = []

    def open_pdf():  # here only when this process reads a page itself
        if not opened:
            opened.append(_open_pdf(path, name))
        return opened[0]

    try:
        got = pdfpages.finish(early, open_pdf) if early else pdfpages.Shared(None, {})
        count = got.total
        if count is None or count > MAX_PAGES or len(got.pages) < count:
            count = len(open_pdf())
            if count > MAX_PAGES:
                raise InputFileError(
                    f"{name}: PDF'en har {count} sider (grænsen er {MAX_PAGES}) – det er ikke en plan"
                )
            if parallel and early is None and count >= PARALLEL_PAGES:
                reader = pdfpages.start(str(path), deadline, PARALLEL_PAGES, MAX_PAGES)
                if reader is not None:
                    got = pdfpages.finish(reader, open_pdf, opened[0])
        pages, read_to = _rest(got.pages, count, open_pdf, deadline, name)
    except Exception as exc:
        pdfium = sys.modules.get("pypdfium2")
        if pdfium is not None and isinstance(exc, pdfium.PdfiumError):
            raise InputFileError(f"{name}: PDF'en er beskadiget (en side kunne ikke læses)") from None
        raise
    finally:
        for pdf in opened:
            pdf.close()
    if read_to < count:
        warnings.append(
            f"Dokumentet blev afkortet: kun side 1-{read_to} af {count} blev læst, fordi "
            f"siderne tog for lang tid at læse (over {pdfpages.budget():g} sekunder). Krav, der står "
            "længere henne, er ikke fundet – tjek resten selv."
        )
    lines = [Line(page, line, text, False) for number in range(read_to) for page, line, text in pages[number]]
    if not lines:
        raise InputFileError(
            f"{name}: PDF'en indeholder ingen tekst (er den scannet?) – kør tekstgenkendelse (OCR) først"
        )
    return lines


def _rest(pages: dict, count: int, open_pdf, deadline: float, name: str) -> tuple[dict, int]:
    """Read here the pages no helper read, in order, and say where reading stopped: ``count``,
    or the first page not read when the time budget ran out (pages that share one huge content
    stream). Memory stays bounded whatever the page count: MAX_CHARS stops it early."""
    import time

    chars = sum(len(t) for got in pages.values() for _, _, t in got)
    if chars > MAX_CHARS:
        raise InputFileError(f"{name}: filen indeholder for meget tekst til at være en plan")
    for number in range(count):
        if number in pages:
            continue
        if number and time.monotonic() > deadline:
            return pages, number
        pages[number] = pdfpages.page_lines(open_pdf(), number)
        chars += sum(len(t) for _, _, t in pages[number])
        if chars > MAX_CHARS:
            raise InputFileError(f"{name}: filen indeholder for meget tekst til at være en plan")
    return pages, count


def _read_docx(path: Path, name: str) -> list[Line]:
    from nsk_cli.plan import docx

    raw, headings = docx.read(path, name)
    return _lines_from_text(raw, None, headings)


def _read_yaml(path: Path, name: str) -> tuple[list[Line], str | None]:
    from nsk_cli.core.errors import DataError
    from nsk_cli.data import schema as s
    from nsk_cli.data import yamlio

    try:
        doc = yamlio.load(path, name)
    except DataError as exc:
        raise InputFileError(exc.message) from None
    spec = s.Map(
        {
            "kind": s.Field(s.Str(choices=("beredskabsplan", "handleplan"))),
            "title": s.Field(s.Str(), True),
            "kommune": s.Field(s.Str()),
            "date": s.Field(s.Str()),
            "sections": s.Field(
                s.ListOf(s.Map({"heading": s.Field(s.Str(), True), "text": s.Field(s.Str())}), 1), True
            ),
        }
    )
    problems = s.validate(doc, spec)
    if problems:
        raise InputFileError(problems[0])
    data = doc.data
    raw: list[str] = [data["title"]]
    headings = {0}
    if data.get("kommune"):
        raw.append(data["kommune"])
    if data.get("date"):
        raw.append(data["date"])
    for sec in data["sections"]:
        headings.add(len(raw))
        raw.append(sec["heading"])
        raw.extend((sec.get("text") or "").split("\n"))
    return _lines_from_text(raw, None, headings), data.get("kind")


def read(path: Path, parallel: bool = False) -> tuple[Document, str | None]:
    """Read any supported file; returns the document and a kind the file declares (YAML).
    With ``parallel`` a long PDF is read by two processes (see PARALLEL_PAGES)."""
    from nsk_cli.core.privacy import shown_name
    from nsk_cli.data.files import check_input

    name = shown_name(path)  # masked and on one line before any report lays it out
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InputFileError(
            f"{name}: filtypen {suffix or '(ingen)'} understøttes ikke; "
            "brug .txt, .md, .pdf, .docx eller .yaml"
        )
    size = check_input(path, InputFileError, name).st_size  # no device, FIFO or socket is opened
    if size == 0:
        raise InputFileError(f"{name}: filen er tom")
    limit = MAX_BINARY_BYTES if suffix in (".pdf", ".docx") else MAX_TEXT_BYTES
    if size > limit:
        raise InputFileError(
            f"{name}: filen er for stor ({size / 1048576:.0f} MB; grænsen er {limit // 1048576} MB)"
        )
    declared = None
    warnings: list[str] = []
    try:
        if suffix == ".pdf":
            lines = _read_pdf(path, name, warnings, parallel)
        elif suffix == ".docx":
            lines = _read_docx(path, name)
        elif suffix in (".yaml", ".yml"):
            lines, declared = _read_yaml(path, name)
        else:
            lines = _read_text(path, name, markdown=suffix == ".md")
    except PermissionError:
        raise InputFileError(f"{name}: ingen adgang til filen") from None
    except OSError as exc:
        from nsk_cli.data.files import os_problem

        raise InputFileError(f"{name}: kan ikke læses ({os_problem(exc) or exc.strerror})") from None
    if not any(ln.text for ln in lines):
        raise InputFileError(f"{name}: filen indeholder ingen tekst")
    if sum(len(ln.text) for ln in lines) > MAX_CHARS:
        raise InputFileError(f"{name}: filen indeholder for meget tekst til at være en plan")
    fmt = suffix.lstrip(".").replace("yml", "yaml")
    return Document(name, lines, fmt, warnings=warnings).build(), declared
