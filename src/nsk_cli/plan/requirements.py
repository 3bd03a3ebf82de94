"""The requirement model (rules/krav/*.yaml), the findings and the report.

Loading validates each set against plan.specs, which holds the closed vocabulary of check
kinds and severities; this module depends on it, never the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from nsk_cli.plan.specs import STATUSES


@dataclass(frozen=True)
class Evidence:
    page: int | None
    line: int
    text: str
    heading: str | None = None  # the heading that gave the scope, when one did

    def to_dict(self) -> dict:
        return {"page": self.page, "line": self.line, "text": self.text, "heading": self.heading}


@dataclass
class Requirement:
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


@dataclass
class RequirementSet:
    kind: str
    title: str
    detect: list[str]
    requirements: list[Requirement]
    exclude_all: list[str] = field(default_factory=list)
    concepts: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Finding:
    id: str
    title: str
    status: str
    severity: str
    legal_ref: str | None
    evidence: list[Evidence]
    hint: str
    note: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "severity": self.severity,
            "legal_ref": self.legal_ref,
            "evidence": [e.to_dict() for e in self.evidence],
            "hint": self.hint if self.status != "ok" else None,
            "note": self.note,
        }


@dataclass
class Report:
    file: str
    kind: str
    today: date
    findings: list[Finding]
    cpr_found: bool = False
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        counts = {s: sum(1 for f in self.findings if f.status == s) for s in STATUSES}
        krav_failed = [f.id for f in self.findings if f.severity == "krav" and f.status != "ok"]
        return {
            **counts,
            "krav_ikke_opfyldt": krav_failed,
            "alle_krav_opfyldt": not krav_failed,
            "cpr_lignende_numre": self.cpr_found,
        }

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "kind": self.kind,
            "today": self.today.isoformat(),
            "requirements": [f.to_dict() for f in self.findings],
            "summary": self.summary(),
            "warnings": list(self.warnings),
        }


# ------------------------------------------------------------------------------ loading


def load_sets(folder: Path) -> dict[str, RequirementSet]:
    """Load and validate rules/krav/*.yaml (one requirement set per plan kind)."""
    from nsk_cli.data import schema as s
    from nsk_cli.data import yamlio
    from nsk_cli.plan.specs import SET_SPEC

    sets: dict[str, RequirementSet] = {}
    kdir = folder / "krav"
    for path in sorted(kdir.glob("*.yaml")) if kdir.is_dir() else []:
        doc = yamlio.load(path, f"{folder.name}/krav/{path.name}")
        s.raise_if(s.validate(doc, SET_SPEC))
        d = doc.data
        reqs = []
        ids: set[str] = set()
        concepts = d.get("concepts") or {}
        for i, r in enumerate(d["requirements"]):
            if r["id"] in ids:
                s.raise_if([s.format_error(doc, ("requirements", i, "id"), f"id {r['id']!r} er brugt før")])
            ids.add(r["id"])
            unknown = sorted(_concepts_used(r["check"]) - set(concepts))
            if unknown:
                s.raise_if(
                    [s.format_error(doc, ("requirements", i, "check"), f"ukendt begreb {unknown[0]!r}")]
                )
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
                )
            )
        sets[d["kind"]] = RequirementSet(
            d["kind"], d["title"], d["detect"], reqs, d.get("exclude_all") or [], concepts
        )
    return sets


def _concepts_used(check: dict) -> set[str]:
    items = [i for g in check.get("groups") or [] for i in g]
    items += (check.get("anchor") or []) + (check.get("target") or [])
    return {c for i in items if isinstance(i, dict) for c in i.get("all", [])}
