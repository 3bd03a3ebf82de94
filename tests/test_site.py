"""`nsk site`: the static site of all 98 municipalities, built once for the session and used as
a reader would: from file:// and from a web server under a sub-path, with and without
JavaScript, in a real headless Chromium (see tests/test_webguide.py for the parity machinery)."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import threading
import time
from datetime import date
from functools import partial
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app
from nsk_cli.contacts import municipalities
from nsk_cli.core.text import slugs
from nsk_cli.export import webguide
from nsk_cli.guide import engine
from nsk_cli.tooling.paths import all_paths
from test_webguide import EVALUATE, TIMES, QuietHandler, axe_violations, prefixes, python_result, walk_through

runner = CliRunner()
TODAY = "2026-11-22"


def nsk(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, written once by the CLI itself (with the user's folders kept out)."""
    out = tmp_path_factory.mktemp("site") / "nsk"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NSK_CONFIG_DIR", str(tmp_path_factory.mktemp("site-config")))
        mp.setenv("NSK_CACHE_DIR", str(tmp_path_factory.mktemp("site-cache")))
        for var in ("NSK_RULES_DIR", "NSK_CONTACTS_DIR"):
            mp.delenv(var, raising=False)
        started = time.monotonic()
        r = nsk("site", "-o", out, "--today", TODAY)
        took = time.monotonic() - started
    assert r.exit_code == 0, r.output
    assert took < 60, took  # the brief allows 5 minutes on 2 cores; it takes seconds
    return out


@pytest.fixture(scope="session")
def served(site):
    """The site under a sub-path of a plain web server, as an intranet would put it."""
    root = site.parent
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{site.name}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    pg = context.new_page()
    pg.set_default_timeout(5000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert errors == [], errors  # a blocked script or style (CSP) is a console error


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append(value)


def pages_of(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# ----------------------------------------------------------------- what is written


def test_every_municipality_has_a_guide_and_a_card_with_stable_names(site, data):
    ids = set(data.contacts.municipalities)
    assert len(ids) == 98
    for kid in ids | {"national"}:
        assert (site / kid / "index.html").is_file() and (site / kid / "kort.html").is_file(), kid
    assert (site / "index.html").is_file() and (site / "om.html").is_file()
    manifest = json.loads((site / "nsk-site.json").read_text(encoding="utf-8"))
    assert sorted(manifest["kommuner"]) == sorted(ids)
    assert sorted(manifest["files"]) == sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
    )


def test_every_link_is_relative_and_resolves(site):
    for page in pages_of(site):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for ref in parser.refs:
            if ref.startswith(("https://", "http://", "tel:", "mailto:", "#")):
                continue  # a source or a number to call: followed only when clicked
            if ref.startswith("data:image/"):
                continue  # the card's QR codes: inline images, no request and no file
            assert not ref.startswith("/") and "//" not in ref, (page, ref)  # relative only
            path, _, fragment = ref.partition("#")
            target = (page.parent / unquote(path)).resolve()
            assert target.is_file() and site.resolve() in target.parents, (page, ref)
            if fragment:
                assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), (page, ref)


def test_every_page_has_a_policy_without_inline_scripts_and_a_stamp(site):
    for page in pages_of(site):
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
        assert policy, page
        assert "default-src 'none'" in policy.group(1) and "unsafe-inline" not in policy.group(1), page
        assert "script-src 'sha" not in policy.group(1), page  # the site's own files, not inline code
        assert not re.search(r"<script>(?!\s*</script>)", text), page  # no inline code at all
        assert re.search(
            r"Lavet \d{4}-\d\d-\d\d kl\. \d\d:\d\d \(dansk tid\) af nsk [^ ]+ · data [0-9a-f]{12}", text
        ), page


