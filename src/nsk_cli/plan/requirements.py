"""The requirement model (rules/krav/*.yaml), the findings and the report.

Loading validates each set against plan.specs, which holds the closed vocabulary of check
kinds and severities; this module depends on it, never the other way round.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from msgspec import Struct, field

from nsk_cli.plan.vocab import STATUSES


class Evidence(Struct, frozen=True):
    page: int | None
    line: int
    text: str
    heading: str | None = None  # the heading that gave the scope, when one did

    def to_dict(self) -> dict:
        return {"page": self.page, "line": self.line, "text": self.text, "heading": self.heading}


class Requirement(Struct):
    id: str
    title: str
    severity: str
    legal_ref: str | None
    evidence: str
    hint: str
    check: dict
    source: tuple[str, ...]
    template: str
    example: str
    heading: str = ""  # the section heading a plan would use (the template's heading)
    short: str = ""  # a short plain Danish name (overview columns)
    labels: tuple[str, ...] = ()  # plain names of a phrase check's groups ("Mangler: ...")
    place: tuple[str, ...] = ()  # headings where the requirement belongs in a plan


class RequirementSet(Struct):
    kind: str
    title: str
    detect: list[str]
    requirements: list[Requirement]
    exclude_all: list[str] = field(default_factory=list)
    concepts: dict[str, list[str]] = field(default_factory=dict)
    danger_concepts: dict[str, list[str]] = field(default_factory=dict)
    dangers: list[dict] = field(default_factory=list)
    units: list[dict] = field(default_factory=list)
    renamed: list[dict] = field(default_factory=list)


class Where(Struct, frozen=True):
    """Where a missing or partial requirement belongs: under a heading, or in a new section
    after (or before) one; no heading when the plan has none."""

    heading: str | None
    page: int | None
    line: int | None
    position: str = "new"  # under, after, before; new: a plan without headings

    def to_dict(self) -> dict:
        return {"heading": self.heading, "page": self.page, "line": self.line, "position": self.position}

    def text(self) -> str:
        if self.heading is None:
            return "nyt afsnit i planen"
        at = f"s. {self.page}, linje {self.line}" if self.page else f"linje {self.line}"
        if self.position == "under":
            return f"under overskriften “{self.heading}” ({at})"
        word = "efter" if self.position == "after" else "før"
        return f"nyt afsnit {word} “{self.heading}” ({at})"


class Danger(Struct, frozen=True):
    """A sentence that tells staff to do something that can put the person at risk."""

    id: str
    title: str
    why: str
    legal_ref: str | None
    page: int | None
    line: int
    text: str
    heading: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "level": "fare",
            "title": self.title,
            "page": self.page,
            "line": self.line,
            "text": self.text,
            "heading": self.heading,
            "why": self.why,
            "legal_ref": self.legal_ref,
        }


class Mismatch(Struct, frozen=True):
    """A number or name in the plan that does not match nsk's contacts."""

    kind: str  # "nummer" (another number than nsk knows) or "navn" (renamed or closed)
    name: str
    found: str
    known: str
    source: str
    page: int | None
    line: int
    text: str

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "name": self.name,
            "found": self.found,
            "known": self.known,
            "source": self.source,
            "page": self.page,
            "line": self.line,
            "text": self.text,
        }

    def message(self) -> str:
        if self.kind == "nummer":
            return f"{self.name}: planen har {self.found}, nsk kender {self.known} (kilde: {self.source})"
        return f"{self.found}: {self.known} (kilde: {self.source})"


class Finding(Struct):
    id: str
    title: str
    status: str
    severity: str
    legal_ref: str | None
    evidence: list[Evidence]
    hint: str
    note: str | None = None
    missing: tuple[str, ...] = ()  # the plain names of the elements not found
    where: Where | None = None  # where the requirement belongs (only when not ok)
    short: str = ""

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "short": self.short or self.title,
            "status": self.status,
            "severity": self.severity,
            "legal_ref": self.legal_ref,
            "evidence": [e.to_dict() for e in self.evidence],
            "hint": self.hint if self.status != "ok" else None,
            "note": self.note,
            "missing": list(self.missing),
            "where": self.where.to_dict() if self.where and self.status != "ok" else None,
        }


