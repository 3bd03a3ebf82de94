from __future__ import annotations

import pytest

from nsk_cli.guide.conditions import ConditionError, parse


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("akut = ja", {"akut": "ja"}, True),
        ("akut = ja", {}, False),
        ("akut != ja", {}, False),
        ("akut != ja", {"akut": "nej"}, True),
        ("alder = barn and rolle = raadgiver", {"alder": "barn", "rolle": "raadgiver"}, True),
        ("alder = barn and rolle = raadgiver", {"alder": "barn", "rolle": "fagperson"}, False),
        ("vold = ja or bolig = ja", {"bolig": "ja"}, True),
        ("not (samtykke = ja)", {"samtykke": "nej"}, True),
        ("kommune in [ishoj, faxe]", {"kommune": "faxe"}, True),
        ("a = x and (b = y or c = z)", {"a": "x", "c": "z"}, True),
    ],
)
def test_evaluate(text, answers, expected):
    assert parse(text).evaluate(answers) is expected


@pytest.mark.parametrize(
    "text",
    ["", "akut", "akut =", "akut = ja and", "(akut = ja", "akut == ja", "__import__('os')", "akut = ja; rm"],
)
def test_bad_conditions_are_errors_not_code(text):
    with pytest.raises(ConditionError):
        parse(text)
