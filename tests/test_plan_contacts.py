"""check-plan --kontakter: a municipality's own contacts read from its own plan, written as a
contacts file that --contacts-dir reads. The fixture plans are our own, written in the forms
published plans use (tables, "tlf.", "Telefon:", numbers with and without spaces, several units);
the numbers in them are made up for the test and belong to nobody."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from conftest import SEEDS
from nsk_cli.cli import app

runner = CliRunner()
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")

PLAN = """\
Beredskabsplan for forebyggelse, opsporing og håndtering af negativ social kontrol
Lemvig Kommune
Vedtaget af byrådet 12. marts 2025

1. Indledning
Lemvig Kommune vil sikre, at alle medarbejdere ved, hvad de skal gøre. Jf. retsplejelovens § 114
og side 112 i vejledningen.

5. Kontakt og handleveje

Bekymring for et barn eller en ung under 18 år
Fagpersoner underretter til Børne- og Familierådgivningen, tlf. 11 11 22 22, mail: bfr@lemvig.dk
Telefontid: mandag-torsdag kl. 8.00-15.00, fredag kl. 8.00-13.00

Uden for åbningstid
Kontakt Socialvagten på telefon: 11112299 (hele døgnet)

Voksne over 18 år
Voksenrådgivningen
Tlf. +45 1111 4000
voksenraad@lemvig.dk

| Enhed | Telefon | Mail |
| SSP-koordinator | 11 11 55 55 | ssp@lemvig.dk |
| Ressourceperson på skoleområdet | 1111 6789 | |

