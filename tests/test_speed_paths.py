"""The fast paths of issue 21 item 5 give the same answers as the slow ones they replaced.

- a long PDF read by two processes is the same document as one read page by page, also when
  the helper process dies or the parent is stopped; no helper is left behind;
- the requirement sets come from a start-up cache that is never trusted when edited;
- a run builds only the command it names, and every command is still reachable;
- a concept's words found by bisection are the words the plain definition gives.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import ROOT, SEEDS
from nsk_cli.cli import app, root
from nsk_cli.plan import concepts, document, pdfpages

runner = CliRunner()
TWO_CORES = sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) >= 2


def make_pdf(path: Path, pages: int) -> Path:
    """A plan-like PDF: a different paragraph on every page, words hyphenated across lines."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if font.exists():
        pdf.add_font("dejavu", fname=str(font))
        pdf.set_font("dejavu", size=10)
    else:  # pragma: no cover - the CI image has DejaVu
        pdf.set_font("helvetica", size=10)
    for n in range(pages):
        pdf.add_page()
        for line in (
            f"Afsnit {n + 1}. Beredskabsplan for negativ social kontrol, side {n + 1}.",
            "Ved bekymring laves en risikovurdering, inden forældrene inddra-",
            f"ges. Kontakt sikkerhedskonsulenten på 72 42 37 {n % 90 + 10:02d}.",
        ):
            pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    return make_pdf(tmp_path_factory.mktemp("pdf") / "plan.pdf", 61)  # an odd count: halves differ


def _lines(doc) -> list[tuple]:
    return [(ln.page, ln.line, ln.text, ln.heading) for ln in doc.lines]


@pytest.fixture
def helpers(monkeypatch) -> list[int]:
    """The pids of the helper processes started while the test runs."""
    started: list[int] = []
    real = pdfpages.start

    def spy(*args):
        reader = real(*args)
        if reader is not None:
            started.append(reader.helper[0])
        return reader

    monkeypatch.setattr(pdfpages, "start", spy)
    return started


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.skipif(not TWO_CORES, reason="a helper is started only with two free cores on Linux")
def test_a_long_pdf_read_by_two_processes_is_the_same_document(long_pdf, helpers):
    one, _ = document.read(long_pdf)
    two, _ = document.read(long_pdf, parallel=True)
    assert len(helpers) == 1
    assert _lines(two) == _lines(one)
    assert [ln.page for ln in two.lines][-1] == 61 and "inddrages." in two.text  # joined across lines
    assert two.warnings == one.warnings == []
    assert _gone(helpers[0])  # reaped, not a zombie


def _helper_dies(monkeypatch):
    """Make a helper die (SIGKILL) after it has taken a few pages; returns the real reader."""
    parent = os.getpid()
    real = pdfpages.page_lines

    def dies_in_the_helper(pdf, number):
        if os.getpid() != parent and number > 3:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(pdf, number)

    monkeypatch.setattr(pdfpages, "page_lines", dies_in_the_helper)
    return real


@pytest.mark.skipif(not TWO_CORES, reason="a helper is started only with two free cores on Linux")
def test_a_helper_that_dies_is_replaced_by_reading_its_half_here(long_pdf, helpers, monkeypatch):
    real = _helper_dies(monkeypatch)
    doc, _ = document.read(long_pdf, parallel=True)
    assert len(helpers) == 1 and _gone(helpers[0])
    monkeypatch.setattr(pdfpages, "page_lines", real)
    assert _lines(doc) == _lines(document.read(long_pdf)[0])


@pytest.mark.skipif(not TWO_CORES, reason="a helper is started only with two free cores on Linux")
def test_a_stopped_parent_ends_its_helper(long_pdf, helpers, monkeypatch):
    parent = os.getpid()
    real = pdfpages.page_lines

    def interrupted(pdf, number):
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return real(pdf, number)

    monkeypatch.setattr(pdfpages, "page_lines", interrupted)
    with pytest.raises(KeyboardInterrupt):
        document.read(long_pdf, parallel=True)
    assert len(helpers) == 1 and _gone(helpers[0])


