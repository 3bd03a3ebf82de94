"""The action card on paper: one A4 page in Chromium's print engine, body text at least 10 pt,
the acute box first with 112 large, the municipality's own numbers prominent, and nothing a
reader on the staff-room wall should not see (ids, editors' notes, 'ukendt', file names)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app

KOMMUNER = ["ishoj", "faxe", "hvidovre"]
PT = 96 / 72  # CSS px per point
runner = CliRunner()


def nsk(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def cards(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cards")
    out = {}
    for k in KOMMUNER:
        path = folder / f"{k}.html"
        r = nsk("actioncard", "-k", k, "-f", "html", "--today", "2026-11-22", "-o", path)
        assert r.exit_code == 0, r.output
        out[k] = path
    return out


@pytest.mark.parametrize("kommune", KOMMUNER)
def test_card_prints_on_exactly_one_a4_page_with_readable_type(browser, cards, kommune, tmp_path):
    import pypdfium2 as pdfium

    pg = browser.new_page()
    pg.goto(cards[kommune].as_uri())
    pg.emulate_media(media="print")
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(pg.pdf(prefer_css_page_size=True, print_background=True))
    doc = pdfium.PdfDocument(str(pdf))
    pages, (width, height) = len(doc), doc[0].get_size()
    doc.close()
    sizes = pg.evaluate(
        """() => [...document.body.querySelectorAll('*')]
             .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
             .map(e => [e.tagName + '.' + e.className, parseFloat(getComputedStyle(e).fontSize)])"""
    )
    big = pg.evaluate("parseFloat(getComputedStyle(document.querySelector('.big .num')).fontSize)")
    first = pg.evaluate("document.querySelector('.page > section').className")
    page_px = pg.evaluate("document.querySelector('.page').getBoundingClientRect().height")
    own = pg.evaluate(
        "[...document.querySelectorAll('.local .num')].map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    pg.close()
    assert pages == 1
    assert abs(width - 595) < 3 and abs(height - 842) < 3  # A4 in points
    small = [(el, round(px / PT, 1)) for el, px in sizes if px < 10 * PT - 0.01]
    assert small == []  # nothing under 10 pt
    assert first == "acute" and big >= 30 * PT  # the acute box first, 112 large
    assert all(px >= 12 * PT for px in own)  # the municipality's own numbers stand out
    assert page_px >= 270 / 25.4 * 96  # the card fills the sheet (A4 minus margins: 283 mm)


@pytest.mark.parametrize("kommune", KOMMUNER)
def test_card_shows_no_ids_notes_unknown_hours_or_file_names(cards, data, kommune):
    text = cards[kommune].read_text(encoding="utf-8")
    body = re.sub(r"<[^>]+>", " ", text.split("<body>", 1)[1])
    k = data.rules.kommuner[kommune]
    for st in data.rules.steps_for(k):
        assert "_" not in st.id or st.id not in body, st.id
        if st.note:
            assert " ".join(st.note.split())[:40] not in " ".join(body.split()), st.id
    for cid in data.contacts.contacts:
        assert "_" not in cid or cid not in body, cid  # ids like ishoj_straxen (plain words may occur)
    for role in data.contacts.roles:
        assert f"'{role}'" not in body, role
    assert "ukendt" not in body
    assert not re.search(r"\d{3}_[0-9a-f]{16}", body)  # sources by title, not file name
    footer = re.search(r"<footer>(.*?)</footer>", text, re.S).group(1)
    assert "\n" not in footer.strip() and "Kilder: " in footer
    assert "Ishøj Kommunes beredskabsplan" in footer or "Faxe Kommunes beredskabsplan" in footer


def test_card_as_pdf_through_chromium(browser, tmp_path):
    import pypdfium2 as pdfium

    out = tmp_path / "kort.pdf"
    r = nsk("actioncard", "-k", "ishoj", "-f", "pdf", "-o", out)
    assert r.exit_code == 0, r.output
    doc = pdfium.PdfDocument(str(out))
    assert len(doc) == 1
    text = doc[0].get_textpage().get_text_range()
    assert "112" in text and "43 57 75 78" in text


def test_card_as_pdf_needs_an_output_file_and_a_browser(tmp_path, monkeypatch):
    r = nsk("actioncard", "-k", "ishoj", "-f", "pdf")
    assert r.exit_code == 2 and "--output" in r.stderr
    monkeypatch.setenv("NSK_BROWSER", str(tmp_path / "findes-ikke"))
    r = nsk("actioncard", "-k", "ishoj", "-f", "pdf", "-o", tmp_path / "kort.pdf")
    assert r.exit_code == 2 and "Chromium" in r.stderr and not (tmp_path / "kort.pdf").exists()
