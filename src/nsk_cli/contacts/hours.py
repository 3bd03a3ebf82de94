"""Weekly opening hours: parsing the data format and telling open from closed.

Hours are Danish wall-clock times. Weekly hours do not apply on Danish public holidays
(helligdage: closed); on the optional days off (1. maj, grundlovsdag, juleaftensdag,
nytårsaftensdag) many offices close, so the state is unknown. "døgnet rundt" is always open.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from msgspec import Struct

DAYS = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
_DAY_ALIASES = {d: i for i, d in enumerate(DAYS)} | {"loer": 5, "soen": 6}
ALWAYS = "døgnet rundt"


def _parse_day_spec(spec: str) -> list[int]:
    days: list[int] = []
    for part in spec.split(","):
        part = part.strip().lower()
        if part == "alle":
            days.extend(range(7))
        elif "-" in part:
            a, b = (p.strip() for p in part.split("-", 1))
            if a not in _DAY_ALIASES or b not in _DAY_ALIASES:
                raise ValueError(f"ukendt ugedag i {spec!r}; brug {', '.join(DAYS)} eller alle")
            i, j = _DAY_ALIASES[a], _DAY_ALIASES[b]
            if j < i:
                raise ValueError(f"dagintervallet {part!r} går baglæns")
            days.extend(range(i, j + 1))
        elif part in _DAY_ALIASES:
            days.append(_DAY_ALIASES[part])
        else:
            raise ValueError(f"ukendt ugedag {part!r}; brug {', '.join(DAYS)} eller alle")
    return days


def _minutes(hhmm: str) -> int:
    m = re.fullmatch(r"([01]?\d|2[0-4])[:.]([0-5]\d)", hhmm.strip())
    if not m:
        raise ValueError(f"ugyldigt klokkeslæt {hhmm.strip()!r}; brug TT:MM")
    value = int(m.group(1)) * 60 + int(m.group(2))
    if value > 24 * 60:
        raise ValueError(f"ugyldigt klokkeslæt {hhmm.strip()!r}")
    return value


def holiday_state(day: date) -> tuple[bool | None, str] | None:
    """How a holiday overrides weekly hours: (False, why) on a public holiday, (None, why) on a
    day many offices take off; None on an ordinary day."""
    from nsk_cli.contacts.public_holidays import PUBLIC, holiday

    found = holiday(day)
    if found is None:
        return None
    if found[1] == PUBLIC:
        return False, f"helligdag: {found[0]}"
    return None, f"{found[0]}: mange holder lukket"


class Hours(Struct, frozen=True):
    """Weekly opening hours: per weekday (0 = Monday) a tuple of (start, end) minutes."""

    week: tuple[tuple[tuple[int, int], ...], ...]
    text: str

    @property
    def always(self) -> bool:
        return all(day == ((0, 1440),) for day in self.week)

    def state(self, at: datetime) -> tuple[bool | None, str | None]:
        """(open, why) at a time: True/False, or None when it cannot be known; ``why`` names
        the holiday that decided it."""
        if self.always:
            return True, None
        from nsk_cli.core.danish_time import local

        at = local(at)
        decided = holiday_state(at.date())
        if decided is not None:
            return decided
        minute = at.hour * 60 + at.minute
        return any(a <= minute < b for a, b in self.week[at.weekday()]), None

    def is_open(self, at: datetime) -> bool | None:
        return self.state(at)[0]

    def next_open(self, at: datetime) -> datetime | None:
        """When these hours open next after ``at`` (within two weeks: a week, and the public
        holidays that may close it, such as Easter and Christmas)."""
        from datetime import timedelta

        day0 = at.replace(hour=0, minute=0, second=0, microsecond=0)
        now = at.hour * 60 + at.minute
        for offset in range(15):
            day = day0 + timedelta(days=offset)
            for start, _end in sorted(self.week[day.weekday()]):
                if offset or start > now:
                    candidate = day + timedelta(minutes=start)
                    if self.state(candidate)[0] is not False:
                        return candidate
        return None


def parse_hours(value: str | dict) -> Hours:
    """Parse 'døgnet rundt' or {'man-fre': '09:00-15:00', 'lør': '10:00-12:00, 13:00-14:00'}."""
    week: list[list[tuple[int, int]]] = [[] for _ in range(7)]
    if isinstance(value, str):
        if value.strip().lower() != ALWAYS:
            raise ValueError(f"åbningstider skal være {ALWAYS!r} eller et opslag dag: TT:MM-TT:MM")
        return Hours(tuple(((0, 1440),) for _ in range(7)), "døgnet rundt")
    parts_text: list[str] = []
    for day_spec, spans in value.items():
        days = _parse_day_spec(str(day_spec))
        for span in str(spans).split(","):
            if "-" not in span:
                raise ValueError(f"åbningstid {span.strip()!r} skal have formen TT:MM-TT:MM")
            a_text, b_text = span.split("-", 1)
            a, b = _minutes(a_text), _minutes(b_text)
            if a == b:
                raise ValueError(f"åbningstid {span.strip()!r} er tom")
            for d in days:
                if b > a:
                    week[d].append((a, b))
                else:  # crosses midnight: until midnight, then the next morning
                    week[d].append((a, 1440))
                    week[(d + 1) % 7].append((0, b))
        parts_text.append(f"{day_spec} {spans}")
    return Hours(tuple(tuple(sorted(day)) for day in week), "; ".join(parts_text))
