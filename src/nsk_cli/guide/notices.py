"""The guide's warnings and messages, one function each, so that every front end (the terminal,
the Markdown note, the offline web page) words them exactly alike. Pure."""

from __future__ import annotations

from nsk_cli.contacts.model import Contact, ContactDB
from nsk_cli.guide.model import Kommune, Question


def must_answer_message(q: Question) -> str:
    return (
        f"spørgsmålet {q.id!r} ({q.text}) skal besvares – angiv fx --answer "
        f"{q.id}={q.values()[0]}; gyldige værdier: {', '.join(q.values())}"
    )


# Roles that a municipality answers itself; when nsk knows no local contact for one, the
# national contact shown is labelled as the national route, not as the municipality's own.
LOCAL_ROLES = ("underretning", "uden_for_aabningstid", "voksne")
UNCONFIRMED_WARNING = (
    "Lokale numre markeret 'ikke bekræftet' er læst i kommunens offentlige kilder – tjek dem."
)


def opening_warnings(kommune: Kommune | None, given_name: str | None) -> list[str]:
    """The warnings that do not depend on the answers: no municipality or another one ('anden'),
    and the municipality's own note."""
    if kommune is None and given_name:
        return [
            "Anden kommune valgt: du får det nationale forløb og de nationale kontakter. "
            "Lokale kontakter mangler – find dem i din kommunes beredskabsplan eller actioncard."
        ]
    if kommune is None:
        return [
            "Ingen kommune valgt: du får det nationale forløb og de nationale kontakter. "
            "Lokale kontakter mangler – angiv --kommune eller brug 'nsk config set kommune'."
        ]
    return [f"{kommune.name}: {kommune.notes.strip()}"] if kommune.notes else []


def defaulted_warning(q: Question) -> str:
    label = q.label(q.default) if q.default else ""
    return (
        f"Spørgsmålet »{q.text}« ({q.id}) blev ikke besvaret; det forsigtige standardsvar "
        f"»{label}« er brugt. Tjek at det passer på sagen."
    )


def unknown_warning(q: Question) -> str:
    """A "Ved ikke" answer: said plainly, with the cautious answer nsk used instead."""
    return (
        f"Du svarede »Ved ikke« til »{q.text}«: nsk har taget den sikre vej og behandlet svaret "
        f"som »{q.label(q.unknown_means or '')}«."
    )


def ignored_warning(q: Question) -> str:
    return f"Svaret på »{q.text}« ({q.id}) er ikke brugt, fordi spørgsmålet ikke indgår i dette forløb."


def _lower_first(label: str) -> str:
    """'Kommunens døgnvagt' -> 'kommunens døgnvagt' inside a sentence; 'SSP (...)' stays."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


WHERE_TO_FIND = (
    "Den står i kommunens beredskabsplan mod negativ social kontrol og på kommunens hjemmeside "
    "– eller spørg din leder."
)


def missing_role_warning(label: str, role: str | None = None) -> str:
    """nsk has no contact at all for a role: say what nsk does not know and where to find it.
    For the underretning the digital form on borger.dk is the route until then."""
    what = _lower_first(label)
    if role == "underretning":
        return (
            "nsk kender ikke kommunens eget nummer til underretninger. Underret digitalt på "
            "borger.dk (ikke-anonymt, med MitID) – den når frem til alle kommuner. Kommunens eget "
            "nummer står i dens beredskabsplan mod negativ social kontrol og på kommunens hjemmeside "
            "(søg efter »underretning«) – eller spørg din leder."
        )
    return f"nsk kender ikke kommunens egen kontakt for {what}. {WHERE_TO_FIND}"


def national_route_roles(db: ContactDB, kommune: str) -> list[str]:
    """The municipality's own roles (LOCAL_ROLES) for which nsk shows only a national contact."""
    out = []
    for role in LOCAL_ROLES:
        found = db.resolve(role, kommune)
        if found and not any(c.kommune == kommune for c in found):
            out.append(role)
    return out


def national_route_warning(kommune: Kommune, labels: list[str]) -> str:
    return (
        f"{kommune.name}: ingen lokal kontakt i nsk for "
        + "; ".join(_lower_first(r) for r in labels)
        + " – den nationale rute vises."
    )


def page_only_roles(db: ContactDB, kommune: str) -> list[str]:
    """The municipality's own roles (LOCAL_ROLES) for which nsk knows only its web page: its own
    contacts for the role give no phone and no e-mail."""
    out = []
    for role in LOCAL_ROLES:
        local = [c for c in db.of_kommune(kommune) if role in c.roles]
        if any(c.url for c in local) and not any(c.phones or c.email for c in local):
            out.append(role)
    return out


def page_only_warning(kommune: Kommune, label: str, role: str) -> str:
    """Plain words: nsk has the municipality's page, not its number, and where the number is."""
    if role == "underretning":
        return (
            f"{kommune.name}: nsk kender ikke kommunens eget nummer til underretninger, kun kommunens "
            "side om underretning. Underret via siden eller digitalt på borger.dk; nummeret står i "
            "kommunens beredskabsplan mod negativ social kontrol."
        )
    return (
        f"{kommune.name}: nsk kender kun kommunens side for {_lower_first(label)}, ikke et nummer. "
        "Nummeret står i kommunens beredskabsplan mod negativ social kontrol."
    )


def needs_confirming(c: Contact) -> bool:
    """A local number or address read in a public source, not yet confirmed by the municipality."""
    return c.unconfirmed_local and bool(c.phones or c.email)
