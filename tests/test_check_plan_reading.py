"""check-plan reads plans like a reviewer (issue 12, items 1-6).

Every sentence here is our own, written in the forms published plans use (see the README's
"Tjek en plan"): label-and-colon adoption lines, "på møde" dates, verb-first scope clauses,
compounds, headings with steps below them, tables of contents, target-group statements, link
titles, quoted law, negations, hedges and stale dates. Each case asserts the verdict and the
evidence (or the note that explains a verdict that is not ok).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from nsk_cli.cli import app
from nsk_cli.plan import checks, document

TODAY = date(2026, 11, 22)
B, H = "beredskabsplan", "handleplan"


@pytest.fixture(scope="module")
def sets():
    return checks.load_sets(ROOT / "rules")


def finding(sets, kind: str, text: str, rid: str, markdown: bool = False):
    raw = text.split("\n")
    heads = {i for i, t in enumerate(raw) if markdown and t.startswith("#")}
    lines = [
        document.Line(None, i + 1, t.lstrip("#").strip() if i in heads else t, i in heads)
        for i, t in enumerate(raw)
        if t.strip()
    ]
    doc = document.Document("x.md", lines, "md").build()
    report = checks.check(doc, sets[kind], TODAY)
    return next(f for f in report.findings if f.id == rid), report


# (failure class, kind, text, requirement, status, evidence or note that must appear)
CASES = [
    # 1. sentence splitting: abbreviations and ordinal dates
    ("1-kolon", B, "Vedtaget: 24. juni 2024 af Eksempelby Byråd", "vedtaget", "ok", "24. juni 2024"),
    (
        "1-paa-moede",
        B,
        "Beredskabsplanen er vedtaget af Eksempelby Byråd på møde 4. februar 2025 som punkt 7.",
        "vedtaget",
        "ok",
        "4. februar 2025",
    ),
    (
        "1-jf-bl-a",
        B,
        "Planen er jf. bl.a. dagsordenens pkt. 4 godkendt af Byrådet den 9. april 2025.",
        "vedtaget",
        "ok",
        "pkt. 4",
    ),
    (
        "1-stk",
        B,
        "Revision af beredskabet efter barnets lov § 15, stk. 3 finder sted i maj 2028.",
        "revision",
        "ok",
        "maj 2028",
    ),
    (
        "1-kap",
        B,
        "Radikalisering, jf. kap. 5, er beskrevet i kommunens Infohus-strategi.",
        "ekstremisme",
        "ok",
        "kap. 5",
    ),
    # 2. word order and word forms
    (
        "2-verbum-foerst",
        B,
        "Her beskriver vi, hvordan vi forebygger og håndterer bekymringer om ekstremisme.",
        "ekstremisme",
        "ok",
        "bekymringer om ekstremisme",
    ),
    (
        "2-titel",
        B,
        "Beredskabsplan for forebyggelse, opsporing, og håndtering af negativ social kontrol, "
        "æresrelaterede konflikter og ekstremisme",
        "ekstremisme",
        "ok",
        "og ekstremisme",
    ),
    (
        "2-boernesamtale",
        B,
        "Ved mistanke holdes en børnesamtale uden forældrenes viden og tilstedeværelse.",
        "samtale_uden_foraeldre",
        "ok",
        "børnesamtale",
    ),
    (
        "2-stykke",
        B,
        "Barnet kan høres efter barnets lov § 137 stykke 2.",
        "samtale_uden_foraeldre",
        "ok",
        "stykke 2",
    ),
    (
        "2-sikkerhedssituation",
        B,
        "Ved en akut sikkerhedssituation ringer medarbejderen straks 112.",
        "akut",
        "ok",
        "sikkerhedssituation",
    ),
    (
        "2-aeresmotiverede",
        B,
        "Negativ social kontrol er handlinger, der begrænser den enkeltes frihed. "
        "Æresmotiverede konflikter dækker over konflikter om familiens ære.",
        "definitioner",
        "ok",
        "Æresmotiverede",
    ),
    ("2-SEL", B, "Samtalen holdes efter SEL § 50 stykke 3.", "foraeldede_henvisninger", "partial", "SEL"),
    # 4. mentions give at most partial
    (
        "4-indhold",
        B,
        "Planen indeholder afsnit om definitioner, bekymringstegn og handleveje.",
        "bekymringstegn",
        "partial",
        "oversigt over planens indhold",
    ),
    (
        "4-maalgruppe",
        B,
        "Planen henvender sig til medarbejdere med kontakt til børn og unge under 18 år.",
        "boern",
        "partial",
        "hvem planen henvender sig til",
    ),
    (
        "4-link",
        B,
        "[Beredskabsplan mod ekstremisme og radikalisering](https://www.eksempelby.dk/ekstremisme)",
        "ekstremisme",
        "partial",
        "linktekst",
    ),
    (
        "4-lov",
        B,
        "Det fastslås i barnets lov § 15 stk. 3 at: Kommunalbestyrelsen skal udarbejde et beredskab "
        "til forebyggelse, opsporing og håndtering af negativ social kontrol.",
        "forebyggelse_opsporing_haandtering",
        "partial",
        "gengivelse af loven",
    ),
    # 5. negation, hedging and time
    (
        "5-ikke",
        B,
        "Beredskabsplanen er endnu ikke vedtaget af Byrådet den 3. marts 2025.",
        "vedtaget",
        "missing",
        "benægtende",
    ),
    ("5-ingen", B, "Kommunen har ingen plan mod ekstremisme.", "ekstremisme", "missing", "benægtende"),
    (
        "5-forventes",
        B,
        "Beredskabsplanen forventes vedtaget af kommunalbestyrelsen i juni 2025.",
        "vedtaget",
        "missing",
        "ikke endeligt",
    ),
    (
        "5-fremtid",
        B,
        "Beredskabsplanen er vedtaget af Byrådet den 3. marts 2027.",
        "vedtaget",
        "partial",
        "ligger efter i dag",
    ),
    (
        "5-fire-aar",
        B,
        "Beredskabsplanen blev vedtaget af Byrådet i 2019. Næste revision finder sted i 2035.",
        "revision",
        "partial",
        "mere end 4 år før 2026-11-22",
    ),
    (
        "5-politisk-vedtaget",
        B,
        "Beredskabsplanen er politisk godkendt i december 2023.",
        "vedtaget",
        "partial",
        "planen oplyser ikke, at det er kommunalbestyrelsen",
    ),
    (
        "5-politisk-revision",
        B,
        "Beredskabsplanen er politisk godkendt i december 2023.",
        "revision",
        "ok",
        "december 2023",
    ),
    (
        "5-overgrebsplan",
        B,
        "Planen er udarbejdet efter Barnets Lov § 15, stk. 2 og godkendt af Byrådet den 2. oktober 2024.",
        "vedtaget",
        "partial",
        "beredskabet mod overgreb",
    ),
    # 6. the legal requirements themselves
    (
        "6-kun-ekstremisme",
        B,
        "Beredskabsplan mod ekstremisme. Kommunen forebygger og håndterer ekstremisme blandt unge.",
        "nsk_og_aere",
        "missing",
        "",
    ),
    (
        "6-nsk-og-aere",
        B,
        "Kommunen forebygger og håndterer negativ social kontrol og æresmotiverede konflikter "
        "blandt børn, unge og deres familier.",
        "nsk_og_aere",
        "ok",
        "æresmotiverede",
    ),
    (
        "6-kraenkelser-uden-familier",
        B,
        "Beredskabsplan om negativ social kontrol og æresrelaterede krænkelser blandt voksne.",
        "nsk_og_aere",
        "partial",
        "2 af 3",
    ),
    ("6-oplyser-ikke", B, "Beredskabsplan for Eksempelby.", "vedtaget", "missing", "planen oplyser ikke"),
    ("6-krisecenter", H, "Handleplan. Borgeren bor på krisecenter.", "anden_stoette", "missing", ""),
    (
        "6-uden-formaal",
        H,
        "Handleplan. Borgeren tilbydes et psykologforløb.",
        "anden_stoette",
        "partial",
        "ikke formålet",
    ),
    (
        "6-med-formaal",
        H,
        "Handleplan. Borgeren tilbydes et psykologforløb med det formål at bearbejde truslerne.",
        "anden_stoette",
        "ok",
        "formål",
    ),
]


@pytest.mark.parametrize(
    ("kind", "text", "rid", "expected", "needle"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_reading_classes(sets, kind, text, rid, expected, needle):
    f, _ = finding(sets, kind, text, rid)
    shown = " ".join([f.note or ""] + [e.text for e in f.evidence])
    assert f.status == expected, (f.status, shown)
    assert needle in shown, shown


# ----------------------------------------------------------------- 3. headings scope the text below

UNDER_18 = (
    "# Beredskabsplan\n## Under 18 år\n1. Drøft bekymringen med din leder samme dag.\n"
    "2. Ring til Børnerådgivningen på 12 34 56 78."
)


def test_heading_with_steps_is_a_route_for_children(sets):
    f, _ = finding(sets, B, UNDER_18, "boern", markdown=True)
    assert f.status == "ok"
    e = f.evidence[0]
    assert e.heading == "Under 18 år" and e.line == 3 and "Drøft bekymringen" in e.text


@pytest.mark.parametrize(
    ("text", "rid"),
    [
        ("# Beredskabsplan\n## Under 18 år\nSe ovenfor.\n## Voksne\nVoksne kan ringe til os.", "boern"),
        ("# Beredskabsplan\n## Ekstremisme\nSe ovenfor.\n## Kontakt\nRing 12 34 56 78.", "ekstremisme"),
    ],
)
def test_bare_heading_does_not_count(sets, text, rid):
    f, _ = finding(sets, B, text, rid, markdown=True)
    assert f.status == "missing" and "står uden indhold" in (f.note or "")


def test_heading_is_shown_with_the_evidence(tmp_path):
    p = tmp_path / "plan.md"
    p.write_text(UNDER_18 + "\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["check-plan", str(p), "--today", "2026-11-22", "-f", "markdown"])
    assert "linje 3, under overskriften “Under 18 år”: “1. Drøft bekymringen" in r.stdout
    r = CliRunner().invoke(app, ["check-plan", str(p), "--today", "2026-11-22", "-f", "json"])
    boern = next(q for q in json.loads(r.stdout)["requirements"] if q["id"] == "boern")
    assert boern["evidence"][0]["heading"] == "Under 18 år"


# ----------------------------------------------------------------- traps


def test_abuse_plan_under_stk_2_is_named_in_a_warning(sets):
    _, report = finding(sets, B, "Beredskabsplan efter barnets lov § 15, stk. 2 om overgreb.", "vedtaget")
    assert any("§ 15, stk. 2" in w for w in report.warnings)
    _, report = finding(sets, B, "Beredskabsplan efter barnets lov §15, stk. 3 og § 15, stk. 2.", "vedtaget")
    assert not any("§ 15, stk. 2" in w for w in report.warnings)  # "§15" without a space is stk. 3


def test_unnamed_separate_extremism_plan_is_partial_and_a_named_one_ok(sets):
    f, _ = finding(sets, B, "Ekstremisme er beskrevet i en særskilt plan.", "ekstremisme")
    assert f.status == "partial" and "uden at nævne den" in f.note
    named = "For bekymringstegn henvises til den særskilte beredskabsplan mod ekstremisme og radikalisering."
    f, _ = finding(sets, B, named, "ekstremisme")
    assert f.status == "ok"


def test_page_footer_date_is_not_a_revision(sets):
    f, _ = finding(sets, B, "Beredskabsplan\nSidst opdateret 4/11 2025", "revision")
    assert f.status == "missing"


def test_extremism_only_in_a_list_of_warning_signs_is_not_coverage(sets):
    text = (
        "Bekymringstegn:\n• Pludselig isolation\n• Radikalisering eller ekstremisme: fx opfordring til vold"
    )
    f, _ = finding(sets, B, text, "ekstremisme")
    assert f.status == "missing"
