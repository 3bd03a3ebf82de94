"""`nsk html`: the offline web guide decides exactly as `nsk guide`, in real headless Chromium.

Parity over every path of the flow (and every prefix of it, so defaults are filled the same
way, and a missing `akut` fails the same way), at times that exercise opening hours, evenings,
weekends, public holidays, days many take off and a time with an offset; a click-through with
one step back, keyboard only, no network, no storage, file:// and http://127.0.0.1, small
screens and accessibility (axe-core).
"""

from __future__ import annotations

import json
import re
import threading
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app
from nsk_cli.cli.common import parse_at
from nsk_cli.core.errors import UsageError
from nsk_cli.export import webguide
from nsk_cli.guide import engine
from nsk_cli.tooling.paths import all_paths

ASSETS = Path(__file__).parent / "assets"
# The three with their own handling, the national flow (None), another municipality ('anden'),
# one without any local contact (Aarhus: the national route) and one with local opening hours.
KOMMUNER = ["ishoj", "faxe", "hvidovre", None, "anden", "aarhus", "kolding"]
AT = "2026-11-23T10:30"  # a Monday morning: some contacts open, 112 always
TIMES = [
    AT,
    "2026-11-23T07:30Z",  # the same Monday, 08:30 Danish time, given with an offset
    "2026-11-23T19:00",  # Monday evening: closed, opens tomorrow
    "2026-11-27T16:00",  # Friday afternoon: opens Monday
    "2026-11-28T11:00",  # Saturday
    "2026-12-24T10:00",  # juleaftensdag: many offices close (not known)
    "2026-12-25T10:00",  # juledag: a public holiday (closed), and the next one follows
    "2027-03-25T23:30",  # skærtorsdag night: Easter (and summer time) follow, opens on Tuesday
    "2028-05-01T10:00",  # 1. maj, two years on: still within the page's holiday table
]

runner = CliRunner()


