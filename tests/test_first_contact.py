"""Issue 18 content that is not a per-path invariant: Børnehuse routed by region, København's
Etnisk Konsulentteam for its own caseworkers, Faxe's consent step and the wording a teacher
reads on a trip abroad."""

from __future__ import annotations

from datetime import datetime

import pytest

from nsk_cli.guide import engine

AT = datetime(2026, 12, 7, 10, 0)  # a Monday morning


def result(data, kommune, **answers):
    qs = engine.questions(data.rules, ask_kommune=False)
    done = engine.complete(qs, answers)
    return engine.build_result(data.rules, data.contacts, kommune, done, AT)


@pytest.mark.parametrize(
    "kommune, house",
    [
        ("ishoj", "boernehus_hovedstaden"),
        ("faxe", "boernehus_sjaelland"),
        ("odense", "boernehus_syddanmark"),
        ("aarhus", "boernehus_midt"),
        ("aalborg", "boernehus_nord"),
    ],
)
def test_the_boernehus_is_the_one_of_the_municipalitys_region(data, kommune, house):
    assert [c.id for c in data.contacts.resolve("boernehus", kommune)] == [house]
    r = result(data, kommune, akut="nej", alder="barn", rolle="raadgiver", vold="ja", familie="ja")
    assert house in {c.id for c in r.contacts}
    assert not {c.id for c in r.contacts if c.id.startswith("boernehus_")} - {house}


def test_a_teacher_is_not_sent_to_the_boernehus(data):
    """Only caseworkers get the børnehus' consultative help; a teacher reports to the municipality."""
    r = result(data, "ishoj", akut="nej", alder="barn", rolle="fagperson", vold="ja", familie="ja")
    assert not any(c.id.startswith("boernehus_") for c in r.contacts)
    step = next(st for st in r.steps if st.id == "barn_vold_politi_fagperson")
    assert "underretningen" in step.text and "døgnet rundt" not in step.text


def test_koebenhavns_caseworkers_see_their_etnisk_konsulentteam(data):
    r = result(data, "kobenhavn", akut="nej", alder="barn", rolle="raadgiver")
    ids = [st.id for st in r.steps]
    assert ids.index("kobenhavn_etnisk_konsulentteam") == ids.index("barn_raadgiver_risikovurdering") + 1
    assert "etnisk_konsulentteam" in {c.id for c in r.contacts}
    other = result(data, "ishoj", akut="nej", alder="barn", rolle="raadgiver")
    assert "kobenhavn_etnisk_konsulentteam" not in [st.id for st in other.steps]
    note = data.contacts.contacts["etnisk_konsulentteam"].notes
    assert "gennem VISO" in note and "Københavns Kommune" in note


def test_faxes_consent_step_is_one_basis_among_several(data):
    r = result(data, "faxe", akut="nej", alder="voksen", rolle="raadgiver", samtykke="nej")
    step = next(st for st in r.steps if st.id == "faxe_infohus_voksen_uden_samtykke")
    assert " kun " not in step.text and "ét grundlag blandt flere" in step.text
    assert "deling" not in step.tags


def test_a_trip_abroad_names_the_duty_and_passport_rules_for_a_child_only(data):
    child = result(data, "anden", akut="nej", alder="barn", rolle="fagperson", udland="ja", bolig="nej")
    text = " ".join(st.text for st in child.steps)
    assert "uden forældrenes samtykke" in text and "Udlændingestyrelsen eller SIRI" in text
    assert "religiøs vielse uden borgerlig gyldighed" in text and "ingen alvorlig fare" in text
    adult = result(
        data, "anden", akut="nej", alder="voksen", ung_voksen="nej", rolle="fagperson", udland="ja"
    )
    steps = {st.id: st for st in adult.steps}
    assert "udland_pas_og_straf" not in steps and "barn_fagperson_44c" not in steps
    assert "kun børn" in steps["udland_pas_voksen"].text
    assert "døgnet rundt" in steps["udland_pas_voksen"].text
    assert "udlaendingestyrelsen_hotline" not in {c.id for c in adult.contacts}