def test_files_are_readable_by_others(site):
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_each_guide_is_the_page_nsk_html_makes(site, data):
    """Every one of the 98: the same compiled data as the page `nsk html` makes (the script is the
    same file), so it decides as the CLI wherever the parity test below proves the script does."""
    blob = re.compile(r'<script type="application/json" id="nsk-data">(.*?)</script>', re.S)
    for kid in [*data.contacts.municipalities, "national"]:
        text = (site / kid / "index.html").read_text(encoding="utf-8")
        model = webguide.build(data, "anden" if kid == "national" else kid, date.fromisoformat(TODAY))
        single = webguide.to_html(model)
        assert json.loads(blob.search(text).group(1)) == json.loads(blob.search(single).group(1)), kid
        assert (
            text.split("<main", 1)[1].split("</main>")[0] == single.split("<main", 1)[1].split("</main>")[0]
        )
    for name in webguide.ASSETS:
        assert (site / "assets" / name).read_text(encoding="utf-8") == webguide.asset(name)
    single = nsk("html", "-k", "ishoj", "--today", TODAY).stdout
    assert "<link" not in single and "script-src 'sha256-" in single  # `nsk html` stays one file


# ----------------------------------------------------------------- in the browser


def test_index_lists_all_98_by_region_and_its_links_resolve(page, site, data):
    pg = page
    pg.goto((site / "index.html").as_uri())
    items = pg.locator(".site-list li")
    assert items.count() == 98
    names = pg.locator(".site-list .site-kommune").all_inner_texts()
    assert sorted(names) == sorted(m.name for m in data.contacts.municipalities.values())
    regions = pg.locator(".site-region h2").all_inner_texts()
    assert sorted(regions) == sorted(set(data.contacts.regions.values()))
    hrefs = pg.locator("main a").evaluate_all("els => els.map(e => e.href)")
    assert len(hrefs) >= 2 * 98 + 2
    for href in hrefs:
        assert href.startswith("file://") and Path(unquote(urlsplit(href).path)).is_file(), href
    pg.get_by_role("link", name="Anden kommune / ved ikke").click()
    assert pg.url.endswith("/national/index.html")
    assert pg.locator("h1").inner_text() == "Er personens sikkerhed i fare lige nu?"
    pg.get_by_role("link", name="← Alle kommuner").click()
    assert pg.url.endswith("/nsk/index.html")


@pytest.mark.parametrize(
    "typed, expected",
    [("Ishøj", "ishoj"), ("ishoj", "ishoj"), ("kbh", "kobenhavn"), ("Høje Taastrup Kommune", "hoje_taastrup"),
     ("hoeje-taastrup", "hoje_taastrup"), ("ÆRØ", "aero"), ("Aarhus", "aarhus"), ("Århus", "aarhus")],
)  # fmt: skip
def test_search_finds_what_kommune_finds_and_enter_opens_the_guide(page, site, data, typed, expected):
    assert data.rules.require_kommune(typed).id == expected  # as --kommune
    pg = page
    pg.goto((site / "index.html").as_uri())
    pg.get_by_label("Søg efter kommune").fill(typed)
    shown = pg.locator(".site-list li:visible").evaluate_all("els => els.map(e => e.dataset.id)")
    assert shown == [expected]
    assert "1 kommune" in pg.locator("#q-status").inner_text()
    pg.get_by_label("Søg efter kommune").press("Enter")
    pg.wait_for_url(f"**/{expected}/index.html")


def test_search_narrows_while_typing_and_says_when_nothing_matches(page, site, data):
    frede = [m for m in data.contacts.municipalities.values() if m.name.startswith("Frede")]
    pg = page
    pg.goto((site / "index.html").as_uri())
    box = pg.get_by_label("Søg efter kommune")
    box.fill("frede")
    shown = pg.locator(".site-list li:visible .site-kommune").all_inner_texts()
    assert sorted(shown) == sorted(m.name for m in frede) and len(shown) == 5
    regions = {m.region for m in frede}
    assert pg.locator(".site-region:visible").count() == len(regions) < 5  # the others are hidden
    box.fill("Atlantis")
    assert pg.locator(".site-list li:visible").count() == 0
    assert "Ingen kommune passer" in pg.locator("#q-status").inner_text()
    box.fill("")
    assert pg.locator(".site-list li:visible").count() == 98


