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
        "Inddrag forældrene tidligt i forløbet.",
        "Hvis du er bekymret for en elev, så tal med elevens forældre.",
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
        "Ved akut fare skal medarbejderen kontakte sin leder, som vurderer, om politiet skal kontaktes.",
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
    "Ved akut fare kontakt politiet.",
    "Ved bekymring kontaktes Børn og Familie, som vurderer, om forældrene skal inddrages.",
    "Mægling og familiemøder frarådes, fordi de kan udsætte den unge for fare.",
    "Planen formidles på kurser, temadage og netværksmøder for medarbejdere.",
    "VISO kan hjælpe med en akut risikovurdering.",
    "Familiemedlemmer, der insisterer på at deltage i møder, kan være et bekymringstegn.",
    "Normalt orienteres forældrene om underretningen, men ikke i sager om æresrelaterede konflikter.",
    "Ved akut behov uden for åbningstid kontaktes døgnvagten via politiet på 114.",
    "Ved mistanke om vold i hjemmet kontaktes kommunens børne- og familieafdeling.",
    "Ved trusler om tvangsægteskab kontaktes sikkerhedskonsulenten.",
    "Borgere, der underretter, kan love sig selv anonymitet ved at underrette anonymt.",
    "Du må ikke:\n- kontakte forældrene først\n- love barnet, at det bliver mellem jer",
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


def test_a_list_of_donts_under_a_negating_heading_is_not_a_danger(tmp_path):
    donts = "- Kontakt forældrene først.\n- Lov barnet, at det bliver mellem jer.\n- Arranger et familiemøde."
    assert dangers(tmp_path, donts, "Det må du ikke gøre") == []
    assert len(dangers(tmp_path, donts, "Sådan gør du")) == 3


def test_mediation_described_under_a_specialist_heading_is_not_a_danger(tmp_path):
    assert (
        dangers(tmp_path, "Tilbuddet omfatter rådgivning, mægling og sikkerhedsplaner.", "RED Rådgivning")
        == []
    )


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


# ----------------------------------------------------------------- numbers, municipality, title


def test_a_wrong_viso_number_is_reported_with_the_right_one_and_its_source(tmp_path):
    plan = (
        "# Beredskabsplan\n\n## Samarbejdspartnere\n\n"
        "VISO kan rådgive om risikovurdering, tlf. 72 41 40 00.\n"
        "RED Rådgivning: 70 27 76 86.\n"
        "Etnisk Ung tilbyder rådgivning til unge.\n"
        "Ring til LOKKs hotline på 70 20 30 82.\n"
    )
    _, out = report(tmp_path, plan)
    by_name = {m["name"]: m for m in out["register"]}
    viso = by_name["VISO"]
    assert (viso["found"], viso["known"], viso["line"]) == ("72 41 40 00", "72 42 40 00", 5)
    assert viso["source"].startswith("https://www.sbst.dk/")
    assert "RED" not in by_name  # the number nsk knows
    assert "RED" in by_name["Etnisk Ung"]["known"] and "Lev Uden Vold" in by_name["LOKK's hotline"]["known"]
    text = nsk("check-plan", tmp_path / "plan.md").stdout
    assert "planen har 72 41 40 00, nsk kender 72 42 40 00" in " ".join(text.split())


def test_municipality_is_one_of_the_98_named_most_often(tmp_path):
    plan = (
        "Beredskabsplan mod negativ social kontrol\n\n"
        "Faxe Kommune samarbejder i Infohus Kommune. Infohus Kommune mødes hver måned, og Infohus "
        "Kommune giver anbefalinger. Faxe Kommunes medarbejdere kan kontakte Ishøj Kommune.\n"
    )
    _, out = report(tmp_path, plan, "plan.txt")
    assert out["kommune"] == "Faxe" and out["title"] == "Beredskabsplan mod negativ social kontrol"


@pytest.mark.parametrize("first", ["Forord", "1. Introduktion", "Indholdsfortegnelse", "# Indledning"])
def test_a_section_heading_is_never_a_title(tmp_path, first):
    _, out = report(tmp_path, f"{first}\n\nDenne beredskabsplan gælder for Ishøj Kommune.\n", "plan.md")
    assert out["title"] == "" and out["kommune"] == "Ishøj"


@needs_seeds
def test_overview_json_names_ishoj_and_faxe(tmp_path):
    r = nsk("check-plan", ISHOJ, FAXE, "-f", "json")
    rows = json.loads(r.stdout)["summary"]["oversigt"]
    assert [row["kommune"] for row in rows] == ["Ishøj", "Faxe"]
    assert all(row["title"] in ("",) or "Forord" not in row["title"] for row in rows)
    plans = json.loads(r.stdout)["plans"]
    assert [p["kommune"] for p in plans] == ["Ishøj", "Faxe"]


# ----------------------------------------------------------------- what is missing and where it goes


