"""The action card on paper: one A4 page in Chromium's print engine, body text at least 10 pt,
the acute box first with 112 large, the municipality's own numbers prominent, and nothing a
reader on the staff-room wall should not see (ids, editors' notes, 'ukendt', file names)."""

from __future__ import annotations

import html
import os
import re

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app

# The three with their own handling, Aarhus (no local intake: the national route, long web
# addresses) and Kolding (local numbers with opening hours) from the 98.
KOMMUNER = ["ishoj", "faxe", "hvidovre", "aarhus", "kolding"]
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


def test_every_municipalitys_card_fits_on_the_page(browser, data):
    """All 98 and the national card: the content's own height in the print layout (A4 minus the
    margins is 198 x 285 mm) fits, with room to spare for a longer local name or number."""
    from datetime import date

    from nsk_cli.data import paths
    from nsk_cli.export import actioncard

    config = actioncard.load_config(paths.rules_dir())
    pg = browser.new_page(viewport={"width": round(198 / 25.4 * 96), "height": 1000})
    pg.emulate_media(media="print")
    heights = {}
    for k in [*data.rules.kommuner, None]:
        pg.set_content(actioncard.to_html(actioncard.build(data, k, config, date(2026, 11, 22))))
        pg.add_style_tag(content=".page { min-height: 0 !important; }")  # the content, not the sheet
        heights[k] = pg.evaluate("document.querySelector('.page').getBoundingClientRect().height") * 25.4 / 96
    pg.close()
    assert len(heights) == 99 and min(heights.values()) > 200  # measured, not empty
    assert max(heights.values()) <= 280, sorted(heights.items(), key=lambda kv: -kv[1])[:3]


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
    words = set(re.findall(r"[\w.-]+", footer))
    ids = {st.id for st in data.rules.steps_for(k)} | set(data.contacts.contacts) | set(data.contacts.roles)
    assert not words & {i for i in ids if "_" in i or i == kommune}, words & ids  # no internal ids
    assert "kildedokument uden titel" not in footer and ".yaml" not in footer


@pytest.mark.parametrize("kommune", KOMMUNER)
def test_unconfirmed_local_numbers_are_marked(cards, data, kommune):
    """The card says which local numbers the municipality has not confirmed (as the guide does),
    and never refers to a marking it does not show."""
    from nsk_cli.guide.notices import needs_confirming

    body = re.sub(r"<[^>]+>", " ", cards[kommune].read_text(encoding="utf-8").split("<body>", 1)[1])
    own = [c for c in data.contacts.contacts.values() if c.kommune == kommune and needs_confirming(c)]
    shown = [c for c in own if any(p.number in body for p in c.phones)]
    if shown:
        assert "ikke bekræftet af kommunen" in body
    else:
        assert "ikke bekræftet" not in body


def test_card_as_pdf_through_chromium(browser, tmp_path):
    import pypdfium2 as pdfium

    out = tmp_path / "kort.pdf"
    old = os.umask(0o022)
    try:
        r = nsk("actioncard", "-k", "ishoj", "-f", "pdf", "-o", out)
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.output
    assert (out.stat().st_mode & 0o777) == 0o644  # no personal data: readable by others
    doc = pdfium.PdfDocument(str(out))
    assert len(doc) == 1
    text = doc[0].get_textpage().get_text_range()
    assert "112" in text and "43 57 75 78" in text


def test_card_as_pdf_needs_an_output_file_and_a_browser(tmp_path, monkeypatch):
    r = nsk("actioncard", "-k", "ishoj", "-f", "pdf")
    assert r.exit_code == 2 and "angiv -o FIL" in r.stderr
    monkeypatch.setenv("NSK_BROWSER", str(tmp_path / "findes-ikke"))
    r = nsk("actioncard", "-k", "ishoj", "-f", "pdf", "-o", tmp_path / "kort.pdf")
    assert r.exit_code == 2 and "Chromium" in r.stderr and not (tmp_path / "kort.pdf").exists()


def test_a_number_the_municipality_confirmed_is_not_marked(tmp_path):
    """With the municipality's own file confirming one number, only the others are marked."""
    (tmp_path / "ishoj.yaml").write_text(
        """kommune: ishoj
contacts:
  - id: ishoj_straxen
    name: StraXen, Center for Børn og Forebyggelse
    roles: [underretning, boern, sparring]
    phone:
      - number: "43 57 75 78"
    source: https://example.invalid/intern
    verified: "2026-11-20"
""",
        encoding="utf-8",
    )
    r = nsk("actioncard", "-k", "ishoj", "-f", "html", "--today", "2026-11-22", "--contacts-dir", tmp_path)
    assert r.exit_code == 0, r.output
    items = re.findall(r"<li>(.*?)</li>", r.stdout.split('class="local"', 1)[1].split("</section>", 1)[0])
    straxen = next(i for i in items if "StraXen" in i)
    cvv = next(i for i in items if "CVV" in i)
    assert "ikke bekræftet" not in straxen and "ikke bekræftet af kommunen" in cvv
    assert "Lokale numre markeret 'ikke bekræftet'" in html.unescape(r.stdout)  # the note explaining it
