"""DOCX text, read from the XML itself, safely.

python-docx reads only paragraphs and tables that are direct children of the body, so text in
tracked insertions (w:ins), content controls (w:sdt) and text boxes (w:txbxContent) was lost.
Here every w:t counts, deleted text (w:delText) never does, and a text box's Fallback copy
(mc:Fallback, the same text again for old readers) is skipped.

The archive is checked before anything is decompressed: the sum of the declared uncompressed
sizes and each part's compression ratio. The parts are then streamed through a reader that
stops at a byte cap, whatever the archive declares, so a "zip bomb" is refused early with a
Danish message and with bounded memory. XML with a DOCTYPE (entity tricks) is refused.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO, Any

from nsk_cli.core.errors import InputFileError

MAX_UNPACKED = 256 * 1024 * 1024  # all parts of the archive together, as declared
MAX_PART = 64 * 1024 * 1024  # one XML part we read, as actually decompressed
MAX_RATIO = 200  # XML compresses 5-30 times; a bomb far more
MAX_PARAGRAPHS = 200_000  # a 500-page plan has some 10,000; millions of empty ones are an attack

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_HEADING = re.compile(r"^(heading|overskrift|title|titel)", re.IGNORECASE)
_PARTS = re.compile(r"^word/(header|footer)\d*\.xml$")


class _Capped:
    """A read-only stream that raises once more than `cap` bytes have come out of it."""

    def __init__(self, raw: IO[bytes], cap: int, name: str) -> None:
        self.raw, self.cap, self.name, self.seen = raw, cap, name, 0
        self.tail = b""  # the end of the previous chunk: a DOCTYPE split between two is seen

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(65536 if n is None or n < 0 else min(n, 65536))
        self.seen += len(data)
        if self.seen > self.cap:
            raise InputFileError(
                f"{self.name}: DOCX-filen pakker ud til mere end {self.cap // 1048576} MB tekst – den afvises"
            )
        if b"<!DOCTYPE" in (self.tail + data).upper():  # anywhere, also after a long comment
            raise InputFileError(f"{self.name}: DOCX-filen indeholder en DOCTYPE – den afvises")
        self.tail = data[-9:]
        return data


def _check_archive(zf: zipfile.ZipFile, name: str) -> None:
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise InputFileError(
            f"{name}: DOCX-filen pakker ud til {total / 1048576:.0f} MB (grænsen er "
            f"{MAX_UNPACKED // 1048576} MB) – den afvises"
        )
    for i in infos:
        if (
            i.filename.endswith(".xml")
            and i.file_size > 1048576
            and i.file_size > MAX_RATIO * max(i.compress_size, 1)
        ):
            raise InputFileError(
                f"{name}: DOCX-filen er mistænkeligt hårdt pakket ({i.filename} fylder "
                f"{i.file_size // max(i.compress_size, 1)} gange mere udpakket) – den afvises"
            )


def _style(p: Any) -> str:
    ppr = p.find(W + "pPr")
    style = ppr.find(W + "pStyle") if ppr is not None else None
    return style.get(W + "val", "") if style is not None else ""


def _lines(stream: Any, name: str = "") -> tuple[list[str], set[int]]:
    """Paragraphs as lines (table rows as 'cell | cell'), in document order, and which are headings."""
    import xml.etree.ElementTree as ET

    raw: list[str] = []
    headings: set[int] = set()
    paragraphs: list[list[str]] = []  # a stack: a text box's paragraphs sit inside a paragraph
    rows: list[list[str]] = []  # a stack of table rows (tables nest)
    skip = 0  # depth inside mc:Fallback
    in_cell = 0  # depth inside table cells
    count = 0  # paragraphs so far
    hidden = False  # inside a run formatted as hidden text (w:vanish): not evidence
    in_run = 0
    for event, el in ET.iterparse(stream, events=("start", "end")):
        tag = el.tag
        if tag == MC_FALLBACK:
            skip += 1 if event == "start" else -1
            if event == "end":
                el.clear()
            continue
        if skip:
            continue
        if event == "start":
            if tag == W + "p":
                paragraphs.append([])
                count += 1
                if count > MAX_PARAGRAPHS:  # time and memory stay bounded whatever the file holds
                    raise InputFileError(
                        f"{name}: DOCX-filen har mere end {MAX_PARAGRAPHS:,} afsnit".replace(",", ".")
                        + " – det er ikke en plan, og den afvises"
                    )
            elif tag == W + "tr":
                rows.append([])
            elif tag == W + "tc":
                in_cell += 1
            elif tag == W + "r":
                in_run += 1
                hidden = False
            continue
        if tag == W + "vanish" and in_run:
            hidden = el.get(W + "val", "true").lower() not in ("0", "false", "off")
        elif tag == W + "r":
            in_run -= 1
            hidden = False
            el.clear()
            continue
        if hidden and tag in (W + "t", W + "tab", W + "br", W + "cr"):
            continue
        if tag == W + "t" and paragraphs:
            paragraphs[-1].append(el.text or "")
        elif tag in (W + "tab",) and paragraphs:
            paragraphs[-1].append(" ")
        elif tag in (W + "br", W + "cr") and paragraphs:
            paragraphs[-1].append("\n")
        elif tag == W + "p" and paragraphs:
            text = "".join(paragraphs.pop())
            if rows and in_cell:
                rows[-1].append(text)
            else:
                if _HEADING.match(_style(el)):
                    headings.add(len(raw))
                raw.extend(text.split("\n"))
            el.clear()
        elif tag == W + "tc":
            in_cell -= 1
            if rows:
                rows[-1].append("\x00")  # end of a cell
        elif tag == W + "tr" and rows:
            cells: list[str] = []
            cur: list[str] = []
            for part in rows.pop():
                if part == "\x00":
                    text = " ".join(x for x in cur if x.strip()).strip()
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                    cur = []
                else:
                    cur.append(part)
            raw.append(" | ".join(cells))
            el.clear()
    return raw, headings


def read(path: Path, name: str) -> tuple[list[str], set[int]]:
    """The DOCX's lines: headers, body, footers; and the indexes of heading lines."""
    import xml.etree.ElementTree as ET

    if not zipfile.is_zipfile(path):
        with path.open("rb") as fh:
            head = fh.read(8)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputFileError(
                f"{name}: dokumentet er krypteret (beskyttet med adgangskode) eller i det gamle .doc-format"
            )
        raise InputFileError(f"{name}: er beskadiget eller ikke en gyldig DOCX-fil")
    broken = InputFileError(f"{name}: er beskadiget eller ikke en gyldig DOCX-fil")
    try:
        with zipfile.ZipFile(path) as zf:
            _check_archive(zf, name)
            names = set(zf.namelist())
            main = _main_part(zf, names, name)
            if main not in names:
                raise broken
            margins = sorted(n for n in names if _PARTS.match(n))
            parts = [n for n in margins if "header" in n] + [main]
            parts += [n for n in margins if "footer" in n]
            raw: list[str] = []
            headings: set[int] = set()
            for part in parts:
                with zf.open(part) as fh:
                    lines, heads = _lines(_Capped(fh, MAX_PART, name), name)
                headings |= {len(raw) + i for i in heads}
                raw += lines
    except InputFileError:
        raise
    except (zipfile.BadZipFile, ET.ParseError, EOFError, ValueError, NotImplementedError, RuntimeError):
        raise broken from None
    except LookupError:  # an XML declaration with an encoding Python does not know
        raise InputFileError(f"{name}: DOCX-filen bruger et ukendt tegnsæt – den kan ikke læses") from None
    return raw, headings


_MAIN = re.compile(r'PartName="/?([^"]+)"[^>]*ContentType="[^"]*wordprocessingml\.[a-z.]*main\+xml"')
_MAIN_REVERSED = re.compile(r'ContentType="[^"]*wordprocessingml\.[a-z.]*main\+xml"[^>]*PartName="/?([^"]+)"')


def _main_part(zf: zipfile.ZipFile, names: set[str], name: str) -> str:
    """The one main document part [Content_Types].xml declares (word/document.xml when it
    declares none). Two main parts are refused: which one Word shows is not certain, and nsk
    must not check a different text than the reader sees."""
    if "[Content_Types].xml" not in names:
        return "word/document.xml"
    with zf.open("[Content_Types].xml") as fh:
        capped, chunks = _Capped(fh, 1048576, name), []
        while chunk := capped.read():
            chunks.append(chunk)
    types = b"".join(chunks).decode("utf-8", "replace")
    found = {m.group(1) for rx in (_MAIN, _MAIN_REVERSED) for m in rx.finditer(types)}
    if len(found) > 1:
        raise InputFileError(
            f"{name}: DOCX-filen har {len(found)} dokumentdele ({', '.join(sorted(found))}) – den afvises"
        )
    return found.pop() if found else "word/document.xml"
