"""Where a missing or partial requirement belongs in the plan.

In order: the heading above the evidence found (a partial requirement is completed where it
already stands); the first heading that matches the requirement's `place` patterns
(rules/krav/*.yaml, most specific first); otherwise a new section after the heading where the
requirement before it belongs (before the plan's first section, for the first requirements). A plan
without headings gets "nyt afsnit i planen". Headings in the table of contents are not places.
"""

from __future__ import annotations

from nsk_cli.plan.grading import compiled
from nsk_cli.plan.requirements import Finding, Requirement, Where
from nsk_cli.plan.text import Sentence, Text


def _headings(t: Text) -> list[Sentence]:
    out = []
    for i, s in enumerate(t.sentences):
        if not s.heading or (i == 0 and len(t.sentences) > 1):  # the title scopes everything
            continue
        if s.mention == "toc":
            continue
        out.append(s)
    return out


def _where(t: Text, s: Sentence, position: str) -> Where:
    ln = t.doc.lines[t.line_index(s.start)]
    return Where(t.raw(s)[:120], ln.page, ln.line, position)


def _matching(t: Text, heads: list[Sentence], req: Requirement) -> Sentence | None:
    for p in req.place:
        rx = compiled(p)
        for s in heads:
            if rx.search(t.raw(s)):
                return s
    return None


def place(t: Text, reqs: list[Requirement], findings: list[Finding]) -> None:
    """Set `where` on every finding that is not ok (findings in the order of `reqs`)."""
    heads = _headings(t)
    if not heads:
        for f in findings:
            if f.status != "ok":
                f.where = Where(None, None, None)
        return
    home: list[Sentence | None] = []  # the heading each requirement belongs under, if any
    for req, f in zip(reqs, findings, strict=True):
        s = None
        for e in f.evidence:
            if e.heading and e.line:
                s = _heading_above(t, heads, e.line, e.page)
                if s is not None:
                    break
        s = s or _matching(t, heads, req)
        home.append(s)
    for i, f in enumerate(findings):
        if f.status == "ok":
            continue
        here = home[i]
        if here is not None:
            f.where = _where(t, here, "under")
            continue
        before = next((h for h in reversed(home[:i]) if h is not None), None)
        if before is not None:
            f.where = _where(t, before, "after")
        else:  # the first requirements (adoption, publication) open the plan
            f.where = _where(t, heads[0], "before")


def _heading_above(t: Text, heads: list[Sentence], line: int, page: int | None) -> Sentence | None:
    best = None
    for s in heads:
        ln = t.doc.lines[t.line_index(s.start)]
        if (ln.page or 0, ln.line) <= (page or 0, line):
            best = s
    return best
