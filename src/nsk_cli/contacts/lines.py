"""The shared one-line texts for a contact: phones, reach, opening state and where to turn
instead. Pure (no rich), so every front end – the terminal, Markdown, the offline web page and
the action card – words a contact the same way."""

from __future__ import annotations

from datetime import datetime

from nsk_cli.contacts.model import Contact

UNCONFIRMED = "ikke bekræftet af kommunen"
FROM_PLAN = "fra kommunens egen plan"


def phones(c: Contact) -> str:
    return ", ".join(p.number + (f" ({p.label})" if p.label else "") for p in c.phones)


def moment(at: datetime) -> str:
    """The time the state was worked out, in Danish time: 'kl. 02:14 den 7/12'. Never 'nu': a
    saved note or printed result is read later, when 'nu' would be wrong."""
    from nsk_cli.core import danish_time

    t = danish_time.local(at)
    return f"kl. {t:%H:%M} den {t.day}/{t.month}"


def state_text(c: Contact, at: datetime) -> str:
    """'åben kl. 10:00 den 23/11', 'lukket kl. 10:00 den 25/12 (helligdag: Juledag)', or '' when
    it cannot be known: a contact without known hours says nothing about open or closed."""
    if c.hours is None:
        return ""
    state, why = c.hours.state(at)
    if state is None:
        return f"åben eller lukket? ({why})" if why else ""
    return ("åben " if state else "lukket ") + moment(at) + (f" ({why})" if why else "")


_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def opens_text(opens: datetime | None, at: datetime) -> str:
    """'åbner kl. 13:00' (the same day) / 'åbner mandag 23/11 kl. 09:00', or '' when not
    known. Dated, never 'i dag': the text may be read on another day."""
    if opens is None:
        return ""
    if opens.date() == at.date():
        return f"åbner kl. {opens:%H:%M}"
    return f"åbner {_WEEKDAYS[opens.weekday()]} {opens.day}/{opens.month} kl. {opens:%H:%M}"


def hours_text(c: Contact, at: datetime | None) -> str:
    """The opening hours and, at a time, the state; '' when the hours are unknown."""
    if c.hours is None:
        return ""
    state = state_text(c, at) if at is not None else ""
    return c.hours.text + (f", {state}" if state else "")


def contact_line(c: Contact) -> str:
    """Phones and e-mail (marked when a local number is not confirmed by the municipality),
    then the web address."""
    reach = " · ".join(p for p in (phones(c), c.email) if p)
    if reach and c.unconfirmed_local:
        reach += f" ({UNCONFIRMED})"
    elif reach and c.from_plan:
        reach += f" ({FROM_PLAN})"
    parts = [p for p in (reach, c.url) if p]
    return " · ".join(parts) if parts else "ingen telefon, mail eller webadresse i kilderne"


def alternatives_text(alts: list[Contact]) -> str:
    """'Ishøj Kommunes døgnvagt (via politiet): 114; ved akut fare: 112'."""
    parts = []
    for a in alts:
        number = a.phones[0].number if a.phones else ""
        parts.append(f"ved akut fare: {number}" if "akut" in a.roles else f"{a.name}: {number}")
    return "; ".join(parts)
