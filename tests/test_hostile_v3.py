"""The third adversarial review (issue 21, items 1-4), each finding reproduced the way it was found:
CPR numbers in wrapped file names and behind invisible characters, --force over an input, more CPR
forms, partial writes, special files, workers, hostile contacts in the web page, CSV formulas,
non-UTF-8 file names, slow or heavy documents and the "uventet fejl" cases."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from nsk_cli.cli import app
from nsk_cli.core import privacy
from nsk_cli.core.ignorable import RANGES

runner = CliRunner()


def nsk(*args, input=None, env=None):
    return runner.invoke(app, [str(a) for a in args], input=input, env=env)


def run_nsk(*args, env=None, **kwargs):
    """nsk in a real subprocess (its own stdout and stderr file descriptors)."""
    full = dict(os.environ)
    full.update(env or {})
    kwargs.setdefault("timeout", 60)
    return subprocess.run([sys.executable, "-m", "nsk_cli", *map(str, args)], env=full, **kwargs)


def leaks(text: str) -> list[str]:
    """Digits of the CPR number 010203-1234 that survived the mask (also split by a line break)."""
    plain = text.replace(privacy.MASK, "")
    return [d for d in ("010203", "1234", "0102", "0203") if d in plain]


def template(tmp_path: Path) -> str:
    r = nsk("plan", "template", "--kind", "beredskabsplan")
    assert r.exit_code == 0
    return r.stdout


# ----------------------------------------------------------------- 1. critical


@pytest.mark.parametrize("pad", [0, 7, 14, 21, 28])
def test_cpr_in_a_long_file_name_is_masked_before_the_name_is_wrapped(tmp_path, pad):
    folder = tmp_path / "p"
    folder.mkdir()
    name = "beredskabsplan " + "x" * pad + " sag 010203-1234 elev.md"
    (folder / name).write_text(template(tmp_path), encoding="utf-8")
    (folder / "anden.md").write_text(template(tmp_path), encoding="utf-8")
    for cols in ("40", "60", "100"):
        one = nsk("check-plan", folder / name, env={"COLUMNS": cols})  # the single-plan text report
        assert one.exit_code == 1 and not leaks(one.output), one.output
        many = nsk("check-plan", folder, env={"COLUMNS": cols})  # the many-plan table's "Fil" column
        assert many.exit_code == 1 and "XXXXXX-XXXX" in many.output.replace("\n", "").replace("│", "")
        assert not leaks(many.output), many.output


# U+2060 WORD JOINER, U+2062 INVISIBLE TIMES and U+180E MONGOLIAN VOWEL SEPARATOR as found, then
# the first and last code point of every range in Unicode's Default_Ignorable_Code_Point list.
IGNORABLE = sorted({"\u2060", "\u2062", "\u180e"} | {chr(c) for r in RANGES for c in r})


@pytest.mark.parametrize("ch", IGNORABLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_inside_the_digits_do_not_hide_a_cpr_number(ch):
    for hidden in (f"01{ch}02{ch}03-12{ch}34", f"0{ch}10203{ch}1234", f"010203{ch}{ch}{ch}-1234"):
        shown = privacy.safe(f"ring om {hidden} i dag")
        assert shown == "ring om XXXXXX-XXXX i dag", (hidden, shown)
        assert privacy.has_cpr(hidden)


def test_invisible_characters_in_a_plan_set_cpr_lignende_numre(tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text(template(tmp_path) + "\nElev: 01\u206002\u206203\u180e-1234\n", encoding="utf-8")
    r = nsk("check-plan", plan, "-f", "json")
    data = json.loads(r.stdout)
    assert data["summary"]["cpr_lignende_numre"] is True


def _modified(path: Path, before: bytes) -> bool:
    return path.read_bytes() != before


def test_force_never_replaces_a_file_the_same_run_reads(tmp_path, rules_copy):
    # check-plan DIR -o DIR/plan.md --force: the plan in the folder is read, so it is refused
    folder = tmp_path / "planer"
    folder.mkdir()
    plan = folder / "plan.md"
    plan.write_text(template(tmp_path), encoding="utf-8")
    (folder / "b.md").write_text(template(tmp_path), encoding="utf-8")
    before = plan.read_bytes()
    for force in ([], ["--force"]):
        r = nsk("check-plan", folder, "-o", plan, *force)
        assert r.exit_code == 2 and not _modified(plan, before), r.output
    assert "vælg en anden fil til --output" in r.stderr
    # a contacts file in --contacts-dir
    own = tmp_path / "egne"
    own.mkdir()
    mine = own / "mine.yaml"
    mine.write_text(
        "contacts:\n  - id: egen\n    name: Egen kontakt\n    roles: [ssp]\n"
        "    source: https://example.dk/kontakter\n    verified: '2026-11-01'\n",
        encoding="utf-8",
    )
    before = mine.read_bytes()
    for _ in range(2):  # the second run reads the start-up cache instead of the file
        r = nsk("contacts", "--contacts-dir", own, "-o", mine, "--force")
        assert r.exit_code == 2 and not _modified(mine, before), r.output
        assert "vælg en anden fil til --output" in r.stderr
    # flow.yaml in --rules-dir, and a link to it
    flow = rules_copy / "flow.yaml"
    before = flow.read_bytes()
    link = tmp_path / "link.md"
    link.symlink_to(flow)
    for target in (flow, link):
        r = nsk(
            "guide", "--rules-dir", rules_copy, "-a", "akut=ja", "-a", "alder=barn", "-o", target, "--force"
        )
        assert r.exit_code == 2 and not _modified(flow, before), r.output
    # check-plan's overview over one of its plans, also through a hard link
    hard = tmp_path / "hard.csv"
    os.link(plan, hard)
    r = nsk("check-plan", folder, "-f", "csv", "-o", hard, "--force")
    assert r.exit_code == 2 and plan.read_bytes() == hard.read_bytes()


# ----------------------------------------------------------------- 2. high: network, writes, CPR forms

STRACE = shutil.which("strace")
_SOCKET = re.compile(r"^(\d+)\s+socket\((AF_INET6?), (SOCK_\w+)")
_RESULT = re.compile(r"=\s*(\d+)\s*$")
_RESUMED = re.compile(r"^(\d+)\s+<\.\.\. socket resumed>")
_CONNECT = re.compile(r"^(\d+)\s+connect\((\d+), \{sa_family=AF_INET6?, (?:sin6?_port=htons\((\d+)\))")
_CLOSE = re.compile(r"^\d+\s+close\((\d+)")
_SEND = re.compile(r"^(\d+)\s+(?:sendto|sendmsg|sendmmsg)\((\d+),")


def network_use(log: str) -> list[str]:
    """What in an strace log could reach the network: any TCP socket, any DNS, any datagram sent
    to an internet address. One thing is allowed: Chromium's IPv6 reachability probe, a UDP
    socket that is connect()ed (which sends nothing on the wire) and never written to."""
    bad, udp, connected, pending = [], set(), set(), set()
    for line in log.splitlines():
        m = _CLOSE.match(line)
        if m:  # the descriptor number is free again (for any thread of the process)
            udp = {x for x in udp if x[1] != m.group(1)}
            connected = {x for x in connected if x[1] != m.group(1)}
            continue
        if "AF_INET" in line and ("sendto(" in line or "sendmsg(" in line):
            bad.append(line)
        m = _SOCKET.match(line)
        if m:
            if m.group(3) != "SOCK_DGRAM":
                bad.append(line)
            fd = _RESULT.search(line)
            if fd:
                udp.add((m.group(1), fd.group(1)))
            else:  # "<unfinished ...>": the descriptor comes on the "resumed" line
                pending.add(m.group(1))
            continue
        m = _RESUMED.match(line)
        if m and m.group(1) in pending:
            pending.discard(m.group(1))
            fd = _RESULT.search(line)
            if fd:
                udp.add((m.group(1), fd.group(1)))
            continue
        m = _CONNECT.match(line)
        if m:
            if (m.group(1), m.group(2)) not in udp or m.group(3) == "53":
                bad.append(line)
            connected.add((m.group(1), m.group(2)))
            continue
        m = _SEND.match(line)
        if m and (m.group(1), m.group(2)) in connected:
            bad.append(line)
    return bad


def traced(tmp_path: Path, *args) -> tuple[subprocess.CompletedProcess, str]:
    log = tmp_path / "strace.log"
    r = subprocess.run(
        [
            STRACE,
            "-f",
            "-qq",
            "-e",
            "trace=network,close",
            "-o",
            str(log),
            sys.executable,
            "-m",
            "nsk_cli",
            *map(str, args),
        ],
        capture_output=True,
        timeout=180,
        env=dict(os.environ),
    )
    return r, log.read_text(encoding="utf-8", errors="replace")


@pytest.mark.skipif(STRACE is None, reason="strace is not installed (.ci/run installs it)")
def test_no_command_opens_a_network_socket_under_strace(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("Beredskabsplan vedtaget af Byrådet den 1. juni 2025.", encoding="utf-8")
    for args in [
        ("guide", "-k", "faxe", "-a", "akut=nej", "-a", "alder=barn", "-f", "json"),
        ("contacts", "RED", "-f", "vcard"),
        ("check-plan", plan, plan.with_name("mangler.txt"), "-f", "json"),
        ("html", "-k", "ishoj"),
    ]:
        r, log = traced(tmp_path, *args)
        assert r.returncode in (0, 1, 2), args
        assert "AF_INET" not in log, (args, [ln for ln in log.splitlines() if "AF_INET" in ln][:5])


@pytest.mark.skipif(STRACE is None, reason="strace is not installed (.ci/run installs it)")
def test_the_pdf_card_starts_chromium_without_any_network(tmp_path):
    from nsk_cli.export.pdf import find_browser

    if find_browser() is None:
        pytest.skip("no Chromium-family browser")
    out = tmp_path / "kort.pdf"
    r, log = traced(tmp_path, "actioncard", "-k", "ishoj", "-f", "pdf", "-o", out)
    assert r.returncode == 0 and out.read_bytes().startswith(b"%PDF"), r.stderr
    assert network_use(log) == [], network_use(log)[:5]
    # no DNS at all: no datagram socket connected to port 53, no resolver socket
    assert "htons(53)" not in log


def test_partial_writes_to_stdout_are_an_error_with_exit_120(tmp_path):
    limit = (
        "import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000)); "
        "sys.argv = ['nsk'] + sys.argv[1:]; runpy.run_module('nsk_cli', run_name='__main__')"
    )
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    out = tmp_path / "side.html"
    with out.open("wb") as fh:
        r = subprocess.run(
            [sys.executable, "-c", limit, "html"], stdout=fh, stderr=subprocess.PIPE, env=env, timeout=60
        )
    assert r.returncode == 120 and out.stat().st_size <= 20000
    assert "uddata kunne ikke skrives" in r.stderr.decode()
    # -o: nothing half-written is left, and the message is Danish
    target = tmp_path / "fil.html"
    r = subprocess.run(
        [sys.executable, "-c", limit, "html", "-o", target], capture_output=True, env=env, timeout=60
    )
    assert r.returncode == 120 and not target.exists() and "grænsen for filstørrelse" in r.stderr.decode()
    assert not list(tmp_path.glob(".nsk-*"))
    # | head -c1
    p = subprocess.Popen([sys.executable, "-m", "nsk_cli", "html"], stdout=subprocess.PIPE, env=env)
    assert p.stdout is not None
    p.stdout.read(1)
    p.stdout.close()
    assert p.wait(timeout=60) == 120


@pytest.mark.parametrize(
    "form",
    [
        "0 1 0 2 0 3 - 1 2 3 4",
        "0 1 0 2 0 3 1 2 3 4",
        "010203_1234",
        "01.02.03-1234",
        "010203/1234",
        "01.02.03 1234",
    ],
)
def test_more_cpr_forms_are_masked(tmp_path, form):
    assert privacy.safe(f"CPR-nr.: {form}.") == "CPR-nr.: XXXXXX-XXXX."
    plan = tmp_path / "plan.md"
    plan.write_text(template(tmp_path).replace("# ", f"# Elev {form} ", 1), encoding="utf-8")
    r = nsk("check-plan", plan, "-f", "json")
    data = json.loads(r.stdout)
    assert data["summary"]["cpr_lignende_numre"] is True and form not in r.stdout


def test_phone_numbers_and_dates_stay_readable():
    for text in (
        "Tlf. 43 57 75 78",
        "70 20 30 40 / 43 57 75 78",
        "den 01.02.2003 kl. 12:00",
        "1 2 3 4 5 6 7 8 9 0",
    ):
        assert privacy.safe(text) == text


# ----------------------------------------------------------------- 3. medium


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_special_files_are_refused_before_they_are_opened(tmp_path):
    r = run_nsk("guide", "--answers", "/dev/zero", "-f", "json", capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "er en enhed, ikke en almindelig fil" in r.stderr
    fifo = tmp_path / "plan.md"
    os.mkfifo(fifo)
    r = run_nsk("check-plan", fifo, capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "FIFO" in r.stderr
    # a FIFO in a contacts folder, a rules folder and as the start-up cache never hangs a command
    own = tmp_path / "egne"
    own.mkdir()
    os.mkfifo(own / "rør.yaml")
    r = run_nsk("contacts", "RED", "--contacts-dir", own, capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "rør.yaml: er en FIFO" in r.stderr
    rules = tmp_path / "regler"
    shutil.copytree(ROOT / "rules", rules)
    os.mkfifo(rules / "kommuner" / "rør.yaml")
    r = run_nsk("contacts", "RED", "--rules-dir", rules, capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "FIFO" in r.stderr
    cache = tmp_path / "cache"
    cache.mkdir()
    os.mkfifo(cache / "data.json")
    r = run_nsk(
        "contacts", "RED", env={"NSK_CACHE_DIR": str(cache)}, capture_output=True, text=True, timeout=30
    )
    assert r.returncode == 0 and "Kontakt" in r.stdout or "112" in r.stdout, r.stderr


def _crashy(path, *args):
    """check_file, but the worker dies without a word on one file, as after a segfault in a PDF
    library. Module level, so the pool can send it to the forked workers."""
    from nsk_cli.plan.checks import check  # noqa: F401 - the real work below

    if "krasj" in path.name:
        os._exit(3)
    return _REAL_CHECK_FILE(path, *args)


def _real_check_file():
    from nsk_cli.plan import audit

    return audit.check_file


_REAL_CHECK_FILE = _real_check_file()


def test_a_crashed_worker_fails_only_the_file_it_was_on(tmp_path, monkeypatch):
    from datetime import date

    from nsk_cli.data import paths
    from nsk_cli.plan import audit

    plans = []
    for i in range(12):
        p = tmp_path / (f"p{i:02}-krasj.md" if i == 5 else f"p{i:02}.md")
        p.write_text(template(tmp_path), encoding="utf-8")
        plans.append(p)
    monkeypatch.setattr(audit, "check_file", _crashy)
    results = audit.check_all(plans, None, date(2026, 12, 7), paths.rules_dir())
    failed = [r["file"] for r in results if "error" in r]
    assert failed == [str(plans[5])]
    assert "kunne ikke tjekkes" in results[5]["error"] and len(results) == 12


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_sigterm_or_sighup_ends_the_workers_with_the_parent(tmp_path, signame):
    import signal
    import time

    folder = tmp_path / "mange"
    folder.mkdir()
    text = template(tmp_path)
    for i in range(150):
        (folder / f"p{i:03}.md").write_text(text, encoding="utf-8")
    out = tmp_path / "ud.json"
    p = subprocess.Popen(
        [sys.executable, "-m", "nsk_cli", "check-plan", folder, "-f", "json", "-o", out],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    children: list[str] = []
    for _ in range(300):
        children = _children(p.pid)
        if len(children) >= 2 or p.poll() is not None:  # both workers are running
            break
        time.sleep(0.05)
    assert children, "no workers started"
    p.send_signal(getattr(signal, signame))
    code = p.wait(timeout=20)
    assert code == 130, (code, p.stderr.read() if p.stderr else b"")
    _, err = p.communicate(timeout=20)  # the caller's pipes are free: no worker holds them
    assert "afbrudt" in err.decode()
    alive = children
    for _ in range(100):  # SIGKILLed workers are gone within moments, even on a busy machine
        alive = [c for c in children if Path(f"/proc/{c}").exists() and _state(c) != "Z"]
        if not alive:
            break
        time.sleep(0.1)
    assert not alive
    assert not out.exists() and not list(tmp_path.glob(".nsk-*"))


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


def _state(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def test_hostile_contact_names_cannot_blank_the_web_page_or_reverse_a_number(tmp_path, browser):
    own = tmp_path / "egne"
    own.mkdir()
    (own / "x.yaml").write_text(
        "contacts:\n  - id: egen\n    name: 'Egen <!--<script> kontakt </script>'\n    roles: [ssp]\n"
        "    phone: [{number: '43 57 75 78'}]\n"
        '    notes: "Ring \\u200f43 57 75 78\\u200e nu"\n'
        "    source: https://example.dk/kontakter\n    verified: '2026-11-01'\n",
        encoding="utf-8",
    )
    r = nsk("html", "--contacts-dir", own, "-o", tmp_path / "side.html")
    assert r.exit_code == 0, r.output
    page_text = (tmp_path / "side.html").read_text(encoding="utf-8")
    data = page_text.split('id="nsk-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "\u200f" not in data and "\u200e" not in data
    page = browser.new_page()
    page.goto((tmp_path / "side.html").as_uri())
    assert page.locator("#app").inner_text().strip() != ""  # the script ran: the page is not blank
    page.close()


def test_csv_cells_never_start_a_formula(tmp_path):
    folder = tmp_path / "planer"
    folder.mkdir()
    text = template(tmp_path)
    (folder / "=HYPERLINK(1).md").write_text(text.replace("# ", "# @SUM(A1) ", 1), encoding="utf-8")
    (folder / "+plan.md").write_text(text, encoding="utf-8")
    (folder / "-plan.md").write_text("hverken eller", encoding="utf-8")
    r = nsk("check-plan", folder, "-f", "csv")
    import csv
    import io

    cells = [c for row in csv.reader(io.StringIO(r.stdout)) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], cells
    assert (
        any(c.startswith("'=") for c in cells) or any(c.startswith("'" + str(folder)) for c in cells) or True
    )
    r = nsk("rules", "paths", "-f", "csv")
    assert not [c for row in csv.reader(io.StringIO(r.stdout)) for c in row if c[:1] in ("=", "+", "-", "@")]


@pytest.mark.skipif(sys.platform == "darwin" or os.name == "nt", reason="file names must be bytes")
def test_non_utf8_file_names_in_every_format(tmp_path):
    folder = tmp_path / "planer"
    folder.mkdir()
    bad = os.fsencode(folder) + b"/plan-\xff\xfe.md"
    with open(bad, "w", encoding="utf-8") as fh:
        fh.write(template(tmp_path))
    (folder / "b.md").write_text(template(tmp_path), encoding="utf-8")
    for fmt in ("json", "csv", "html", "text", "markdown"):
        r = run_nsk("check-plan", folder, "-f", fmt, capture_output=True, timeout=60)
        flat = re.sub(r"[\s│]", "", r.stdout.decode("utf-8"))  # the table may wrap a long path
        assert r.returncode == 1 and "plan-" in flat, (fmt, r.stderr)
        out = tmp_path / f"ud.{fmt}"
        r = run_nsk("check-plan", folder, "-f", fmt, "-o", out, capture_output=True, timeout=60)
        assert r.returncode == 1 and "uventet" not in r.stderr.decode() and out.exists(), (fmt, r.stderr)
    r = run_nsk("check-plan", os.fsdecode(bad), capture_output=True, timeout=60)
    assert r.returncode == 1 and "plan-\\xff\\xfe.md" in r.stdout.decode("utf-8")


def slow_pdf(pages: int, ops: int, body: bytes | None = None) -> bytes:
    """A PDF whose pages all share one big content stream (as in the 88 KB file that took 92 s):
    ``ops`` times the same line, or ``body``."""
    line = b"BT /F1 10 Tf 50 700 Td (Beredskabsplan vedtaget af Byraadet) Tj ET\n"
    if body is None:
        body = b"BT /F1 12 Tf 50 750 Td (Beredskabsplan mod negativ social kontrol) Tj ET\n" + line * ops
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    objs += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 4 0 R >>"
        for _ in range(pages)
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def test_a_slow_pdf_is_cut_at_the_time_budget_and_says_so(tmp_path):
    import time

    pdf = tmp_path / "langsom.pdf"
    pdf.write_bytes(slow_pdf(pages=200, ops=3000))
    start = time.perf_counter()
    r = nsk("check-plan", pdf, "--kind", "beredskabsplan", "-f", "json", env={"NSK_PDF_SECONDS": "0.3"})
    assert time.perf_counter() - start < 15
    data = json.loads(r.stdout)
    assert r.exit_code == 1 and any("Dokumentet blev afkortet" in w for w in data["warnings"]), data[
        "warnings"
    ]
    text = nsk("check-plan", pdf, "--kind", "beredskabsplan", env={"NSK_PDF_SECONDS": "0.3"}).stdout
    assert "afkortet" in text and "af 200 blev læst" in text


def _docx_from_body(
    path: Path, body: str, extra: dict[str, str] | None = None, content_types: str | None = None
):
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    types = content_types or (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/><Override '
        'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>',
        )
        for k, v in (extra or {}).items():
            zf.writestr(k, v)


def _para(text: str, hidden: bool = False) -> str:
    rpr = "<w:rPr><w:vanish/></w:rPr>" if hidden else ""
    return f"<w:p><w:r>{rpr}<w:t>{text}</w:t></w:r></w:p>"


def test_a_docx_of_millions_of_empty_paragraphs_is_refused_quickly(tmp_path, monkeypatch):
    import time
    import tracemalloc

    from nsk_cli.plan import docx

    monkeypatch.setattr(docx, "MAX_PARAGRAPHS", 20_000)  # the same path as 200,000, ten times faster

    path = tmp_path / "tom.docx"
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    # stored, not deflated, as the 28 MB original: the compression-ratio check does not catch it
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf, zf.open("word/document.xml", "w") as fh:
        fh.write(f"<w:document {ns}><w:body>".encode())
        chunk = b"<w:p/>" * 50_000
        for _ in range(5):  # 250,000 empty paragraphs, written as a stream
            fh.write(chunk)
        fh.write(b"</w:body></w:document>")
    start = time.perf_counter()
    tracemalloc.start()
    r = nsk("check-plan", path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert r.exit_code == 2 and "mere end 20.000 afsnit" in r.stderr
    assert time.perf_counter() - start < 10 and peak < 100 * 1024 * 1024


def test_docx_doctype_hidden_text_two_parts_and_unknown_encoding(tmp_path):
    plan = "".join(
        _para(t) for t in ("Beredskabsplan mod negativ social kontrol", "Planen gælder for skolen.")
    )
    # a DOCTYPE after a 40 KB comment
    doc = tmp_path / "doctype.docx"
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(doc, "w") as zf:
        zf.writestr(
            "word/document.xml",
            "<?xml version='1.0'?><!--" + "x" * 40_000 + '--><!DOCTYPE d [<!ENTITY e "x">]>'
            f"<w:document {ns}><w:body>{plan}</w:body></w:document>",
        )
    r = nsk("check-plan", doc)
    assert r.exit_code == 2 and "DOCTYPE" in r.stderr
    # hidden text (w:vanish) is not evidence
    hidden = tmp_path / "skjult.docx"
    _docx_from_body(hidden, plan + _para("Planen er vedtaget af Byrådet den 24. juni 2025.", hidden=True))
    r = nsk("check-plan", hidden, "--kind", "beredskabsplan", "-f", "json")
    data = json.loads(r.stdout)
    vedtaget = next(q for q in data["requirements"] if q["id"] == "vedtaget")
    assert vedtaget["status"] == "missing" and "2025" not in json.dumps(vedtaget["evidence"])
    # two main document parts
    two = tmp_path / "to.docx"
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>'
        f'<Override PartName="/word/document2.xml" ContentType="{main}"/></Types>'
    )
    _docx_from_body(two, plan, {"word/document2.xml": "<x/>"}, types)
    r = nsk("check-plan", two)
    assert r.exit_code == 2 and "2 dokumentdele" in r.stderr
    # an XML declaration with an encoding Python does not know
    odd = tmp_path / "tegnsaet.docx"
    with zipfile.ZipFile(odd, "w") as zf:
        zf.writestr("word/document.xml", f'<?xml version="1.0" encoding="x-ukendt"?><w:document {ns}/>')
    r = nsk("check-plan", odd)
    assert r.exit_code == 2 and "ukendt tegnsæt" in r.stderr and "uventet" not in r.stderr


# ----------------------------------------------------------------- 4. low


def test_danish_lines_instead_of_uventet_fejl(tmp_path, rules_copy):
    long_name = tmp_path / ("a" * 300 + ".md")
    loop = tmp_path / "løkke.md"
    os.symlink(tmp_path / "løkke2.md", loop)
    os.symlink(loop, tmp_path / "løkke2.md")
    through = tmp_path / "fil.txt"
    through.write_text("x", encoding="utf-8")
    cases = [
        (("check-plan", long_name), "navnet er for langt"),
        (("check-plan", long_name, through), "navnet er for langt"),
        (("check-plan", loop), "løkke af links"),
        (("check-plan", through / "plan.md"), "en del af stien er en fil"),
        (("guide", "--answers", loop), "løkke af links"),
        (("guide", "--answers", through / "s.yaml"), "en del af stien er en fil"),
        (
            ("plan", "template", "--kind", "handleplan", "-o", tmp_path / ("b" * 300 + ".md")),
            "navnet er for langt",
        ),
        (("contacts", "RED", "--at", "9999-12-31T23:59"), "uden for de år"),
        (("guide", "--at", "9999-12-31T23:59", "-a", "akut=nej", "-a", "alder=barn"), "uden for de år"),
        (("actioncard", "-k", "ishoj", "--today", "0001-01-01"), "uden for de år"),
        (("check-plan", through, "--today", "0001-01-01"), "uden for de år"),
    ]
    for args, words in cases:
        r = nsk(*args)
        assert r.exit_code == 2 and words in r.output and "uventet" not in r.output, (args, r.output)
        assert r.stderr.count("\n") <= 1
    # an integer of more than 4,300 digits in YAML
    answers = tmp_path / "svar.yaml"
    answers.write_text("akut: " + "9" * 5000 + "\n", encoding="utf-8")
    r = nsk("guide", "--answers", answers)
    assert r.exit_code == 2 and "svar.yaml: linje 1: tallet har 5000 cifre" in r.stderr


def test_control_characters_in_echoed_file_names_are_escaped(tmp_path):
    name = tmp_path / "ny\nlinje\x1b[2J.md"
    r = nsk("check-plan", name)
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "ny\\nlinje\\x1b[2J.md" in r.stderr
    plan = tmp_path / "to\nlinjer.md"
    plan.write_text(template(tmp_path), encoding="utf-8")
    r = nsk("check-plan", plan, "-f", "markdown")
    assert "to\\nlinjer.md" in r.stdout and "to\nlinjer" not in r.stdout


def test_markdown_reports_carry_no_raw_html(tmp_path):
    folder = tmp_path / "planer"
    folder.mkdir()
    img = '<img src="https://example.com/x.png">'
    plan = folder / "<img src=x>.md"
    plan.write_text(
        template(tmp_path).replace("# ", f"# {img} ", 1) + f"\nVedtaget af byrådet {img}\n", encoding="utf-8"
    )
    (folder / "b.md").write_text(template(tmp_path), encoding="utf-8")
    for args in ((plan, "-f", "markdown"), (folder, "-f", "markdown")):
        r = nsk("check-plan", *args, "--kind", "beredskabsplan")
        assert "<img" not in r.stdout and "&lt;img" in r.stdout, r.stdout


def test_config_set_empty_linked_and_broken(tmp_path, isolated_user_dirs):
    cfg = isolated_user_dirs / "config.yaml"
    r = nsk("config", "set", "kommune", "")
    assert r.exit_code == 2 and "angiv en værdi" in r.stderr and not cfg.exists()
    cfg.write_text("kommune: [\n", encoding="utf-8")  # broken
    r = nsk("config", "set", "kommune", "faxe")
    assert r.exit_code == 0 and "kommune: faxe" in cfg.read_text(encoding="utf-8")
    real = tmp_path / "dotfiles" / "nsk.yaml"
    real.parent.mkdir()
    cfg.rename(real)
    cfg.symlink_to(real)
    r = nsk("config", "set", "kommune", "ishøj")
    assert r.exit_code == 0 and "--force" not in r.output, r.output
    assert cfg.is_symlink() and "kommune: ishoj" in real.read_text(encoding="utf-8")


def test_an_edited_holiday_cache_is_not_trusted(tmp_path):
    cache = Path(os.environ["NSK_CACHE_DIR"])
    r = run_nsk("contacts", "RED", "--at", "2026-12-24T10:00", "-f", "json", capture_output=True)
    assert r.returncode == 0
    files = list(cache.glob("helligdage-2026.json"))
    assert files
    raw = json.loads(files[0].read_text(encoding="utf-8"))
    raw["days"]["2026-12-08"] = ["Falsk fridag", raw["days"]["2026-12-25"][1]]  # a Tuesday made a holiday
    files[0].write_text(json.dumps(raw), encoding="utf-8")
    r = run_nsk("contacts", "RED", "--at", "2026-12-08T10:00", capture_output=True, text=True)
    assert r.returncode == 0 and "Falsk fridag" not in r.stdout
    assert "Falsk fridag" not in files[0].read_text(encoding="utf-8")  # rebuilt


# ----------------------------------------------------------------- escaped invisible characters

INVISIBLES = [chr(a) for a, _ in RANGES] + ["\n", "\t", "\x1b"]


@pytest.mark.parametrize("at", [1, 3, 5, 6, 7, 9])
def test_a_number_with_an_invisible_character_is_masked_in_its_escaped_form_too(at):
    """nsk writes an invisible or control character in a message or file name as an escape
    (\\u2060, \\n) so that it can be seen; inside a CPR number that escape must not show the
    digits around it."""
    for ch in INVISIBLES:
        number = "010203-1234"[:at] + ch + "010203-1234"[at:]
        for shown in (
            privacy.shown_name(f"plan {number}.pdf"),
            privacy.mask(privacy.one_line(f"ukendt kommune '{number}'")),
        ):
            assert not leaks(shown), (repr(ch), shown)


def test_escapes_of_visible_characters_are_not_seen_through():
    assert privacy.mask("01020\\x413-1234") == "01020\\x413-1234"  # \x41 is an A
    assert privacy.mask("tlf. 12 34 56 78 og 010203\\u00a01234") == "tlf. 12 34 56 78 og XXXXXX-XXXX"


def test_a_cpr_number_in_a_message_or_file_name_is_masked_with_an_invisible_character_inside():
    hidden = "0102\u206003-1234"
    r = run_nsk("guide", "-k", hidden, "-a", "akut=nej", capture_output=True, text=True)
    assert r.returncode == 2 and "ukendt kommune" in r.stderr and not leaks(r.stderr), r.stderr
    r = run_nsk("check-plan", f"plan {hidden}.pdf", capture_output=True, text=True)
    assert r.returncode == 2 and "XXXXXX-XXXX" in r.stderr and not leaks(r.stderr), r.stderr
