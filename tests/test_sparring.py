"""nsk sparring: a de-identified summary built only from the structured answers."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app
from nsk_cli.guide import engine
from nsk_cli.guide import sparring as sp

runner = CliRunner()
CPR = re.compile(r"\d{6}\s*[-\u2010-\u2015\u2212]?\s*\d{4}")


def nsk(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def summary(data, answers, kommune=None):
    done = engine.complete(engine.questions(data.rules, ask_kommune=False), answers)
    k = data.rules.find_kommune(kommune) if kommune else None
    return sp.build(
        sp.load(),
        data.rules,
        data.contacts,
        k.id if k else None,
        k.name if k else "anden kommune",
        done.answers,
    )


def test_shipped_texts_cover_every_question_and_value(data):
    texts = sp.load()
    assert sp.check(texts, data.rules, data.contacts.roles, data.contacts.contacts) == []


def test_child_summary_reads_the_situation_and_the_flow_steps_rule(data):
    s = summary(
        data, {"akut": "nej", "alder": "barn", "rolle": "fagperson", "udland": "ja", "vold": "nej"}, "ishoj"
    )
    text = " ".join(s.situation)
    assert "barn eller en ung under 18 år" in text and "fagperson uden myndighed" in text
    assert "genopdragelsesrejse" in text and "ikke kendskab til trusler" in text
    steps = {st.id: st for st in data.rules.steps_for(data.rules.kommuner["ishoj"])}
    (shared,) = s.sharing
    assert shared.step == "barn_ingen_familiekontakt"
    assert shared.text == " ".join(steps["barn_ingen_familiekontakt"].text.split())  # verbatim the step
    assert list(shared.legal_refs) == list(steps["barn_ingen_familiekontakt"].legal_refs)
    names = [c.name for c in s.contacts]
    assert any("VISO" in n for n in names) and any("Lev Uden Vold" in n for n in names)
    assert any("Sikkerhedskonsulenterne" in n for n in names)


def test_adult_without_consent_gets_the_sharing_rule_and_acute_danger_gets_112(data):
    s = summary(data, {"akut": "ja", "alder": "voksen", "samtykke": "nej"})
    assert [x.step for x in s.sharing] == ["akut_ring_112", "voksen_deling_uden_samtykke"]
    assert "databeskyttelsesloven § 8, stk. 2, nr. 2" in s.sharing[1].legal_refs
    s = summary(data, {"akut": "nej", "alder": "voksen", "samtykke": "ja"})
    assert [x.step for x in s.sharing] == ["voksen_samtykke_ja"]


def test_no_path_carries_anything_but_data_texts(data):
    """Every combination of the main answers: each sentence comes from rules/sparring.yaml."""
    texts = sp.load()
    allowed = {t for values in texts.phrases.values() for t in values.values()}
    for akut, alder, rolle, samtykke in itertools.product(
        ("ja", "nej"), ("barn", "voksen"), ("raadgiver", "fagperson"), ("ja", "nej")
    ):
        answers = {"akut": akut, "alder": alder, "rolle": rolle}
        if alder == "voksen":
            answers["samtykke"] = samtykke
        s = summary(data, answers, "faxe")
        assert set(s.situation) <= allowed
        assert s.sharing, answers  # always a line on sharing
        assert not CPR.search(json.dumps(s.to_dict(), ensure_ascii=False))


def test_cli_text_and_json():
    r = nsk("sparring", "-k", "ishoj", "-a", "akut=nej", "-a", "alder=barn")
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert out.startswith("Sparring – afidentificeret resumé")
    assert "Kommune: Ishøj Kommune." in out and "Hvad må deles uden samtykke lige nu" in out
    assert "1888" in out and "72 42 40 00" in out and "ring 112" in out
    assert "https://nc-maerk.dk/" in out.replace("\n", " ")  # a web address is never split
    data = json.loads(
        nsk("sparring", "-k", "ishoj", "-a", "akut=nej", "-a", "alder=barn", "-f", "json").stdout
    )
    assert data["kommune_navn"] == "Ishøj Kommune"
    assert data["deling_uden_samtykke"][0]["step"] == "barn_ingen_familiekontakt"
    assert any(c["phones"].startswith("1888") for c in data["contacts"])


@pytest.mark.parametrize(
    "content",
    [
        "akut: nej\nalder: 010203-1234\n",  # a CPR number as an answer value
        "akut: nej\nnavn: 010203-1234\n",  # a CPR number under an unknown key
        "akut: nej\nkommune: 010203-1234\n",  # a CPR number as the municipality
        "akut: nej\nkendt: 2026-12-01\n",  # the guide's 'kendt' is not a sparring answer
    ],
    ids=["value", "key", "kommune", "kendt"],
)
def test_smuggled_cpr_or_free_text_never_reaches_the_summary(tmp_path, content):
    answers = tmp_path / "svar.yaml"
    answers.write_text(content, encoding="utf-8")
    r = nsk("sparring", "--answers", answers)
    assert r.exit_code == 2 and r.stdout == ""
    assert "010203" not in r.stderr and "1234" not in r.stderr


def test_no_terminal_and_no_answers_is_a_usage_error():
    r = nsk("sparring", "-k", "ishoj")
    assert r.exit_code == 2 and "ingen terminal" in r.stderr


def test_output_file_is_private(tmp_path):
    out = tmp_path / "sparring.txt"
    r = nsk("sparring", "-a", "akut=nej", "-o", out)
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith("Sparring")
    assert (out.stat().st_mode & 0o777) == 0o600


def test_rules_validate_checks_the_sparring_file(rules_copy):
    text = (rules_copy / "sparring.yaml").read_text(encoding="utf-8")
    (rules_copy / "sparring.yaml").write_text(
        text.replace("step: voksen_samtykke_ja", "step: findes_ikke"), encoding="utf-8"
    )
    r = nsk("rules", "validate", rules_copy)
    assert r.exit_code == 1 and "ukendt trin 'findes_ikke'" in r.stdout + r.stderr


def test_interactive_sparring_asks_the_guides_questions(monkeypatch):
    from nsk_cli.cli import common as cli

    class Answers:
        asked: list[str] = []

        def ask(self, q, preselect, can_go_back):
            self.asked.append(q.id)
            return {"kommune": "hvidovre", "akut": "nej", "alder": "voksen", "samtykke": "nej"}.get(
                q.id, preselect
            )

    prompter = Answers()
    monkeypatch.setattr(cli, "is_tty", lambda: True)
    monkeypatch.setattr("nsk_cli.guide.prompt.make_prompter", lambda: prompter)
    r = nsk("sparring")
    assert r.exit_code == 0, r.stderr
    assert prompter.asked[:2] == ["kommune", "akut"] and "kendskab" not in r.stderr
    assert "Kommune: Hvidovre Kommune." in r.stdout and "Voksen uden samtykke:" in r.stdout
