"""What nsk knows locally about each municipality, and what the municipality should confirm
or supply: the data behind `nsk kommuner` and `nsk kommuner --missing`. Pure."""

from __future__ import annotations

import textwrap

from nsk_cli.contacts.model import ContactDB
from nsk_cli.contacts.municipalities import POLICE_STATUS, Municipality

# (key, Danish label): the local facts a municipality is expected to have.
FACTS = (
    ("underretning", "underretning"),
    ("uden_for_aabningstid", "uden for åbningstid"),
    ("voksne", "voksne"),
    ("plan", "plan"),
)
CONFIRMED, PUBLIC, MISSING = "bekraeftet", "offentlig_kilde", "mangler"
FROM_PLAN = "kommunens_plan"  # read from its own plan by check-plan --kontakter, not yet reviewed


def facts(db: ContactDB, m: Municipality) -> dict[str, str]:
    """Per fact: 'bekraeftet' (supplied by the municipality), 'kommunens_plan' (read from its own
    plan by check-plan --kontakter, not yet reviewed), 'offentlig_kilde' (read from a public page
    or plan, not confirmed) or 'mangler'. A contact counts only with a phone or an
    e-mail; a page link alone does not tell a user whom to call."""
    local = [c for c in db.of_kommune(m.id) if c.phones or c.email]
    out: dict[str, str] = {}
    for key, _ in FACTS:
        if key == "plan":
            out[key] = MISSING if not m.plan_url else (CONFIRMED if m.id in db.plan_confirmed else PUBLIC)
            continue
        found = [c for c in local if key in c.roles]
        if not found:
            out[key] = MISSING
        elif any(c.user and not c.from_plan for c in found):
            out[key] = CONFIRMED
        else:
            out[key] = FROM_PLAN if any(c.from_plan for c in found) else PUBLIC
    return out


def row(db: ContactDB, m: Municipality) -> dict:
    f = facts(db, m)
    pd = db.police_districts.get(m.police_district)
    return {
        "id": m.id,
        "name": m.name,
        "code": m.code,
        "aliases": list(m.aliases),
        "region": m.region,
        "region_name": db.regions.get(m.region, m.region),
        "police_district": m.police_district,
        "police_district_name": pd.name if pd else m.police_district,
        "police_district_status": m.police_district_status,
        "police_district_status_text": POLICE_STATUS.get(m.police_district_status, ""),
        "plan_url": m.plan_url,
        "facts": f,
        "missing": [k for k, _ in FACTS if f[k] == MISSING],
        "to_confirm": [k for k, _ in FACTS if f[k] in (PUBLIC, FROM_PLAN)],
        "contacts": [c.id for c in db.of_kommune(m.id)],
        "region_source": list(m.region_source),
        "police_district_source": list(m.police_district_source),
        "notes": m.notes,
        "verified": m.verified.isoformat(),
        "next_step": next_step(m.id, f, m.plan_url),
    }


CHECK_PLAN = "kør `nsk check-plan <jeres plan> --kontakter <mappe>`"


def next_step(kid: str, f: dict[str, str], plan_url: str | None) -> str | None:
    """The shortest way for a municipality to fill its gap, in Danish; None when nothing is
    missing or unconfirmed. Contacts are missing: its own plan names them, so reading the plan
    (nsk check-plan --kontakter) fills them in one step. Only unconfirmed: confirming the numbers
    nsk shows. Only the plan's address missing: one line in its own file."""
    contacts_missing = [k for k, _ in FACTS if k != "plan" and f[k] == MISSING]
    own_file = f"kommuner/{kid}.yaml i jeres datamappe"
    if contacts_missing:
        plan = f" (planen: {plan_url})" if plan_url else ""
        step = f"{CHECK_PLAN}{plan}, tjek det fundne og brug mappen med --contacts-dir"
        if f["plan"] == MISSING:
            step += f"; skriv planens webadresse som plan_url i {own_file}"
        return step
    if FROM_PLAN in f.values():
        return (
            "bekræft kontakterne, som check-plan fandt i jeres plan: gennemgå filen i <mappe> og fjern "
            "linjen `trust: kommunens_plan` ved dem, der er rigtige"
        )
    if PUBLIC in f.values():
        step = (
            f"bekræft numrene fra `nsk contacts -k {kid}` – ret dem om nødvendigt – og læg dem i "
            f"{own_file} (tjek med `nsk rules validate --contacts-dir <mappe>`)"
        )
        if f["plan"] == MISSING:
            step += "; skriv planens webadresse som plan_url i samme fil"
        return step
    if f["plan"] == MISSING:
        return f"skriv planens webadresse som plan_url i {own_file}"
    return None


def rows(db: ContactDB) -> list[dict]:
    return [row(db, m) for m in sorted(db.municipalities.values(), key=lambda m: m.name)]


_SHOW = {CONFIRMED: "bekræftet", PUBLIC: "offentlig", FROM_PLAN: "egen plan", MISSING: "–"}


def table(rs: list[dict]) -> str:
    """A plain fixed-width table (no rich: it is printed for 98 rows on every call)."""
    head = ["id", "kommune", "region", *(label for _, label in FACTS)]
    body = [
        [
            r["id"],
            r["name"],
            r["region_name"].removeprefix("Region "),
            *(_SHOW[r["facts"][k]] for k, _ in FACTS),
        ]
        for r in rs
    ]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    lines = [
        "  ".join(x.ljust(w) for x, w in zip(line, widths, strict=True)).rstrip() for line in [head, *body]
    ]
    counts = {k: sum(r["facts"][k] != MISSING for r in rs) for k, _ in FACTS}
    known = ", ".join(f"{label} {counts[k]}" for k, label in FACTS)
    lines += [
        "",
        f"{len(rs)} kommuner. Med lokal oplysning: {known}.",
        "'offentlig' = læst på kommunens offentlige side eller plan, ikke bekræftet af kommunen;",
        "'egen plan' = læst i kommunens egen plan med check-plan --kontakter, endnu ikke gennemgået;",
        "'bekræftet' = leveret af kommunen i dens egen datamappe; '–' = ukendt (den nationale rute bruges).",
    ]
    return "\n".join(lines) + "\n"


def missing_text(rs: list[dict], width: int = 100) -> str:
    out: list[str] = []
    labels = dict(FACTS)
    for r in rs:
        if not r["missing"] and not r["to_confirm"]:
            continue
        out.append(f"{r['name']} ({r['id']}, {r['region_name']})")
        if r["missing"]:
            out.append("  lever:   " + ", ".join(labels[k] for k in r["missing"]))
        if r["to_confirm"]:
            out.append("  bekræft: " + ", ".join(labels[k] for k in r["to_confirm"]))
        if r["next_step"]:
            out.append(
                textwrap.fill(
                    r["next_step"],
                    width=max(40, width),
                    initial_indent="  hurtigst: ",
                    subsequent_indent=" " * 12,
                    break_on_hyphens=False,
                    break_long_words=False,
                )
            )
    if not out:
        return "Alle kommuner har bekræftet deres lokale oplysninger.\n"
    out += ["", "Se contacts/README.md for, hvordan kommunen leverer og bekræfter sine oplysninger."]
    return "\n".join(out) + "\n"
