"""Denmark's 98 municipalities: region, police district, sources, and finding one by name.

Pure data and name matching; loaded together with the contacts (a municipality's file holds
both its facts and its local contacts, see contacts/README.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from msgspec import Struct

from nsk_cli.core.text import slugs

# How sure the police district is, from the strongest source a reviewer found.
POLICE_STATUS = {
    "bekraeftet": "bekræftet af officiel kilde",
    "sekundaer": "bekræftet af sekundære kilder",
    "delvist": "delvist bekræftet, ellers udledt ved udelukkelse",
    "udledt": "udledt ved udelukkelse – ingen kilde nævner kommunen",
    "svag": "svag kilde",
}


class PoliceDistrict(Struct, frozen=True):
    id: str
    name: str
    regions: tuple[str, ...]  # the regions its municipalities lie in


class Municipality(Struct, frozen=True):
    id: str
    name: str
    code: int
    aliases: tuple[str, ...]
    region: str
    police_district: str
    police_district_status: str
    region_source: tuple[str, ...]
    police_district_source: tuple[str, ...]
    notes: str | None
    plan_url: str | None
    verified: date
    origin: str = ""

    def names(self) -> tuple[str, ...]:
        return (self.id, self.name, *self.aliases)


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def build(raw: dict, origin: str) -> Municipality:
    return Municipality(
        id=raw["kommune"],
        name=raw["name"],
        code=raw["code"],
        aliases=_tuple(raw.get("aliases")),
        region=raw["region"],
        police_district=raw["police_district"],
        police_district_status=raw["police_district_status"],
        region_source=_tuple(raw["region_source"]),
        police_district_source=_tuple(raw["police_district_source"]),
        notes=raw.get("notes"),
        plan_url=raw.get("plan_url"),
        verified=date.fromisoformat(raw["verified"]),
        origin=origin,
    )


# The keys that make a file a municipality's definition (the shipped contacts/kommuner/<id>.yaml).
FACT_KEYS = (
    "name",
    "code",
    "region",
    "region_source",
    "police_district",
    "police_district_status",
    "police_district_source",
    "verified",
)


def find(municipalities: dict[str, Municipality], name: str) -> Municipality | None:
    """By id, official name or alias; case, æ/ø/å (ae/oe/aa or o/a), 'Kommune', hyphens and
    spaces do not matter: 'Høje-Taastrup', 'Hoeje Taastrup', 'høje taastrup kommune'."""
    wanted = slugs(name)
    for m in municipalities.values():
        if any(wanted & slugs(n) for n in m.names()):
            return m
    return None


def closest(municipalities: dict[str, Municipality], name: str, n: int = 4) -> list[str]:
    """The official names closest to a misspelt one ('Ishoi' -> ['Ishøj Kommune', ...])."""
    return closest_names(((m.name, m.names()) for m in municipalities.values()), name, n)


def closest_names(candidates: Iterable[tuple[str, Iterable[str]]], name: str, n: int = 4) -> list[str]:
    """Of (display name, spellings) pairs, the display names whose spellings are closest to
    ``name`` after folding (difflib ratio 0.6 or more), best first."""
    import difflib  # only when a name was not found

    by_key: dict[str, str] = {}
    for shown, spellings in candidates:
        for spelling in spellings:
            for key in slugs(spelling):
                by_key.setdefault(key, shown)
    scored: dict[str, float] = {}
    for key in slugs(name):
        for match in difflib.get_close_matches(key, list(by_key), n=n * 3, cutoff=0.6):
            ratio = difflib.SequenceMatcher(None, key, match).ratio()
            scored[by_key[match]] = max(scored.get(by_key[match], 0.0), ratio)
    return sorted(scored, key=lambda k: -scored[k])[:n]


def fact_problems(doc, stem: str, db, user: bool) -> list[str]:
    """Cross-checks of one contacts file's municipality facts, as 'file: linje N: key: what':
    a shipped municipality file has every fact; a region matches its police district; a
    municipality's own file (user folder) names a known municipality and, if it states a
    region or police district, the same ones nsk has."""
    from nsk_cli.data import schema as s

    data = doc.data
    kid = data.get("kommune")
    problems: list[str] = []

    def err(path: tuple, message: str) -> None:
        problems.append(s.format_error(doc, path, message))

    if not kid:
        for key in ("name", *FACT_KEYS, "aliases", "plan_url"):
            if key in data:
                err((key,), "kun en kommunes fil (med 'kommune:') kan have denne nøgle")
        return problems
    if not user:
        if stem != kid:
            err(("kommune",), f"id {kid!r} skal være det samme som filnavnet ({stem}.yaml)")
        for key in FACT_KEYS:
            if data.get(key) is None:
                err((key,), "mangler (skal udfyldes for en kommune)")
    else:
        known = db.municipalities.get(kid)
        if known is None:
            hint = closest(db.municipalities, kid)
            err(
                ("kommune",),
                f"kommunen {kid!r} findes ikke"
                + (f" – mente du {' eller '.join(hint)}?" if hint else "")
                + " (se 'nsk kommuner')",
            )
            return problems
        for key, have, names in (
            ("region", known.region, db.regions),
            ("police_district", known.police_district, {k: v.name for k, v in db.police_districts.items()}),
        ):
            given = data.get(key)
            if given is not None and given != have:
                what = "forkert region" if key == "region" else "forkert politikreds"
                err((key,), f"{what} {given!r} for {known.name}; nsk har {have!r} ({names.get(have, have)})")
    region, district = data.get("region"), data.get("police_district")
    pd = db.police_districts.get(district)
    if region and pd and region not in pd.regions:
        covered = ", ".join(db.regions.get(r, r) for r in pd.regions)
        err(("region",), f"forkert region {region!r}: {pd.name} dækker kun {covered}")
    return problems
