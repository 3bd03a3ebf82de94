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
    """'nu' for the present, 'på det tidspunkt' for a chosen time (--at) in the past or future."""
    from nsk_cli.core import danish_time

    gap = abs((danish_time.local(at) - danish_time.now()).total_seconds())
    return "nu" if gap < 120 else "på det tidspunkt"


def state_text(c: Contact, at: datetime) -> str:
    """'åben nu', 'lukket på det tidspunkt (helligdag: Juledag)', or '' when it cannot be known: a
    contact without known hours says nothing about open or closed."""
    if c.hours is None:
        return ""
    state, why = c.hours.state(at)
    if state is None:
        return f"åben eller lukket? ({why})" if why else ""
    return ("åben " if state else "lukket ") + moment(at) + (f" ({why})" if why else "")


_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def opens_text(opens: datetime | None, at: datetime) -> str:
    """'åbner i dag kl. 13:00' / 'åbner mandag kl. 09:00', or '' when not known."""
    if opens is None:
        return ""
    when = "i dag" if opens.date() == at.date() else _WEEKDAYS[opens.weekday()]
    return f"åbner {when} kl. {opens:%H:%M}"


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
