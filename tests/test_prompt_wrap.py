"""Long question texts, help texts and answer labels wrap at word boundaries in narrow and
wide terminals (100, 60 and 20 columns)."""

from __future__ import annotations

import io

import pytest

from nsk_cli.guide import engine
from nsk_cli.guide.prompt import MANY, PlainPrompter


@pytest.mark.parametrize("columns", [100, 60, 20])
def test_questions_wrap_at_word_boundaries(monkeypatch, data, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    # the municipality list (98 names) is typed, not printed: the longest printed question
    qs = [q for q in engine.questions(data.rules, ask_kommune=True) if len(q.options) < MANY]
    longest = max(qs, key=lambda q: len(q.text) + len(q.help) + sum(len(o.label) for o in q.options))
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    PlainPrompter().ask(longest, longest.default, can_go_back=True)
    text = out.getvalue()
    words = set(" ".join([longest.text, longest.help, *(o.label for o in longest.options)]).split())
    for line in text.splitlines():
        for word in line.split():
            if word.isalpha() and len(word) > 3:
                assert word in words or word in ("Vælg", "nummer:", "Tilbage", "(standard)"), (word, line)
        assert len(line) < columns, (columns, line)
    assert " ".join(longest.text.split()) in " ".join(text.split())  # nothing lost or broken


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [("Ishøj", "ishoj"), ("ishoj", "ishoj"), ("kbh", "kobenhavn"), ("Hoeje Taastrup", "hoje_taastrup")],
)
def test_plain_municipality_prompt_folds_names_and_enter_alone_chooses_nothing(
    monkeypatch, data, typed, chosen
):
    q = engine.kommune_question(data.rules)
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"\nxyz\n{typed}\n"))
    assert PlainPrompter().ask(q, q.default, can_go_back=False) == chosen
    text = out.getvalue()
    assert "Intet er valgt" in text and "Ingen passer til 'xyz' – intet er valgt" in text
    assert "Enter vælger" not in text  # 'Anden kommune' is never chosen by Enter alone
