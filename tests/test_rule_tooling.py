"""nsk rules validate/graph/paths on a small fixture flow, one broken copy per problem; the
action card of every known municipality; the README's diagram is current."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from nsk_cli.cli import app

runner = CliRunner()
MINI = ROOT / "tests" / "fixtures" / "mini_rules"


def nsk(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def mini(tmp_path) -> Path:
    dst = tmp_path / "rules"
    shutil.copytree(MINI, dst)
    return dst


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_and_fixture_rules_are_clean():
    r = nsk("rules", "validate")
    assert r.exit_code == 0 and r.stdout == "" and "Ingen problemer" in r.stderr
    assert nsk("rules", "validate", MINI).exit_code == 0
    assert nsk("rules", "validate", MINI / "kommuner" / "ishoj.yaml").exit_code == 0


PROBLEMS = [
    # (file, old, new, expected message fragment)
    ("flow.yaml", "    when: akut = nej\n", "    when: akut = nej and akut = ja\n", "'alder' kan aldrig nås"),
    (
        "flow.yaml",
        "    when: alder = voksen\n",
        "    when: alder = voksen and akut = ja\n",
        "'raadgivning' kan aldrig nås",
    ),
    (
        "flow.yaml",
        "    when: alder = voksen\n",
        "    when: alder = voksen and akut = ja\n",
        "ender uden et eneste skridt",
    ),
    ("flow.yaml", "    when: akut = nej\n", "    when: alder = barn\n", "ikke er et tidligere spørgsmål"),
    ("kommuner/ishoj.yaml", "  - id: ishoj_straxen", "  - id: underret", "'underret' findes allerede"),
    ("flow.yaml", "    when: alder = barn\n", "    when: alderr = barn\n", "ukendte spørgsmål 'alderr'"),
    ("flow.yaml", "    when: alder = barn\n", "    when: alder = ung\n", "har ikke værdien 'ung'"),
    (
        "flow.yaml",
        "    contacts: [underretning]",
        "    contacts: [heksejagt]",
        "ukendt kontaktrolle 'heksejagt'",
    ),
    (
        "flow.yaml",
        "    when: alder = barn\n",
        "    when: kommune = atlantis\n",
        "har ikke værdien 'atlantis'",
    ),
    ("kommuner/ishoj.yaml", "add_steps:", "tilfoej:", "ukendt nøgle 'tilfoej'"),
    ("flow.yaml", "    text: Underret kommunen.", '    text: ""', "må ikke være tom"),
    ("flow.yaml", "    source: 004_4e087674201dfd20.txt:428-430\n", "", "source: mangler"),
    ("flow.yaml", '"barnets lov § 133"', '"BL 133"', "har ikke den aftalte form"),
    ("flow.yaml", "    default: barn", "    default: ung", "standardsvaret 'ung'"),
    ("flow.yaml", "  - id: raadgivning", "  - id: ring", "'ring' er brugt før"),
    (
        "flow.yaml",
        "    source: 002_e7e96dbed7045c2b.txt:5071-5089",
        "    source: min hukommelse",
        "kilde 'min hukommelse'",
    ),
    ("flow.yaml", "title: Mini-forløb", "title: [Mini", "ugyldig YAML"),
    (
        "flow.yaml",
        "    default: barn",
        "    default: barn\n    unknown_means: ung",
        "'ung' er ikke en af værdierne",
    ),
    (
        "flow.yaml",
        "title: Mini-forløb\n",
        "title: Mini-forløb\nalarm:\n  when: akut = ja\n  title: Akut\n  steps: [findes_ikke]\n"
        "  after: Videre.\n  source: 003_8bd056b2af1c9a39.txt:287-292\n",
        "ukendt trin 'findes_ikke'",
    ),
    ("flow.yaml", "    phase: akut\n", "    phase: akut\n    now: ja\n", "skal være true eller false"),
]


@pytest.mark.parametrize(("file", "old", "new", "needle"), PROBLEMS)
def test_each_problem_is_reported_with_file_and_location(mini, file, old, new, needle):
    edit(mini / file, old, new)
    r = nsk("rules", "validate", mini)
    assert r.exit_code == 1, r.output
    lines = [line for line in r.stdout.splitlines() if needle in line]
    assert lines, r.stdout
    assert lines[0].startswith(f"rules/{file}") and "Traceback" not in r.output


def test_overlay_that_changes_nothing(mini):
    (mini / "kommuner" / "ishoj.yaml").write_text(
        "id: ishoj\nname: Ishøj Kommune\nsource: 003_8bd056b2af1c9a39.txt\n", encoding="utf-8"
    )
    r = nsk("rules", "validate", mini)
    assert r.exit_code == 1 and "ændrer intet" in r.stdout


def test_several_problems_are_all_listed(mini):
    edit(mini / "flow.yaml", "    text: Underret kommunen.", '    text: ""')
    edit(mini / "flow.yaml", '"barnets lov § 133"', '"BL 133"')
    edit(mini / "kommuner" / "ishoj.yaml", "add_steps:", "tilfoej:")
    r = nsk("rules", "validate", mini)
    assert r.exit_code == 1 and len(r.stdout.splitlines()) == 3


def test_user_contacts_for_unknown_kommune(mini, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "x.yaml").write_text(
        "kommune: atlantis\ncontacts:\n  - id: a\n    name: A\n    roles: [sparring]\n"
        "    source: https://example.invalid\n    verified: '2026-01-01'\n",
        encoding="utf-8",
    )
    r = nsk("rules", "validate", mini, "--contacts-dir", folder)
    assert r.exit_code == 1 and "'atlantis' findes ikke" in r.stdout


def test_unreadable_input_exits_2(tmp_path):
    r = nsk("rules", "validate", tmp_path / "nope")
    assert r.exit_code == 2 and "findes ikke" in r.stderr
    r = nsk("rules", "validate", tmp_path)
    assert r.exit_code == 2 and "ikke en regelmappe" in r.stderr


MINI_MERMAID = """flowchart TD
  akut{"Er nogen i fare lige nu?"}
  alder{"Hvor gammel er personen? (kun når akut = nej)"}
  RESULTAT(["Næste skridt"])
  akut -- "ja" --> RESULTAT
  akut -- "nej" --> alder
  alder --> RESULTAT
  S1["1. Ring til politiet på 112."]
  RESULTAT -. "akut = ja" .-> S1
  S2["2. Underret kommunen."]
  RESULTAT -. "alder = barn" .-> S2
  S3["3. Tilbyd gratis rådgivning."]
  RESULTAT -. "alder = voksen" .-> S3