def test_partial_names_the_missing_elements_and_where_they_belong(tmp_path):
    plan = (
        "# Beredskabsplan\n\n## Indledning\n\nPlanen beskriver kommunens arbejde.\n\n"
        "## Samarbejdspartnere\n\nKommunen samarbejder med SSP, sikkerhedskonsulenterne, VISO og politiet "
        "om sager om negativ social kontrol.\n\n## Akutte situationer\n\n"
        "Ved akut fare bringes personen et sikkert sted hen.\n"
    )
    _, out = report(tmp_path, plan)
    q = {x["id"]: x for x in out["requirements"]}
    assert q["samarbejdspartnere"]["status"] == "ok"
    assert q["akut"]["status"] == "partial" and q["akut"]["note"].startswith("Mangler: 112")
    assert q["akut"]["missing"] == ["112"]
    assert q["akut"]["where"] == {
        "heading": "Akutte situationer",
        "page": None,
        "line": 11,
        "position": "under",
    }
    assert q["definitioner"]["where"]["position"] in ("after", "before")
    text = " ".join(nsk("check-plan", tmp_path / "plan.md").stdout.split())
    assert (
        "Mangler: 112" in text and "Hører hjemme: under overskriften “Akutte situationer” (linje 11)" in text
    )
    assert "nyt afsnit" in text
    assert "nsk plan template --kind beredskabsplan" in text  # three or more legal requirements missing


def test_partners_partial_names_the_missing_partners(tmp_path):
    _, out = report(tmp_path, "# Plan\n\n## Samarbejde\n\nKommunen samarbejder med SSP, VISO og politiet.\n")
    q = {x["id"]: x for x in out["requirements"]}["samarbejdspartnere"]
    assert q["status"] == "partial" and q["missing"] == ["sikkerhedskonsulenterne", "RED", "krisecentre"]


def test_no_template_pointer_when_fewer_than_three_legal_requirements_are_missing():
    out = json.loads(nsk("check-plan", PLANS / "eksempelby.md", "-f", "json").stdout)
    assert out["template"] is None
    assert "plan template" not in nsk("check-plan", PLANS / "eksempelby.md").stdout


def test_text_report_has_no_internal_ids(tmp_path):
    text = nsk("check-plan", PLANS / "nordby.txt").stdout
    for rid in ("forebyggelse_opsporing_haandtering", "nsk_og_aere", "uden_for_aabningstid", "boern "):
        assert rid not in text
    assert "Lovkrav ikke opfyldt: Vedtagelse, Offentliggørelse" in " ".join(text.split())


def test_template_uses_plan_headings_with_the_requirement_as_a_comment():
    t = nsk("plan", "template", "--kind", "beredskabsplan").stdout
    for heading in ("## Definitioner", "## Tegn på bekymring", "## Akutte situationer", "## Om planen"):
        assert heading in t
    assert "## Planen oplyser" not in t  # no requirement sentences as headings
    assert "<!-- Definitioner af negativ social kontrol" in t


# ----------------------------------------------------------------- HTML that reads as a page


def _widths(browser, path: Path, width: int = 1280) -> tuple[int, str]:
    pg = browser.new_page(viewport={"width": width, "height": 900})
    pg.goto(path.as_uri())
    w = pg.evaluate("document.documentElement.scrollWidth")
    text = pg.inner_text("body")
    pg.close()
    return w, text


def test_html_of_one_plan_is_the_full_report_and_fits_1280(browser, tmp_path):
    out = tmp_path / "rapport.html"
    r = nsk("check-plan", PLANS / "nordby.txt", "-f", "html", "-o", out)
    assert r.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "1 fil" in page and "1 filer" not in page
    width, text = _widths(browser, out)
    assert width <= 1280
    assert "Forslag:" in text and "linje 3" in text and "Hører hjemme" in text
    assert "nsk_og_aere" not in text and "forebyggelse_opsporing_haandtering" not in text
    assert 'title="nsk_og_aere"' in page  # the id only as a tooltip and anchor


def test_html_overview_fits_1280_and_links_each_row(browser, tmp_path):
    folder = tmp_path / "planer"
    folder.mkdir()
    for f in PLANS.glob("*.*"):
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "en-plan-med-et-meget-langt-filnavn-som-ikke-må-gøre-siden-bredere-end-skærmen.txt").write_text(
        "Beredskabsplan for Faxe Kommune. Ved vold ring til skolens kontor.\n", encoding="utf-8"
    )
    out = tmp_path / "oversigt.html"
    nsk("check-plan", folder, "-f", "html", "-o", out)
    width, text = _widths(browser, out)
    assert width <= 1280, width
    assert "Farlige anvisninger" in text and "skolens kontor" in text
    page = out.read_text(encoding="utf-8")
    assert page.count('<a href="#plan-') == 3 and page.count('<section id="plan-') == 3


# ----------------------------------------------------------------- accuracy: forms real plans use

