"""An iCalendar file (RFC 5545) with one VEVENT per deadline. Written by hand: it is tiny.

No personal data goes in: only the deadline's title, its text from rules/frister.yaml and its
legal references – never a name, a CPR number or anything the user typed. The UID is stable
(the deadline's id and date), so importing the file again updates the events instead of
doubling them. Lines end in CRLF and are folded at 75 octets.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

from nsk_cli.guide.deadlines import Deadline

PRODID = "-//nsk//frister//DA"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (UTF-8), never inside a character (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75  # continuation lines start with one space
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def uid(d: Deadline) -> str:
    key = f"{d.id}|{d.due.isoformat()}".encode()
    return f"{d.id}-{hashlib.sha256(key).hexdigest()[:16]}@nsk"


def to_ics(deadlines: list[Deadline], stamp: datetime) -> str:
    """The calendar for the deadlines; ``stamp`` (an aware time) becomes every DTSTAMP."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for d in deadlines:
        description = d.text + (f" ({'; '.join(d.legal_refs)})" if d.legal_refs else "")
        lines += ["BEGIN:VEVENT", f"UID:{uid(d)}", f"DTSTAMP:{_utc(stamp)}"]
        if isinstance(d.due, datetime):
            lines += [f"DTSTART:{_utc(d.due)}", f"DTEND:{_utc(d.due + timedelta(minutes=15))}"]
        else:
            day: date = d.due
            lines += [
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            ]
        lines += [
            f"SUMMARY:{_escape('Frist: ' + d.title)}",
            f"DESCRIPTION:{_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
