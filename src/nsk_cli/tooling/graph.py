"""Draw the flow as a Mermaid or Graphviz dot diagram with Danish labels."""

from __future__ import annotations

from nsk_cli.guide import engine, rules
from nsk_cli.guide.rules import RuleSet
from nsk_cli.tooling.paths import all_paths


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
    every = {v for v in q.values() if v != rules.UNKNOWN}  # "Ved ikke" takes its cautious value's path
    return "" if set(vals) >= every else " / ".join(vals)


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
