"""check-plan for plan owners (issue 20): what is missing and where it goes, danger findings,
numbers checked against nsk's contacts, the HTML report, the municipality and the title."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
PLANS = ROOT / "tests" / "fixtures" / "plans"
ISHOJ = SEEDS / "003_8bd056b2af1c9a39.txt"
FAXE = SEEDS / "004_4e087674201dfd20.txt"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
runner = CliRunner()


def nsk(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def report(tmp_path: Path, text: str, name: str = "plan.md", *args) -> tuple[int, dict]:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    r = nsk("check-plan", f, "--kind", "beredskabsplan", "--today", "2026-12-07", "-f", "json", *args)
    return r.exit_code, json.loads(r.stdout)


def dangers(tmp_path: Path, sentence: str, heading: str = "Handlevej for børn og unge under 18 år") -> list:
    _, out = report(tmp_path, f"# Beredskabsplan\n\n## {heading}\n\n{sentence}\n")
    return out["dangers"]


# ----------------------------------------------------------------- dangers, in the forms plans use

DANGEROUS = {
    "foraeldre_foerst": [
        "Lederen kontakter forældrene, så vi kan få et godt samarbejde med familien.",
        "Tag altid kontakt til forældrene først.",
        "Som det første ringer klasselæreren til barnets forældre.",
        "Gennemgå underretningen med forældrene, inden den sendes.",
        "Forældremyndighedsindehaveren orienteres om underretningen.",
        "Drøft bekymringen med familien, inden der underrettes.",
    ],
    "maegling": [
        "Vi tilbyder mægling mellem den unge og familien.",
        "Kontaktlæreren kan arrangere et familiemøde, hvor konflikten drøftes.",
        "En mægler fra lokalsamfundet kan inddrages for at genoprette familiens tillid.",
        "Der afholdes et netværksmøde med familien og den unge.",
    ],
    "familiemoede": [
        "Skolen kan indkalde forældrene og den unge til et møde, så konflikten kan løses.",
        "Inviter forældrene til en samtale om bekymringen.",
    ],
    "akut_ikke_112": [
        "Ved vold ring til skolens kontor.",
        "I akutte situationer kontaktes nærmeste leder.",
        "Hvis eleven er i fare, skal du give besked til sekretariatet.",
    ],
    "hemmelighed": [
        "Du kan love eleven, at det bliver mellem jer.",
        "Forsikr barnet om, at ingen andre får det at vide.",
        "Lov den unge fuld fortrolighed.",
    ],
}
SAFE = [
    "Kontakt ikke forældrene.",
    "Forældrene må ikke kontaktes, før der er lavet en risikovurdering.",
    "Lov aldrig barnet, at det, det fortæller, forbliver en hemmelighed.",
    "Du kan ikke love den unge fortrolighed, for du har skærpet underretningspligt.",
    "Etnisk Konsulentteam kan mægle i konflikten.",
    "Forældrene inddrages efter risikovurderingen.",
    "Der laves altid en indledende risikovurdering, inden forældrene kontaktes.",
    "Samtalen med barnet holdes uden forudgående orientering af forældrene.",
    "Ved vold eller akut fare: ring 112 og spørg efter politiets ressourceperson.",
    "Mægling og familiemøder frarådes, fordi de kan udsætte den unge for fare.",
    "Planen formidles på kurser, temadage og netværksmøder for medarbejdere.",
    "VISO kan hjælpe med en akut risikovurdering.",
    "Familiemedlemmer, der insisterer på at deltage i møder, kan være et bekymringstegn.",
]


@pytest.mark.parametrize(
    ("rid", "sentence"), [(rid, s) for rid, group in DANGEROUS.items() for s in group], ids=lambda x: x[:40]
)
def test_each_danger_is_flagged_with_its_sentence_and_line(tmp_path, rid, sentence):
    found = dangers(tmp_path, sentence)
    assert [d["id"] for d in found] == [rid], found
    d = found[0]
    assert d["level"] == "fare" and d["text"] == sentence and d["line"] == 5 and d["why"]


@pytest.mark.parametrize("sentence", SAFE, ids=lambda x: x[:40])
def test_negated_specialist_and_safe_sentences_are_not_dangers(tmp_path, sentence):
    assert dangers(tmp_path, sentence) == []


def test_acute_box_without_112_is_a_danger_and_with_112_is_not(tmp_path):
    box = "Ved akut fare\n\n1. Bring personen et sikkert sted hen.\n2. Ring til skolens kontor."
    assert [d["id"] for d in dangers(tmp_path, box.replace("Ved akut fare", "x"), "Akut fare")] == [
        "akut_ikke_112"
    ]
    safe = "1. Bring personen et sikkert sted hen.\n2. Ring 112.\n3. Kontakt derefter lederen."
    assert dangers(tmp_path, safe, "Akut fare") == []


def test_parents_first_in_the_adult_section_is_not_a_child_danger(tmp_path):
    assert dangers(tmp_path, "Tag altid kontakt til familien først.", "Voksne over 18 år") == []


def test_a_danger_gives_exit_1_and_never_counts_as_evidence(tmp_path):
    ok_plan = (PLANS / "eksempelby.md").read_text(encoding="utf-8")
    assert nsk("check-plan", PLANS / "eksempelby.md").exit_code == 0
    risky = ok_plan + "\n## Akutte situationer\n\nVed vold ring til skolens kontor.\n"
    code, out = report(tmp_path, risky)
    assert code == 1 and out["summary"]["farer"] == 1 and out["summary"]["alle_krav_opfyldt"]
    evidence = [e["text"] for q in out["requirements"] for e in q["evidence"]]
    assert not any("skolens kontor" in e for e in evidence)
    text = nsk("check-plan", tmp_path / "plan.md").stdout
    assert "FARE" in text and "Ved vold ring til skolens kontor." in text and "linje" in text
    md = nsk("check-plan", tmp_path / "plan.md", "-f", "markdown").stdout
    assert "## Farlige anvisninger" in md and "skolens kontor" in md


@needs_seeds
@pytest.mark.parametrize("seed", [ISHOJ, FAXE], ids=["ishoj", "faxe"])
def test_the_seed_plans_give_no_dangers(seed):
    out = json.loads(nsk("check-plan", seed, "-f", "json").stdout)
    assert out["dangers"] == []
