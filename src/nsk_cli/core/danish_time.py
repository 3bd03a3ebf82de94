"""Danish local time: opening hours are Danish wall-clock times (Europe/Copenhagen), whatever
the machine's own time zone is."""

from __future__ import annotations

import functools
from datetime import datetime, tzinfo

from nsk_cli.core.errors import DataError

ZONE = "Europe/Copenhagen"


@functools.cache
def zone() -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(ZONE)
    except (ZoneInfoNotFoundError, ValueError):  # pragma: no cover - tzdata is a dependency
        raise DataError(f"tidszonen {ZONE} findes ikke på maskinen – installér pakken tzdata") from None


def now() -> datetime:
    return datetime.now(zone())


def local(at: datetime) -> datetime:
    """A time as Danish wall-clock time: aware times are converted, naive ones taken as Danish."""
    return at.replace(tzinfo=zone()) if at.tzinfo is None else at.astimezone(zone())
