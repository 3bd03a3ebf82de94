"""Hardening: privacy (CPR, private files, no network, no locals in tracebacks), terminals
(cp1252/ASCII, files, TERM=dumb, NO_COLOR, 40 columns, prompt fallback), interrupts at any prompt,
hostile input, and what start-up must not import."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app
from nsk_cli.core import privacy
from nsk_cli.guide import engine

runner = CliRunner()


def nsk(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def run_nsk(*args, env=None, input=None, timeout=60):
    """nsk in a real subprocess, with a private config and cache dir."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "nsk_cli", *map(str, args)],
        capture_output=True,
        input=input,
        env=full_env,
        timeout=timeout,
    )


# ----------------------------------------------------------------- CPR


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("010190-1234", True),
        ("0101901234", True),
        ("010190 1234", True),
        ("borger 311299-4321.", True),
        ("290200-1234", True),  # 29 February 2000
        ("290201-1234", False),  # no 29 February in 2001
        ("320190-1234", False),  # no 32nd
        ("011390-1234", False),  # no 13th month
        ("43 57 75 78", False),  # a phone number
        ("2024-06-24", False),
        ("12345678901", False),  # a longer number that does not start with a date
        ("010190-1235", True),  # modulus 11 is not required (not valid since 2007)
        # the adversarial review (issue 13): letters, punctuation and any dash or spaces around
        ("Sag-010203-1234", True),
        ("(010203-1234-A)", True),
        ("x-010190-1234", True),
        ("010203\u20131234", True),  # en dash
        ("010203\u20111234", True),  # non-breaking hyphen
        ("010203\u22121234", True),  # minus sign
        ("010203\u20101234", True),  # hyphen
        ("010203\u20141234", True),  # em dash
        ("010203 - 1234", True),
        ("010203\u00a01234", True),  # no-break space
        ("010203\u00ad1234", True),  # soft hyphen (invisible)
        ("sag010203-1234abc", True),
        ("010203--1234", True),
        ("0102031234567", True),  # digits around do not protect it either
        ("010203-1234\u00b9", True),  # a footnote mark (NFKC makes it a digit)
        ("9010203-1234", True),
        ("010203\t1234", True),
        ("010203\n        1234", True),  # wrapped by a renderer
        ("'010203\\xa01234'", True),  # repr() of a no-break space
        ("12.01.2024 1234", False),
    ],
)
def test_cpr_detector(text, found):
    assert privacy.has_cpr(text) is found
    if found:
        assert privacy.MASK in privacy.mask(text)


def test_cpr_masked_in_every_output():
    cpr = "0101901234"
    for fmt in ("json", "markdown", "text"):
        r = nsk("guide", "-k", cpr, "-a", "akut=nej", "-a", "alder=barn", "-f", fmt)
        assert cpr not in r.output and privacy.MASK in r.output
    r = nsk("guide", "-a", f"alder={cpr}")  # an error message
    assert r.exit_code == 2 and cpr not in r.output and privacy.MASK in r.stderr


def test_cpr_in_a_file_name_is_masked(tmp_path):
    f = tmp_path / "010190-1234.pdf"
    r = nsk("check-plan", f)
    assert r.exit_code == 2 and "010190-1234" not in r.output


# ----------------------------------------------------------------- no network, no locals


