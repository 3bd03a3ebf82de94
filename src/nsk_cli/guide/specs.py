"""Validation specs for the flow and municipality files, imported only when files are validated.

Kept apart from the models so that a run whose data come from the start-up cache
(already validated) does not pay for building them. Depends on the shared vocabulary,
never on the models that use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nsk_cli.core.sources import check_source
from nsk_cli.core.vocab import ID, PHASES, TAGS
from nsk_cli.data import schema as s
from nsk_cli.guide import conditions

# ------------------------------------------------------------------------------ rules

_LAWS = (
    "barnets lov|servicelovens|serviceloven|forvaltningsloven|forvaltningslovens|retsplejelovens|"
    "retsplejeloven|databeskyttelsesloven|databeskyttelseslovens|straffeloven|straffelovens|"
    "udlændingeloven|udlændingelovens|pasloven|paslovens|CPR-loven|CPR-lovens"
)
_PARAGRAPH = r"§§? \d+(?: [a-z])?(?:-\d+(?: [a-z])?)?(?:, stk\. \d+(?:-\d+)?)?(?:, nr\. \d+)?"
# The GDPR is cited by article: "databeskyttelsesforordningen art. 6, stk. 1, litra d".
_GDPR = r"databeskyttelsesforordningen art\. \d+(?:, stk\. \d+)?(?:, litra [a-f])?"
LEGAL_REF = re.compile(rf"(?:(?:{_LAWS}) {_PARAGRAPH}|{_GDPR})")


def _check_legal(value: str) -> str | None:
    if not LEGAL_REF.fullmatch(value):
        return (
            f"lovhenvisningen {value!r} har ikke den aftalte form, "
            "fx 'barnets lov § 18, stk. 3', 'forvaltningsloven §§ 27-28' eller "
            "'databeskyttelsesforordningen art. 6, stk. 1, litra d'"
        )
    return None


def _check_condition(value: str) -> str | None:
    try:
        conditions.parse(value)
    except conditions.ConditionError as exc:
        return f"ugyldig betingelse: {exc}"
    return None


_ID = s.Str(pattern=ID, what="et id med små bogstaver, tal og _")
_TEXT = s.Str()
_SOURCE = s.StrOrList(s.Str(check_fn=check_source))
_WHEN = s.Str(check_fn=_check_condition)
_LEGAL = s.ListOf(s.Str(check_fn=_check_legal))
_PHASE = s.Str(choices=tuple(PHASES), what="en kendt fase")

OPTION_SPEC = s.Map({"value": s.Field(_ID, True), "label": s.Field(_TEXT, True), "help": s.Field(_TEXT)})
QUESTION_SPEC = s.Map(
    {
        "id": s.Field(_ID, True),
        "text": s.Field(_TEXT, True),
        "help": s.Field(_TEXT, True),
        "type": s.Field(s.Str(choices=("ja_nej", "valg")), True),
        "options": s.Field(s.ListOf(OPTION_SPEC, 2)),
        "default": s.Field(_ID),  # none: the question must be answered (scripted use fails)
        "when": s.Field(_WHEN),
        "unknown_means": s.Field(_ID),  # offers "Ved ikke", which counts as this value
        "source": s.Field(_SOURCE, True),
    }
)
ALARM_SPEC = s.Map(
    {
        "when": s.Field(_WHEN, True),
        "title": s.Field(_TEXT, True),
        "steps": s.Field(s.ListOf(_ID, 1), True),
        "after": s.Field(_TEXT, True),
        "labels": s.Field(s.Dict(_ID, _TEXT)),
        "source": s.Field(_SOURCE, True),
    }
)
_STEP_FIELDS = {
    "id": s.Field(_ID, True),
    "text": s.Field(_TEXT, True),
    "when": s.Field(_WHEN),
    "phase": s.Field(_PHASE),
    "legal_refs": s.Field(_LEGAL),
    "contacts": s.Field(s.ListOf(_ID)),
    "tags": s.Field(s.ListOf(s.Str(choices=tuple(TAGS), what="et kendt mærke"))),
    "source": s.Field(_SOURCE, True),
    "note": s.Field(_TEXT),
    "now": s.Field(s.Bool()),
}
STEP_SPEC = s.Map(_STEP_FIELDS | {"phase": s.Field(_PHASE, True)})  # explicit in the national flow
FLOW_SPEC = s.Map(
    {
        "version": s.Field(s.Int(1), True),
        "title": s.Field(_TEXT, True),
        "alarm": s.Field(ALARM_SPEC),
        "questions": s.Field(s.ListOf(QUESTION_SPEC, 1), True),
        "steps": s.Field(s.ListOf(STEP_SPEC, 1), True),
    }
)
ADD_STEP_SPEC = s.Map(_STEP_FIELDS | {"before": s.Field(_ID), "after": s.Field(_ID)})
REPLACE_STEP_SPEC = s.Map({k: s.Field(v.spec, k in ("id", "source")) for k, v in _STEP_FIELDS.items()})
REMOVE_STEP_SPEC = s.Map(
    {"id": s.Field(_ID, True), "reason": s.Field(_TEXT, True), "source": s.Field(_SOURCE, True)}
)
KOMMUNE_SPEC = s.Map(
    {
        "id": s.Field(_ID, True),
        "name": s.Field(_TEXT, True),
        "aliases": s.Field(s.ListOf(_TEXT)),
        "notes": s.Field(_TEXT),
        "source": s.Field(_SOURCE, True),
        "add_steps": s.Field(s.ListOf(ADD_STEP_SPEC)),
        "replace_steps": s.Field(s.ListOf(REPLACE_STEP_SPEC)),
        "remove_steps": s.Field(s.ListOf(REMOVE_STEP_SPEC)),
    }
)

# rules/sources.yaml: a readable title for every source the rules and contacts cite.
SOURCES_SPEC = s.Map({"titles": s.Field(s.Dict(s.Str(check_fn=check_source), _TEXT), True)})


# ------------------------------------------------------------------------------ deadlines


@dataclass
class _OneOf(s.Spec):
    """A map with exactly one of its keys (rules/frister.yaml 'maal': timer, hverdage or dage)."""

    inner: s.Map

    def check(self, value, path, errors):
        self.inner.check(value, path, errors)
        if isinstance(value, dict) and len(value) != 1:
            errors.append((path, f"skal have præcis én af nøglerne {', '.join(self.inner.fields)}"))


_DATE = s.Str(pattern=r"\d{4}-\d{2}-\d{2}", what="en dato ÅÅÅÅ-MM-DD")
DEADLINE_SPEC = s.Map(
    {
        "id": s.Field(_ID, True),
        "when": s.Field(_WHEN),
        "regnes_fra": s.Field(s.Str(choices=("kendt",)), True),
        "maal": s.Field(_OneOf(s.Map({k: s.Field(s.Int(1)) for k in ("timer", "hverdage", "dage")})), True),
        "title": s.Field(_TEXT, True),
        "text": s.Field(_TEXT, True),
        "legal_refs": s.Field(_LEGAL),
        "source": s.Field(_SOURCE, True),
        "verified": s.Field(_DATE, True),
        "note": s.Field(_TEXT),
    }
)
DEADLINES_SPEC = s.Map(
    {"version": s.Field(s.Int(1), True), "deadlines": s.Field(s.ListOf(DEADLINE_SPEC, 1), True)}
)

# ------------------------------------------------------------------------------ sparring

_PHRASES = s.Dict(_ID, s.Dict(_ID, _TEXT))  # question id -> answer value -> sentence
SHARING_SPEC = s.Map({"when": s.Field(_WHEN), "step": s.Field(_ID, True), "intro": s.Field(_TEXT, True)})
SPARRING_SPEC = s.Map(
    {
        "version": s.Field(s.Int(1), True),
        "title": s.Field(_TEXT, True),
        "intro": s.Field(_TEXT, True),
        "phrases": s.Field(_PHRASES, True),
        "sharing": s.Field(s.ListOf(SHARING_SPEC, 1), True),
        "roles": s.Field(s.ListOf(_ID, 1), True),
        "contact_ids": s.Field(s.ListOf(_ID)),
        "closing": s.Field(_TEXT, True),
    }
)