def test_a_short_pdf_or_a_folder_never_starts_a_helper(tmp_path, helpers):
    short = make_pdf(tmp_path / "kort.pdf", document.PARALLEL_PAGES - 1)
    document.read(short, parallel=True)
    assert helpers == []
    r = runner.invoke(app, ["check-plan", str(tmp_path), "-f", "json", "--kind", "beredskabsplan"])
    assert r.exit_code in (0, 1), r.output
    assert helpers == []  # a folder's workers already use both cores


def test_check_plan_on_a_long_pdf_gives_the_same_report_either_way(long_pdf, monkeypatch):
    args = ["check-plan", str(long_pdf), "-f", "json", "--today", "2026-11-22"]
    both = runner.invoke(app, args)
    monkeypatch.setattr(document, "PARALLEL_PAGES", 10**9)  # never in two processes
    one = runner.invoke(app, args)
    assert both.exit_code == one.exit_code and both.stdout == one.stdout


# ----------------------------------------------------------------- reading begun before parsing


@pytest.mark.parametrize(
    ("argv", "pdf"),
    [
        (["check-plan", "plan.pdf"], "plan.pdf"),
        (["--debug", "check-plan", "-f", "json", "Plan.PDF", "--today", "2026-11-22"], "Plan.PDF"),
        (["check-plan", "--kind=beredskabsplan", "-fjson", "a.pdf", "-o", "rapport.pdf"], "a.pdf"),
        (["check-plan", "--output", "b.pdf", "a.pdf", "--force"], "a.pdf"),
        (["check-plan", "--", "-x.pdf"], "-x.pdf"),
        (["check-plan", "a.pdf", "b.pdf"], None),  # a folder's overview: its workers read
        (["check-plan", "plans"], None),
        (["check-plan", "a.docx"], None),
        (["check-plan", "a.pdf", "-f", "csv"], None),
        (["check-plan", "a.pdf", "--format=csv"], None),
        (["check-plan", "a.pdf", "--help"], None),
        (["--version", "check-plan", "a.pdf"], None),
        (["guide", "a.pdf"], None),
        (["plan", "check-plan", "a.pdf"], None),
        ([], None),
    ],
)
def test_the_plan_read_before_parsing_is_the_one_pdf_named(argv, pdf):
    from nsk_cli.cli import early

    assert early.one_pdf(argv) == pdf


def test_the_options_skipped_before_parsing_are_check_plans_options_with_a_value():
    import typer.main

    from nsk_cli.cli import early

    command = typer.main.get_command(root.build_app("check-plan")).commands["check-plan"]
    with_value = {
        name
        for p in command.params
        if not getattr(p, "is_flag", False) and p.param_type_name == "option"
        for name in p.opts
    }
    assert with_value == early.VALUE_OPTIONS


@pytest.fixture
def early_reader(long_pdf):
    assert pdfpages._early is None
    yield long_pdf
    pdfpages._drop()


@pytest.mark.skipif(not TWO_CORES, reason="a helper is started only with two free cores on Linux")
def test_a_pdf_begun_before_parsing_is_the_same_document(early_reader):
    pdfpages.begin(str(early_reader))
    pid = pdfpages._early.helper[0]
    two, _ = document.read(early_reader, parallel=True)
    assert pdfpages._early is None and _gone(pid)
    assert _lines(two) == _lines(document.read(early_reader)[0]) and two.warnings == []


@pytest.mark.skipif(not TWO_CORES, reason="a helper is started only with two free cores on Linux")
def test_a_pdf_begun_before_parsing_is_not_taken_for_another_or_a_changed_file(early_reader, tmp_path):
    other = make_pdf(tmp_path / "anden.pdf", 3)
    pdfpages.begin(str(early_reader))
    pid = pdfpages._early.helper[0]
    assert _lines(document.read(other, parallel=True)[0]) == _lines(document.read(other)[0])
    assert pdfpages._early is None and _gone(pid)  # another file: stopped, not used

    changed = make_pdf(tmp_path / "plan.pdf", 45)
    pdfpages.begin(str(changed))
    pid = pdfpages._early.helper[0]
    make_pdf(changed, 2)  # rewritten after the helper began: its pages are not this file's
    doc, _ = document.read(changed, parallel=True)
    assert [ln.page for ln in doc.lines][-1] == 2 and _gone(pid)