def nsk(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """One page per municipality, written by the CLI itself."""
    folder = tmp_path_factory.mktemp("html")
    out = {}
    for k in KOMMUNER:
        path = folder / f"{k or 'national'}.html"
        args = ["html", "-o", path, "--today", "2026-11-22"] + (["--kommune", k] if k else [])
        r = nsk(*args)
        assert r.exit_code == 0, r.output
        out[k] = path
    return out


# All cases in one call, in and out as JSON text (Playwright's own serialisation of thousands of
# objects takes seconds); a usage error comes back as its message.
EVALUATE = """(arg) => { const [cases, times] = JSON.parse(arg); return JSON.stringify(cases.map((c, i) => {
  try { return window.nsk.result(c, times[i % times.length]); } catch (e) { return {error: e.message}; }
})); }"""


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    pg = context.new_page()
    pg.set_default_timeout(5000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == [], errors


def python_result(data, kommune, answers, at=AT):
    """What the engine decides, in the fields the page returns; a usage error as its message."""
    qs = engine.questions(data.rules, ask_kommune=False)
    try:
        done = engine.complete(qs, answers)
    except UsageError as exc:
        return {"error": exc.message}
    r = engine.build_result(data.rules, data.contacts, kommune, done, parse_at(at))
    d = r.to_dict()
    return {
        "kommune": d["kommune"],
        "answers": d["answers"],
        "steps": [s["id"] for s in d["steps"]],
        "contacts": [c["id"] for c in d["contacts"]],
        "warnings": d["warnings"],
        "legal_refs": d["legal_refs"],
        "open_now": {c["id"]: c["open_now"] for c in d["contacts"]},
        "next_open": {c["id"]: c["next_open"] for c in d["contacts"]},
        "out_of_hours": {c["id"]: c["out_of_hours"] for c in d["contacts"]},
        "now": [s["id"] for s in d["steps"] if s["now"]],  # "Gør det nu"
        "alarm": d["alarm"],  # the acute box
    }


def prefixes(path: dict[str, str]) -> list[dict[str, str]]:
    items = list(path.items())
    return [dict(items[:n]) for n in range(len(items) + 1)]


# ----------------------------------------------------------------- parity


@pytest.mark.parametrize("kommune", KOMMUNER, ids=lambda k: k or "national")
def test_page_decides_exactly_like_the_engine_on_every_path(browser, pages, data, kommune):
    qs = engine.questions(data.rules, ask_kommune=False)
    cases = []
    for path in all_paths(qs):
        cases.extend(prefixes(path))  # every partial answer set: defaults and warnings too
    unique = list({json.dumps(c, sort_keys=True): c for c in cases}.values())
    expected = [python_result(data, kommune, c, TIMES[i % len(TIMES)]) for i, c in enumerate(unique)]
    pg = browser.new_page()
    pg.goto(pages[kommune].as_uri())
    got = json.loads(pg.evaluate(EVALUATE, json.dumps([unique, TIMES])))
    pg.close()
    assert len(got) == len(expected) > 2000
    for answers, want, have in zip(unique, expected, got, strict=True):
        assert have == want, answers
    # The cases cover what they are meant to: the missing akut, defaults, closed contacts that
    # open again, alternatives, holidays that are not known, and the national-route warning.
    assert {"error": engine.must_answer_message(qs[0])} in expected
    assert any(w.startswith("Spørgsmålet »") for e in expected for w in e.get("warnings", []))
    nexts = [v for e in expected for v in e.get("next_open", {}).values() if v]
    assert nexts and None in [v for e in expected for v in e.get("open_now", {}).values()]
    if kommune == "kolding":  # its Familierådgivningen has opening hours: the duty instead
        assert any(v for e in expected for v in e.get("out_of_hours", {}).values())
    if kommune == "aarhus":
        assert any("den nationale rute vises" in w for e in expected for w in e.get("warnings", []))
    assert any(e.get("alarm") for e in expected) and any(e.get("now") for e in expected)


@pytest.mark.parametrize("kommune", ["ishoj", None], ids=lambda k: k or "national")
def test_page_takes_the_cautious_path_for_ved_ikke_like_the_engine(browser, pages, data, kommune):
    """ "Ved ikke" wherever it is offered, on every path: the page's conditions, steps, warnings
    and "Gør det nu" are the engine's."""
    qs = engine.questions(data.rules, ask_kommune=False)
    unsure = {q.id: q.unknown_means for q in qs if q.unknown_means}
    cases = []
    for path in all_paths(qs):
        case = {k: ("ved_ikke" if unsure.get(k) == v else v) for k, v in path.items()}
        cases.extend(prefixes(case))
    unique = list({json.dumps(c, sort_keys=True): c for c in cases}.values())
    expected = [python_result(data, kommune, c, TIMES[i % len(TIMES)]) for i, c in enumerate(unique)]
    pg = browser.new_page()
    pg.goto(pages[kommune].as_uri())
    got = json.loads(pg.evaluate(EVALUATE, json.dumps([unique, TIMES])))
    pg.close()
    assert len(got) == len(expected) > 500
    for answers, want, have in zip(unique, expected, got, strict=True):
        assert have == want, answers
    assert any(w.startswith("Du svarede »Ved ikke«") for e in expected for w in e.get("warnings", []))


@pytest.mark.parametrize(
    "kommune, answers",
    [
        ("ishoj", {"akut": "ja", "alder": "barn", "rolle": "fagperson"}),
        ("faxe", {"akut": "nej", "alder": "voksen", "rolle": "raadgiver", "samtykke": "nej", "vold": "ja"}),
        ("hvidovre", {"akut": "nej", "alder": "barn", "rolle": "raadgiver", "tvivl": "ja", "bolig": "ja"}),
        (None, {"akut": "nej", "alder": "voksen", "rolle": "fagperson", "udland": "ja", "ophold": "ja"}),
        ("kolding", {"akut": "nej", "alder": "barn", "rolle": "fagperson", "tvivl": "ekstremisme"}),
        ("aarhus", {"akut": "ja", "alder": "voksen", "ung_voksen": "ja", "samtykke": "ja"}),
    ],
)
def test_page_matches_the_cli_json(browser, pages, kommune, answers):
    at = "2026-11-23T19:00"  # an evening: closed contacts, when they open, and what to use instead
    args = ["guide", "--format", "json", "--at", at] + (["--kommune", kommune] if kommune else [])
    for k, v in answers.items():
        args += ["--answer", f"{k}={v}"]
    cli = json.loads(nsk(*args).stdout)
    pg = browser.new_page()
    pg.goto(pages[kommune].as_uri())
    got = pg.evaluate("([a, at]) => window.nsk.result(a, at)", [answers, at])
    model = pg.evaluate("window.nsk.model")
    pg.close()
    assert got["steps"] == [s["id"] for s in cli["steps"]]
    fields = ["id", "phase", "text", "legal_refs", "contacts", "source", "source_titles", "now"]
    steps = {s["id"]: s for s in model["steps"]}
    assert [{f: steps[i][f] for f in fields} for i in got["steps"]] == cli["steps"]  # the JSON steps
    assert got["contacts"] == [c["id"] for c in cli["contacts"]]
    assert got["answers"] == cli["answers"] and got["warnings"] == cli["warnings"]
    assert got["legal_refs"] == cli["legal_refs"] and got["kommune"] == cli["kommune"]
    for c in cli["contacts"]:
        assert got["open_now"][c["id"]] == c["open_now"]
        assert got["next_open"][c["id"]] == c["next_open"]
        assert c["next_open"] is None or re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", c["next_open"])  # README
        assert got["out_of_hours"][c["id"]] == c["out_of_hours"]
    assert any(c["next_open"] for c in cli["contacts"])


def test_conditions_compile_to_the_same_truth_table(browser, pages):
    """Every operator of the condition language, evaluated in the page and in Python."""
    from nsk_cli.guide import conditions

    texts = ["akut = ja", "alder != barn", "not (samtykke = ja)",
             "alder = voksen and (vold = ja or bolig = ja)", "kommune in [ishoj, faxe]",
             "not akut = ja or alder = barn"]  # fmt: skip
    envs = [{}, {"akut": "ja"}, {"alder": "voksen", "vold": "ja"}, {"alder": "barn", "samtykke": "ja"},
            {"kommune": "faxe", "alder": "voksen", "bolig": "ja"},
            {"akut": "nej", "alder": "voksen"}]  # fmt: skip
    asts = [webguide.condition_ast(conditions.parse(t)) for t in texts]
    pg = browser.new_page()
    pg.goto(pages["ishoj"].as_uri())
    got = pg.evaluate(
        "([asts, envs]) => asts.map(a => envs.map(e => window.nsk.evaluate(a, e)))", [asts, envs]
    )
    pg.close()
    assert got == [[conditions.parse(t).evaluate(e) for e in envs] for t in texts]


# ----------------------------------------------------------------- using the page


def answer(pg, label: str) -> None:
    pg.get_by_role("radio", name=label, exact=True).check()
    pg.get_by_role("button", name="Fortsæt").click()


def lab(data, qid: str, value: str) -> str:
    """The option label the rules give a value (the page shows the rules' own labels)."""
    return next(q for q in data.rules.questions if q.id == qid).label(value)


def heading(pg) -> str:
    return pg.locator("h1").inner_text()


def test_click_through_with_one_step_back(page, pages, data):
    from nsk_cli.contacts import render

    pg = page
    pg.goto(pages["ishoj"].as_uri())
    assert pg.evaluate("document.documentElement.lang") == "da"
    assert heading(pg) == "Er personens sikkerhed i fare lige nu?"
    assert pg.get_by_role("button", name="Tilbage").count() == 0  # nothing to go back to
    pg.get_by_role("button", name="Fortsæt").click()  # no choice: an error, not a default
    assert "Vælg et svar" in pg.locator("#error-summary").inner_text()
    answer(pg, "Nej")
    answer(pg, lab(data, "alder", "barn"))
    pg.get_by_role("button", name="Tilbage").click()
    assert heading(pg) == "Hvor gammel er personen?"
    assert pg.get_by_role("radio", name=lab(data, "alder", "barn")).is_checked()  # earlier answer kept
    answer(pg, lab(data, "alder", "voksen"))
    assert heading(pg) == "Er borgeren mellem 18 og 22 år?"
    answer(pg, "Nej")
    answer(pg, lab(data, "rolle", "fagperson"))
    for label in [
        "Nej",
        "Ja",
        "Nej",
        "Nej",
        "Nej",
        "Nej",
        "Nej",
    ]:  # tvivl familie vold udland samtykke bolig ophold
        answer(pg, label)
    assert heading(pg) == "Tjek dine svar"
    summary = pg.locator(".summary").inner_text()
    assert lab(data, "alder", "voksen") in summary and lab(data, "alder", "barn") not in summary
    pg.get_by_role("button", name="Se næste skridt").click()
    assert heading(pg) == "Næste skridt"
    given = {"akut": "nej", "alder": "voksen", "ung_voksen": "nej", "rolle": "fagperson", "tvivl": "nej",
             "familie": "ja", "vold": "nej", "udland": "nej", "samtykke": "nej", "bolig": "nej",
             "ophold": "nej"}  # fmt: skip
    expected = python_result(data, "ishoj", given)
    shown = pg.locator("ol.steps > li").evaluate_all("els => els.map(e => e.id.slice(7))")
    now = expected["now"]
    assert now and shown == now + [s for s in expected["steps"] if s not in now]  # "Gør det nu" first
    assert pg.evaluate("a => window.nsk.result(a).steps", given) == expected["steps"]
    shown = pg.locator("ul.contacts > li").evaluate_all("els => els.map(e => e.textContent)")
    by_id = data.contacts.contacts
    for text, cid in zip(shown, expected["contacts"], strict=True):
        assert render.contact_line(by_id[cid]) in text  # the CLI's own line, marker included
    tel = pg.locator("a[href^='tel:']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "tel:+4543577578" in tel or "tel:+4543576995" in tel  # Ishøj's own numbers, dialable
    assert pg.locator("a[href^='mailto:']").count() > 0


def test_change_an_answer_from_the_check_page(page, pages, data):
    pg = page
    pg.goto(pages["faxe"].as_uri())
    answer(pg, "Ja")
    answer(pg, lab(data, "alder", "barn"))
    answer(pg, lab(data, "rolle", "raadgiver"))
    while heading(pg) != "Tjek dine svar":
        answer(pg, "Nej")
    pg.get_by_role("button", name="Ændr svaret på: Er personens sikkerhed i fare lige nu?").click()
    assert heading(pg) == "Er personens sikkerhed i fare lige nu?"
    assert pg.get_by_role("radio", name="Ja").is_checked()


def test_keyboard_only_and_focus_moves_to_the_new_question(page, pages):
    pg = page
    pg.goto(pages["hvidovre"].as_uri())
    first = heading(pg)
    pg.keyboard.press("Tab")  # skip link
    pg.keyboard.press("Tab")  # the first radio
    assert pg.evaluate("document.activeElement.type") == "radio"
    pg.keyboard.press("ArrowDown")  # "Nej" to danger (after "Ja", focus goes to the acute box)
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.id") == "fortsaet"
    pg.keyboard.press("Enter")
    assert heading(pg) != first
    assert pg.evaluate("document.activeElement.id") == "view-heading"  # focus on the new question
    seen = 1
    while heading(pg) != "Tjek dine svar":
        pg.keyboard.press("Tab")  # from the heading to the radio group
        pg.keyboard.press("ArrowDown")  # radios: arrows move and select
        pg.keyboard.press("Tab")
        pg.keyboard.press("Enter")
        assert pg.evaluate("document.activeElement.id") == "view-heading"
        seen += 1
        assert seen < 20
    for _ in range(40):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.id") == "se-resultat":
            break
    pg.keyboard.press("Enter")
    assert heading(pg) == "Næste skridt"
    assert pg.evaluate("document.activeElement.id") == "view-heading"


def test_copy_as_journal_note_is_plain_text_without_personal_fields(page, pages):
    pg = page
    pg.context.grant_permissions(["clipboard-read", "clipboard-write"])
    pg.goto(pages["ishoj"].as_uri())
    used = answer_path(pg, {"akut": "ja", "alder": "barn", "rolle": "fagperson"})
    result = pg.evaluate("a => window.nsk.result(a)", used)
    pg.get_by_role("button", name="Kopiér som journalnotat").click()
    note = pg.locator("#notat").input_value()
    assert note.startswith("Journalnotat (udkast)") and "Kommune: Ishøj" in note
    assert "<" not in note and "**" not in note  # plain text, no markup
    for field in ["Navn:", "CPR:", "CPR-nr", "Borgerens navn", "Fødselsdato"]:
        assert field not in note
    for i, _ in enumerate(result["steps"], 1):
        assert f"\n{i}. " in note
    assert "112" in note and "barnets lov § 133" in note
    status = pg.locator("#notat-status").inner_text()
    assert "kopieret" in status or "Ctrl+C" in status


def answer_path(pg, given: dict[str, str]) -> dict[str, str]:
    """Answer through the page by clicking (questions not in ``given``: their default), open the
    result and return the answers used."""
    questions = {q["text"]: q for q in pg.evaluate("window.nsk.model.questions")}
    used: dict[str, str] = {}
    while heading(pg) != "Tjek dine svar":
        q = questions[heading(pg)]
        used[q["id"]] = given.get(q["id"], q["default"])
        answer(pg, next(o["label"] for o in q["options"] if o["value"] == used[q["id"]]))
    pg.get_by_role("button", name="Se næste skridt").click()
    return used


# ----------------------------------------------------------------- offline, private, portable


STORAGE_SPY = """
(() => {
  window.__storage = [];
  for (const name of ['localStorage', 'sessionStorage', 'indexedDB', 'caches']) {
    const real = Object.getOwnPropertyDescriptor(window, name);
    if (!real) continue;
    Object.defineProperty(window, name, { configurable: true,
      get() { window.__storage.push(name); return real.get ? real.get.call(window) : real.value; } });
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(document, 'cookie', { configurable: true,
    get() { window.__storage.push('cookie'); return cookie.get.call(document); },
    set(v) { window.__storage.push('cookie='); cookie.set.call(document, v); } });
})();
"""


def walk_through(pg) -> None:
    """Answer every question with its first option and open the result."""
    for _ in range(20):
        if heading(pg) == "Tjek dine svar":
            break
        pg.locator("input[type=radio]").first.check()
        pg.get_by_role("button", name="Fortsæt").click()
    pg.get_by_role("button", name="Se næste skridt").click()
    assert heading(pg) == "Næste skridt"


@pytest.fixture
def server(pages):
    folder = pages["ishoj"].parent
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.mark.parametrize("where", ["file", "http"])
def test_no_request_leaves_the_page_and_nothing_is_stored(page, pages, server, where):
    pg = page
    url = pages["ishoj"].as_uri() if where == "file" else f"{server}/{pages['ishoj'].name}"
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    pg.add_init_script(STORAGE_SPY)
    pg.goto(url)
    walk_through(pg)
    pg.get_by_role("button", name="Tilbage til dine svar").click()
    pg.get_by_role("button", name="Se næste skridt").click()
    assert requests == [url]  # the page itself, nothing else: no fonts, scripts, images, beacons
    assert pg.evaluate("window.__storage") == []
    assert pg.context.cookies() == []
    assert "default-src 'none'; script-src 'sha256-" in pages["ishoj"].read_text(encoding="utf-8")


@pytest.mark.parametrize("width, height", [(320, 640), (640, 480)], ids=["320px", "200pct-zoom"])
def test_readable_on_a_small_screen_and_at_200_percent_zoom(browser, pages, width, height):
    # 200 % zoom on a 1280 px wide window lays the page out like a 640 px wide one.
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=2)
    pg = context.new_page()
    pg.goto(pages["ishoj"].as_uri())
    views = []
    for _ in range(20):
        views.append(pg.evaluate("document.documentElement.scrollWidth"))
        if heading(pg) == "Tjek dine svar":
            break
        pg.locator("input[type=radio]").first.check()
        pg.get_by_role("button", name="Fortsæt").click()
    views.append(pg.evaluate("document.documentElement.scrollWidth"))
    pg.get_by_role("button", name="Se næste skridt").click()
    views.append(pg.evaluate("document.documentElement.scrollWidth"))
    smallest = pg.evaluate(
        "Math.min(...[...document.querySelectorAll('main p, main li')]"
        ".map(e => parseFloat(getComputedStyle(e).fontSize)))"
    )
    context.close()
    assert max(views) <= width, views  # no horizontal scrolling
    assert smallest >= 14


def axe_violations(pg) -> list[dict]:
    pg.add_script_tag(content=(ASSETS / "axe.min.js").read_text(encoding="utf-8"))
    found = pg.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']})).violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


def test_axe_finds_no_serious_or_critical_violations(browser, pages):
    # axe is injected by the test; the page's own policy would block it, so bypass CSP here only.
    context = browser.new_context(bypass_csp=True)
    pg = context.new_page()
    pg.goto(pages["ishoj"].as_uri())
    seen = {"question": axe_violations(pg)}
    pg.get_by_role("button", name="Fortsæt").click()
    seen["error"] = axe_violations(pg)
    walk_through(pg)
    seen["result"] = axe_violations(pg)
    pg.get_by_role("button", name="Kopiér som journalnotat").click()
    seen["note"] = axe_violations(pg)
    context.close()
    assert seen == {"question": [], "error": [], "result": [], "note": []}


def test_print_layout_hides_the_controls(browser, pages):
    pg = browser.new_page()
    pg.goto(pages["ishoj"].as_uri())
    walk_through(pg)
    pg.emulate_media(media="print")
    assert not pg.get_by_role("button", name="Kopiér som journalnotat").is_visible()
    assert pg.locator("ol.steps").first.is_visible()
    pdf = pg.pdf(format="A4")
    pg.close()
    assert pdf.startswith(b"%PDF")


def test_html_unknown_kommune_exit_2_and_never_overwrites(tmp_path, pages):
    r = nsk("html", "--kommune", "Atlantis")
    assert r.exit_code == 2 and "ukendt kommune 'Atlantis'" in r.stderr and "nsk kommuner" in r.stderr
    r = nsk("html", "--kommune", "Ishoi", "-o", tmp_path / "ishoi.html")  # a typo: the closest names
    assert (
        r.exit_code == 2 and "mente du Ishøj Kommune" in r.stderr and not (tmp_path / "ishoi.html").exists()
    )
    target = tmp_path / "guide.html"
    target.write_text("x", encoding="utf-8")
    r = nsk("html", "-k", "ishoj", "-o", target)
    assert r.exit_code == 2 and "findes allerede" in r.stderr
    assert target.read_text(encoding="utf-8") == "x"


def test_page_is_self_contained(pages, data):
    text = pages["faxe"].read_text(encoding="utf-8")
    head, body = text.split("<body>", 1)
    assert text.startswith('<!DOCTYPE html>\n<html lang="da">')
    assert "<link" not in text and " src=" not in text and "@import" not in text and "url(" not in text
    model = webguide.build(data, "faxe", date(2026, 11, 22))
    assert [s["id"] for s in model["steps"]] == [s.id for s in webguide.ordered_steps(
        data.rules, data.rules.kommuner["faxe"])]  # fmt: skip


def test_contact_lines_and_alternatives_are_the_cli_renderers(data):
    from nsk_cli.contacts import render

    model = webguide.build(data, "kolding", date(2026, 11, 22))
    ooh = data.contacts.out_of_hours("kolding")
    assert model["contacts"]
    for cid, c in model["contacts"].items():
        contact = data.contacts.contacts[cid]
        assert c["line"] == render.contact_line(contact)
        alts = [a for a in ooh if a.id != cid] if contact.kommune else []  # only a municipal unit
        assert c["instead"] == render.alternatives_text(alts)
    assert any("(ikke bekræftet af kommunen)" in c["line"] for c in model["contacts"].values())


def test_the_page_knows_the_holidays_of_three_years(data):
    """Opening hours need the public holidays; the page carries them for the year it is made
    and the next two, and says it does not know beyond that."""
    model = webguide.build(data, "kolding", date(2026, 11, 22))
    assert model["years"] == [2026, 2028]
    assert model["holidays"]["2026-12-25"] == [False, "helligdag: Juledag"]
    assert model["holidays"]["2028-05-01"] == [None, "Arbejdernes kampdag: mange holder lukket"]
    assert model["holidays"]["2028-04-14"] == [False, "helligdag: Langfredag"]
    assert "2029-01-01" not in model["holidays"]


def test_beyond_its_holiday_years_the_page_does_not_guess(browser, pages, data):
    """After the years it knows the holidays of, weekly hours say nothing (not 'open' on a
    holiday); a contact open around the clock stays open."""
    answers = {"akut": "nej", "alder": "barn", "rolle": "fagperson", "udland": "ja"}
    pg = browser.new_page()
    pg.goto(pages["kolding"].as_uri())
    got = pg.evaluate("a => window.nsk.result(a, '2029-12-25T10:00')", answers)
    pg.close()
    by_id = data.contacts.contacts
    hours = {cid: by_id[cid].hours for cid in got["contacts"]}
    assert any(h and not h.always for h in hours.values()) and any(h and h.always for h in hours.values())
    for cid, h in hours.items():
        assert got["open_now"][cid] is (True if h and h.always else None), cid


# ----------------------------------------------------------------- issue 17: the first minutes


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 667}, locale="da-DK")
    pg = context.new_page()
    pg.set_default_timeout(5000)
    yield pg
    context.close()


