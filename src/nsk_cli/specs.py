"""Validation specs for the data files, imported only when files are validated.

Kept apart from the models so that a run whose data come from the start-up cache
(already validated) does not pay for building them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from nsk_cli import conditions
from nsk_cli import schema as s
from nsk_cli.contacts import ALWAYS, normalise_phone, parse_hours
from nsk_cli.rules import ID, TAGS
from nsk_cli.sources import check_source

# ------------------------------------------------------------------------------ rules

LEGAL_REF = re.compile(
    r"(barnets lov|servicelovens|serviceloven|forvaltningsloven|forvaltningslovens|"
    r"retsplejelovens|retsplejeloven|databeskyttelsesloven|databeskyttelseslovens|straffeloven|"
    r"straffelovens|udlændingeloven|udlændingelovens) "
    r"§§? \d+(?: [a-z])?(?:-\d+(?: [a-z])?)?(?:, stk\. \d+(?:-\d+)?)?(?:, nr\. \d+)?"
)


def _check_legal(value: str) -> str | None:
    if not LEGAL_REF.fullmatch(value):
        return (
            f"lovhenvisningen {value!r} har ikke den aftalte form, "
            "fx 'barnets lov § 18, stk. 3' eller 'forvaltningsloven §§ 27-28'"
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

OPTION_SPEC = s.Map({"value": s.Field(_ID, True), "label": s.Field(_TEXT, True), "help": s.Field(_TEXT)})
QUESTION_SPEC = s.Map(
    {
        "id": s.Field(_ID, True),
        "text": s.Field(_TEXT, True),
        "help": s.Field(_TEXT, True),
        "type": s.Field(s.Str(choices=("ja_nej", "valg")), True),
        "options": s.Field(s.ListOf(OPTION_SPEC, 2)),
        "default": s.Field(_ID, True),
        "when": s.Field(_WHEN),
        "source": s.Field(_SOURCE, True),
    }
)
_STEP_FIELDS = {
    "id": s.Field(_ID, True),
    "text": s.Field(_TEXT, True),
    "when": s.Field(_WHEN),
    "legal_refs": s.Field(_LEGAL),
    "contacts": s.Field(s.ListOf(_ID)),
    "tags": s.Field(s.ListOf(s.Str(choices=tuple(TAGS), what="et kendt mærke"))),
    "source": s.Field(_SOURCE, True),
    "note": s.Field(_TEXT),
}
STEP_SPEC = s.Map(_STEP_FIELDS)
FLOW_SPEC = s.Map(
    {
        "version": s.Field(s.Int(1), True),
        "title": s.Field(_TEXT, True),
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


# ------------------------------------------------------------------------------ contacts


def _check_hours(value) -> str | None:
    try:
        parse_hours(value)
    except ValueError as exc:
        return str(exc)
    return None


class _HoursSpec(s.Spec):
    def check(self, value, path, errors):
        if not isinstance(value, (str, dict)):
            errors.append((path, f"skal være {ALWAYS!r} eller et opslag dag: TT:MM-TT:MM"))
            return
        if isinstance(value, dict):
            for k, v in value.items():
                if not isinstance(v, str):
                    errors.append((path + (k,), "skal være tekst som '09:00-15:00'"))
                    return
        problem = _check_hours(value)
        if problem:
            errors.append((path, problem))


def _check_phone(value: str) -> str | None:
    if normalise_phone(value) is None:
        return f"ugyldigt telefonnummer {value!r}: brug 8 cifre, +45 og 8 cifre, eller 112/114/1888"
    return None


def _check_email(value: str) -> str | None:
    if not re.fullmatch(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", value):
        return f"ugyldig e-mailadresse {value!r}"
    return None


def _check_date(value: str) -> str | None:
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"ugyldig dato {value!r}; brug ÅÅÅÅ-MM-DD"
    return None


_PHONE = s.Map({"number": s.Field(s.Str(check_fn=_check_phone), True), "label": s.Field(s.Str())})


def contact_spec(roles: Iterable[str]) -> s.Map:
    return s.Map(
        {
            "id": s.Field(s.Str(pattern=ID, what="et id med små bogstaver, tal og _"), True),
            "name": s.Field(s.Str(), True),
            "organisation": s.Field(s.Str()),
            "kommune": s.Field(s.Str(pattern=ID, what="et kommune-id")),
            "roles": s.Field(s.ListOf(s.Str(choices=tuple(roles), what="en kendt rolle"), 1), True),
            "phone": s.Field(s.ListOf(_PHONE, 1)),
            "email": s.Field(s.Str(check_fn=_check_email)),
            "url": s.Field(s.Str(pattern=r"https?://\S+", what="en webadresse (https://...)")),
            "hours": s.Field(_HoursSpec()),
            "notes": s.Field(s.Str()),
            "source": s.Field(s.StrOrList(s.Str(check_fn=check_source)), True),
            "verified": s.Field(s.Str(check_fn=_check_date), True),
        }
    )


def contacts_file_spec(roles: Iterable[str]) -> s.Map:
    return s.Map(
        {
            "kommune": s.Field(s.Str(pattern=ID, what="et kommune-id")),
            "contacts": s.Field(s.ListOf(contact_spec(roles)), True),
        }
    )


ROLES_SPEC = s.Map({"roles": s.Field(s.Dict(s.Str(pattern=ID, what="et rolle-id"), s.Str()), True)})
