"""The shared one-line texts for a contact: phones, reach, opening state and where to turn
instead. Pure (no rich), so every front end – the terminal, Markdown, the offline web page and
the action card – words a contact the same way."""

from __future__ import annotations

from datetime import datetime

from nsk_cli.contacts.model import Contact

UNCONFIRMED = "ikke bekræftet af kommunen"


def phones(c: Contact) -> str:
    return ", ".join(p.number + (f" ({p.label})" if p.label else "") for p in c.phones)


def state_text(c: Contact, at: datetime) -> str:
    """'åben nu', 'lukket nu (helligdag: Juledag)', or '' when it cannot be known: a contact
    without known hours says nothing about open or closed."""
    if c.hours is None:
        return ""
    state, why = c.hours.state(at)
    if state is None:
        return f"åben eller lukket? ({why})" if why else ""
    return ("åben nu" if state else "lukket nu") + (f" ({why})" if why else "")


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
    parts = [p for p in (reach, c.url) if p]
    return " · ".join(parts) if parts else "ingen telefon, mail eller webadresse i kilderne"


def alternatives_text(alts: list[Contact]) -> str:
    """'Ishøj Kommunes døgnvagt (via politiet): 114; ved akut fare: 112'."""
    parts = []
    for a in alts:
        number = a.phones[0].number if a.phones else ""
        parts.append(f"ved akut fare: {number}" if "akut" in a.roles else f"{a.name}: {number}")
    return "; ".join(parts)