def test_search_folds_every_spelling_exactly_like_kommune(browser, site, data):
    """Every id, name and alias of the 98, and the ways people write them, give the
    municipality --kommune gives (or none, when --kommune finds none)."""
    muns = data.contacts.municipalities
    typed: list[str] = []
    for m in muns.values():
        for name in m.names():
            plain = name.replace("ø", "o").replace("å", "a").replace("æ", "ae")
            typed += [name, name.upper(), name + " Kommune", name.replace("-", " "), name.replace("-", ""),
                      plain, " " + name.lower() + " "]  # fmt: skip
    typed += ["kbh", "KBH", "Kobenhavn", "Kommune", "", "xyz", "Ishoi", "Høje-Taastrup-Kommune"]
    pg = browser.new_page()
    pg.goto((site / "index.html").as_uri())
    got = pg.evaluate("names => names.map(n => [window.nskSite.slugs(n), window.nskSite.find(n)])", typed)
    pg.close()
    for text, (keys, found) in zip(typed, got, strict=True):
        assert set(keys) == set(slugs(text)), text
        want = data.rules.find_kommune(text)  # what --kommune finds
        assert found == (want.id if want else None), text
        assert want is None or municipalities.find(muns, text).id == want.id  # and `nsk kommuner`


def test_without_javascript_the_index_is_a_plain_list(browser, site):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto((site / "index.html").as_uri())
    assert pg.locator(".site-list li:visible").count() == 98
    assert not pg.locator("#q").is_visible()  # no search field that cannot work
    pg.get_by_role("link", name="Ishøj Kommune", exact=True).click()
    assert pg.url.endswith("/ishoj/index.html")
    context.close()


def test_no_request_leaves_the_site(page, site):
    pg = page
    base = site.as_uri() + "/"
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    pg.goto(base + "index.html")
    pg.get_by_label("Søg efter kommune").fill("kolding")
    pg.get_by_label("Søg efter kommune").press("Enter")
    pg.wait_for_url("**/kolding/index.html")
    walk_through(pg)
    pg.get_by_role("link", name="Actioncard").click()
    pg.wait_for_url("**/kolding/kort.html")
    pg.get_by_role("link", name="Om indholdet").click()
    pg.wait_for_url("**/om.html#kommune-kolding")
    pg.goto(base + "national/index.html")
    walk_through(pg)
    assert outside == []


def test_no_sideways_scrolling_on_a_small_phone(browser, site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    widths = {}
    for rel in ["index.html", "om.html", "ishoj/index.html", "national/index.html"]:
        pg.goto((site / rel).as_uri())
        widths[rel] = pg.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert all(w <= 320 for w in widths.values()), widths


def test_axe_finds_no_serious_or_critical_issue(browser, site):
    context = browser.new_context(bypass_csp=True)  # axe is injected by the test only
    pg = context.new_page()
    seen = {}
    for rel in ["index.html", "om.html", "ishoj/index.html", "aarhus/kort.html"]:
        pg.goto((site / rel).as_uri())
        seen[rel] = axe_violations(pg)
    pg.goto((site / "index.html").as_uri())
    pg.get_by_label("Søg efter kommune").fill("fre")
    seen["index searched"] = axe_violations(pg)  # (the guide's other views: test_webguide.py)
    context.close()
    assert all(v == [] for v in seen.values()), seen


# Ishøj, Kolding and 'anden' run through the same script in test_webguide.py, and every site guide
# carries the same model as `nsk html` (above): here one more municipality and the national folder.
@pytest.mark.parametrize("kommune", ["bornholm", "anden"])
def test_sampled_guides_decide_exactly_like_the_cli_on_every_path(browser, site, data, kommune):
    qs = engine.questions(data.rules, ask_kommune=False)
    cases = []
    for path in all_paths(qs):
        cases.extend(prefixes(path))
    unique = list({json.dumps(c, sort_keys=True): c for c in cases}.values())
    expected = [python_result(data, kommune, c, TIMES[i % len(TIMES)]) for i, c in enumerate(unique)]
    pg = browser.new_page()
    pg.goto((site / ("national" if kommune == "anden" else kommune) / "index.html").as_uri())
    got = json.loads(pg.evaluate(EVALUATE, json.dumps([unique, TIMES])))
    pg.close()
    assert len(got) == len(expected) > 2000
    for answers, want, have in zip(unique, expected, got, strict=True):
        assert have == want, answers


@pytest.mark.parametrize("kommune", ["ishoj", "kobenhavn", "national"])
def test_site_card_prints_on_one_a4_page_without_the_links(browser, site, tmp_path, kommune):
    import pypdfium2 as pdfium

    pg = browser.new_page()
    pg.goto((site / kommune / "kort.html").as_uri())
    assert pg.get_by_role("link", name="← Alle kommuner").is_visible()  # on screen: the way back
    pg.emulate_media(media="print")
    assert not pg.locator(".site-nav").is_visible()  # on paper: only the card
    pdf = tmp_path / "kort.pdf"
    pdf.write_bytes(pg.pdf(prefer_css_page_size=True, print_background=True))
    pg.close()
    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) == 1
    doc.close()