@pytest.mark.skipif(not TWO_CORES, reason="a helper is started only with two free cores on Linux")
def test_a_helper_begun_before_parsing_that_dies_is_replaced(early_reader, monkeypatch):
    real = _helper_dies(monkeypatch)
    pdfpages.begin(str(early_reader))
    doc, _ = document.read(early_reader, parallel=True)
    monkeypatch.setattr(pdfpages, "page_lines", real)
    assert _lines(doc) == _lines(document.read(early_reader)[0])


@pytest.mark.skipif(not TWO_CORES, reason="a helper is started only with two free cores on Linux")
def test_a_helper_begun_before_parsing_is_ended_when_nothing_takes_it(early_reader):
    pdfpages.begin(str(early_reader))
    pid = pdfpages._early.helper[0]
    pdfpages._drop()  # what the exit handler does (a usage error, --help, a crash)
    assert pdfpages._early is None and _gone(pid)


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """nsk as the console script runs it (the early reader and the quick exit)."""
    return subprocess.run(
        [sys.executable, "-m", "nsk_cli", *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_the_console_script_gives_the_report_the_command_gives(long_pdf):
    args = ["check-plan", str(long_pdf), "-f", "json", "--today", "2026-11-22"]
    script = _run(*args)
    inside = runner.invoke(app, args)
    assert script.returncode == inside.exit_code == 1
    assert script.stdout == inside.stdout and script.stderr == ""


def test_the_console_script_cuts_a_slow_pdf_begun_before_parsing(tmp_path):
    from test_hostile_v3 import slow_pdf

    pdf = tmp_path / "langsom.pdf"
    pdf.write_bytes(slow_pdf(pages=200, ops=3000))
    r = _run("check-plan", str(pdf), "--kind", "beredskabsplan", env={"NSK_PDF_SECONDS": "0.3"})
    assert r.returncode == 1 and "afkortet" in r.stdout and "af 200 blev læst" in r.stdout


def wordy_pdf(pages: int, columns: int) -> bytes:
    """A PDF whose pages share one content stream of ``columns`` columns of 790 tiny lines, each
    at its own place: some 70,000 characters of text per column on every page."""
    from test_hostile_v3 import slow_pdf

    line = b"(Beredskabsplan vedtaget af Byraadet Beredskabsplan vedtaget af Byraadet) Tj 0 -1 Td\n"
    column = line * 790 + b"0.3 790 Td\n"
    return slow_pdf(pages, 0, b"BT /F1 1 Tf 10 800 Td\n" + column * columns + b"ET\n")


@pytest.mark.parametrize("how", ["console script", "in process"])
def test_a_pdf_with_too_much_text_is_refused_at_once_by_both_readers(tmp_path, how):
    """Both processes that read a long PDF stop at the text limit: a PDF of 400 pages with
    1.4 million characters each is refused after a few pages, not read until the time budget
    runs out (it was: 30 s and 800 MB, with the early reader and with the later helper)."""
    import time

    pdf = tmp_path / "ordrig.pdf"
    pdf.write_bytes(wordy_pdf(pages=400, columns=25))
    args = ["check-plan", str(pdf), "--kind", "beredskabsplan", "-f", "json"]
    start = time.perf_counter()
    if how == "console script":
        r = _run(*args, env={"NSK_PDF_SECONDS": "60"})
        code, err = r.returncode, r.stderr
    else:
        got = runner.invoke(app, args, env={"NSK_PDF_SECONDS": "60"})
        code, err = got.exit_code, got.stderr
    assert time.perf_counter() - start < 20
    assert (code, err) == (2, f"nsk: {pdf}: filen indeholder for meget tekst til at være en plan\n")


def test_the_console_script_exits_with_the_commands_codes(tmp_path):
    missing = _run("check-plan", str(tmp_path / "mangler.pdf"))
    assert missing.returncode == 2 and missing.stderr.startswith("nsk: ") and "findes ikke" in missing.stderr
    usage = _run("check-plan", str(tmp_path / "mangler.pdf"), "--kind", "forkert")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    assert _run("--version").stdout.startswith("nsk ")
    closed = subprocess.run(
        f"'{sys.executable}' -m nsk_cli contacts 112 --format json | head -c1",
        shell=True, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert closed.stderr == ""


# ----------------------------------------------------------------- the requirement sets' cache


def _krav_cache() -> Path:
    return Path(os.environ["NSK_CACHE_DIR"]) / "krav.json"


def test_an_edited_requirement_cache_is_never_trusted(tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text("# Beredskabsplan\n\nNegativ social kontrol og æresrelaterede konflikter.\n", "utf-8")
    args = ["check-plan", str(plan), "-f", "json", "--kind", "beredskabsplan", "--today", "2026-11-22"]
    first = runner.invoke(app, args)
    title = json.loads(first.stdout)["requirements"][0]["title"]
    cache = _krav_cache()
    raw = cache.read_text(encoding="utf-8")
    assert json.dumps(title, ensure_ascii=False) in raw
    cache.write_text(raw.replace(json.dumps(title, ensure_ascii=False)[1:-1], "FORFALSKET"), "utf-8")
    again = runner.invoke(app, args)
    assert "FORFALSKET" not in again.stdout and again.stdout == first.stdout
    assert "FORFALSKET" not in cache.read_text(encoding="utf-8")  # rebuilt


def test_a_broken_requirement_cache_is_rebuilt(tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text("# Beredskabsplan\n\nNegativ social kontrol.\n", "utf-8")
    args = ["check-plan", str(plan), "-f", "json", "--kind", "beredskabsplan", "--today", "2026-11-22"]
    first = runner.invoke(app, args)
    for broken in ("", "ikke json", '{"key": 1}\n[]'):
        _krav_cache().write_text(broken, "utf-8")
        assert runner.invoke(app, args).stdout == first.stdout


def test_a_changed_requirement_file_is_read_again(rules_copy, tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text("# Beredskabsplan\n\nNegativ social kontrol.\n", "utf-8")
    args = ["check-plan", str(plan), "-f", "json", "--kind", "beredskabsplan", "--rules-dir", str(rules_copy)]
    before = json.loads(runner.invoke(app, args).stdout)["requirements"][0]["title"]
    krav = rules_copy / "krav" / "beredskabsplan.yaml"
    text = krav.read_text(encoding="utf-8")
    krav.write_text(text.replace(f"title: {before}", "title: Et nyt navn til kravet", 1), "utf-8")
    after = json.loads(runner.invoke(app, args).stdout)["requirements"][0]["title"]
    assert after == "Et nyt navn til kravet"


# ----------------------------------------------------------------- one command per run


@pytest.mark.parametrize(
    ("argv", "built"),
    [
        (["guide", "-k", "ishoj"], "guide"),
        (["--debug", "contacts", "112"], "contacts"),
        (["check-plan", "plan.pdf"], "check-plan"),
        (["config", "show"], "config"),
        (["--help"], None),
        (["-h", "guide"], None),
        ([], None),
        (["guid"], None),  # misspelt: the whole app, so that typer can suggest 'guide'
        (["--", "guide"], None),
    ],
)
def test_a_run_builds_only_the_command_it_names(argv, built):
    assert root._asked_for(argv) == built


@pytest.mark.parametrize("name", [name for name, *_ in root.COMMANDS])
def test_every_command_is_reachable_on_its_own(name, capsys):
    with pytest.raises(SystemExit) as exc:
        root.main([name, "--help"])
    assert exc.value.code == 0
    assert f"nsk {name}" in capsys.readouterr().out


def test_the_whole_app_lists_every_command():
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0
    for name, *_ in root.COMMANDS:
        assert name in r.stdout


# ----------------------------------------------------------------- concepts by bisection

WORDS = st.text(alphabet="abdefgiklmnoprstuvæøå", min_size=1, max_size=14)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=60), st.lists(WORDS, min_size=1, max_size=8))
def test_a_concepts_words_are_those_of_the_plain_definition(text_words, parts):
    index = concepts.Index(" ".join(text_words), {})
    for part in parts:
        p = concepts.stem(part)
        if len(p) < concepts.MIN_AFFIX:
            plain = {w for w, s in index.stems.items() if s == p}
        else:
            plain = {w for w, s in index.stems.items() if s.startswith(p) or s.endswith(p)}
        assert set(index._words(part)) == plain


# ----------------------------------------------------------------- a check on two processes

PLAN = """# Beredskabsplan for Ishøj Kommune

Vedtaget af byrådet den 24. juni 2025. Planen revideres senest i juni 2027.

## Ved bekymring for et barn
Medarbejderen underretter straks børne- og familieafdelingen og laver en risikovurdering,
inden forældrene inddrages. Kontakt VISO, tlf. 72 41 40 00, og Etnisk Ung for sparring.
Sagsnummer 010203-1234 er et eksempel.

## Akut fare
Ring 112 ved akut fare. Ved vold kontaktes forældrene først, så de kan berolige barnet.
"""


@pytest.fixture
def plan_sets(monkeypatch):
    from nsk_cli.data import paths
    from nsk_cli.plan import checks

    monkeypatch.setattr(checks, "PARALLEL_CHARS", 0)  # a helper for this short plan too
    return checks.load_sets(paths.rules_dir())


def test_a_short_plan_is_checked_without_a_helper(tmp_path, monkeypatch):
    from datetime import date

    from nsk_cli.data import paths
    from nsk_cli.plan import checks, helper

    forks: list[object] = []
    monkeypatch.setattr(helper, "fork", lambda work: forks.append(work))
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    doc, _ = document.read(path)
    checks.check(
        doc, checks.load_sets(paths.rules_dir())["beredskabsplan"], date(2026, 11, 22), parallel=True
    )
    assert forks == []


def _report(tmp_path, plan_sets, parallel: bool):
    from datetime import date

    from nsk_cli.plan import checks

    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    doc, _ = document.read(path)
    return checks.check(doc, plan_sets["beredskabsplan"], date(2026, 11, 22), parallel=parallel)


@pytest.mark.skipif(not TWO_CORES, reason="a helper is started only with two free cores on Linux")
def test_a_check_on_two_processes_gives_the_same_report(tmp_path, plan_sets, monkeypatch):
    from nsk_cli.plan import helper

    forks: list[int] = []
    real = helper.fork

    def spy(work):
        started = real(work)
        forks.append(started[0])
        return started

    monkeypatch.setattr(helper, "fork", spy)
    both = _report(tmp_path, plan_sets, parallel=True)
    assert len(forks) == 1 and _gone(forks[0])
    one = _report(tmp_path, plan_sets, parallel=False)
    assert both.to_dict() == one.to_dict()
    data = both.to_dict()  # the helper's share arrived: findings, register, municipality, CPR
    assert data["kommune"] == one.kommune and data["summary"]["cpr_lignende_numre"] is True
    assert data["dangers"] and data["register"] == one.to_dict()["register"]
    assert [f["id"] for f in data["requirements"]] == [r.id for r in plan_sets["beredskabsplan"].requirements]


@pytest.mark.skipif(not TWO_CORES, reason="a helper is started only with two free cores on Linux")
def test_a_check_helper_that_dies_is_done_here(tmp_path, plan_sets, monkeypatch):
    from nsk_cli.plan import checks

    parent = os.getpid()
    real = checks._helper_part

    def dies(*args):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args)

    monkeypatch.setattr(checks, "_helper_part", dies)
    both = _report(tmp_path, plan_sets, parallel=True)
    monkeypatch.setattr(checks, "_helper_part", real)
    assert both.to_dict() == _report(tmp_path, plan_sets, parallel=False).to_dict()


# ----------------------------------------------------------------- patterns tried where their words are


def _rule_patterns() -> list[str]:
    import yaml

    found: set[str] = set()

    def walk(x) -> None:
        if isinstance(x, str) and ("\\b" in x or x.startswith("(")):
            found.add(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    for path in sorted((ROOT / "rules" / "krav").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(found)


LINE_STARTS = """Indhold
Negativ social kontrol: når en person begrænses. Negativ social kontrol: midt i linjen.
• Æresrelaterede konflikter – konflikter om familiens ære.
  - Æresrelateret konflikt: en konflikt om ære. Planen blev sidst vedtaget den 3. maj 2020.
Planen er vedtaget 24. juni 2025 og revideret i maj 2026 af byrådet.
"""


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
@pytest.mark.parametrize("seed", ["003_8bd056b2af1c9a39.txt", "004_4e087674201dfd20.txt"])
def test_every_rule_pattern_finds_what_a_scan_of_the_whole_text_finds(seed):
    from nsk_cli.plan.grading import _matches, compiled
    from nsk_cli.plan.text import Text

    raw = (SEEDS / seed).read_text(encoding="utf-8") + "\n" + LINE_STARTS
    doc = document.Document("plan.txt", document._lines_from_text(raw.split("\n")), "txt").build()
    t = Text(doc)
    middle = len(t.match) // 2
    patterns = _rule_patterns()
    assert any(p.startswith("(?m)^") for p in patterns) and any(p.startswith("(?<!") for p in patterns)
    for p in patterns:
        for pos in (0, middle):
            fast = [m.span() for m in _matches(t, p, pos)]
            assert fast == [m.span() for m in compiled(p).finditer(t.match, pos)], p


# ----------------------------------------------------------------- invisible characters in a long text

LONG_PLAN = "Beredskabsplan – æøå § “citat” 72 42 37 00 " * 300  # longer than privacy._LONG


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(LONG_PLAN)), st.characters(min_codepoint=0x80)), max_size=3),
    st.sampled_from(
        [cp for a, b in __import__("nsk_cli.core.ignorable").core.ignorable.RANGES for cp in (a, b)]
    ),
    st.booleans(),
)
def test_a_long_text_is_searched_for_invisible_characters_as_the_plain_pattern_does(inserts, ignorable, add):
    from nsk_cli.core import privacy

    text = LONG_PLAN
    for at, ch in sorted(inserts, reverse=True):
        text = text[:at] + ch + text[at:]
    if add:
        text = text[:500] + chr(ignorable) + text[500:]
    assert len(text) >= privacy._LONG
    assert privacy._has_invisible(text) == (privacy._INVISIBLE.search(text) is not None)
    number = text[:500] + "0102" + chr(ignorable) + "03-1234" + text[500:]
    assert privacy.has_cpr(number) and "0102" not in privacy.mask(number)[490:520]


@pytest.mark.parametrize("after", [0.04, 0.08, 0.12, 0.16, 0.25, 0.4])
def test_ctrl_c_at_any_moment_of_a_run_is_one_danish_line(long_pdf, after):
    """Ctrl-C while Python imports the command line, while typer parses it, while the helper
    reads the PDF or while the plan is checked: 'afbrudt' and exit 130, never a traceback and
    never a silent exit (typer turns an interrupt outside a command into a silent 130)."""
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "nsk_cli", "check-plan", str(long_pdf), "-f", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(after)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 1:  # it was done before the signal came
        assert json.loads(out)["requirements"] and err == ""
    elif proc.returncode == -signal.SIGINT:  # before Python had started: nothing to say
        assert err == ""
    else:
        assert (proc.returncode, err) == (130, "nsk: afbrudt – intet er gemt.\n")
