"""`nsk guide` and friends through typer's CliRunner: scripted mode, formats, bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app

runner = CliRunner()


def nsk(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_version():
    r = nsk("--version")
    assert r.exit_code == 0 and r.output.startswith("nsk ")


@pytest.mark.parametrize("name", ["ishoj", "Ishøj", "ishøj kommune", "ISHOJ"])
def test_kommune_spellings(name):
    r = nsk("guide", "--kommune", name, "-a", "akut=nej", "-a", "alder=barn", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["kommune"] == "ishoj"


def test_json_contract_ishoj_child_professional():
    r = nsk(
        "guide",
        "-k",
        "ishoj",
        "-a",
        "akut=nej",
        "-a",
        "alder=barn",
        "-a",
        "rolle=fagperson",
        "-a",
        "tvivl=nej",
        "--format",
        "json",
        "--at",
        "2026-11-23T10:00",
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert set(out) >= {"kommune", "answers", "steps", "contacts", "warnings", "legal_refs"}
    assert out["answers"]["alder"] == "barn"
    # protection first (phase beskyt), then the notification (phase vurder)
    assert [s["phase"] for s in out["steps"]][:2] == ["beskyt", "beskyt"]
    first = next(s for s in out["steps"] if s["id"] == "barn_fagperson_underret")
    assert set(first) >= {"id", "phase", "text", "legal_refs", "contacts", "source", "source_titles"}
    assert "barnets lov § 133" in first["legal_refs"]
    # the municipality's own intake first, then the national routes (issue 19)
    assert first["contacts"] == ["ishoj_straxen", "borger_dk_underretning", "ankestyrelsen"]
    assert first["source_titles"][0].startswith("Ishøj Kommunes beredskabsplan")
    straxen = next(c for c in out["contacts"] if c["id"] == "ishoj_straxen")
    assert straxen["phone"][0]["number"] == "43 57 75 78"
    assert {"id", "name", "phone", "email", "hours", "url"} <= set(straxen)
    assert len(out["legal_refs"]) == len(set(out["legal_refs"]))


def test_json_faxe_adult_without_consent():
    r = nsk(
        "guide",
        "-k",
        "faxe",
        "-a",
        "akut=nej",
        "-a",
        "alder=voksen",
        "-a",
        "rolle=raadgiver",
        "-a",
        "samtykke=nej",
        "-f",
        "json",
    )
    out = json.loads(r.stdout)
    texts = " ".join(s["text"] for s in out["steps"])
    assert "Infohus Kommune" in texts and "anonymiseret" in texts
    assert "forvaltningsloven §§ 27-28" in out["legal_refs"]


def test_json_hvidovre_anden_and_misspelt_kommune():
    args = ["-a", "akut=nej", "-a", "alder=voksen", "-f", "json"]
    h = json.loads(nsk("guide", "-k", "hvidovre", *args).stdout)
    assert "hvidovre_voksenraadgivningen" in {c["id"] for c in h["contacts"]}
    # 'anden' (another municipality): the national flow, with the warning
    u = json.loads(nsk("guide", "-k", "anden", *args).stdout)
    assert u["kommune"] == "anden"
    assert any("Lokale kontakter mangler" in w for w in u["warnings"])
    assert all(c["kommune"] is None for c in u["contacts"])
    # a typo is a usage error naming the closest municipalities, before any question
    r = nsk("guide", "-k", "Ishoi", "-a", "akut=nej", "-a", "alder=voksen", "-f", "json")
    assert r.exit_code == 2 and "Ishøj Kommune" in r.stderr and r.stdout == ""
    assert "Traceback" not in r.output


def test_answers_file_and_override(tmp_path):
    f = tmp_path / "svar.yaml"
    f.write_text("akut: nej\nalder: voksen\nrolle: raadgiver\nsamtykke: ja\n", encoding="utf-8")
    out = json.loads(
        nsk("guide", "-k", "ishoj", "--answers", str(f), "-a", "samtykke=nej", "-f", "json").stdout
    )
    assert out["answers"]["samtykke"] == "nej" and out["answers"]["rolle"] == "raadgiver"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("alder: [voksen\n", "ugyldig YAML"),
        ("alder: true\n", "tekst"),
        ("- alder\n", "opslag"),
        ("x: !!python/name:os.system ''\n", "ikke tilladt"),
    ],
)
def test_bad_answers_file(tmp_path, content, needle):
    f = tmp_path / "svar.yaml"
    f.write_text(content, encoding="utf-8")
    r = nsk("guide", "--answers", str(f))
    assert r.exit_code == 2 and needle in r.stderr and "Traceback" not in r.output


def test_missing_answers_file(tmp_path):
    r = nsk("guide", "--answers", str(tmp_path / "nej.yaml"))
    assert r.exit_code == 2 and "findes ikke" in r.stderr


def test_unknown_id_and_value_exit_2_listing_valid():
    r = nsk("guide", "-a", "alderr=barn")
    assert r.exit_code == 2 and "gyldige id'er" in r.stderr and "alder" in r.stderr
    r = nsk("guide", "-a", "alder=ung")
    assert r.exit_code == 2 and "barn, voksen" in r.stderr
    r = nsk("guide", "-a", "alder")
    assert r.exit_code == 2 and "ID=VÆRDI" in r.stderr


def test_strict():
    r = nsk("guide", "--strict", "-a", "akut=nej", "-a", "alder=barn")
    assert r.exit_code == 2 and "--strict" in r.stderr


@pytest.mark.parametrize("extra", [[], ["-a", "alder=voksen"], ["--answers", "svar.yaml"]])
def test_missing_akut_is_a_usage_error_naming_it(tmp_path, monkeypatch, extra):
    # One hurried script must never take the non-acute path: akut has no default (issue 10).
    monkeypatch.chdir(tmp_path)
    (tmp_path / "svar.yaml").write_text("alder: barn\n", encoding="utf-8")
    r = nsk("guide", "-a", "rolle=fagperson", *extra)
    assert r.exit_code == 2 and "'akut'" in r.stderr and "skal besvares" in r.stderr
    assert "Traceback" not in r.output


def test_list_questions_shows_akut_has_no_default():
    rows = json.loads(nsk("guide", "--list-questions", "--format", "json").stdout)
    assert next(q for q in rows if q["id"] == "akut")["default"] is None
    text = nsk("guide", "--list-questions").stdout
    assert "akut: Er personens sikkerhed i fare lige nu?\n    værdier: ja, nej; standard: intet" in text


def test_no_terminal_points_to_answer_options():
    r = nsk("guide")  # CliRunner's stdin is not a TTY
    assert r.exit_code == 2 and "--answer" in r.stderr and "--answers" in r.stderr


def test_list_questions_json():
    r = nsk("guide", "--list-questions", "--format", "json")
    rows = json.loads(r.stdout)
    ids = [q["id"] for q in rows]
    for needed in [
        "kommune",
        "akut",
        "alder",
        "rolle",
        "familie",
        "vold",
        "udland",
        "samtykke",
        "bolig",
        "ophold",
        "tvivl",
    ]:
        assert needed in ids
    alder = next(q for q in rows if q["id"] == "alder")
    assert [o["value"] for o in alder["options"]] == ["barn", "voksen"] and alder["default"] == "barn"


def test_markdown_note_has_no_name_or_cpr_fields():
    r = nsk(
        "guide", "-k", "faxe", "-a", "akut=nej", "-a", "alder=barn", "-a", "rolle=raadgiver", "-f", "markdown"
    )
    md = r.stdout
    assert md.startswith("# Journalnotat (udkast)") and "Faxe Kommune" in md
    assert "## Næste skridt" in md and "barnets lov § 18, stk. 3" in md
    assert "CPR-nummer:" not in md and "Navn:" not in md


def test_text_output():
    r = nsk("guide", "-k", "ishoj", "-a", "akut=ja", "-a", "alder=barn")
    assert r.exit_code == 0
    assert "Placér personen et sikkert sted" in r.stdout and "112" in r.stdout


def test_output_file_never_overwritten_without_force(tmp_path):
    target = tmp_path / "note.md"
    args = ["guide", "-a", "akut=nej", "-a", "alder=barn", "-f", "markdown", "-o", str(target)]
    assert nsk(*args).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Journalnotat")
    assert (target.stat().st_mode & 0o777) == 0o600
    target.write_text("mine noter", encoding="utf-8")
    r = nsk(*args)
    assert r.exit_code == 2 and "--force" in r.stderr
    assert target.read_text(encoding="utf-8") == "mine noter"
    assert nsk(*args, "--force").exit_code == 0


def test_output_to_missing_folder(tmp_path):
    r = nsk("guide", "-a", "akut=nej", "-a", "alder=barn", "-o", str(tmp_path / "nej" / "x.md"))
    assert r.exit_code == 2 and "findes ikke" in r.stderr


def test_cpr_in_kommune_name_is_masked():
    r = nsk("guide", "-k", "010190-1234", "-a", "akut=nej", "-a", "alder=barn", "-f", "json")
    assert r.exit_code == 2  # not a municipality
    assert "010190-1234" not in r.output and "XXXXXX-XXXX" in r.stderr


def test_kommuner_lists_all_98_with_region():
    r = nsk("kommuner")
    assert r.exit_code == 0
    rows = [line.split()[0] for line in r.stdout.splitlines()[1:99]]
    assert len(rows) == 98 and {"faxe", "hvidovre", "ishoj", "aarhus", "hoje_taastrup"} <= set(rows)
    assert "98 kommuner" in r.stdout


def test_config_default_kommune_used_by_guide():
    assert nsk("config", "set", "kommune", "Faxe").exit_code == 0
    assert "kommune = faxe" in nsk("config", "show").stdout
    out = json.loads(nsk("guide", "-a", "akut=nej", "-a", "alder=barn", "-f", "json").stdout)
    assert out["kommune"] == "faxe"
    r = nsk("config", "set", "kommune", "Fakse")
    assert r.exit_code == 2 and "Faxe Kommune" in r.stderr and "nsk kommuner" in r.stderr


def test_broken_rules_dir_fails_cleanly(rules_copy):
    flow = rules_copy / "flow.yaml"
    flow.write_text(
        flow.read_text(encoding="utf-8").replace(
            "    text: Er der trusler, vold eller overgreb?", "    hjælp: Så\n    text: Er der trusler?"
        ),
        encoding="utf-8",
    )
    r = nsk("guide", "--rules-dir", str(rules_copy), "-a", "akut=nej", "-a", "alder=barn")
    assert r.exit_code == 2
    assert "flow.yaml: linje" in r.stderr and "hjælp" in r.stderr and "Traceback" not in r.output


def test_rules_dir_from_environment(rules_copy, monkeypatch):
    (rules_copy / "flow.yaml").write_text("version: 1\ntitle: [\n", encoding="utf-8")
    monkeypatch.setenv("NSK_RULES_DIR", str(rules_copy))
    r = nsk("guide", "-a", "akut=nej", "-a", "alder=barn")
    assert r.exit_code == 2 and "ugyldig YAML" in r.stderr


def test_missing_rules_dir():
    r = nsk("guide", "--rules-dir", "/does/not/exist", "-a", "akut=nej", "-a", "alder=barn")
    assert r.exit_code == 2 and "findes ikke" in r.stderr


def test_debug_shows_traceback_but_default_does_not(rules_copy):
    (rules_copy / "flow.yaml").write_text("version: 1\n", encoding="utf-8")
    plain = nsk("guide", "--rules-dir", str(rules_copy), "-a", "akut=nej", "-a", "alder=barn")
    assert plain.exit_code == 2 and plain.exception is None or isinstance(plain.exception, SystemExit)
    debug = nsk("--debug", "guide", "--rules-dir", str(rules_copy), "-a", "akut=nej", "-a", "alder=barn")
    assert debug.exit_code != 0 and debug.exception is not None


def test_interrupt_in_prompt_exits_130(monkeypatch):
    from nsk_cli.cli import common as cli
    from nsk_cli.guide import engine

    monkeypatch.setattr(cli, "is_tty", lambda: True)

    class CtrlC(engine.Prompter):
        def ask(self, q, preselect, can_go_back):
            raise KeyboardInterrupt

    monkeypatch.setattr("nsk_cli.guide.prompt.make_prompter", lambda: CtrlC())
    r = nsk("guide", "-k", "faxe")
    assert r.exit_code == 130 and "afbrudt" in r.stderr
