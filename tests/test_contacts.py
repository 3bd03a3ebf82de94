"""Contacts: search folding, overrides, opening hours, vCard, freshness and bad files."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app
from nsk_cli.contacts import model as contacts

runner = CliRunner()


def nsk(*args):
    return runner.invoke(app, list(args))


# ----------------------------------------------------------------- search


@pytest.mark.parametrize("query", ["aeres", "æres", "AERES", "Æres"])
def test_search_folds_case_and_danish_letters(data, query):
    ids = [c.id for c in data.contacts.search(query)]
    teams = [f"sikkerhedskonsulenterne_{t}" for t in ("kobenhavn", "aarhus", "odense", "aalborg")]
    assert ids[:7] == [*teams, "red_raadgivning", "red_hotline", "red_safehouse"]


def test_short_words_match_word_starts_only(data):
    found = [c.id for c in data.contacts.search("RED")]
    # by name first; then those naming RED in notes
    assert found[:3] == ["red_raadgivning", "red_hotline", "red_safehouse"]
    assert all("beredskab" not in data.contacts.contacts[i].haystack() or "red" in i for i in found[:3])


def test_ascii_spelling_finds_danish_letters(data):
    assert [c.id for c in data.contacts.search("ishoj straxen")] == ["ishoj_straxen"]


def test_kommune_first_then_national_and_role_filter(data):
    ids = [c.id for c in data.contacts.search(None, kommune="ishoj")]
    assert ids[:3] == ["ishoj_straxen", "ishoj_cvv", "ishoj_doegnvagt"]
    assert all(not i.startswith(("faxe_", "hvidovre_")) for i in ids)
    assert [c.id for c in data.contacts.search(None, role="krisecenter")] == [
        "red_safehouse",
        "lev_uden_vold",
    ]


# ----------------------------------------------------------------- hours


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2026-11-23T08:59", False),  # Monday before nine
        ("2026-11-23T09:00", True),
        ("2026-11-27T14:59", True),  # Friday
        ("2026-11-27T15:00", False),  # closes at 15:00
        ("2026-11-21T10:00", False),  # Saturday
        ("2026-11-22T12:00", False),  # Sunday
    ],
)
def test_weekday_hours(when, expected):
    hours = contacts.parse_hours({"man-fre": "09:00-15:00"})
    assert hours.is_open(datetime.fromisoformat(when)) is expected


def test_hours_across_midnight_and_lists():
    h = contacts.parse_hours({"fre,lør": "22:00-02:00", "søn": "10:00-12:00, 13:00-14:00"})
    assert h.is_open(datetime(2026, 11, 27, 23, 30))  # Friday night
    assert h.is_open(datetime(2026, 11, 28, 1, 59))  # after midnight, into Saturday
    assert not h.is_open(datetime(2026, 11, 28, 2, 0))
    assert h.is_open(datetime(2026, 11, 30, 0, 30)) is False  # Monday: Sunday's spans end at 14
    assert h.is_open(datetime(2026, 11, 29, 1, 0))  # Saturday night into Sunday
    assert not h.is_open(datetime(2026, 11, 29, 12, 30))
    always = contacts.parse_hours("døgnet rundt")
    assert always.always and always.is_open(datetime(2026, 12, 24, 3, 0))


@pytest.mark.parametrize(
    "bad",
    [
        "hele tiden",
        {"mandag": "09:00-15:00"},
        {"man": "9-15"},
        {"man": "09:00-09:00"},
        {"fre-man": "09:00-10:00"},
    ],
)
def test_bad_hours(bad):
    with pytest.raises(ValueError):
        contacts.parse_hours(bad)


def test_unknown_hours_are_none_not_closed(data):
    straxen = data.contacts.contacts["ishoj_straxen"]
    assert straxen.open_at(datetime(2026, 11, 21, 20, 0)) is None


# ----------------------------------------------------------------- phones


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("43577578", "43 57 75 78"),
        ("+45 7016 1818", "+45 70 16 18 18"),
        ("112", "112"),
        ("1888", "1888"),
        ("116111", "116 111"),  # the European child helpline number (BørneTelefonen)
        ("116 111", "116 111"),
    ],
)
def test_phone_normalisation(raw, norm):
    assert contacts.normalise_phone(raw) == norm


@pytest.mark.parametrize("raw", ["4357757", "+46 70 16 18 18", "70-16-18-1x", "12345"])
def test_bad_phones(raw):
    assert contacts.normalise_phone(raw) is None


# ----------------------------------------------------------------- CLI


def test_cli_sikkerhedskonsulent_json():
    r = nsk("contacts", "sikkerhedskonsulent", "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.stdout)
    first = rows[0]
    # without a municipality, all four regional teams; each names its regions
    teams = {c["id"]: c for c in rows if c["id"].startswith("sikkerhedskonsulenterne_")}
    assert set(teams) == {
        f"sikkerhedskonsulenterne_{t}" for t in ("kobenhavn", "aarhus", "odense", "aalborg")
    }
    assert teams["sikkerhedskonsulenterne_odense"]["regions"] == ["syddanmark", "sjaelland"]
    assert [p["number"] for p in teams["sikkerhedskonsulenterne_odense"]["phone"]] == [
        "20 36 50 66",
        "30 71 32 82",
    ]
    assert [p["number"] for p in teams["sikkerhedskonsulenterne_aalborg"]["phone"]] == [
        "25 20 28 46",
        "25 20 28 49",
    ]
    assert teams["sikkerhedskonsulenterne_kobenhavn"]["phone"] == []  # no source prints one
    for t in teams.values():  # the consent rule of DOMAIN.md, in every team's note
        assert "Anonymiseret rådgivning kan altid gives" in t["notes"] and "aldrig forældrene" in t["notes"]
    assert first["open_now"] is None and first["source"] and first["trust"] == "offentlig_kilde"
    assert {
        "id",
        "name",
        "organisation",
        "kommune",
        "roles",
        "phone",
        "email",
        "url",
        "hours",
        "notes",
        "source",
        "verified",
        "page_date",
        "trust",
        "open_now",
    } <= set(first)


def test_cli_red_saturday_evening_is_closed_with_alternative():
    r = nsk("contacts", "RED", "--at", "2026-11-21T20:00", "--format", "json")
    rows = {c["id"]: c for c in json.loads(r.stdout)}
    assert rows["red_raadgivning"]["open_now"] is False
    # a closed national advice line is not replaced by the police: it says when it opens
    assert rows["red_raadgivning"]["out_of_hours"] == []
    assert rows["red_raadgivning"]["next_open"].startswith("2026-11-23T09:00")
    # RED's own pages: the safehouses and the anonymous hotline answer day and night (issue 19)
    assert rows["red_safehouse"]["open_now"] is True
    assert rows["red_hotline"]["open_now"] is True
    table = nsk("contacts", "RED", "--at", "2026-11-21T20:00").stdout
    # a chosen time is not "now" (issue 14): closed at that time, opens Monday
    assert "lukket på det tidspunkt" in table and "lukket nu" not in table
    assert "åbner mandag kl. 09:00" in table


def test_cli_closed_municipal_unit_points_to_its_out_of_hours_duty():
    rows = json.loads(nsk("contacts", "-k", "kolding", "--at", "2026-11-21T20:00", "-f", "json").stdout)
    closed = [c for c in rows if c["kommune"] == "kolding" and c["open_now"] is False]
    assert closed and all(c["out_of_hours"] for c in closed)


def test_cli_red_weekday_open():
    rows = json.loads(nsk("contacts", "RED", "--at", "2026-11-23T10:00", "-f", "json").stdout)
    assert rows[0]["open_now"] is True and rows[0]["out_of_hours"] == []


def test_cli_kommune_ishoj_first_and_red_never_sent_to_the_duty():
    rows = json.loads(nsk("contacts", "--kommune", "Ishøj", "--at", "2026-11-21T20:00", "-f", "json").stdout)
    assert rows[0]["id"] == "ishoj_straxen"
    red = next(c for c in rows if c["id"] == "red_raadgivning")
    assert red["open_now"] is False and red["out_of_hours"] == [] and red["next_open"]


def test_cli_no_match_exit_1_and_unknown_kommune_or_role_exit_2():
    r = nsk("contacts", "zzzqqq")
    assert r.exit_code == 1 and "Ingen kontakter" in r.stderr
    r = nsk("contacts", "--kommune", "Atlantis")
    assert r.exit_code == 2 and "ukendt kommune 'Atlantis'" in r.stderr and "nsk kommuner" in r.stderr
    r = nsk("contacts", "--role", "heks")
    assert r.exit_code == 2 and "krisecenter" in r.stderr


def test_vcard_export():
    r = nsk("contacts", "--kommune", "ishoj", "--role", "underretning", "--format", "vcard")
    assert r.exit_code == 0
    raw = r.stdout_bytes.decode("utf-8")
    card = raw.replace("\r\n ", "")  # unfold
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:StraXen\\, Center for Børn og Forebyggelse" in card
    assert "TEL;TYPE=WORK,VOICE:+4543577578" in card
    assert "EMAIL;TYPE=INTERNET,WORK:Underretninger@ishoj.dk" in card
    # sources by their readable title, never an internal file id (issue 18)
    assert "Kilde: Ishøj Kommunes beredskabsplan" in card and "003_8bd056b2af1c9a39.txt" not in card
    assert card.endswith("END:VCARD\r\n")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))


def test_stale(data):
    r = nsk("contacts", "--stale", "--days", "365", "--at", "2028-01-01T12:00", "-f", "json")
    assert r.exit_code == 1 and len(json.loads(r.stdout)) == len(data.contacts.contacts)
    r = nsk("contacts", "--stale", "--at", "2026-11-23T12:00")
    assert r.exit_code == 0 and "tjekket inden for" in r.stderr
    assert data.contacts.stale(date(2026, 11, 22), 0) == []


# ----------------------------------------------------------------- user contacts and bad files

GOOD = """kommune: faxe
contacts:
  - id: faxe_ssp_infohus
    name: SSP Faxe (lokal)
    roles: [ssp, infohus]
    phone:
      - number: "56 20 30 00"
    source: https://example.invalid/intern
    verified: "2026-11-01"
  - id: faxe_ny
    name: Ny lokal kontakt
    roles: [sparring]
    source: https://example.invalid/intern
    verified: "2026-11-01"