"""


def test_graph_mermaid_and_dot():
    r = nsk("rules", "graph", "--rules-dir", MINI)
    assert r.exit_code == 0 and r.stdout == MINI_MERMAID
    k = nsk("rules", "graph", "--rules-dir", MINI, "--kommune", "ishoj").stdout
    assert "3. Ring til StraXen." in k
    d = nsk("rules", "graph", "--rules-dir", MINI, "--format", "dot").stdout
    assert d.startswith("digraph nsk {") and 'akut -> alder [label="nej"];' in d and d.rstrip().endswith("}")


def test_paths_every_format():
    r = nsk("rules", "paths", "--rules-dir", MINI, "--kommune", "ishoj", "--format", "csv")
    assert r.stdout.splitlines() == [
        "vej,akut,alder,skridt,kontakter",
        "1,ja,,ring,politi_112",
        "2,nej,barn,underret | ishoj_straxen,ishoj_straxen",
        "3,nej,voksen,raadgivning,",
    ]
    rows = json.loads(nsk("rules", "paths", "--rules-dir", MINI, "-f", "json").stdout)
    assert [r["answers"] for r in rows] == [
        {"akut": "ja"},
        {"akut": "nej", "alder": "barn"},
        {"akut": "nej", "alder": "voksen"},
    ]
    table = nsk("rules", "paths", "--rules-dir", MINI).stdout
    assert "Vej 2: akut=nej, alder=barn" in table and "[underret] Underret kommunen." in table


def test_paths_of_the_shipped_flow_cover_every_leaf():
    rows = json.loads(nsk("rules", "paths", "-k", "faxe", "-f", "json").stdout)
    assert len(rows) > 500 and all(r["steps"] for r in rows)


# ----------------------------------------------------------------- README diagram


def test_readme_diagram_is_current():
    readme = (ROOT / "docs" / "regler.md").read_text(encoding="utf-8")
    start, end = "<!-- rules-graph:start -->\n```mermaid\n", "```\n<!-- rules-graph:end -->"
    assert start in readme and end in readme
    shown = readme.split(start, 1)[1].split(end, 1)[0]
    assert shown == nsk("rules", "graph", "--format", "mermaid").stdout, (
        "Diagrammet i docs/regler.md er forældet: kør  .venv/bin/python scripts/update_readme_graph.py"
    )


# ----------------------------------------------------------------- action cards

LOCAL = {"ishoj": ["43 57 75 78", "43 57 69 95", "StraXen"], "faxe": ["Infohus Kommune", "sspguidefaxe.dk"],
         "hvidovre": ["Voksenrådgivningen"]}  # fmt: skip


@pytest.mark.parametrize("kommune", sorted(LOCAL))
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_actioncard_has_acute_box_and_own_contacts(kommune, fmt):
    r = nsk("actioncard", "--kommune", kommune, "--format", fmt, "--today", "2026-11-22")
    assert r.exit_code == 0, r.output
    card = r.stdout
    for needle in [
        "Akut",
        "sikkert sted",
        "112",
        "ressourceperson",
        "114",
        "Barn eller ung under 18 år",
        "Voksen",
        "2026-11-22",
        "Kilder:",
        *LOCAL[kommune],
    ]:
        assert needle in card, (kommune, needle)
    if fmt == "html":
        assert card.startswith("<!DOCTYPE html>") and "@page { size: A4" in card
        assert "<script" not in card and "http://" not in card.split("<body>")[0]  # self-contained


def test_actioncard_unknown_kommune_exit_2():
    r = nsk("actioncard", "--kommune", "Ishoi")
    assert r.exit_code == 2 and "Ishøj Kommune" in r.stderr


def test_a_broken_municipality_file_does_not_hide_problems_elsewhere(mini):
    edit(mini / "kommuner" / "ishoj.yaml", "add_steps:", "tilfoej:")
    edit(mini / "flow.yaml", "    contacts: [underretning]", "    contacts: [heksejagt]")
    r = nsk("rules", "validate", mini)
    assert r.exit_code == 1
    assert "ukendt nøgle 'tilfoej'" in r.stdout and "ukendt kontaktrolle 'heksejagt'" in r.stdout


def test_paths_show_editors_notes_that_the_caseworker_never_sees():
    # issue 10: disagreements between sources live in the data and in `nsk rules paths`
    table = nsk("rules", "paths", "-k", "ishoj").stdout
    assert "Redaktionel note:" in table and "§ 143" in table
    rows = json.loads(nsk("rules", "paths", "-k", "ishoj", "-f", "json").stdout)
    assert any(st["note"] for r in rows for st in r["steps"])
    guide = nsk("guide", "-k", "ishoj", "-a", "akut=ja", "-a", "alder=barn", "-f", "markdown").stdout
    assert "Redaktionel note" not in guide and "ikke hentet" not in guide