class Report(Struct):
    file: str
    kind: str
    today: date
    findings: list[Finding]
    cpr_found: bool = False
    warnings: list[str] = field(default_factory=list)
    dangers: list[Danger] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    kommune: str | None = None
    title: str = ""

    TEMPLATE_FROM = 3  # legal requirements missing before the report points to the template

    def template_command(self) -> str | None:
        """`nsk plan template --kind ...` when three or more legal requirements are missing."""
        missing = sum(1 for f in self.findings if f.severity == "krav" and f.status == "missing")
        return f"nsk plan template --kind {self.kind}" if missing >= self.TEMPLATE_FROM else None

    def summary(self) -> dict:
        counts = {s: sum(1 for f in self.findings if f.status == s) for s in STATUSES}
        krav_failed = [f.id for f in self.findings if f.severity == "krav" and f.status != "ok"]
        return {
            **counts,
            "farer": len(self.dangers),
            "krav_ikke_opfyldt": krav_failed,
            "alle_krav_opfyldt": not krav_failed,
            "cpr_lignende_numre": self.cpr_found,
        }

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "kind": self.kind,
            "kommune": self.kommune,
            "title": self.title,
            "today": self.today.isoformat(),
            "dangers": [d.to_dict() for d in self.dangers],
            "requirements": [f.to_dict() for f in self.findings],
            "register": [m.to_dict() for m in self.mismatches],
            "template": self.template_command(),
            "summary": self.summary(),
            "warnings": list(self.warnings),
        }


# ------------------------------------------------------------------------------ loading


def load_sets(folder: Path) -> dict[str, RequirementSet]:
    """Load and validate rules/krav/*.yaml (one requirement set per plan kind).

    The parsed files come from the start-up cache (``krav.json``, keyed on the files' contents
    and written only after they passed validation) when it is current: validating the sets
    compiles every phrase of every requirement, about a quarter of a check-plan run. On any
    problem with the cache the files are parsed and validated again, and the cache rebuilt."""
    from nsk_cli.data import cache

    return cache.load([folder / "krav"], lambda validate: _load_sets(folder, validate), KRAV_CACHE)


KRAV_CACHE = "krav.json"


def _load_sets(folder: Path, validate: bool) -> dict[str, RequirementSet]:
    from nsk_cli.data import yamlio

    sets: dict[str, RequirementSet] = {}
    kdir = folder / "krav"
    for path in sorted(kdir.glob("*.yaml")) if kdir.is_dir() else []:
        doc = yamlio.load(path, f"{folder.name}/krav/{path.name}")
        if validate:
            from nsk_cli.data import schema as s
            from nsk_cli.plan.specs import SET_SPEC

            s.raise_if(s.validate(doc, SET_SPEC))
        d = doc.data
        reqs = []
        ids: set[str] = set()
        concepts = d.get("concepts") or {}
        for i, r in enumerate(d["requirements"]):
            if r["id"] in ids:
                _fail(doc, ("requirements", i, "id"), f"id {r['id']!r} er brugt før")
            ids.add(r["id"])
            unknown = sorted(_concepts_used(r["check"]) - set(concepts))
            if unknown:
                _fail(doc, ("requirements", i, "check"), f"ukendt begreb {unknown[0]!r}")
            src = r["source"]
            reqs.append(
                Requirement(
                    id=r["id"],
                    title=r["title"],
                    severity=r["severity"],
                    legal_ref=r.get("legal_ref"),
                    evidence=r["evidence"],
                    hint=r["hint"],
                    check=r["check"],
                    source=tuple(src if isinstance(src, list) else [src]),
                    template=(r.get("template") or "").strip(),
                    example=(r.get("example") or "").strip(),
                    heading=r.get("heading") or "",
                    short=r.get("short") or "",
                    labels=tuple(r.get("labels") or ()),
                    place=tuple(r.get("place") or ()),
                )
            )
        dconcepts = d.get("danger_concepts") or {}
        for i, dg in enumerate(d.get("dangers") or []):
            items = dg["match"] + ((dg.get("under") or {}).get("match") or [])
            used = {c for it in items if isinstance(it, dict) for c in it["all"]}
            if used - set(dconcepts):
                bad = sorted(used - set(dconcepts))[0]
                _fail(doc, ("dangers", i, "match"), f"ukendt begreb {bad!r}")
        sets[d["kind"]] = RequirementSet(
            d["kind"],
            d["title"],
            d["detect"],
            reqs,
            d.get("exclude_all") or [],
            concepts,
            dconcepts,
            d.get("dangers") or [],
            d.get("units") or [],
            d.get("renamed") or [],
        )
    return sets


def _fail(doc, path: tuple, message: str) -> None:
    from nsk_cli.data import schema as s

    s.raise_if([s.format_error(doc, path, message)])


def _concepts_used(check: dict) -> set[str]:
    items = [i for g in check.get("groups") or [] for i in g]
    items += (check.get("anchor") or []) + (check.get("target") or [])
    return {c for i in items if isinstance(i, dict) for c in i.get("all", [])}