def in_view(pg, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= pg.viewport_size["height"]


def test_yes_to_danger_shows_112_at_once_and_on_every_following_screen(phone, pages, data):
    pg = phone
    pg.goto(pages["ishoj"].as_uri())
    answer(pg, "Ja")
    assert heading(pg) == "Hvor gammel er personen?"
    call = pg.locator("#akut-boks a[href='tel:112']").first
    assert call.is_visible() and in_view(pg, call)  # on the screen right after "Ja", not below
    box = pg.locator("#akut-boks").inner_text()
    assert "ressourceperson" in box and "114" in box and "døgnvagt" in box
    answer(pg, lab(data, "alder", "barn"))
    assert "112" in pg.locator("#akut-boks").inner_text()  # it stays, compact
    answer(pg, lab(data, "rolle", "fagperson"))
    while heading(pg) != "Tjek dine svar":
        answer(pg, "Ja")
    assert pg.locator("#akut-boks a[href='tel:112']").count() == 1  # carried onto "Tjek dine svar"
    pg.get_by_role("button", name="Se næste skridt").click()
    first = pg.locator("a[href='tel:112']").first
    assert in_view(pg, first) and first.inner_text().startswith("Ring 112")
    warnings = pg.locator("section.warning")
    assert warnings.count() == 1 and first.bounding_box()["y"] < warnings.bounding_box()["y"]
    assert pg.locator("h2#goer-det-nu").bounding_box()["y"] < warnings.bounding_box()["y"]
    assert pg.locator("details").count() > 0  # law and sources folded


def test_after_yes_by_keyboard_focus_is_on_the_acute_box_then_the_question(page, pages):
    pg = page
    pg.goto(pages["ishoj"].as_uri())
    pg.keyboard.press("Tab")  # skip link
    pg.keyboard.press("Tab")  # the first radio: Ja
    pg.keyboard.press("Space")
    pg.keyboard.press("Enter")
    assert pg.evaluate("document.activeElement.id") == "akut-titel"
    assert pg.evaluate("document.activeElement.closest('[role=alert]') !== null")  # announced
    for _ in range(10):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.type") == "radio":
            break
    assert pg.evaluate("document.activeElement.name") == "svar"


def test_no_to_danger_shows_no_acute_box(page, pages):
    page.goto(pages["ishoj"].as_uri())
    answer(page, "Nej")
    assert page.locator("#akut-boks").count() == 0


def test_without_javascript_112_and_the_municipalitys_own_numbers_show(browser, pages, data):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    pg = context.new_page()
    pg.goto(pages["ishoj"].as_uri())
    text = pg.locator("main").inner_text()
    tel = pg.locator("main a[href^='tel:']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    context.close()
    assert "Ring 112" in text and "tel:112" in tel
    own = [c for c in data.contacts.contacts.values() if c.kommune == "ishoj" and c.phones]
    assert own and all(p.number in text for c in own for p in c.phones)  # the municipality's own
    assert "70 27 76 86" in text  # and the national ones (RED Rådgivning)
    assert "kommandolinjen" not in text


def test_progress_is_honest_when_the_branch_changes(page, pages, data):
    pg = page
    pg.goto(pages["faxe"].as_uri())
    answer(pg, "Nej")
    child = pg.locator("#fremskridt").inner_text()
    assert re.fullmatch(r"Spørgsmål 2 af ca\. \d+", child)
    answer(pg, lab(data, "alder", "voksen"))  # adults get two more questions (18-22, samtykke)
    adult = pg.locator("#fremskridt").inner_text()
    assert adult.startswith("Spørgsmål 3 af ca. ")
    assert int(adult.rsplit(" ", 1)[1]) == int(child.rsplit(" ", 1)[1]) + 2


def test_back_link_is_a_44px_target(page, pages):
    page.goto(pages["ishoj"].as_uri())
    answer(page, "Nej")
    box = page.get_by_role("button", name="Tilbage").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44


def test_print_has_no_focus_outline_and_says_when_it_was_printed(browser, pages):
    pg = browser.new_page()
    pg.goto(pages["ishoj"].as_uri())
    walk_through(pg)
    pg.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    pg.emulate_media(media="print")
    pg.locator("#view-heading").focus()
    outline = pg.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, s.boxShadow]; })()"
    )
    stamp = pg.locator("#udskrevet").inner_text()
    pg.close()
    assert outline == ["none", "none"]
    assert re.fullmatch(r"Udskrevet \d{1,2}/\d{1,2} \d{4} kl\. \d\d:\d\d fra nsk \(Ishøj Kommune\)\.", stamp)
