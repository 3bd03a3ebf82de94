"""Every path through the shipped flow, for every known municipality, an unknown one and
none, checked against the domain invariants (issue 2, point 9) at each leaf."""

from __future__ import annotations

from datetime import datetime

import pytest

from nsk_cli.guide import engine
from nsk_cli.tooling.paths import all_paths

AT = datetime(2026, 11, 23, 10, 0)  # a Monday morning


def tags(result):
    return [t for st in result.steps for t in st.tags]


def first_index(result, tag):
    for i, st in enumerate(result.steps):
        if tag in st.tags:
            return i
    return None


def contact_ids(result):
    return {c.id for c in result.contacts}


def all_text(result):
    return " ".join(st.text for st in result.steps)


# three with their own route; 'anden' and none (national flow); Aarhus: known, no local intake
KOMMUNER = ["ishoj", "faxe", "hvidovre", "anden", None, "aarhus"]
TEAM = {
    "aarhus": "sikkerhedskonsulenterne_aarhus",
    "faxe": "sikkerhedskonsulenterne_odense",
    "ishoj": "sikkerhedskonsulenterne_kobenhavn",
    "hvidovre": "sikkerhedskonsulenterne_kobenhavn",
}


def test_path_count_is_plausible(data):
    paths = all_paths(engine.questions(data.rules, ask_kommune=False))
    # 2 (akut) x 2 (alder) x 2 (rolle) x ... – every question really branches
    assert len(paths) > 500


@pytest.mark.parametrize("kommune", KOMMUNER)
def test_invariants_on_every_path(data, kommune):
    qs = engine.questions(data.rules, ask_kommune=False)
    for answers in all_paths(qs):
        r = engine.build_result(data.rules, data.contacts, kommune, engine.Completed(answers, [], []), AT)
        where = f"{kommune}: {answers}"
        assert r.steps, where
        ids = contact_ids(r)
        for st in r.steps:
            assert st.source, (where, st.id)
            assert set(st.contacts) <= ids, (where, st.id)
        refs = set(r.legal_refs)

        if answers["akut"] == "ja":
            assert "sikkerhed" in r.steps[0].tags, where
            assert "politi_112" in r.steps[1].tags, where
            assert "politi_112" in r.steps[1].contacts, where
            assert "112" in r.steps[1].text and "ressourceperson" in r.steps[1].text, where
            ooh = r.steps[2]
            assert "uden_for_aabningstid" in ooh.tags and "114" in ooh.text, where
            assert any(
                p.number == "114" for cid in ooh.contacts for c in r.contacts if c.id == cid for p in c.phones
            ), where
        else:
            assert "sikkerhed" not in tags(r), where

        if answers["alder"] == "barn":
            assert "ingen_familiekontakt" in tags(r), where
            risk = first_index(r, "risikovurdering")
            parents = first_index(r, "foraeldre")
            if parents is not None:
                assert risk is not None and risk < parents, where
            if answers["rolle"] == "fagperson":
                assert parents is None, where
                assert "barnets lov § 133" in refs, where
                underret = r.steps[first_index(r, "underretning")]
                if kommune in ("anden", None, "aarhus"):  # no local intake known: say so, never guess
                    assert "underretning" in underret.roles_without_contact, where
                    assert any("'underretning'" in w for w in r.warnings), where
                else:
                    assert underret.contacts, where
            else:
                assert risk is not None and "barnets lov § 18, stk. 3" in refs, where
                assert "samtale_uden_foraeldre" in tags(r), where
                assert "barnets lov § 137, stk. 2" in refs, where
            if answers.get("tvivl") == "ja":
                assert any(st.id == "barn_ssp" for st in r.steps), where
        else:
            assert "raadgivning_12a" in tags(r), where
            assert any(ref.startswith("servicelovens § 12 a") for ref in refs), where
            if answers["rolle"] == "raadgiver":
                assert "handleplan" in tags(r), where
            if answers["samtykke"] == "nej":
                assert "deling" not in tags(r), where
                assert "anonym" in tags(r), where
                assert "forvaltningsloven §§ 27-28" in refs, where
            else:
                assert "forvaltningsloven §§ 27-28" in refs, where

        if answers["vold"] == "ja":
            assert "politi" in tags(r), where
        if answers["udland"] == "ja":
            i = first_index(r, "udland")
            assert i is not None and "opholdstilladelsen" in r.steps[i].text, where
            assert any(c.startswith("sikkerhedskonsulenterne_") for c in r.steps[i].contacts), where
        if answers["bolig"] == "ja":
            assert "krisecenter" in tags(r), where
            assert "red_safehouse" in ids, where
        if answers["ophold"] == "ja":
            assert "udlaendingestyrelsen_hotline" in ids, where
        if answers.get("tvivl") == "ja":
            assert "red_raadgivning" in ids and any(c.startswith("sikkerhedskonsulenterne_") for c in ids), (
                where
            )

        # each municipality's own route shows
        if kommune == "faxe":
            assert "faxe_ssp_infohus" in ids, where
            assert "Infohus Kommune" in all_text(r), where
        if kommune == "ishoj":
            if answers["alder"] == "barn" and answers["rolle"] == "fagperson":
                assert "ishoj_straxen" in ids and "StraXen" in all_text(r), where
            if answers["alder"] == "voksen":
                assert "ishoj_cvv" in ids and "taskforce" in all_text(r), where
        if kommune == "hvidovre" and answers["alder"] == "voksen":
            assert "hvidovre_voksenraadgivningen" in ids and "Voksenrådgivningen" in all_text(r)
        if kommune in ("anden", None):
            assert any("Lokale kontakter mangler" in w for w in r.warnings), where
            assert all(c.kommune is None for c in r.contacts), where
        else:  # only the municipality's own local contacts, and only its region's team
            assert all(c.kommune in (None, kommune) for c in r.contacts), where
            teams = {c.id for c in r.contacts if c.id.startswith("sikkerhedskonsulenterne_")}
            assert teams <= {TEAM[kommune]}, where


def test_ishoj_phone_numbers_reach_the_result(data):
    qs = engine.questions(data.rules, ask_kommune=False)
    done = engine.complete(qs, {"akut": "nej", "alder": "barn", "rolle": "fagperson"})
    r = engine.build_result(data.rules, data.contacts, "Ishøj", done, AT)
    straxen = next(c for c in r.contacts if c.id == "ishoj_straxen")
    assert straxen.phones[0].number == "43 57 75 78"
    assert straxen.email == "Underretninger@ishoj.dk"
