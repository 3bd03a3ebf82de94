"""Rule tooling for reviewers: validate a rules folder (all problems, not just the first),
enumerate every path, and draw the flow. Pure: returns data and strings, never prints."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nsk_cli import contacts, engine, rules, yamlio
from nsk_cli.errors import DataError, UsageError
from nsk_cli.rules import RuleSet

MAX_PATHS = 200_000


# ------------------------------------------------------------------------------ paths


def all_paths(qs: list[rules.Question], limit: int = MAX_PATHS) -> list[dict[str, str]]:
    """Every complete answer set the flow can produce, in depth-first order."""
    out: list[dict[str, str]] = []

    def dfs(answers: dict[str, str]) -> None:
        if len(out) >= limit:
            raise UsageError(f"forløbet har mere end {limit} veje – del det op")
        kept, q = engine.walk(qs, answers)
        if q is None:
            out.append(kept)
            return
        for v in q.values():
            dfs({**kept, q.id: v})

    dfs({})
    return out


@dataclass
class PathRow:
    answers: dict[str, str]
    steps: list[engine.ResultStep]
    contacts: list[contacts.Contact]


def path_rows(rs: RuleSet, db: contacts.ContactDB, kommune: str | None) -> list[PathRow]:
    from datetime import datetime

    qs = engine.questions(rs, ask_kommune=False)
    rows = []
    for answers in all_paths(qs):
        r = engine.build_result(rs, db, kommune, engine.Completed(answers, [], []), datetime(2026, 1, 5, 10))
        rows.append(PathRow(answers, r.steps, r.contacts))
    return rows


# ------------------------------------------------------------------------------ validate


def validate(folder: Path, contacts_shipped: Path, contacts_user: Path | None) -> list[str]:
    """Every problem in a rules folder (and the contacts it needs), as 'file: line: path: what'."""
    from nsk_cli import schema as s
    from nsk_cli.specs import ROLES_SPEC, contacts_file_spec

    problems: list[str] = []

    def guarded(fn):
        try:
            return fn()
        except DataError as exc:
            problems.extend(exc.details or [exc.message])
            return None

    # contacts: roles first (the rules refer to them), then every file
    roles_doc = guarded(lambda: yamlio.load(contacts_shipped / "roles.yaml", "contacts/roles.yaml"))
    roles: set[str] | None = None
    if roles_doc is not None:
        found = s.validate(roles_doc, ROLES_SPEC)
        problems += found
        if not found:
            roles = set(roles_doc.data["roles"])
    contact_ids: dict[str, str] = {}
    contact_kommuner: dict[str, str] = {}
    for base, user in ((contacts_shipped, False), (contacts_user, True)):
        if base is None:
            continue
        for path in sorted(p for p in base.rglob("*.yaml") if p.name != "roles.yaml"):
            name = str(path) if user else f"contacts/{path.relative_to(base).as_posix()}"
            doc = guarded(lambda path=path, name=name: yamlio.load(path, name))
            if doc is None:
                continue
            found = s.validate(doc, contacts_file_spec(roles or []))
            problems += found
            if found:
                continue
            seen_here: set[str] = set()
            for i, c in enumerate(doc.data["contacts"]):
                if c["id"] in seen_here:
                    problems.append(
                        s.format_error(doc, ("contacts", i, "id"), f"id {c['id']!r} er brugt før")
                    )
                seen_here.add(c["id"])
                contact_ids.setdefault(c["id"], name)
            if doc.data.get("kommune") and user:
                contact_kommuner[doc.data["kommune"]] = name

    # rules: schema, then the cross-file checks, then the graph
    loaded = guarded(lambda: rules.read(folder))
    if loaded is None:
        return problems
    rs, docs, schema_problems = loaded
    problems += schema_problems
    if not rs.questions:  # flow.yaml itself is broken: nothing to cross-check against
        return problems
    cross = rules.check_ruleset(rs, docs, roles)
    problems += cross
    for kid, name in sorted(contact_kommuner.items()):
        if kid not in rs.kommuner:
            problems.append(f"{name}: kommune {kid!r} findes ikke i {folder.name}/kommuner/")
    problems += _krav(folder)
    if cross or schema_problems:
        return problems
    problems += _graph_problems(rs, docs)
    return problems


def _krav(folder: Path) -> list[str]:
    from nsk_cli import schema as s
    from nsk_cli.plan.specs import SET_SPEC

    problems: list[str] = []
    kdir = folder / "krav"
    for path in sorted(kdir.glob("*.yaml")) if kdir.is_dir() else []:
        try:
            doc = yamlio.load(path, f"{folder.name}/krav/{path.name}")
        except DataError as exc:
            problems.append(exc.message)
            continue
        problems += s.validate(doc, SET_SPEC)
    return problems


def _graph_problems(rs: RuleSet, docs: dict[str, yamlio.Located]) -> list[str]:
    from nsk_cli import schema as s

    problems: list[str] = []
    flow = docs["flow"]
    qs = engine.questions(rs, ask_kommune=False)
    paths = all_paths(qs)
    asked = {qid for p in paths for qid in p}
    for i, q in enumerate(rs.questions):
        if q.id not in asked:
            problems.append(
                s.format_error(
                    flow,
                    ("questions", i, "when"),
                    f"spørgsmålet {q.id!r} kan aldrig nås (betingelsen er aldrig sand)",
                )
            )
    kommuner: list[rules.Kommune | None] = [None, *rs.kommuner.values()]
    used: set[tuple[str | None, str]] = set()
    for k in kommuner:
        steps = rs.steps_for(k)
        for answers in paths:
            cond = dict(answers)
            if k is not None:
                cond[rules.KOMMUNE_QID] = k.id
            hit = [st.id for st in steps if st.when is None or st.when.evaluate(cond)]
            if not hit:
                where = k.name if k else "nationalt"
                shown = ", ".join(f"{a}={v}" for a, v in answers.items())
                problems.append(f"{flow.name}: vejen {shown} ({where}) ender uden et eneste skridt")
            used.update((k.id if k else None, sid) for sid in hit)
    for i, st in enumerate(rs.steps):
        if not any((k.id if k else None, st.id) in used for k in kommuner):
            problems.append(s.format_error(flow, ("steps", i, "when"), f"skridtet {st.id!r} kan aldrig nås"))
    for k, _, doc in rules.kommune_documents(rs, docs):
        for j, (st, _, _) in enumerate(k.add_steps):
            if (k.id, st.id) not in used:
                problems.append(
                    s.format_error(doc, ("add_steps", j, "when"), f"skridtet {st.id!r} kan aldrig nås")
                )
    return problems


# ------------------------------------------------------------------------------ graph


def _clip(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def question_edges(rs: RuleSet) -> tuple[list[rules.Question], dict[tuple[str, str], list[str]]]:
    """Edges (question -> next question or 'RESULTAT') with the answer values that take them."""
    qs = engine.questions(rs, ask_kommune=False)
    edges: dict[tuple[str, str], list[str]] = {}
    for answers in all_paths(qs):
        order = list(answers.items())
        targets = [qid for qid, _ in order[1:]] + ["RESULTAT"]
        for (qid, value), target in zip(order, targets, strict=True):
            vals = edges.setdefault((qid, target), [])
            if value not in vals:
                vals.append(value)
    return qs, edges


def _escape_mermaid(text: str) -> str:
    return text.replace('"', "#quot;")


def _question_label(q: rules.Question) -> str:
    return _clip(q.text, 60) + (f" (kun når {q.when_text})" if q.when_text else "")


def _edge_label(qs: list[rules.Question], a: str, vals: list[str]) -> str:
    """The answers that take an edge; empty when every answer does."""
    q = next(q for q in qs if q.id == a)
    return "" if set(vals) == set(q.values()) else " / ".join(vals)


def mermaid(rs: RuleSet, kommune: rules.Kommune | None = None) -> str:
    qs, edges = question_edges(rs)
    lines = ["flowchart TD"]
    for q in qs:
        lines.append(f'  {q.id}{{"{_escape_mermaid(_question_label(q))}"}}')
    lines.append('  RESULTAT(["Næste skridt"])')
    for (a, b), vals in edges.items():
        label = _edge_label(qs, a, vals)
        lines.append(f'  {a} -- "{label}" --> {b}' if label else f"  {a} --> {b}")
    for n, st in enumerate(rs.steps_for(kommune), 1):
        label = _escape_mermaid(_clip(st.text))
        lines.append(f'  S{n}["{n}. {label}"]')
        cond = _escape_mermaid(st.when_text or "altid")
        lines.append(f'  RESULTAT -. "{cond}" .-> S{n}')
    return "\n".join(lines) + "\n"


def _escape_dot(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def dot(rs: RuleSet, kommune: rules.Kommune | None = None) -> str:
    qs, edges = question_edges(rs)
    lines = ["digraph nsk {", '  rankdir=TB; node [fontname="Helvetica", fontsize=10];']
    for q in qs:
        lines.append(f'  {q.id} [shape=diamond, label="{_escape_dot(_question_label(q))}"];')
    lines.append('  RESULTAT [shape=oval, label="Næste skridt"];')
    for (a, b), vals in edges.items():
        lines.append(f'  {a} -> {b} [label="{_escape_dot(_edge_label(qs, a, vals))}"];')
    for n, st in enumerate(rs.steps_for(kommune), 1):
        lines.append(f'  S{n} [shape=box, label="{n}. {_escape_dot(_clip(st.text))}"];')
        lines.append(f'  RESULTAT -> S{n} [style=dashed, label="{_escape_dot(st.when_text or "altid")}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
