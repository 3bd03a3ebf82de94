"""All 98 municipalities: names, regions, police districts, trust levels, regional teams,
opening hours on public holidays and in other time zones, and `nsk kommuner`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from nsk_cli.cli import app
from nsk_cli.core.text import slugs

runner = CliRunner()


def nsk(*args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


# ----------------------------------------------------------------- the registry


def test_all_98_known_with_region_police_district_and_sources(data):
    ms = data.contacts.municipalities
    assert len(ms) == 98 and len({m.code for m in ms.values()}) == 98
    counts: dict[str, int] = {}
    for m in ms.values():
        assert m.region in data.contacts.regions and m.police_district in data.contacts.police_districts, m.id
        assert m.region in data.contacts.police_districts[m.police_district].regions, m.id
        assert m.region_source and m.police_district_source, m.id
        counts[m.region] = counts.get(m.region, 0) + 1
    # the official counts per region (rm.dk: 19 in Midtjylland; KL: 17 in Sjælland)
    assert counts == {
        "hovedstaden": 29,
        "sjaelland": 17,
        "syddanmark": 22,
        "midtjylland": 19,
        "nordjylland": 11,
    }


def test_districts_that_differ_from_common_belief_say_so(data):
    ms = data.contacts.municipalities
    assert ms["gladsaxe"].police_district == "kobenhavns_vestegn"
    assert ms["skanderborg"].police_district == "sydostjylland"
    assert ms["morso"].police_district == ms["thisted"].police_district == "midt_vestjylland"
    assert ms["morso"].region == "nordjylland"
    assert ms["slagelse"].police_district == ms["soro"].police_district == "sydsjaelland_lolland_falster"
    assert ms["stevns"].police_district == "midt_vestsjaelland"
    # a district known only by elimination is labelled as such in the data
    assert ms["herning"].police_district_status == "udledt" and "udelukkelse" in (ms["herning"].notes or "")


def test_no_two_municipalities_share_a_spelling(data):
    owner: dict[str, str] = {}
    for k in data.rules.kommuner.values():
        for name in {k.id, k.name, *k.aliases}:
            for key in slugs(name):
                assert owner.setdefault(key, k.id) == k.id, (key, owner[key], k.id)


@pytest.mark.parametrize(
    ("typed", "kid"),
    [
        ("Høje-Taastrup", "hoje_taastrup"),
        ("Hoeje Taastrup", "hoje_taastrup"),
        ("Høje Taastrup Kommune", "hoje_taastrup"),
        ("hoje-taastrup", "hoje_taastrup"),
        ("Århus", "aarhus"),
        ("Aarhus Kommune", "aarhus"),
        ("København", "kobenhavn"),
        ("Københavns Kommune", "kobenhavn"),
        ("Bornholm", "bornholm"),
        ("Ærø", "aero"),
        ("Aeroe", "aero"),
        ("Lyngby-Taarbæk", "lyngby_taarbaek"),
        ("ISHØJ", "ishoj"),
    ],
)
def test_names_aliases_and_spellings(data, typed, kid):
    assert data.rules.require_kommune(typed).id == kid


def test_typo_exits_2_listing_the_closest_names():
    r = nsk("contacts", "-k", "Ishoi")
    assert r.exit_code == 2 and "Ishøj Kommune" in r.stderr and "mente du" in r.stderr
    r = nsk("guide", "-k", "Høje Tastrup", "-a", "akut=nej", "-a", "alder=barn", "-f", "json")
    assert r.exit_code == 2 and "Høje-Taastrup Kommune" in r.stderr
    assert "Traceback" not in r.output


def test_anden_gives_the_national_flow_with_the_warning():
    out = json.loads(nsk("guide", "-k", "anden", "-a", "akut=nej", "-a", "alder=barn", "-f", "json").stdout)
    assert any("Lokale kontakter mangler" in w for w in out["warnings"])
    assert all(c["kommune"] is None for c in out["contacts"])


# ----------------------------------------------------------------- regional teams and trust


@pytest.mark.parametrize(
    ("kommune", "team"),
    [
        ("aarhus", "aarhus"),
        ("herning", "aarhus"),
        ("odense", "odense"),
        ("naestved", "odense"),
        ("hjorring", "aalborg"),
        ("thisted", "aalborg"),  # Region Nordjylland, though policed from Midt- og Vestjylland
        ("gladsaxe", "kobenhavn"),
        ("bornholm", "kobenhavn"),
    ],
)
def test_the_guide_shows_the_team_of_the_municipalitys_region(kommune, team):
    out = json.loads(
        nsk(
            "guide", "-k", kommune, "-a", "akut=nej", "-a", "alder=barn", "-a", "udland=ja", "-f", "json"
        ).stdout
    )
    teams = {c["id"] for c in out["contacts"] if c["id"].startswith("sikkerhedskonsulenterne_")}
    assert teams == {f"sikkerhedskonsulenterne_{team}"}


def test_unconfirmed_local_numbers_are_marked_and_supplied_ones_are_confirmed(tmp_path):
    text = nsk(
        "guide",
        "-k",
        "kolding",
        "-a",
        "akut=nej",
        "-a",
        "alder=barn",
        "-a",
        "rolle=fagperson",
        env={"COLUMNS": "200"},
    ).stdout
    assert "79 79 01 02 (Underretning) (ikke bekræftet af kommunen)" in text
    out = json.loads(nsk("guide", "-k", "kolding", "-a", "akut=nej", "-a", "alder=barn", "-f", "json").stdout)
    kolding = [c for c in out["contacts"] if c["kommune"] == "kolding"]
    assert kolding and all(c["trust"] == "offentlig_kilde" and c["source"][0].startswith("https://www.kolding.dk/")
                           for c in kolding)  # fmt: skip
    # the municipality supplies its own contact in its data folder: confirmed, no marker
    (tmp_path / "kolding.yaml").write_text(
        "kommune: kolding\ncontacts:\n  - id: kolding_underretning\n    name: Familierådgivningen\n"
        "    roles: [underretning, boern]\n    phone:\n      - number: '79 79 01 02'\n"
        "    source: https://www.kolding.dk/borger/familier-og-born/underretning-om-mistrivsel/\n"
        "    verified: '2026-11-23'\n",
        encoding="utf-8",
    )
    args = (
        "guide",
        "-k",
        "kolding",
        "-a",
        "akut=nej",
        "-a",
        "alder=barn",
        "-a",
        "rolle=fagperson",
        "--contacts-dir",
        tmp_path,
    )
    out = json.loads(nsk(*args, "-f", "json").stdout)
    own = next(c for c in out["contacts"] if c["id"] == "kolding_underretning")
    assert own["trust"] == "bekraeftet"
    line = next(x for x in nsk(*args, env={"COLUMNS": "200"}).stdout.splitlines() if "79 79 01 02" in x)
    assert "ikke bekræftet" not in line


def test_municipality_without_local_contacts_gets_the_national_route_labelled(data):
    out = json.loads(nsk("guide", "-k", "aabenraa", "-a", "akut=ja", "-a", "alder=barn", "-f", "json").stdout)
    assert all(c["kommune"] is None for c in out["contacts"])
    assert any(
        "Aabenraa Kommune: ingen lokal kontakt" in w and "nationale rute" in w for w in out["warnings"]
    )


# ----------------------------------------------------------------- nsk kommuner


def test_kommuner_json_and_missing():
    rows = json.loads(nsk("kommuner", "--format", "json").stdout)
    assert len(rows) == 98
    kolding = next(r for r in rows if r["id"] == "kolding")
    assert (
        kolding["region_name"] == "Region Syddanmark"
        and kolding["police_district_name"] == "Sydøstjyllands Politi"
    )
    assert kolding["facts"]["underretning"] == "offentlig_kilde" and "voksne" in kolding["missing"]
    aabenraa = next(r for r in rows if r["id"] == "aabenraa")
    assert aabenraa["missing"] == ["underretning", "uden_for_aabningstid", "voksne", "plan"]
    text = nsk("kommuner", "--missing").stdout
    assert "Aabenraa Kommune" in text and "lever:" in text and "bekræft:" in text
    missing = json.loads(nsk("kommuner", "--missing", "-f", "json").stdout)
    assert all(r["missing"] or r["to_confirm"] for r in missing)


def test_kommuner_shows_what_the_municipality_confirmed(tmp_path):
    (tmp_path / "aabenraa.yaml").write_text(
        "kommune: aabenraa\nplan_url: https://aabenraa.dk/plan\ncontacts:\n"
        "  - id: aabenraa_voksne\n    name: Voksenrådgivningen\n    roles: [voksne]\n"
        "    email: voksne@aabenraa.dk\n    source: https://aabenraa.dk/\n    verified: '2026-11-23'\n",
        encoding="utf-8",
    )
    rows = json.loads(nsk("kommuner", "-f", "json", "--contacts-dir", tmp_path).stdout)
    row = next(r for r in rows if r["id"] == "aabenraa")
    assert row["facts"]["voksne"] == "bekraeftet" and row["facts"]["plan"] == "bekraeftet"
    assert row["missing"] == ["underretning", "uden_for_aabningstid"]


# ----------------------------------------------------------------- a municipality's own data


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ("region: sjaelland\n", "forkert region 'sjaelland' for Kolding Kommune"),
        ("police_district: fyn\n", "forkert politikreds 'fyn'"),
        ("police_district: ostjyland\n", "ukendt værdi 'ostjyland'"),
        ("region: vestjylland\n", "ukendt værdi 'vestjylland'"),
    ],
)
def test_rules_validate_reports_wrong_region_or_unknown_police_district(tmp_path, extra, needle):
    (tmp_path / "kolding.yaml").write_text("kommune: kolding\n" + extra + "contacts: []\n", encoding="utf-8")
    r = nsk("rules", "validate", "--contacts-dir", tmp_path)
    assert r.exit_code == 1 and needle in r.stdout and "kolding.yaml" in r.stdout


def test_rules_validate_reports_a_contact_without_a_source(tmp_path):
    (tmp_path / "kolding.yaml").write_text(
        "kommune: kolding\ncontacts:\n  - id: k\n    name: K\n    roles: [voksne]\n"
        "    verified: '2026-11-23'\n",
        encoding="utf-8",
    )
    r = nsk("rules", "validate", "--contacts-dir", tmp_path)
    assert r.exit_code == 1 and "contacts[0].source: mangler" in r.stdout


def test_a_shipped_municipality_file_needs_every_fact(tmp_path):
    import shutil

    contacts = tmp_path / "contacts"
    shutil.copytree(ROOT / "contacts", contacts)
    f = contacts / "kommuner" / "vejen.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace("police_district: syd_sonderjylland\n", ""), encoding="utf-8"
    )
    from nsk_cli.tooling.validate import validate

    problems = validate(ROOT / "rules", contacts, None)
    assert any("vejen.yaml" in p and "police_district: mangler" in p for p in problems)


# ----------------------------------------------------------------- hours: holidays and time zones


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2026-11-23T10:00", True),  # Monday
        ("2026-12-25T10:00", False),  # Friday, juledag
        ("2026-04-06T10:00", False),  # Monday, anden påskedag
        ("2026-05-14T10:00", False),  # Thursday, Kristi himmelfartsdag
        ("2026-06-05T10:00", None),  # Friday, grundlovsdag: many close, so unknown
        ("2026-11-23T08:30+01:00", False),  # explicit offset = Danish winter time: before 09:00
        ("2026-11-23T08:30-03:00", True),  # 12:30 in Denmark
        ("2026-11-23T09:30Z", True),  # 10:30 in Denmark
        ("2026-07-06T07:30Z", True),  # summer time: 09:30 in Denmark
    ],
)
def test_red_open_closed_on_holidays_and_with_offsets(at, expected):
    rows = json.loads(nsk("contacts", "RED", "--at", at, "-f", "json").stdout)
    red = next(c for c in rows if c["id"] == "red_raadgivning")
    assert red["open_now"] is expected


def test_holiday_is_named_where_the_state_is_shown():
    table = nsk("contacts", "RED", "--at", "2026-12-25T10:00").stdout
    assert "lukket på det tidspunkt" in table and "Juledag" in table


def test_at_means_danish_time_whatever_the_machines_zone(tmp_path):
    env = dict(os.environ, TZ="America/New_York", NSK_CACHE_DIR=str(tmp_path))
    cmd = [sys.executable, "-m", "nsk_cli", "contacts", "RED", "--at", "2026-11-23T09:30", "-f", "json"]
    rows = json.loads(subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout)
    assert next(c for c in rows if c["id"] == "red_raadgivning")["open_now"] is True


def test_now_is_danish_time():
    from nsk_cli.cli.common import parse_at

    at = parse_at(None)
    assert at.tzinfo is not None and at.utcoffset().total_seconds() in (3600, 7200)
    assert parse_at("2026-11-23T08:30-03:00") == datetime.fromisoformat("2026-11-23T12:30+01:00")


def test_bad_at_is_a_usage_error():
    r = nsk("contacts", "RED", "--at", "i morgen")
    assert r.exit_code == 2 and "ugyldigt tidspunkt" in r.stderr


def test_unknown_hours_say_nothing_about_open_or_closed():
    table = nsk("contacts", "-k", "ishoj", "straxen").stdout
    assert "ukendt" not in table and "lukket" not in table and "åben" not in table
    guide = nsk("guide", "-k", "ishoj", "-a", "akut=nej", "-a", "alder=barn", "-a", "rolle=fagperson").stdout
    assert "åbningstid ukendt" not in guide


def test_a_malformed_holiday_cache_is_rebuilt(tmp_path, monkeypatch):
    from nsk_cli.contacts import public_holidays

    monkeypatch.setenv("NSK_CACHE_DIR", str(tmp_path))
    public_holidays._memo.clear()
    (tmp_path / "helligdage-2026.json").write_text(
        '{"version": "x", "days": {"2026-11-23": 5}}', encoding="utf-8"
    )
    assert public_holidays.holiday(datetime(2026, 11, 23).date()) is None
    public_holidays._memo.clear()
    assert public_holidays.holiday(datetime(2026, 12, 25).date()) == ("Juledag", "public")
    public_holidays._memo.clear()


def test_every_municipality_gives_a_teacher_a_concrete_way_to_report(data):
    """Issue 19: in all 98 municipalities the teacher's child path ends in a route on the
    underretning step – a contact with a phone, an e-mail or a web address – and always the
    non-anonymous borger.dk form; never 'slå den op lokalt'."""
    from datetime import datetime

    from nsk_cli.guide import engine

    qs = engine.questions(data.rules, ask_kommune=False)
    done = engine.complete(qs, {"akut": "nej", "alder": "barn", "rolle": "fagperson"})
    assert len(data.contacts.municipalities) == 98
    for kid in data.contacts.municipalities:
        r = engine.build_result(data.rules, data.contacts, kid, done, datetime(2026, 12, 7, 10))
        step = next(st for st in r.steps if "underretning" in st.tags)
        shown = [data.contacts.contacts[c] for c in step.contacts]
        assert any(c.phones or c.email or c.url for c in shown), kid
        form = data.contacts.contacts["borger_dk_underretning"]
        assert form in shown and form.url and "ikke-anonym" in (form.notes or ""), kid
        assert not any("slå den op lokalt" in w for w in r.warnings), kid
        if "underretning" in step.roles_without_contact:  # plain words: what nsk lacks, where to look
            assert any("kender ikke kommunens eget nummer til underretninger" in w for w in r.warnings), kid


def test_aarhus_routes_the_underretning_to_its_own_page(data):
    from datetime import datetime

    from nsk_cli.guide import engine

    qs = engine.questions(data.rules, ask_kommune=False)
    done = engine.complete(qs, {"akut": "nej", "alder": "barn", "rolle": "fagperson"})
    r = engine.build_result(data.rules, data.contacts, "aarhus", done, datetime(2026, 12, 7, 10))
    step = next(st for st in r.steps if st.id == "barn_fagperson_underret")
    assert step.contacts[0] == "aarhus_underretning"
    # the page is the route, and the warning says in plain words that nsk lacks the number
    assert any(
        "Aarhus Kommune: nsk kender ikke kommunens eget nummer til underretninger" in w for w in r.warnings
    )
    assert "underretning-hvis-du-er-bekymret-for-et-barn" in (
        data.contacts.contacts["aarhus_underretning"].url or ""
    )


def test_kommuner_missing_names_the_shortest_way_to_fill_the_gap(tmp_path):
    """Issue 19 item 5: a municipality without local contacts is told to read its own plan with
    check-plan --kontakter; one whose numbers are only read in public sources is told to confirm
    them; one that confirmed everything but the plan's address is told to add it."""
    text = " ".join(nsk("kommuner", "--missing", env={"COLUMNS": "60"}).stdout.split())  # wrapped at 60
    aabenraa = text.split("Aabenraa Kommune (", 1)[1].split("Aalborg Kommune", 1)[0]
    assert "hurtigst: kør `nsk check-plan <jeres plan> --kontakter <mappe>`" in aabenraa
    assert "plan_url" in aabenraa  # its plan's address is unknown too
    ishoj = text.split("Ishøj Kommune (", 1)[1].split("Jammerbugt Kommune", 1)[0]
    assert "hurtigst: bekræft numrene fra `nsk contacts -k ishoj`" in ishoj and "check-plan" not in ishoj
    rows = json.loads(nsk("kommuner", "--missing", "-f", "json").stdout)
    assert all(r["next_step"] for r in rows)
    (tmp_path / "aabenraa.yaml").write_text(
        "kommune: aabenraa\ncontacts:\n"
        "  - id: aabenraa_own\n    name: Familieafdelingen\n"
        "    roles: [underretning, voksne, uden_for_aabningstid]\n"
        "    phone:\n      - number: '12 34 56 78'\n"
        "    source: https://aabenraa.dk/\n    verified: '2026-12-07'\n",
        encoding="utf-8",
    )
    rows = json.loads(nsk("kommuner", "-f", "json", "--contacts-dir", tmp_path).stdout)
    row = next(r for r in rows if r["id"] == "aabenraa")
    assert row["missing"] == ["plan"] and row["next_step"].startswith("skriv planens webadresse som plan_url")