@pytest.fixture
def no_network(monkeypatch):
    # ssl subclasses socket.socket when it is first imported (segno imports it for the card's
    # QR codes, via xml.sax.saxutils and urllib.request): import it while socket is real, or the
    # test fails when it runs alone, for a reason that has nothing to do with the network
    import ssl  # noqa: F401

    def refuse(*args, **kwargs):
        raise AssertionError("nsk opened a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_no_command_opens_a_socket(no_network, tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("Beredskabsplan vedtaget af Byrådet den 1. juni 2025.", encoding="utf-8")
    for args in [
        ("guide", "-k", "faxe", "-a", "akut=nej", "-a", "alder=barn", "-f", "json"),
        ("contacts", "RED", "-f", "vcard"),
        ("check-plan", plan, "-f", "json"),
        ("actioncard", "-k", "ishoj", "-f", "html"),
        ("html", "-k", "ishoj"),
        ("rules", "validate"),
        ("rules", "paths", "-f", "csv"),
        ("plan", "template", "--kind", "handleplan"),
    ]:
        r = nsk(*args)
        assert r.exit_code in (0, 1), (args, r.output)
        assert not isinstance(r.exception, AssertionError), args


def test_debug_traceback_shows_no_local_variables(tmp_path):
    code = (
        "import nsk_cli.guide.engine as e\n"
        "def boom(*args, **kwargs):\n"
        "    secret_local = 'HEMMELIG-0101901234'\n"
        "    raise RuntimeError('test')\n"
        "e.build_result = boom\n"
        "from nsk_cli.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    env = dict(os.environ, NSK_CACHE_DIR=str(tmp_path / "c"), NSK_CONFIG_DIR=str(tmp_path / "k"))
    args = ["guide", "-k", "faxe", "-a", "akut=nej", "-a", "alder=barn"]
    cmd = [sys.executable, "-c", "import sys\n" + code]
    plain = subprocess.run([*cmd, *args], capture_output=True, text=True, env=env)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr and "uventet fejl" in plain.stderr
    debug = subprocess.run([*cmd, "--debug", *args], capture_output=True, text=True, env=env)
    assert debug.returncode != 0 and "RuntimeError" in debug.stderr
    assert "HEMMELIG" not in debug.stderr + debug.stdout  # locals are never shown


# ----------------------------------------------------------------- terminals


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_output_on_legacy_console_encodings(tmp_path, encoding):
    env = {"PYTHONIOENCODING": encoding, "NSK_CACHE_DIR": str(tmp_path), "NSK_CONFIG_DIR": str(tmp_path)}
    r = run_nsk("guide", "-k", "ishøj", "-a", "akut=nej", "-a", "alder=barn", env=env)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode(encoding)
    assert ("Ishøj" if encoding == "cp1252" else "Ishoej") in out
    err = run_nsk("guide", "-k", "ishoj", "-a", "ålder=barn", env=env)
    assert err.returncode == 2 and "Traceback" not in err.stderr.decode(encoding, errors="replace")


def test_redirected_dumb_no_color_and_40_columns(tmp_path):
    env = {"TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "40", "NSK_CACHE_DIR": str(tmp_path),
           "NSK_CONFIG_DIR": str(tmp_path)}  # fmt: skip
    plan = tmp_path / "handleplan.txt"
    plan.write_text(
        "Handleplan. Risikoen vurderes som høj på grund af trusler fra familien.", encoding="utf-8"
    )
    for args in (
        ("guide", "-k", "faxe", "-a", "akut=nej", "-a", "alder=voksen"),
        ("contacts", "-k", "ishoj"),
        ("check-plan", plan),
    ):
        r = run_nsk(*args, env=env)
        out = r.stdout.decode("utf-8")
        assert r.returncode in (0, 1), r.stderr
        assert "\x1b[" not in out
        for line in out.splitlines():  # a web address longer than a line stands alone, uncut
            assert len(line) <= 40 or (" " not in line.strip() and re.search("://|@|www[.]", line)), args


class Raising(engine.Prompter):
    def __init__(self, at: int, exc: type[BaseException]):
        self.at, self.exc, self.n = at, exc, 0

    def ask(self, q, preselect, can_go_back):
        self.n += 1
        if self.n == self.at:
            raise self.exc()
        return preselect or q.values()[0]


@pytest.mark.parametrize("at", [1, 2, 5])
@pytest.mark.parametrize("exc", [KeyboardInterrupt, EOFError])
def test_interrupt_at_any_prompt_exits_130_and_writes_nothing(monkeypatch, tmp_path, at, exc):
    from nsk_cli.cli import common as cli

    monkeypatch.setattr(cli, "is_tty", lambda: True)
    monkeypatch.setattr("nsk_cli.guide.prompt.make_prompter", lambda: Raising(at, exc))
    out = tmp_path / "note.md"
    r = nsk("guide", "-o", out)
    assert r.exit_code == 130 and "afbrudt" in r.stderr and not out.exists()


def test_prompt_falls_back_to_plain_numbers_when_questionary_cannot_start(monkeypatch):
    from nsk_cli.cli import common as cli
    from nsk_cli.guide import prompt

    monkeypatch.setattr(cli, "is_tty", lambda: True)

    def broken(self, *a, **k):
        raise RuntimeError("NoConsoleScreenBufferError")

    monkeypatch.setattr(prompt.QuestionaryPrompter, "ask", broken)
    # kommune typed by name; akut has no default: Enter asks again, 2 (nej); alder: 1 (barn),
    # rolle: Enter, then Enter for the rest
    r = nsk("guide", "-f", "json", input="ishoj\n\n2\n1\n\n\n\n\n\n\n\n\n")
    assert r.exit_code == 0, r.output
    assert "nummererede valg" in r.stdout and "intet standardsvar" in r.stdout
    result = json.loads(r.stdout[r.stdout.index("{") :])
    assert result["kommune"] == "ishoj" and result["answers"]["alder"] == "barn"


def test_plain_prompt_goes_back(monkeypatch):
    from nsk_cli.cli import common as cli

    monkeypatch.setattr(cli, "is_tty", lambda: True)
    monkeypatch.setenv("TERM", "dumb")
    # kommune Faxe (typed), akut 2 (nej), alder 2 (voksen), then back (t) and 1 (barn), then Enters
    r = nsk("guide", "-f", "json", input="Faxe\n2\n2\nt\n1\n\n\n\n\n\n\n\n\n\n")
    result = json.loads(r.stdout[r.stdout.index("{") :])
    assert result["answers"]["alder"] == "barn" and "samtykke" not in result["answers"]


# ----------------------------------------------------------------- hostile and broken input

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"  # fmt: skip
TAG = "alder: !!python/object/apply:os.system ['echo pwned']\n"


@pytest.mark.parametrize("content", [BOMB, TAG], ids=["alias-bomb", "python-tag"])
def test_hostile_yaml_in_answers_contacts_and_rules(tmp_path, rules_copy, content):
    answers = tmp_path / "svar.yaml"
    answers.write_text(content, encoding="utf-8")
    r = nsk("guide", "--answers", answers)
    assert r.exit_code == 2 and "ikke tilladt" in r.stderr
    cdir = tmp_path / "kontakter"
    cdir.mkdir()
    (cdir / "x.yaml").write_text(content, encoding="utf-8")
    r = nsk("contacts", "--contacts-dir", cdir)
    assert r.exit_code == 2 and "ikke tilladt" in r.stderr and "x.yaml" in r.stderr
    (rules_copy / "kommuner" / "ishoj.yaml").write_text(content, encoding="utf-8")
    r = nsk("guide", "--rules-dir", rules_copy, "-a", "akut=nej", "-a", "alder=barn")
    assert r.exit_code == 2 and "ikke tilladt" in r.stderr and "ishoj.yaml" in r.stderr
    r = nsk("rules", "validate", rules_copy)
    assert r.exit_code == 1 and "ikke tilladt" in r.stdout


def test_huge_and_wrongly_encoded_plans(tmp_path):
    huge = tmp_path / "stor.txt"
    with huge.open("wb") as fh:
        fh.write(b"Beredskabsplan. " * (12 * 1024 * 1024 // 16))
    r = nsk("check-plan", huge)
    assert r.exit_code == 2 and "for stor" in r.stderr and r.stdout == ""
    utf16 = tmp_path / "plan.txt"
    utf16.write_text("Beredskabsplan for Ishøj", encoding="utf-16")
    r = nsk("check-plan", utf16)
    assert r.exit_code == 2 and "UTF-16" in r.stderr


def test_output_path_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "fil.txt"
    blocker.write_text("x", encoding="utf-8")
    r = nsk("guide", "-a", "akut=nej", "-a", "alder=barn", "-o", blocker / "note.md")
    assert r.exit_code == 2 and "findes ikke" in r.stderr and "Traceback" not in r.output
    r = nsk("guide", "-a", "akut=nej", "-a", "alder=barn", "-o", tmp_path)
    assert r.exit_code == 2 and "Traceback" not in r.output


# ----------------------------------------------------------------- start-up imports


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["contacts", "sikkerhedskonsulent", "--format", "json"],
        ["check-plan", "--help"],
        ["guide", "-a", "akut=nej", "-a", "alder=barn", "-f", "json"],
    ],  # fmt: skip
)
def test_commands_do_not_import_the_prompt_library(args, tmp_path):
    code = (
        "import sys\nfrom nsk_cli.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in ('questionary', 'prompt_toolkit', 'pypdfium2', 'docx') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    env = dict(os.environ, NSK_CACHE_DIR=str(tmp_path), NSK_CONFIG_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr


def test_cpr_at_the_cut_of_long_evidence_is_still_masked(tmp_path):
    f = tmp_path / "handleplan.txt"
    sentence = (
        "Handleplan: risikoen vurderes som høj, fordi " + "borgeren er truet " * 14 + "af 010190-1234 i dag."
    )
    f.write_text(sentence, encoding="utf-8")
    r = nsk("check-plan", f, "-f", "json")
    assert "0101" not in r.stdout.replace("XXXXXX-XXXX", "")


def test_literal_prefixes_of_patterns():
    from nsk_cli.plan.checks import _prefixes

    assert _prefixes(r"\b(vedtaget|godkendt)\b[^.]{0,60}") == ("vedtaget", "godkendt")
    assert _prefixes(r"\bSSP\b") == ("ssp",)
    assert _prefixes(r"\b(a\w+|bcd)?efg") is None  # optional group
    assert _prefixes(r"\b(\w+ byråd)") is None  # starts with a class
    assert _prefixes(r"§ ?137") is None


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["guide", "--format", "xml"], "ugyldig værdi for --format/-f: 'xml' – vælg mellem"),
        (["guide", "--frmat", "json"], "ukendt valgmulighed --frmat"),
        (["check-plan"], "mangler argumentet FIL"),
        (["gide"], "ukendt kommando 'gide' – mente du 'guide'?"),
        (["kommuner", "ekstra"], "uventet ekstra argument: ekstra"),
        (["contacts", "--days", "x"], "skal være et heltal"),
    ],
)
def test_usage_errors_are_danish_one_line_exit_2(capsys, args, needle):
    from nsk_cli.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(args)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and needle in err and len(err.strip().splitlines()) == 1


def test_main_exit_codes(capsys, tmp_path):
    from nsk_cli.cli import main

    for args, code in ((["--version"], 0), (["kommuner"], 0), (["contacts", "zzzqqq"], 1), ([], 2)):
        with pytest.raises(SystemExit) as exit_:
            main(args)
        assert exit_.value.code == code, args
    assert "Brug: nsk" in capsys.readouterr().out  # plain `nsk` shows the help
