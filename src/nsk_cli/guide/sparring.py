"""`nsk sparring`: a de-identified summary of the guide's answers, to read out when asking a
sikkerhedskonsulent, VISO or Lev Uden Vold for advice. Pure: structured answers in, data out.

Only the fixed answers to the guide's questions are used (their values are checked against the
questions), never free text, so the summary cannot carry a name, CPR number, address or school.
The sentences live in rules/sparring.yaml; the lines on sharing without consent are the texts of
steps in rules/flow.yaml, so the summary and the guide never say different things.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from nsk_cli.contacts.model import Contact, ContactDB
from nsk_cli.core.errors import DataError
from nsk_cli.guide import conditions
from nsk_cli.guide.model import KOMMUNE_QID, RuleSet, effective

FILE = "sparring.yaml"


@dataclass(frozen=True)
class Sharing:
    when: conditions.Cond | None
    step: str
    intro: str


@dataclass(frozen=True)
class Texts:
    title: str
    intro: str
    phrases: dict[str, dict[str, str]]
    sharing: tuple[Sharing, ...]
    roles: tuple[str, ...]
    contact_ids: tuple[str, ...]
    closing: str


@dataclass(frozen=True)
class SharedLine:
    intro: str
    text: str  # the flow step's text, verbatim
    legal_refs: tuple[str, ...]
    step: str


@dataclass
class Summary:
    title: str
    intro: str
    kommune_name: str
    situation: list[str]
    sharing: list[SharedLine]
    contacts: list[Contact] = field(default_factory=list)
    closing: str = ""

    def to_dict(self) -> dict:
        from nsk_cli.contacts.lines import hours_text, phones

        return {
            "kommune_navn": self.kommune_name,
            "situation": list(self.situation),
            "deling_uden_samtykke": [
                {"intro": x.intro, "text": x.text, "legal_refs": list(x.legal_refs), "step": x.step}
                for x in self.sharing
            ],
            "contacts": [
                {"id": c.id, "name": c.name, "phones": phones(c), "hours": hours_text(c, None) or None}
                for c in self.contacts
            ],
        }


def load(rules_dir: Path | None = None) -> Texts:
    """rules/sparring.yaml from a --rules-dir that has it, else the shipped one; validated."""
    from nsk_cli.data import paths, schema, yamlio
    from nsk_cli.guide.specs import SPARRING_SPEC

    path = rules_dir / FILE if rules_dir is not None else None
    if path is None or not path.is_file():
        path = paths.shipped("rules") / FILE
    doc = yamlio.load(path)
    schema.raise_if(schema.validate(doc, SPARRING_SPEC))
    d = doc.data
    return Texts(
        title=d["title"],
        intro=" ".join(d["intro"].split()),
        phrases={q: dict(v) for q, v in d["phrases"].items()},
        sharing=tuple(
            Sharing(conditions.parse(s["when"]) if s.get("when") else None, s["step"], s["intro"])
            for s in d["sharing"]
        ),
        roles=tuple(d["roles"]),
        contact_ids=tuple(d.get("contact_ids") or ()),
        closing=" ".join(d["closing"].split()),
    )


def check(texts: Texts, rs: RuleSet, roles: Collection[str], contact_ids: Collection[str]) -> list[str]:
    """Cross-checks: phrases name real questions and values, shared steps and contacts exist."""
    problems: list[str] = []
    qs = {q.id: q for q in rs.questions}
    step_ids = {st.id for st in rs.steps}
    for qid, values in texts.phrases.items():
        if qid not in qs:
            problems.append(f"{FILE}: phrases.{qid}: ukendt spørgsmål")
            continue
        for v in values:
            if v not in qs[qid].values():
                problems.append(f"{FILE}: phrases.{qid}.{v}: {qid!r} har ikke værdien {v!r}")
    for q in rs.questions:
        missing = [v for v in q.values() if v not in texts.phrases.get(q.id, {})]
        if missing:
            problems.append(f"{FILE}: phrases.{q.id}: mangler en sætning for {', '.join(missing)}")
    for i, s in enumerate(texts.sharing):
        if s.step not in step_ids:
            problems.append(f"{FILE}: sharing[{i}].step: ukendt trin {s.step!r}")
        problems += condition_problems(s.when, rs, f"{FILE}: sharing[{i}].when")
    for role in texts.roles:
        if role not in roles:
            problems.append(f"{FILE}: roles: ukendt kontaktrolle {role!r}")
    for cid in texts.contact_ids:
        if cid not in contact_ids:
            problems.append(f"{FILE}: contact_ids: ukendt kontakt {cid!r}")
    return problems


def condition_problems(cond: conditions.Cond | None, rs: RuleSet, where: str) -> list[str]:
    """A condition in frister.yaml or sparring.yaml may only name the guide's questions and values."""
    if cond is None:
        return []
    qs = {q.id: q.values() for q in rs.questions}
    qs[KOMMUNE_QID] = list(rs.kommuner)
    out = []
    for ident, values in cond.comparisons():
        if ident not in qs:
            out.append(f"{where}: betingelsen bruger det ukendte spørgsmål {ident!r}")
            continue
        out += [f"{where}: {ident!r} har ikke værdien {v!r}" for v in values if v not in qs[ident]]
    return out


def build(
    texts: Texts,
    rs: RuleSet,
    db: ContactDB,
    kommune_id: str | None,
    kommune_name: str,
    answers: Mapping[str, str],
) -> Summary:
    """The summary for answers that passed engine.complete (known ids and values only)."""
    problems = check(texts, rs, db.roles, db.contacts)
    if problems:
        raise DataError("; ".join(problems))
    situation: list[str] = []
    for q in rs.questions:  # in the guide's order
        if q.id in answers:
            situation.append(texts.phrases[q.id][answers[q.id]])
    cond = effective(rs.questions, dict(answers))  # "Ved ikke" counts as the cautious value
    kommune = rs.kommuner.get(kommune_id) if kommune_id else None
    if kommune is not None:
        cond[KOMMUNE_QID] = kommune.id
    steps = {st.id: st for st in rs.steps_for(kommune)}
    shared = [
        SharedLine(s.intro, " ".join(steps[s.step].text.split()), steps[s.step].legal_refs, s.step)
        for s in texts.sharing
        if s.step in steps and (s.when is None or s.when.evaluate(cond))
    ]
    contacts: dict[str, Contact] = {}
    for role in texts.roles:
        for c in db.resolve(role, kommune_id):
            contacts.setdefault(c.id, c)
    for cid in texts.contact_ids:
        if cid in db.contacts:
            contacts.setdefault(cid, db.contacts[cid])
    return Summary(
        texts.title, texts.intro, kommune_name, situation, shared, list(contacts.values()), texts.closing
    )
