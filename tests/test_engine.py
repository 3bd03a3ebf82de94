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
    kept, q = engine.walk(qs(data), {"akut": "ja", "alder": "voksen", "rolle": "fagperson"})
    assert q.id == "familie"  # tvivl is skipped when akut = ja


def test_answers_off_the_path_are_dropped(data):
    kept, _ = engine.walk(qs(data), {"akut": "nej", "alder": "barn", "rolle": "raadgiver", "samtykke": "ja"})
    assert "samtykke" not in kept


def test_defaults_fill_and_are_reported(data):
    done = engine.complete(qs(data), {"alder": "voksen"})
    assert done.answers["akut"] == "nej" and done.answers["samtykke"] == "nej"
    assert "akut" in done.defaulted and "alder" not in done.defaulted


def test_strict_refuses_missing_answers(data):
    with pytest.raises(UsageError, match="'akut' er ikke besvaret"):
        engine.complete(qs(data), {}, strict=True)


def test_unknown_id_and_value_list_valid_ones(data):
    with pytest.raises(UsageError, match="gyldige id'er: akut, alder"):
        engine.complete(qs(data), {"akkut": "ja"})
    with pytest.raises(UsageError, match="gyldige værdier: barn, voksen"):
        engine.complete(qs(data), {"alder": "18"})


def test_ignored_answers_warn(data):
    done = engine.complete(qs(data), {"alder": "barn", "samtykke": "ja"})
    r = engine.build_result(data.rules, data.contacts, "faxe", done, datetime(2026, 1, 5, 10))
    assert any("'samtykke' er ikke brugt" in w for w in r.warnings)


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
    # first question offers no back; after going back, 'alder' is asked again with 'voksen' kept
    assert p.seen[0] == ("kommune", "anden", False)
    assert p.seen[3][0] == "rolle" and p.seen[3][2] is True
    assert p.seen[4] == ("alder", "voksen", True)
    assert "samtykke" not in got


def test_interview_drops_branch_answers_after_going_back(data):
    # answer as adult (samtykke asked), go back to alder via several backs, switch to barn
    replies = [
        "ja",
        "voksen",
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
