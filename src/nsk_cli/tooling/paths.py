"""Every path through the flow: the answer sets, and per path the steps and contacts."""

from __future__ import annotations

from dataclasses import dataclass

from nsk_cli.contacts import model as contacts
from nsk_cli.core.errors import UsageError
from nsk_cli.guide import engine, rules
from nsk_cli.guide.rules import RuleSet

MAX_PATHS = 200_000


def all_paths(qs: list[rules.Question], limit: int = MAX_PATHS) -> list[dict[str, str]]:
    """Every complete answer set the flow can produce, in depth-first order."""
    out: list[dict[str, str]] = []

    def dfs(answers: dict[str, str]) -> None:
        if len(out) >= limit:
            raise UsageError(f"forløbet har mere end {limit} veje – del det op")
        kept, q = engine.walk(qs, answers)
        if q is None:
            out.append(kept)
            return
        for v in q.values():
            dfs({**kept, q.id: v})

    dfs({})
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
