"""Every path through the flow: the answer sets, and per path the steps and contacts."""

from __future__ import annotations

from dataclasses import dataclass

from nsk_cli.contacts import model as contacts
from nsk_cli.core.errors import UsageError
from nsk_cli.guide import engine, rules
from nsk_cli.guide.rules import RuleSet

MAX_PATHS = 200_000
MAX_ANSWERS = 5_000_000  # answers over all paths: bounds memory for very long flows


def all_paths(
    qs: list[rules.Question], limit: int = MAX_PATHS, unknown: bool = False
) -> list[dict[str, str]]:
    """Every complete answer set the flow can produce, in depth-first order.

    "Ved ikke" (``rules.UNKNOWN``) is left out unless ``unknown``: conditions see it as the
    question's cautious value, so it takes exactly that value's path (tests/test_engine.py
    proves it); listing it would only repeat paths.

    Iterative backtracking over one answer dict (no recursion, however many questions a rules
    folder has; memory grows with the longest path, not with the number of pending branches),
    and each step resumes after the last answered question instead of walking from the start.
    Bounded: at most ``limit`` paths and MAX_ANSWERS answers in all."""
    out: list[dict[str, str]] = []
    total = 0
    answers: dict[str, str] = {}
    frames: list[tuple[int, int]] = []  # per answered question: (index in qs, index of its value)
    i = 0

    def values(q: rules.Question) -> list[str]:
        return [v for v in q.values() if unknown or v != rules.UNKNOWN]

    while True:
        while i < len(qs) and (cond := qs[i].when) is not None and not cond.evaluate(answers):
            i += 1
        if i < len(qs):  # answer the next question with its first value
            frames.append((i, 0))
            answers[qs[i].id] = values(qs[i])[0]
            i += 1
            continue
        total += len(answers)
        if len(out) >= limit or total > MAX_ANSWERS:
            raise UsageError(f"forløbet har for mange veje til at liste dem (over {len(out)}) – del det op")
        out.append(dict(answers))
        while frames:  # backtrack to the latest question with another value to try
            qi, vi = frames.pop()
            del answers[qs[qi].id]
            vals = values(qs[qi])
            if vi + 1 < len(vals):
                frames.append((qi, vi + 1))
                answers[qs[qi].id] = vals[vi + 1]
                i = qi + 1
                break
        else:
            return out


@dataclass
class PathRow:
    answers: dict[str, str]
    steps: list[engine.ResultStep]
    contacts: list[contacts.Contact]


def path_rows(rs: RuleSet, db: contacts.ContactDB, kommune: str | None) -> list[PathRow]:
    from datetime import datetime

    qs = engine.questions(rs, ask_kommune=False)
    rows = []
    for answers in all_paths(qs):
        r = engine.build_result(rs, db, kommune, engine.Completed(answers, [], []), datetime(2026, 1, 5, 10))
        rows.append(PathRow(answers, r.steps, r.contacts))
    return rows
