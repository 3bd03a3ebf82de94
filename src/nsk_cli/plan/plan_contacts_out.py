"""The contacts read from a plan as a contacts file (for --contacts-dir) and as a review summary."""

from __future__ import annotations

import re
from datetime import date

from nsk_cli.plan.plan_contacts import TRUST, Extraction, Found


def _name(f: Found, kommune_name: str, db, known) -> str:
    """The plan's own name on the number's line; else the name nsk knows for the same number;
    else the name above it in the plan; else the municipality and the role."""
    if f.name and f.own_name:
        return f.name
    if known is not None:
        return known.name
    if f.name:
        return f.name
    if f.roles == ["uden_for_aabningstid"] and any(n == "114" for n, _ in f.phones):
        return f"{kommune_name}s døgnvagt (via politiet)"
    return f"{kommune_name}: {db.roles.get(f.roles[0], f.roles[0])}"


def contacts_data(ex: Extraction, file_name: str, db, today: date) -> dict:
    """The contacts file: the municipality and one contact per unit the plan gives a number,
    e-mail or municipal web address for. A number nsk already holds for the municipality keeps
    its id (so the plan's version replaces the public-page one) and its other roles and sources."""
    assert ex.kommune is not None
    m = db.municipalities[ex.kommune]
    contacts: list[dict] = []
    ids: set[str] = set()
    for f in ex.found:
        known = db.contacts.get(f.known_id) if f.known_id else None
        cid = known.id if known and known.id not in ids else f"{ex.kommune}_plan_{f.roles[0]}"
        n = 2
        while cid in ids:
            cid, n = f"{ex.kommune}_plan_{f.roles[0]}_{n}", n + 1
        ids.add(cid)
        roles = list(f.roles) + [r for r in (known.roles if known else ()) if r not in f.roles]
        places = _places(f, file_name)
        note = f"Læst i kommunens egen plan ({file_name}"
        note += f", {ex.plan_date})." if ex.plan_date else ")."
        if known:
            note += (
                " Samme nummer eller adresse som i nsk's offentlige kilder; deres roller og kilder beholdes."
            )
        if f.hours_text and not f.hours:
            note += f" Planens ord om åbningstid (ikke læst som tider): «{f.hours_text}»."
        entry: dict = {"id": cid, "name": _name(f, m.name, db, known), "organisation": m.name, "roles": roles}
        if f.phones:
            entry["phone"] = [{"number": num, **({"label": lab} if lab else {})} for num, lab in f.phones]
        if f.email:
            entry["email"] = f.email
        if f.url:
            entry["url"] = f.url
        if f.hours:
            entry["hours"] = f.hours
        entry["notes"] = note
        entry["source"] = places + ([s for s in known.source if s not in places] if known else [])
        if ex.plan_date:
            entry["page_date"] = ex.plan_date
        entry["trust"] = TRUST
        entry["verified"] = today.isoformat()
        contacts.append(entry)
    return {"kommune": ex.kommune, "contacts": contacts}


def _places(f: Found, file_name: str) -> list[str]:
    """'plan.pdf, side 3, linje 12-14': the places a contact stands, neighbouring lines joined."""
    spans: list[list] = []  # [page, first, last]
    for w in sorted({(w.page or 0, w.line) for w in f.where}):
        if spans and spans[-1][0] == w[0] and w[1] - spans[-1][2] <= 1:
            spans[-1][2] = w[1]
        else:
            spans.append([w[0], w[1], w[1]])
    out = []
    for page, a, b in spans:
        where = f"side {page}, " if page else ""
        out.append(f"{file_name}, {where}linje {a}" + (f"-{b}" if b != a else ""))
    return out


def to_yaml(data: dict, file_name: str, today: date) -> str:
    import yaml

    head = (
        f"# Kontakter læst af nsk check-plan --kontakter fra {file_name} den {today.isoformat()}.\n"
        "# Gennemgå hver kontakt mod planen, før filen tages i brug: navne, roller og numre står,\n"
        "# som nsk læste dem. Brug filen med  nsk guide --contacts-dir MAPPE  eller NSK_CONTACTS_DIR.\n"
    )

    class Dumper(yaml.SafeDumper):
        """Phone numbers and dates stay quoted, so the strict loader reads them as text."""

    def text(dumper, value: str):
        quoted = bool(re.fullmatch(r"[\d +:-]+", value))
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'" if quoted else None)

    Dumper.add_representer(str, text)
    body = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
    return head + body


def summary(ex: Extraction, data: dict | None, written: str | None, kommune_name: str | None) -> str:
    """What a plan owner reviews: what was found and where, what could not be placed, the national
    numbers nsk already has, and where the file went."""
    out: list[str] = []
    where = f" ({kommune_name})" if kommune_name else ""
    contacts = data["contacts"] if data else []
    out.append(f"Kontakter fundet i planen{where}: {len(contacts)}")
    for c in contacts:
        reach = ", ".join(
            [p["number"] for p in c.get("phone", [])] + [c[k] for k in ("email", "url") if k in c]
        )
        out.append(f"  • {c['name']} – {reach}")
        out.append(f"    roller: {', '.join(c['roles'])}; {c['source'][0]}")
    if ex.unplaced:
        out.append(f"Kunne ikke placeres ({len(ex.unplaced)}) – planen siger ikke, hvad nummeret er til:")
        for u in ex.unplaced:
            why = " (ser ud til at være et nationalt tilbud)" if u.national == "?" else ""
            out.append(f"  • {u.value}{why} – linje {u.where.line}: «{_short(u.context)}»")
    if ex.national:
        by_name: dict[str, list[str]] = {}
        for u in ex.national:
            by_name.setdefault(u.national or "", []).append(u.value)
        out.append("Nationale numre i planen, som nsk allerede har (skrives ikke i filen):")
        out.extend(f"  • {name}: {', '.join(dict.fromkeys(values))}" for name, values in by_name.items())
    if written:
        out.append(f"Skrevet til {written}. Gennemgå filen, og brug den med --contacts-dir.")
    elif not contacts:
        out.append("Ingen fil skrevet: planen gav ingen kontakt, nsk kunne placere.")
    return "\n".join(out)


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
