"""Danish public holidays from the `holidays` library, kept per year in the user's cache.

`holidays` imports every country's calendar (about a quarter of a second), so a year's
table is computed once and cached as plain data. A missing or malformed cache file is
ignored and rebuilt; it never decides anything on its own.
"""

from __future__ import annotations

import json
import re
from datetime import date

from nsk_cli import __version__

PUBLIC = "public"  # helligdage: offices with weekday hours are closed
OPTIONAL = "optional"  # 1. maj, grundlovsdag, juleaftensdag, nytårsaftensdag: many offices close

_memo: dict[int, dict[str, tuple[str, str]]] = {}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def holiday(day: date) -> tuple[str, str] | None:
    """(Danish name, 'public' or 'optional') when the day is a Danish holiday, else None."""
    return days_of(day.year).get(day.isoformat())


def days_of(year: int) -> dict[str, tuple[str, str]]:
    """Every Danish holiday of a year: ISO date -> (Danish name, 'public' or 'optional')."""
    table = _memo.get(year)
    if table is None:
        table = _memo[year] = _cached(year) or _compute(year)
    return table


def _compute(year: int) -> dict[str, tuple[str, str]]:
    from holidays.countries.denmark import Denmark

    table: dict[str, tuple[str, str]] = {}
    for category in (OPTIONAL, PUBLIC):  # a public holiday wins over an optional one
        for day, name in Denmark(years=year, categories=(category,), language="da").items():
            table[day.isoformat()] = (str(name), category)
    _store(year, table)
    return table


def _file(year: int):
    from nsk_cli.data import paths

    return paths.cache_dir() / f"helligdage-{year}.json"


def _digest(days: object) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(days, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _cached(year: int) -> dict[str, tuple[str, str]] | None:
    from nsk_cli.core.errors import NskError
    from nsk_cli.data.files import read_input

    try:  # never a FIFO or a device, never more than a holiday table can be
        raw = json.loads(read_input(_file(year), 1048576, NskError, remember=False).decode("utf-8"))
    except (OSError, ValueError, NskError):
        return None
    if (
        not isinstance(raw, dict)
        or raw.get("version") != __version__
        or not isinstance(raw.get("days"), dict)
        or raw.get("sha256") != _digest(raw["days"])  # edited or damaged: rebuilt, like the main cache
    ):
        return None
    table: dict[str, tuple[str, str]] = {}
    for day, value in raw["days"].items():
        if (
            not _DAY.fullmatch(str(day))
            or not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, str) for v in value)
            or value[1] not in (PUBLIC, OPTIONAL)
            or not day.startswith(f"{year}-")
        ):
            return None  # malformed: rebuild rather than trust it
        table[day] = (value[0], value[1])
    return table or None


def _store(year: int, table: dict[str, tuple[str, str]]) -> None:
    from nsk_cli.core.errors import NskError
    from nsk_cli.data.files import write_private

    try:
        path = _file(year)
        path.parent.mkdir(parents=True, exist_ok=True)
        days = {k: list(v) for k, v in table.items()}
        record = {"version": __version__, "days": days, "sha256": _digest(days)}
        write_private(path, json.dumps(record, ensure_ascii=False), force=True)
    except (OSError, NskError):
        pass  # an optimisation only