DEFINITIONS_LIST = """# Beredskabsplan

## Definitioner

- Negativ social kontrol: handlinger og sanktioner, der i væsentlig grad begrænser et menneskes valg.
- Æresrelaterede konflikter: konflikter i nære familierelationer, hvor familiens ære opfattes som krænket.
"""
DEFINITIONS_HEADINGS = """Beredskabsplan

Definitioner

Negativ social kontrol
Handlinger, styring, kontrol og sanktioner, der begrænser den enkeltes valg og rettigheder.

Æresrelaterede konflikter
Konflikter i nære familierelationer, der skyldes en opfattelse af, at familiens ære er krænket.
"""
SIGNS = """# Beredskabsplan

## Bekymringstegn

- Højt fravær
- Isolation fra venner
- Dobbeltliv
- Familiemedlemmer insisterer på at deltage i møder
"""
ACUTE = """# Beredskabsplan

## Akut

- Bring personen i sikkerhed
- Ring 112
- Bed om politiets ressourceperson for æresrelaterede konflikter
"""
TOC = """Beredskabsplan mod negativ social kontrol

Indholdsfortegnelse
1. Indledning 3
2. Bekymringstegn 4
3. Handlevej 5

1. Indledning
Planen beskriver kommunens arbejde med negativ social kontrol i skoler og klubber.
"""


@pytest.mark.parametrize(
    ("text", "name", "rid", "expected"),
    [
        (DEFINITIONS_LIST, "plan.md", "definitioner", "ok"),
        (DEFINITIONS_HEADINGS, "plan.txt", "definitioner", "ok"),
        (SIGNS, "plan.md", "bekymringstegn", "ok"),
        (ACUTE, "plan.md", "akut", "ok"),
        (TOC, "plan.txt", "bekymringstegn", "partial"),  # the table of contents is only a mention
        ("Beredskabsplan\n\nKommunen arbejder med at forebygge, at opdage og at håndtere sagerne.\n", "p.txt",
         "forebyggelse_opsporing_haandtering", "ok"),
        ("Beredskabsplan\n\nUnderretning sker efter servicelovens § 19, stk. 4.\n", "p.txt",
         "foraeldede_henvisninger", "partial"),
        ("Beredskabsplan\n\nOpdateret marts 2023.\n", "p.txt", "revision", "ok"),
        ("Beredskabsplan\n\nOpdateret marts 2021.\n", "p.txt", "revision", "partial"),
        ("Beredskabsplan\n\nSidst opdateret 4/11 2025\n", "p.txt", "revision", "missing"),  # a page footer
    ],
    ids=["def-list", "def-headings", "signs-list", "acute-list", "toc", "opdage", "sel-19-4", "opdateret",
         "opdateret-old", "footer"],
)  # fmt: skip
def test_plain_sections_and_phrasings(tmp_path, text, name, rid, expected):
    _, out = report(tmp_path, text, name)
    q = {x["id"]: x for x in out["requirements"]}[rid]
    assert q["status"] == expected, q


def test_an_action_plan_for_an_adult_gets_the_mediation_and_acute_dangers(tmp_path):
    plan = (
        "# Handleplan efter servicelovens § 12 a\n\n## Sikkerhed\n\n"
        "Ved vold ring til jobcentrets reception.\n"
        "Sagsbehandleren kan arrangere et familiemøde med ægtefællen.\n"
    )
    f = tmp_path / "handleplan.md"
    f.write_text(plan, encoding="utf-8")
    r = nsk("check-plan", f, "-f", "json")
    out = json.loads(r.stdout)
    assert out["kind"] == "handleplan" and r.exit_code == 1
    assert [(d["line"], d["id"]) for d in out["dangers"]] == [(5, "akut_ikke_112"), (6, "maegling")]


def test_a_list_of_what_the_plan_covers_is_only_a_mention(tmp_path):
    plan = (
        "Beredskabsplan\n\nDenne beredskabsplan skal medvirke til, at medarbejdere ved:\n"
        "• Hvilke bekymringstegn de skal være opmærksomme på\n• Hvem de skal kontakte\n"
    )
    _, out = report(tmp_path, plan, "plan.txt")
    q = {x["id"]: x for x in out["requirements"]}["bekymringstegn"]
    assert q["status"] == "partial" and "indholdsfortegnelsen" in q["note"]


@needs_seeds
def test_ishoj_signs_are_evidenced_by_the_signs_not_by_the_plans_contents_list():
    out = json.loads(nsk("check-plan", ISHOJ, "-f", "json").stdout)
    q = {x["id"]: x for x in out["requirements"]}["bekymringstegn"]
    assert q["status"] == "ok" and "Hvilke bekymringstegn" not in q["evidence"][0]["text"]


def test_a_danger_with_an_unknown_concept_is_a_data_error(rules_copy):
    path = rules_copy / "krav" / "beredskabsplan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("{all: [love, hemmelig, barnet]}", "{all: [love, hemmelig, barnt]}"), "utf-8"
    )
    r = nsk("check-plan", PLANS / "nordby.txt", "--rules-dir", rules_copy)
    assert r.exit_code == 2 and "ukendt begreb 'barnt'" in r.stderr and "beredskabsplan.yaml" in r.stderr