Øvrige numre: 11 22 33 44
Sikkerhedskonsulenterne kan kontaktes på 20 36 50 66.
VISO: 72 41 40 00
Eksempel på journalnummer 0102031234 og CPR 010203-1234 er ikke telefonnumre.
"""


def nsk(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "beredskabsplan-lemvig.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _read(folder, kommune):
    import yaml

    return yaml.safe_load((folder / "kommuner" / f"{kommune}.yaml").read_text(encoding="utf-8"))


def test_a_plan_in_the_forms_plans_use_gives_a_contacts_file(plan, tmp_path):
    out = tmp_path / "kontakter"
    r = nsk("check-plan", plan, "--kontakter", out, "--today", "2026-12-01", "-f", "json")
    assert r.exit_code in (0, 1), r.output
    data = _read(out, "lemvig")
    assert data["kommune"] == "lemvig"
    by_number = {p["number"]: c for c in data["contacts"] for p in c.get("phone", [])}
    child = by_number["11 11 22 22"]
    assert child["roles"][0] == "underretning" and child["email"] == "bfr@lemvig.dk"
    assert child["name"] == "Børne- og Familierådgivningen"
    assert child["hours"] == {"man-tor": "08:00-15:00", "fre": "08:00-13:00"}
    assert by_number["11 11 22 99"]["roles"] == ["uden_for_aabningstid"]
    assert by_number["11 11 22 99"]["hours"] == "døgnet rundt"
    adults = by_number["+45 11 11 40 00"]
    assert adults["roles"] == ["voksne"] and adults["email"] == "voksenraad@lemvig.dk"
    assert adults["name"] == "Voksenrådgivningen"
    assert (
        by_number["11 11 55 55"]["roles"] == ["ssp"] and by_number["11 11 55 55"]["email"] == "ssp@lemvig.dk"
    )
    assert by_number["11 11 67 89"]["roles"] == ["ressourceperson"]
    for c in data["contacts"]:
        assert c["trust"] == "kommunens_plan"
        assert c["source"][0].startswith("beredskabsplan-lemvig.txt, linje ")
        assert c["page_date"] == "12. marts 2025"
    # never a role for a number the plan does not describe; never a national number copied
    assert "11 22 33 44" not in by_number and "20 36 50 66" not in by_number
    assert "72 41 40 00" not in by_number
    assert not any(n in by_number for n in ("114", "112", "01 02 03 12", "10 20 31 23"))
    assert "Kunne ikke placeres" in r.stderr and "11 22 33 44" in r.stderr
    assert "72 41 40 00 (ser ud til at være et nationalt tilbud)" in r.stderr
    assert "Sikkerhedskonsulenterne" in r.stderr and "Skrevet til" in r.stderr


def test_guide_and_contacts_use_the_plans_numbers(plan, tmp_path):
    out = tmp_path / "kontakter"
    nsk("check-plan", plan, "--kontakter", out, "--today", "2026-12-01")
    r = nsk("guide", "--contacts-dir", out, "-k", "lemvig", "-a", "akut=nej", "-a", "alder=barn",
            "-a", "rolle=fagperson", "-f", "json")  # fmt: skip
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)
    plan_contacts = [c for c in result["contacts"] if c["trust"] == "kommunens_plan"]
    assert any(p["number"] == "11 11 22 22" for c in plan_contacts for p in c["phone"])
    assert any(s.startswith("beredskabsplan-lemvig.txt") for c in plan_contacts for s in c["source"])
    r = nsk("contacts", "--contacts-dir", out, "-k", "lemvig", "--role", "underretning", "-f", "json")
    assert [c["name"] for c in json.loads(r.stdout)] == ["Børne- og Familierådgivningen"]
    env = {"NSK_CONTACTS_DIR": str(out)}
    r = nsk("contacts", "-k", "lemvig", "--role", "uden_for_aabningstid", "-f", "json", env=env)
    assert json.loads(r.stdout)[0]["phone"][0]["number"] == "11 11 22 99"


def test_the_file_is_not_overwritten_without_force(plan, tmp_path):
    out = tmp_path / "kontakter"
    assert nsk("check-plan", plan, "--kontakter", out).exit_code in (0, 1)
    r = nsk("check-plan", plan, "--kontakter", out)
    assert r.exit_code == 2 and "findes allerede" in r.stderr
    assert nsk("check-plan", plan, "--kontakter", out, "--force").exit_code in (0, 1)


def test_bad_uses_of_kontakter_exit_2(plan, tmp_path):
    r = nsk("check-plan", tmp_path, "--kontakter", tmp_path / "ud")
    assert r.exit_code == 2 and "én plan ad gangen" in r.stderr
    r = nsk("check-plan", plan, "--kontakter", plan)
    assert r.exit_code == 2 and "skal være en mappe" in r.stderr
    r = nsk("check-plan", plan, "--kontakter", tmp_path / "ud", "--kommune", "Lemvik")
    assert r.exit_code == 2 and "Lemvig" in r.stderr
    nameless = tmp_path / "plan.txt"
    nameless.write_text("Beredskabsplan\nUnderretning: tlf. 11 11 22 22\n", encoding="utf-8")
    r = nsk("check-plan", nameless, "--kontakter", tmp_path / "ud")
    assert r.exit_code == 2 and "angiv --kommune" in r.stderr
    r = nsk("check-plan", nameless, "--kontakter", tmp_path / "ud", "--kommune", "Lemvig")
    assert r.exit_code in (0, 1) and (tmp_path / "ud" / "kommuner" / "lemvig.yaml").exists()


def test_the_contacts_file_is_private_and_masks_nothing_it_did_not_read(plan, tmp_path):
    out = tmp_path / "kontakter"
    nsk("check-plan", plan, "--kontakter", out)
    path = out / "kommuner" / "lemvig.yaml"
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0
    assert "010203" not in path.read_text(encoding="utf-8")


@needs_seeds
def test_ishoj_plan_gives_what_nsk_holds_from_it(tmp_path):
    out = tmp_path / "k"
    r = nsk("check-plan", SEEDS / "003_8bd056b2af1c9a39.txt", "--kontakter", out)
    assert r.exit_code in (0, 1), r.output
    got = {c["id"]: c for c in _read(out, "ishoj")["contacts"]}
    assert got["ishoj_straxen"]["phone"][0]["number"] == "43 57 75 78"
    assert got["ishoj_straxen"]["email"] == "Underretninger@ishoj.dk"
    assert "underretning" in got["ishoj_straxen"]["roles"] and "sparring" in got["ishoj_straxen"]["roles"]
    assert (
        got["ishoj_cvv"]["phone"][0]["number"] == "43 57 69 95"
        and got["ishoj_cvv"]["email"] == "CVV@ishoj.dk"
    )
    assert got["ishoj_doegnvagt"]["phone"][0]["number"] == "114"
    assert got["ishoj_doegnvagt"]["roles"] == ["uden_for_aabningstid"]
    assert all(c["page_date"] == "April 2024" for c in got.values())


@needs_seeds
def test_faxe_plan_gives_its_ssp_and_intake_pages_and_no_national_number(tmp_path):
    out = tmp_path / "k"
    r = nsk("check-plan", SEEDS / "004_4e087674201dfd20.txt", "--kontakter", out)
    assert r.exit_code in (0, 1), r.output
    got = {c["id"]: c for c in _read(out, "faxe")["contacts"]}
    assert got["faxe_ssp_infohus"]["url"] == "https://sspguidefaxe.dk/"
    assert got["faxe_fronten"]["url"].startswith("https://www.faxekommune.dk/")
    assert not any(c.get("phone") for c in got.values())  # Faxe's plan prints only national numbers
    assert "RED Rådgivning: 70 27 76 86" in r.stderr


def test_a_docx_plan_with_a_contacts_table(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Beredskabsplan – Lemvig Kommune", 0)
    d.add_paragraph("Lemvig Kommune, opdateret marts 2025")
    d.add_heading("Kontakt ved bekymring", 1)
    table = d.add_table(rows=3, cols=3)
    rows = [
        ("Enhed", "Telefon", "Åbent"),
        ("Modtagelsen, Børn og Familie", "1111 2222", "man-fre kl. 9-14"),
        ("Socialvagten (aften og weekend)", "11 11 22 99", ""),
    ]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    path = tmp_path / "plan.docx"
    d.save(path)
    out = tmp_path / "k"
    r = nsk("check-plan", path, "--kontakter", out)
    assert r.exit_code in (0, 1), r.output
    got = {p["number"]: c for c in _read(out, "lemvig")["contacts"] for p in c.get("phone", [])}
    assert got["11 11 22 22"]["roles"] == ["underretning"]
    assert got["11 11 22 22"]["hours"] == {"man-fre": "09:00-14:00"}
    assert got["11 11 22 99"]["roles"] == ["uden_for_aabningstid"]
    assert got["11 11 22 22"]["page_date"] == "marts 2025"


def test_a_pdf_plan_cites_page_and_line(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for text in ["Beredskabsplan", "Lemvig Kommune", "", "Indledning og formål med planen."]:
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    for text in ["Kontakt", "Underretninger om børn og unge sendes til Familieafdelingen,",
                 "telefon: 11 11 33 33, e-mail: familie@lemvig.dk"]:  # fmt: skip
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "plan.pdf"
    pdf.output(str(path))
    out = tmp_path / "k"
    r = nsk("check-plan", path, "--kontakter", out)
    assert r.exit_code in (0, 1), r.output
    (c,) = _read(out, "lemvig")["contacts"]
    assert c["phone"] == [{"number": "11 11 33 33"}] and c["email"] == "familie@lemvig.dk"
    assert c["roles"] == ["underretning"] and c["name"] == "Familieafdelingen"
    assert c["source"][0].startswith("plan.pdf, side 2, linje ")