"""


def test_user_contacts_override_and_add(tmp_path):
    (tmp_path / "faxe.yaml").write_text(GOOD, encoding="utf-8")
    rows = json.loads(nsk("contacts", "--contacts-dir", str(tmp_path), "-k", "faxe", "-f", "json").stdout)
    ids = [c["id"] for c in rows]
    assert "faxe_ny" in ids
    ssp = next(c for c in rows if c["id"] == "faxe_ssp_infohus")
    assert ssp["name"] == "SSP Faxe (lokal)" and ssp["phone"][0]["number"] == "56 20 30 00"


def test_user_contacts_from_config_dir(isolated_user_dirs):
    folder = isolated_user_dirs / "contacts"
    folder.mkdir()
    (folder / "faxe.yaml").write_text(GOOD, encoding="utf-8")
    out = json.loads(nsk("guide", "-k", "faxe", "-a", "akut=nej", "-a", "alder=barn", "-f", "json").stdout)
    assert any(c["name"] == "SSP Faxe (lokal)" for c in out["contacts"])


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (("    roles: [ssp, infohus]", "    roles: [ssp, heks]"), "ukendt værdi 'heks'"),
        (('      - number: "56 20 30 00"', '      - number: "5620"'), "ugyldigt telefonnummer"),
        (('      - number: "56 20 30 00"', "      - number: 56203000"), "anførselstegn"),
        (("    name: Ny lokal kontakt", "    name: Ny\n    mail: x@y.dk"), "ukendt nøgle 'mail'"),
        (("    name: Ny lokal kontakt", "    name: Ny\n    email: ikke-en-mail"), "ugyldig e-mailadresse"),
        (("    name: Ny lokal kontakt", "    name: Ny\n    hours: {mandag: '09:00-15:00'}"), "ukendt ugedag"),
        (("  - id: faxe_ny", "  - id: faxe_ssp_infohus"), "findes allerede"),
        (('    verified: "2026-11-01"', "    verified: igår"), "ugyldig dato"),
        (("kommune: faxe", "kommune: faxe\n  bad: [1"), "ugyldig YAML"),
    ],
)
def test_broken_user_contacts_file_fails_cleanly_naming_it(tmp_path, edit, needle):
    old, new = edit
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    r = nsk("contacts", "--contacts-dir", str(tmp_path))
    assert r.exit_code == 2, r.output
    assert str(path) in r.stderr and needle in r.stderr and "Traceback" not in r.output


def test_user_contacts_for_unknown_kommune(tmp_path):
    (tmp_path / "x.yaml").write_text(GOOD.replace("kommune: faxe", "kommune: roskilds"), encoding="utf-8")
    r = nsk("contacts", "--contacts-dir", str(tmp_path))
    assert r.exit_code == 2 and "roskilds" in r.stderr and "x.yaml" in r.stderr
    assert "Roskilde Kommune" in r.stderr  # the closest known name


def test_contacts_does_not_import_questionary():
    import subprocess
    import sys

    code = (
        "import sys\nfrom nsk_cli.cli import main\n"
        "try:\n    main(['contacts', 'sikkerhedskonsulent', '--format', 'json'])\n"
        "except SystemExit:\n    pass\n"
        "assert 'questionary' not in sys.modules, 'questionary imported'\n"
        "assert 'prompt_toolkit' not in sys.modules, 'prompt_toolkit imported'\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(
    ("query", "role", "expected"),
    [
        ("Ankestyrelsen", None, "ankestyrelsen"),
        ("BørneTelefonen", None, "boernetelefonen"),
        ("Lev Uden Vold", "sparring", "lev_uden_vold"),
    ],
)
def test_nsk_contacts_finds_the_national_routes(query, role, expected):
    """Issue 19: the national routes are found by name, Lev Uden Vold also as sparring."""
    args = ["contacts", query, "--format", "json"] + (["--role", role] if role else [])
    rows = json.loads(nsk(*args).stdout)
    assert rows[0]["id"] == expected
    assert rows[0]["phone"], rows[0]


def test_ankestyrelsen_and_boernetelefonen_as_their_pages_write_them(data):
    ast = data.contacts.contacts["ankestyrelsen"]
    assert [p.number for p in ast.phones] == ["33 41 12 00"] and ast.email == "sikkermail@ast.dk"
    assert ast.hours is not None and ast.hours.text.startswith("man-fre 09:00-15:00")
    bt = data.contacts.contacts["boernetelefonen"]
    assert [p.number for p in bt.phones] == ["116 111"] and bt.hours is not None and bt.hours.always
