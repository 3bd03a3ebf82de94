"""Validation specs for the contact files, imported only when files are validated.

Depends on the phone and hours parsers and the shared vocabulary, never on the contact model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from nsk_cli.contacts.hours import ALWAYS, parse_hours
from nsk_cli.contacts.phones import normalise_phone
from nsk_cli.core.sources import check_source
from nsk_cli.core.vocab import ID
from nsk_cli.data import schema as s

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
        return f"ugyldigt telefonnummer {value!r}: brug 8 cifre, +45 og 8 cifre, 112/114/1888 eller 116 111"
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


def contact_spec(roles: Iterable[str], regions: Iterable[str] = ()) -> s.Map:
    region = s.Str(choices=tuple(regions) or None, what="et region-id")
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
            "notes": s.Field(s.Str()),  # shown to the user: what the contact does, for whom
            "editor_note": s.Field(s.Str()),  # for reviewers only: disagreeing sources, what was not read
            "regions": s.Field(s.ListOf(region, 1)),  # national contacts for some regions only
            "source": s.Field(s.StrOrList(s.Str(check_fn=check_source)), True),
            "page_date": s.Field(s.Str()),  # the page's own date, as the page writes it
            "verified": s.Field(s.Str(check_fn=_check_date), True),
            # where a user's contact comes from, when not supplied by the municipality directly
            "trust": s.Field(s.Str(choices=("kommunens_plan",), what="kommunens_plan")),
        }
    )


_SOURCES = s.StrOrList(s.Str(check_fn=check_source))


def contacts_file_spec(
    roles: Iterable[str], regions: Iterable[str] = (), police_districts: Iterable[str] = ()
) -> s.Map:
    """A contacts file; with ``kommune`` it may also carry the municipality's facts (required
    in the shipped files, see ``municipalities.FACT_KEYS``)."""
    from nsk_cli.contacts.municipalities import POLICE_STATUS

    regions = tuple(regions)
    return s.Map(
        {
            "kommune": s.Field(s.Str(pattern=ID, what="et kommune-id")),
            "name": s.Field(s.Str()),
            "code": s.Field(s.Int(101)),
            "aliases": s.Field(s.ListOf(s.Str())),
            "region": s.Field(s.Str(choices=regions or None, what="et region-id")),
            "region_source": s.Field(_SOURCES),
            "police_district": s.Field(s.Str(choices=tuple(police_districts) or None, what="en politikreds")),
            "police_district_status": s.Field(s.Str(choices=tuple(POLICE_STATUS))),
            "police_district_source": s.Field(_SOURCES),
            "notes": s.Field(s.Str()),
            "plan_url": s.Field(s.Str(pattern=r"https?://\S+", what="en webadresse (https://...)")),
            "verified": s.Field(s.Str(check_fn=_check_date)),
            "contacts": s.Field(s.ListOf(contact_spec(roles, regions)), True),
        }
    )


AREAS_SPEC = s.Map(
    {
        "regions": s.Field(s.Dict(s.Str(pattern=ID, what="et region-id"), s.Str()), True),
        "police_districts": s.Field(
            s.Dict(
                s.Str(pattern=ID, what="et politikreds-id"),
                s.Map({"name": s.Field(s.Str(), True), "regions": s.Field(s.ListOf(s.Str(), 1), True)}),
            ),
            True,
        ),
        "source": s.Field(_SOURCES, True),
        "verified": s.Field(s.Str(check_fn=_check_date), True),
    }
)


ROLES_SPEC = s.Map({"roles": s.Field(s.Dict(s.Str(pattern=ID, what="et rolle-id"), s.Str()), True)})
