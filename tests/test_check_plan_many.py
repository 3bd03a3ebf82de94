"""check-plan on many plans at once (issue 12, "Also build"), and golden verdicts with evidence
lines on our own fixture plans written in the forms published plans use (tests/fixtures/plans)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from nsk_cli.cli import app
from nsk_cli.plan import audit

PLANS = ROOT / "tests" / "fixtures" / "plans"
TODAY = "2026-11-22"
runner = CliRunner()


def nsk(*args):
    return runner.invoke(app, [str(a) for a in args] + ["--today", TODAY])


# ----------------------------------------------------------------- golden: verdict and evidence line

GOLDEN = {
    "eksempelby.md": {
        "vedtaget": ("ok", 4, "Vedtaget: 3. marts 2025 af Eksempelby Byråd"),
        "offentliggjort": ("ok", 6, "www.eksempelby.dk/beredskab"),
        "revision": ("ok", 7, "Næste revision sker i marts 2029."),
        "forebyggelse_opsporing_haandtering": ("ok", 17, "forebygger, opsporer og håndterer"),
        "boern": ("ok", 22, "Tal med barnet eller den unge alene"),
        "ekstremisme": ("ok", 1, "og ekstremisme blandt børn"),
        "nsk_og_aere": ("ok", 1, "æresrelaterede konflikter"),
    },
    "nordby.txt": {
        "vedtaget": ("missing", 3, "forventes vedtaget"),
        "offentliggjort": ("missing", None, None),
        "revision": ("missing", 3, "forventes vedtaget"),
        "forebyggelse_opsporing_haandtering": ("ok", 5, "jf. bl.a. Infohus-samarbejdet"),
        "boern": ("partial", 6, "henvender sig til medarbejdere"),
        "ekstremisme": ("ok", 1, "Beredskabsplan mod ekstremisme"),
        "nsk_og_aere": ("missing", None, None),
    },
    "sub/soendby.md": {
        "risikovurdering": ("ok", 3, "Risikoen vurderes som høj"),
        "situation": ("ok", 4, "hverken arbejde eller uddannelse"),
        "stoette": ("ok", 5, "med henblik på en sikker bopæl"),
        "anden_stoette": ("missing", None, None),  # "bor på krisecenter" is neither support nor purpose
        "borgerinddragelse": ("ok", 6, "i samarbejde med borgeren"),
    },
}


@pytest.mark.parametrize("name", list(GOLDEN))
def test_golden_fixture_plans(name):
    r = nsk("check-plan", PLANS / name, "-f", "json")
    got = {q["id"]: q for q in json.loads(r.stdout)["requirements"] if q["severity"] == "krav"}
    assert {k: q["status"] for k, q in got.items()} == {k: v[0] for k, v in GOLDEN[name].items()}
    for rid, (_, line, needle) in GOLDEN[name].items():
        ev = got[rid]["evidence"]
        if line is None:
            assert ev == [], rid
            continue
        assert ev[0]["line"] == line and needle in ev[0]["text"], (rid, ev[0])
    assert r.exit_code == (0 if all(v[0] == "ok" for v in GOLDEN[name].values()) else 1)


def test_boern_under_a_heading_names_the_heading():
    r = nsk("check-plan", PLANS / "eksempelby.md", "-f", "json")
    boern = next(q for q in json.loads(r.stdout)["requirements"] if q["id"] == "boern")
    assert boern["evidence"][0]["heading"] == "Under 18 år"


# ----------------------------------------------------------------- many plans


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "planer"
    shutil.copytree(PLANS, d)
    (d / "ødelagt.pdf").write_bytes(b"%PDF-1.4\nnot really")
    (d / "noter.odt").write_text("ikke en plan", encoding="utf-8")  # unsupported: not collected
    return d


def test_folder_json_is_plans_and_summary_with_the_unreadable_file_in_its_row(folder):
    r = nsk("check-plan", folder, "-f", "json")
    assert r.exit_code == 2  # one file could not be checked
    out = json.loads(r.stdout)
    assert set(out) == {"plans", "summary"}
    files = [Path(p["file"]).name for p in out["plans"]]
    assert files == ["eksempelby.md", "nordby.txt", "ødelagt.pdf"]  # not recursive: sub/ is left out
    broken = out["plans"][2]
    assert set(broken) == {"file", "error"} and "beskadiget" in broken["error"]
    single = json.loads(nsk("check-plan", folder / "nordby.txt", "-f", "json").stdout)
    assert out["plans"][1]["requirements"] == single["requirements"]  # each plan: the single-file report
    s = out["summary"]
    assert (s["filer"], s["tjekket"], s["fejl"], s["alle_krav_opfyldt"], s["krav_ikke_opfyldt"]) == (
        3,
        2,
        1,
        1,
        1,
    )
    assert s["krav"]["vedtaget"] == {"ok": 1, "partial": 0, "missing": 1}
    row = s["oversigt"][0]
    assert (row["kommune"], row["vedtaget"], row["naeste_revision"]) == (
        None,  # "Eksempelby Kommune" is not one of the 98 municipalities
        "3. marts 2025",
        "marts 2029",
    )


def test_recursive_takes_sub_folders_and_exit_codes(folder):
    r = nsk("check-plan", folder, "--recursive", "-f", "json")
    names = [Path(p["file"]).name for p in json.loads(r.stdout)["plans"]]
    assert "soendby.md" in names and r.exit_code == 2
    (folder / "ødelagt.pdf").unlink()
    assert nsk("check-plan", folder, "-f", "json").exit_code == 1  # nordby misses legal requirements
    assert nsk("check-plan", folder / "eksempelby.md", folder / "eksempelby.md").exit_code == 0


def test_csv_has_one_row_per_plan(folder):
    r = nsk("check-plan", folder, "-f", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0][:5] == ["Fil", "Kommune", "Titel", "Vedtaget", "Næste revision"]
    assert (
        rows[0][-2:] == ["God praksis", "Fejl"] and "Social kontrol og æresrelaterede konflikter" in rows[0]
    )
    assert not any("_" in h for h in rows[0])  # plain Danish names, no internal ids
    assert len(rows) == 4
    eks = rows[1]
    assert eks[1] == "" and eks[rows[0].index("Vedtagelse")] == "OK"
    assert re.fullmatch(r"\d+/\d+", eks[rows[0].index("God praksis")])
    assert "beskadiget" in rows[3][-1]


def test_html_is_sortable_and_offline(folder):
    r = nsk("check-plan", folder, "-f", "html")
    page = r.stdout
    assert page.startswith("<!doctype html>") and '<table id="oversigt">' in page
    assert "localeCompare" in page and "aria-sort" in page  # sorting by a click on a heading
    assert not re.search(r"src=|href=(?!\"#)|@import|url\(|https?://(?!www\.eksempelby)", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert page.count("<tr>") == 4  # header + three files
    assert '<a href="#plan-1">' in page and 'id="plan-1"' in page  # a row links to the plan's report


def test_text_table_and_markdown(folder):
    r = nsk("check-plan", folder)
    flat = " ".join(r.stdout.split())  # the legend may wrap at the terminal's width
    assert "K7 = Social kontrol og æresrelaterede konflikter" in flat
    assert "nsk_og_aere" not in r.stdout
    assert "Kunne ikke tjekkes:" in r.stdout and "3 filer" in r.stdout
    md = nsk("check-plan", folder, "-f", "markdown").stdout
    assert md.startswith("# Oversigt over planer") and md.count("\n| ") == 4


def test_single_file_output_is_unchanged_by_the_overview(tmp_path):
    f = PLANS / "nordby.txt"
    out = json.loads(nsk("check-plan", f, "-f", "json").stdout)
    assert "plans" not in out and out["file"] == str(f)
    assert "Tjek af beredskabsplan" in nsk("check-plan", f).stdout


def test_empty_folder_is_a_usage_error(tmp_path):
    r = nsk("check-plan", tmp_path)
    assert r.exit_code == 2 and "ingen planer" in r.stderr


def test_processes_give_the_same_results_in_the_given_order(folder):
    files = audit.collect([folder], recursive=True)
    rules = ROOT / "rules"
    when = date.fromisoformat(TODAY)
    together = audit.check_all(files, None, when, rules)
    alone = [audit.check_file(f, None, when, rules) for f in files]
    assert together == alone
    assert [r.get("file") or r["report"]["file"] for r in together] == [str(f) for f in files]
