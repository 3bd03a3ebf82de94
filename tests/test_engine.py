"""The pure engine with scripted answers."""

from __future__ import annotations

from datetime import datetime

import pytest

from nsk_cli.core.errors import UsageError
from nsk_cli.guide import engine


def qs(data, ask=False):
    return engine.questions(data.rules, ask_kommune=ask)


def test_walk_returns_next_unanswered_question(data):
    kept, q = engine.walk(qs(data), {})
    assert q.id == "akut" and kept == {}
    kept, q = engine.walk(
        qs(data), {"akut": "ja", "alder": "voksen", "ung_voksen": "nej", "rolle": "fagperson"}
    )
    assert q.id == "familie"  # tvivl is skipped when akut = ja


def test_answers_off_the_path_are_dropped(data):
    kept, _ = engine.walk(qs(data), {"akut": "nej", "alder": "barn", "rolle": "raadgiver", "samtykke": "ja"})
    assert "samtykke" not in kept


def test_defaults_fill_and_are_reported(data):
    done = engine.complete(qs(data), {"akut": "nej", "alder": "voksen"})
    assert done.answers["samtykke"] == "nej" and "alder" not in done.defaulted
    assert "samtykke" in done.defaulted and "akut" not in done.defaulted


def test_akut_has_no_default_and_missing_akut_fails_even_without_strict(data):
    akut = next(q for q in qs(data) if q.id == "akut")
    assert akut.default is None
    with pytest.raises(UsageError, match="'akut'.*skal besvares"):
        engine.complete(qs(data), {"alder": "barn"})


def test_every_default_is_the_cautious_answer(data):
    # README: a missing answer leads to the cautious path. Ja adds the protective steps for
    # violence, travel, housing and residence; familie=ja keeps the family uninformed;
    # samtykke=nej shares nothing by default; alder=barn and rolle=fagperson never involve parents.
    defaults = {q.id: q.default for q in qs(data)}
    assert defaults == {
        "akut": None,
        "alder": "barn",
        "ung_voksen": "ja",
        "rolle": "fagperson",
        "tvivl": "ja",
        "familie": "ja",
        "vold": "ja",
        "udland": "ja",
        "samtykke": "nej",
        "bolig": "ja",
        "ophold": "ja",
    }


def test_questions_are_phrased_positively(data):
    # "Kan personen ikke …" is easy to misread with Ja/Nej (issue 10)
    for q in qs(data):
        assert " ikke " not in f" {q.text} ", q.id


def test_defaulted_warning_names_the_question_text(data):
    done = engine.complete(qs(data), {"akut": "nej", "alder": "barn"})
    r = engine.build_result(data.rules, data.contacts, "faxe", done, datetime(2026, 1, 5, 10))
    assert any("»Er der trusler, vold eller overgreb?« (vold)" in w and "»Ja«" in w for w in r.warnings)


def test_strict_refuses_missing_answers(data):
    with pytest.raises(UsageError, match="'alder' er ikke besvaret"):
        engine.complete(qs(data), {"akut": "nej"}, strict=True)


def test_unknown_id_and_value_list_valid_ones(data):
    with pytest.raises(UsageError, match="gyldige id'er: akut, alder"):
        engine.complete(qs(data), {"akkut": "ja"})
    with pytest.raises(UsageError, match="gyldige værdier: barn, voksen"):
        engine.complete(qs(data), {"alder": "18"})


def test_ignored_answers_warn(data):
    done = engine.complete(qs(data), {"akut": "nej", "alder": "barn", "samtykke": "ja"})
    r = engine.build_result(data.rules, data.contacts, "faxe", done, datetime(2026, 1, 5, 10))
    assert any("(samtykke) er ikke brugt" in w for w in r.warnings)


class Scripted(engine.Prompter):
    """Answers from a list; records what was preselected and whether back was offered."""

    def __init__(self, replies):
        self.replies = list(replies)
        self.seen = []

    def ask(self, q, preselect, can_go_back):
        self.seen.append((q.id, preselect, can_go_back))
        return self.replies.pop(0)


def test_interview_back_preselects_earlier_answer(data):
    p = Scripted(
        ["ishoj", "nej", "voksen", engine.BACK, "barn", "fagperson", "nej", "ja", "nej", "nej", "nej", "nej"]
    )
    got = engine.interview(qs(data, ask=True), p)
    assert got["alder"] == "barn"
    # first question offers no back; akut preselects nothing (the prompt starts on "Ja");
    # after going back, 'alder' is asked again with 'voksen' kept
    assert p.seen[0] == ("kommune", "anden", False)
    assert p.seen[1] == ("akut", None, True)
    assert p.seen[3][0] == "ung_voksen" and p.seen[3][2] is True
    assert p.seen[4] == ("alder", "voksen", True)
    assert "samtykke" not in got


def test_interview_drops_branch_answers_after_going_back(data):
    # answer as adult (samtykke asked), go back to alder via several backs, switch to barn
    replies = [
        "ja",
        "voksen",
        "ja",
        "raadgiver",
        "ja",
        "nej",
        "nej",
        "ja",  # akut..samtykke
        engine.BACK,
        engine.BACK,
        engine.BACK,
        engine.BACK,
        engine.BACK,
        engine.BACK,
        engine.BACK,
        "barn",
        "raadgiver",
        "ja",
        "nej",
        "nej",
        "nej",
        "nej",
    ]
    got = engine.interview(qs(data), Scripted(replies))
    assert got["alder"] == "barn" and "samtykke" not in got


def test_order_is_static_by_phase_then_data_order(data):
    steps = engine.ordered_steps(data.rules, None)
    rank = {p: i for i, p in enumerate(["akut", "beskyt", "vurder", "stoet", "dokumenter"])}
    assert [rank[st.phase] for st in steps] == sorted(rank[st.phase] for st in steps)
    same_phase = [st.id for st in data.rules.steps if st.phase == "beskyt"]
    assert [st.id for st in steps if st.phase == "beskyt"] == same_phase
    assert engine.order_steps(list(reversed(steps)))[0].phase == "akut"


def test_result_is_the_ordered_steps_filtered(data):
    # what an offline page does: pre-sort with the engine, then filter by the conditions only
    answers = {"akut": "nej", "alder": "barn", "rolle": "raadgiver", "tvivl": "nej"}
    done = engine.complete(qs(data), answers)
    for kommune in ("faxe", "ishoj", "hvidovre", None):
        k = data.rules.find_kommune(kommune) if kommune else None
        r = engine.build_result(data.rules, data.contacts, kommune, done, datetime(2026, 1, 5, 10))
        cond = dict(done.answers) | ({"kommune": k.id} if k else {})
        expected = [
            st.id for st in engine.ordered_steps(data.rules, k) if st.when is None or st.when.evaluate(cond)
        ]
        assert [st.id for st in r.steps] == expected


def test_added_step_inherits_its_anchors_phase_unless_it_declares_one(data):
    faxe = engine.ordered_steps(data.rules, data.rules.kommuner["faxe"])
    by_id = {st.id: st for st in faxe}
    assert by_id["faxe_infohus_voksen_samtykke"].phase == by_id["voksen_tegn_og_tolk"].phase
    assert by_id["faxe_infohus_barn"].phase == "vurder"  # declared: after the statutory steps
