"""Validation spec for rules/krav/*.yaml, and the closed vocabulary it admits."""

from __future__ import annotations

import re

from nsk_cli.core.sources import check_source
from nsk_cli.data import schema as s
from nsk_cli.plan.vocab import KINDS, SEVERITIES, STATUSES  # noqa: F401 - re-exported


def _regex(value: str) -> str | None:
    try:
        re.compile(value)
    except re.error as exc:
        return f"ugyldigt mønster {value!r}: {exc}"
    return None


_PATTERNS = s.ListOf(s.Str(check_fn=_regex), 1)
_NAME = s.Str(pattern=r"[a-zæøå_]+", what="et begrebsnavn med små bogstaver")
# an item: a pattern, {all: [concept, ...]} (one sentence holds each) or {heading: [pattern, ...]}
_ITEM = s.Any_(
    [
        s.Str(check_fn=_regex),
        s.Map({"all": s.Field(s.ListOf(_NAME, 1), True)}),
        s.Map({"heading": s.Field(_PATTERNS, True)}),
    ],
    what="et mønster, {all: [begreb, ...]} eller {heading: [mønster, ...]}",
)
_ITEMS = s.ListOf(_ITEM, 1)
_CLAUSE = s.Map(
    {
        "patterns": s.Field(_PATTERNS, True),
        "rule": s.Field(s.Str(choices=("any", "not_after_today", "not_before_today", "within_years"))),
        "years": s.Field(s.Int(1)),
        "partial_note": s.Field(s.Str()),
    }
)
_DEMOTE = s.Map({"patterns": s.Field(_PATTERNS, True), "note": s.Field(s.Str(), True)})
CHECK_SPEC = s.Map(
    {
        "kind": s.Field(s.Str(choices=KINDS), True),
        "groups": s.Field(s.ListOf(_ITEMS, 1)),
        "min": s.Field(s.Int(1)),
        "anchor": s.Field(_ITEMS),
        "target": s.Field(_ITEMS),
        "window": s.Field(s.Int(0)),
        "partial_on": s.Field(s.Str(choices=("target", "anchor"))),
        "partial_note": s.Field(s.Str()),
        "clauses": s.Field(s.ListOf(_CLAUSE, 1)),
        "patterns": s.Field(_PATTERNS),
        "exclude": s.Field(s.ListOf(s.Str(check_fn=_regex))),
        "hedges": s.Field(s.ListOf(s.Str(check_fn=_regex))),
        "negation": s.Field(s.Bool()),
        "demote": s.Field(s.ListOf(_DEMOTE, 1)),
        "max_age": s.Field(s.Int(1)),
        "missing_note": s.Field(s.Str()),
    }
)
REQUIREMENT_SPEC = s.Map(
    {
        "id": s.Field(s.Str(pattern=r"[a-z][a-z0-9_]*", what="et id med små bogstaver, tal og _"), True),
        "title": s.Field(s.Str(), True),
        "severity": s.Field(s.Str(choices=SEVERITIES), True),
        "legal_ref": s.Field(s.Str()),
        "evidence": s.Field(s.Str(), True),
        "hint": s.Field(s.Str(), True),
        "check": s.Field(CHECK_SPEC, True),
        "source": s.Field(s.StrOrList(s.Str(check_fn=check_source)), True),
        "template": s.Field(s.Str()),
        "example": s.Field(s.Str()),
        "heading": s.Field(s.Str()),
        "short": s.Field(s.Str()),
        "labels": s.Field(s.ListOf(s.Str(), 1)),
        "place": s.Field(_PATTERNS),
    }
)
# A danger: a sentence that tells staff to do something that can put the person at risk.
# `match` items are patterns or {all: [begreb, ...]} over `danger_concepts` (lists of patterns);
# `under` matches sentences in a section whose heading matches; `unless` clears a sentence,
# `unless_section` clears an `under` hit when the section says it; `skip_under` names headings
# (e.g. the adult section) where the danger does not apply.
_DANGER_ITEM = s.Any_(
    [s.Str(check_fn=_regex), s.Map({"all": s.Field(s.ListOf(_NAME, 1), True)})],
    what="et mønster eller {all: [begreb, ...]}",
)
_UNDER = s.Map(
    {
        "heading": s.Field(_PATTERNS, True),
        "match": s.Field(s.ListOf(_DANGER_ITEM, 1), True),
        "unless_section": s.Field(_PATTERNS),
    }
)
DANGER_SPEC = s.Map(
    {
        "id": s.Field(s.Str(pattern=r"[a-z][a-z0-9_]*", what="et id med små bogstaver, tal og _"), True),
        "title": s.Field(s.Str(), True),
        "why": s.Field(s.Str(), True),
        "legal_ref": s.Field(s.Str()),
        "source": s.Field(s.StrOrList(s.Str(check_fn=check_source)), True),
        "match": s.Field(s.ListOf(_DANGER_ITEM, 1), True),
        "under": s.Field(_UNDER),
        "unless": s.Field(_PATTERNS),
        "skip_under": s.Field(_PATTERNS),
    }
)
# A unit nsk knows (a contact id) and the names a plan calls it by.
UNIT_SPEC = s.Map(
    {
        "contacts": s.Field(s.ListOf(s.Str(pattern=r"[a-z0-9_]+", what="et kontakt-id"), 1), True),
        "names": s.Field(_PATTERNS, True),
    }
)
# A service that has changed its name or closed, and what replaces it.
RENAMED_SPEC = s.Map(
    {
        "names": s.Field(_PATTERNS, True),
        "old": s.Field(s.Str(), True),
        "new": s.Field(s.Str(), True),
        "note": s.Field(s.Str(), True),
        "source": s.Field(s.StrOrList(s.Str(check_fn=check_source)), True),
        "verified": s.Field(s.Str(pattern=r"\d{4}-\d{2}-\d{2}", what="en dato ÅÅÅÅ-MM-DD"), True),
    }
)
SET_SPEC = s.Map(
    {
        "kind": s.Field(s.Str(choices=("beredskabsplan", "handleplan")), True),
        "title": s.Field(s.Str(), True),
        "detect": s.Field(_PATTERNS, True),
        "exclude_all": s.Field(s.ListOf(s.Str(check_fn=_regex))),
        "concepts": s.Field(s.Dict(_NAME, s.ListOf(s.Str(), 1))),
        "requirements": s.Field(s.ListOf(REQUIREMENT_SPEC, 1), True),
        "danger_concepts": s.Field(s.Dict(_NAME, _PATTERNS)),
        "dangers": s.Field(s.ListOf(DANGER_SPEC, 1)),
        "units": s.Field(s.ListOf(UNIT_SPEC, 1)),
        "renamed": s.Field(s.ListOf(RENAMED_SPEC, 1)),
    }
)
