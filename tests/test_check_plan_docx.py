"""DOCX and PDF readers: text in tracked insertions, content controls and text boxes is read
(issue 12, item 7); an archive that unpacks to too much is refused early with a Danish message
and bounded memory, and so are hostile PDFs (issue 13, item 12)."""

from __future__ import annotations

import json
import time
import tracemalloc
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from nsk_cli.cli import app
from nsk_cli.plan import document

runner = CliRunner()

INS = (
    '<w:p><w:r><w:t xml:space="preserve">Beredskabsplanen er vedtaget af Byrådet </w:t></w:r>'
    '<w:ins w:id="1" w:author="Sagsbehandler" w:date="2025-06-25T10:00:00Z">'
    "<w:r><w:t>den 24. juni 2025.</w:t></w:r></w:ins></w:p>"
)
DEL = (
    '<w:p><w:r><w:t xml:space="preserve">Planen er </w:t></w:r>'
    '<w:del w:id="2" w:author="Sagsbehandler" w:date="2025-06-25T10:00:00Z">'
    '<w:r><w:delText xml:space="preserve">ikke </w:delText></w:r></w:del>'
    "<w:r><w:t>offentliggjort på kommunens hjemmeside www.eksempelby.dk/beredskab.</w:t></w:r></w:p>"
)
SDT = (
    '<w:sdt><w:sdtPr><w:alias w:val="Revision"/></w:sdtPr><w:sdtContent>'
    "<w:p><w:r><w:t>Næste revision af beredskabsplanen finder sted i juni 2029.</w:t></w:r></w:p>"
    "</w:sdtContent></w:sdt>"
)
CHILDREN = "Ved bekymring for børn og unge under 18 år underretter medarbejderen familieafdelingen."
TEXTBOX = (
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    f"<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{CHILDREN}</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    f"<w:p><w:r><w:t>{CHILDREN}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
)


def make_docx(path: Path) -> None:
    """A Word document made by python-docx, with our XML put where Word writes these forms."""
    import docx

    d = docx.Document()
    d.add_heading("Beredskabsplan mod negativ social kontrol", level=1)
    d.add_paragraph("MARKØR")
    d.save(str(path))
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    marker = xml.index("MARKØR")
    start = xml.rindex("<w:p", 0, marker)
    end = xml.index("</w:p>", marker) + len("</w:p>")
    parts["word/document.xml"] = (xml[:start] + INS + DEL + SDT + TEXTBOX + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)


def test_insertions_content_controls_and_text_boxes_are_read(tmp_path):
    f = tmp_path / "plan.docx"
    make_docx(f)
    r = runner.invoke(app, ["check-plan", str(f), "-f", "json", "--today", "2026-11-22"])
    out = json.loads(r.stdout)
    got = {q["id"]: q for q in out["requirements"]}
    assert got["vedtaget"]["status"] == "ok"  # the date is in a tracked insertion
    assert "24. juni 2025" in got["vedtaget"]["evidence"][0]["text"]
    assert got["offentliggjort"]["status"] == "ok"  # the deleted "ikke" is not read
    assert "ikke" not in got["offentliggjort"]["evidence"][0]["text"]
    assert got["revision"]["status"] == "ok"  # in a content control
    assert got["boern"]["status"] == "ok"  # in a text box
    doc, _ = document.read(f)
    assert sum(CHILDREN in ln.text for ln in doc.lines) == 1  # the Fallback copy is not read twice
    assert doc.lines[0].heading and doc.lines[0].text == "Beredskabsplan mod negativ social kontrol"


def _bomb(path: Path, megabytes: int) -> None:
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    chunk = b"<w:p><w:r><w:t>" + b"a" * 1_000_000 + b"</w:t></w:r></w:p>"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("word/document.xml", "w", force_zip64=True) as fh,
    ):
        fh.write(body)
        for _ in range(megabytes):
            fh.write(chunk)
        fh.write(b"</w:body></w:document>")


def test_docx_that_unpacks_to_too_much_is_refused_early_with_bounded_memory(tmp_path):
    f = tmp_path / "bombe.docx"
    _bomb(f, 300)  # about 0.3 MB on disk, 300 MB unpacked
    assert f.stat().st_size < 2_000_000
    tracemalloc.start()
    start = time.perf_counter()
    r = runner.invoke(app, ["check-plan", str(f)])
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.exit_code == 2 and r.stdout == ""
    assert "DOCX-filen pakker ud til 286 MB (grænsen er 256 MB) – den afvises" in r.stderr
    assert elapsed < 5 and peak < 50 * 1024 * 1024


def test_hard_packed_part_and_the_streaming_cap(tmp_path, monkeypatch):
    from nsk_cli.plan import docx

    f = tmp_path / "tæt.docx"
    _bomb(f, 20)  # under the total limit, but packed 1000 times
    r = runner.invoke(app, ["check-plan", str(f)])
    assert r.exit_code == 2 and "mistænkeligt hårdt pakket" in r.stderr
    monkeypatch.setattr(docx, "MAX_RATIO", 10**6)
    monkeypatch.setattr(docx, "MAX_PART", 5 * 1024 * 1024)  # the declared sizes could lie: the cap holds
    r = runner.invoke(app, ["check-plan", str(f)])
    assert r.exit_code == 2 and "pakker ud til mere end 5 MB tekst" in r.stderr


def test_docx_with_a_doctype_is_refused(tmp_path):
    f = tmp_path / "dtd.docx"
    xml = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Beredskabsplan &a;</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("word/document.xml", xml)
    r = runner.invoke(app, ["check-plan", str(f)])
    assert r.exit_code == 2 and "DOCTYPE" in r.stderr


def test_pdf_with_too_many_pages_is_refused_before_reading(tmp_path, monkeypatch):
    from test_check_plan import make_pdf

    f = tmp_path / "lang.pdf"
    make_pdf(f, [f"Beredskabsplan side {i}." for i in range(90)])  # three pages
    monkeypatch.setattr(document, "MAX_PAGES", 2)
    r = runner.invoke(app, ["check-plan", str(f)])
    assert r.exit_code == 2 and "PDF'en har 3 sider (grænsen er 2)" in r.stderr