def test_kommuner_missing_asks_to_review_contacts_read_from_the_plan(tmp_path):
    """Contacts written by check-plan --kontakter (trust: kommunens_plan) are the municipality's
    own but not yet reviewed: --missing asks the plan owner to review them, not to run check-plan."""
    (tmp_path / "aabenraa.yaml").write_text(
        "kommune: aabenraa\ncontacts:\n"
        "  - id: aabenraa_plan_underretning\n    name: Familieafdelingen\n"
        "    roles: [underretning, voksne, uden_for_aabningstid]\n"
        "    phone:\n      - number: '12 34 56 78'\n"
        "    source: plan.pdf, side 3, linje 12\n    verified: '2026-12-07'\n    trust: kommunens_plan\n",
        encoding="utf-8",
    )
    rows = json.loads(nsk("kommuner", "-f", "json", "--contacts-dir", tmp_path).stdout)
    row = next(r for r in rows if r["id"] == "aabenraa")
    assert row["facts"]["underretning"] == "kommunens_plan"
    assert row["to_confirm"] == ["underretning", "uden_for_aabningstid", "voksne"]
    assert "trust: kommunens_plan" in row["next_step"] and "check-plan <jeres plan>" not in row["next_step"]
    table = nsk("kommuner", "--contacts-dir", tmp_path).stdout
    assert "egen plan" in table