def test_served_under_a_sub_path(page, served):
    pg = page
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(served)  # the folder itself: the server gives index.html
    assert pg.locator(".site-list li").count() == 98
    pg.get_by_label("Søg efter kommune").fill("Ishøj")
    pg.get_by_label("Søg efter kommune").press("Enter")
    pg.wait_for_url(served + "ishoj/index.html")
    walk_through(pg)
    assert pg.evaluate("typeof window.nsk.result") == "function"
    pg.get_by_role("link", name="Actioncard").click()
    assert pg.locator("h1").inner_text().startswith("Actioncard")
    assert all(u.startswith(served) for u in requests), requests


# ----------------------------------------------------------------- the command


def test_own_copy_for_some_municipalities(tmp_path):
    out = tmp_path / "intranet"
    r = nsk("site", "-o", out, "--kommune", "Ishøj", "-k", "kbh", "--today", TODAY)
    assert r.exit_code == 0, r.output
    dirs = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert dirs == ["assets", "ishoj", "kobenhavn", "national", "skabeloner"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('<li data-id="') == 2
    assert "ishoj/kort.html" in index and "aarhus/" not in index
    assert "Webstedet er gemt i" in r.stderr and "Laver websiderne" not in r.stderr  # no bar without a tty
    r = nsk("site", "-o", tmp_path / "national", "-k", "anden")  # only the national guide
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "national").iterdir() if p.is_dir()) == [
        "assets", "national", "skabeloner"]  # fmt: skip


