"""Answers as the user typed them, spelt as the rules spell them: case and spaces do not matter
(`-a AKUT=Ja`, `akut: JA` in an answers file, 'ved ikke' for ved_ikke). Pure."""

from __future__ import annotations

from collections.abc import Mapping

from nsk_cli.guide.model import Question


def _answer_key(text: str) -> str:
    return "_".join(str(text).replace("-", " ").casefold().split())


def normalize_answers(qs: list[Question], given: Mapping[str, str]) -> dict[str, str]:
    """Ids and values as the rules spell them, whatever the case: 'AKUT=Ja' is akut=ja, and
    'ved ikke' is ved_ikke. Anything unknown is kept as given, for check_answers to name."""
    by_id = {q.id: q for q in qs}
    out: dict[str, str] = {}
    for qid, value in given.items():
        key = _answer_key(qid)
        q = by_id.get(key)
        if q is None:
            out[qid] = value
            continue
        wanted = _answer_key(value)
        out[key] = next((v for v in q.values() if _answer_key(v) == wanted), value)
    return out