@pytest.mark.pty
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pty")
def test_progress_bar_on_a_terminal(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    env = dict(os.environ, TERM="xterm", COLUMNS="60", LINES="20")
    child = pexpect.spawn(sys.executable, ["-m", "nsk_cli", "site", "-o", str(tmp_path / "s")], env=env,
                          encoding="utf-8", timeout=120, dimensions=(20, 60))  # fmt: skip
    child.expect("Laver websiderne")
    child.expect("Webstedet er gemt i")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and (tmp_path / "s" / "index.html").is_file()


def test_a_municipalitys_own_contacts_flow_into_its_copy(tmp_path):
    """Its own contacts folder (as check-plan --kontakter writes one): the guide and the card use
    the number without the 'not confirmed' mark, Om indholdet says where it came from, and the
    data stamp changes."""
    own = tmp_path / "kontakter"
    own.mkdir()
    (own / "ishoj.yaml").write_text(
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
    plain, mine = tmp_path / "plain", tmp_path / "mine"
    assert nsk("site", "-o", plain, "-k", "ishoj").exit_code == 0
    r = nsk("site", "-o", mine, "-k", "ishoj", "--contacts-dir", own)
    assert r.exit_code == 0, r.output
    stamp = re.compile(r"data ([0-9a-f]{12})")
    index = (mine / "index.html").read_text(encoding="utf-8")
    assert stamp.search(index).group(1) != stamp.search(
        (plain / "index.html").read_text(encoding="utf-8")
    ).group(1)
    about = (mine / "om.html").read_text(encoding="utf-8").split('id="kommune-ishoj"')[1]
    straxen = next(row for row in about.split("<tr>") if "StraXen" in row)
    assert "leveret af kommunen" in straxen and "2026-11-20" in straxen
    card = (mine / "ishoj" / "kort.html").read_text(encoding="utf-8")
    assert re.search(r"StraXen[^<]*<br><span class=\"num\"><a [^>]*>43 57 75 78</a></span>(?! \(ikke)", card)
    model = json.loads(re.search(r'id="nsk-data">(.*?)</script>', (mine / "ishoj" / "index.html").read_text(
        encoding="utf-8"), re.S).group(1))  # fmt: skip
    assert "ikke bekræftet" not in model["contacts"]["ishoj_straxen"]["line"]


def test_bad_folder_or_kommune_exit_2_and_nothing_is_overwritten(tmp_path):
    other = tmp_path / "andet"
    other.mkdir()
    (other / "vigtigt.txt").write_text("x", encoding="utf-8")
    r = nsk("site", "-o", other, "-k", "ishoj", "--force")
    assert r.exit_code == 2 and "er ikke et websted fra nsk" in r.stderr
    assert sorted(p.name for p in other.iterdir()) == ["vigtigt.txt"]
    r = nsk("site", "-o", tmp_path / "ny", "-k", "Atlantis")
    assert r.exit_code == 2 and "ukendt kommune 'Atlantis'" in r.stderr and not (tmp_path / "ny").exists()
    out = tmp_path / "site"
    assert nsk("site", "-o", out, "-k", "faxe").exit_code == 0
    r = nsk("site", "-o", out, "-k", "ishoj")
    assert r.exit_code == 2 and "brug --force" in r.stderr and (out / "faxe").is_dir()
    r = nsk("site", "-o", out, "-k", "ishoj", "--force")  # a site nsk wrote is replaced whole
    assert r.exit_code == 0 and (out / "ishoj").is_dir() and not (out / "faxe").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".nsk-")] == []
    file = tmp_path / "fil"
    file.write_text("x", encoding="utf-8")
    r = nsk("site", "-o", file)
    assert r.exit_code == 2 and "er ikke en mappe" in r.stderr


def test_pdf_cards_are_linked_from_the_index_and_the_card(browser, tmp_path):
    import pypdfium2 as pdfium

    out = tmp_path / "med-pdf"
    r = nsk("site", "-o", out, "-k", "faxe", "--pdf", "--today", TODAY)
    assert r.exit_code == 0, r.output
    for kid in ("faxe", "national"):
        doc = pdfium.PdfDocument(str(out / kid / "kort.pdf"))
        assert len(doc) == 1
        doc.close()
    assert 'href="faxe/kort.pdf"' in (out / "index.html").read_text(encoding="utf-8")
    assert 'href="kort.pdf"' in (out / "faxe" / "kort.html").read_text(encoding="utf-8")
    assert stat.S_IMODE((out / "faxe" / "kort.pdf").stat().st_mode) == 0o644


def test_pdf_needs_a_browser(tmp_path, monkeypatch):
    monkeypatch.setenv("NSK_BROWSER", str(tmp_path / "ingen-browser"))
    r = nsk("site", "-o", tmp_path / "s", "-k", "faxe", "--pdf")
    assert r.exit_code == 2 and "PDF kræver en Chromium-baseret browser" in r.stderr
    assert not (tmp_path / "s").exists()


def test_about_page_says_where_facts_come_from_and_what_is_missing(site, data):
    text = (site / "om.html").read_text(encoding="utf-8")
    from nsk_cli.contacts import coverage

    for row in coverage.rows(data.contacts):
        assert f'id="kommune-{row["id"]}"' in text
    aarhus = text.split('id="kommune-aarhus"')[1].split("</section>")[0]
    assert "kommunen bør levere:" in aarhus  # what nsk does not know, as `nsk kommuner --missing`
    ishoj = text.split('id="kommune-ishoj"')[1].split("</section>")[0]
    for c in data.contacts.of_kommune("ishoj"):
        assert c.verified.isoformat() in ishoj
    assert "nsk check-plan PLAN --kontakter MAPPE" in text and "nsk plan template" in text
    assert (site / "skabeloner" / "beredskabsplan.md").read_text(encoding="utf-8").startswith("#")
