"""The checks: the closed set of check kinds run over a document's sentences.

Kinds:
  phrase  – groups of items; ok when at least `min` groups have evidence, partial when some do
  near    – a `target` item within `window` lines of an `anchor` item
  dated   – a statement with a date that satisfies a rule (any date, not after --today, not
            before --today, or within N years before --today); `max_age` adds the law's
            four-year rule over every adoption and revision the plan states
  absent  – patterns that must not occur (stale references); found -> partial

An item is a regular expression, `{all: [concept, ...]}` (one sentence holds a word of each
concept, in any order; see plan.concepts) or `{heading: [pattern, ...]}` (a heading with real
content below it). Each hit is graded (plan.grading): a statement of the plan counts; a mention
(table of contents, target group, link title, quoted law), a bare heading or a `demote`d sentence
gives at most partial; a negated or hedged statement never counts. Evidence is a sentence (page,
line, text) and, where a heading gave the scope, the heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from nsk_cli.core.privacy import masked_excerpt
from nsk_cli.plan.dates import find_dates
from nsk_cli.plan.document import Document
from nsk_cli.plan.grading import (
    Hit,
    Matcher,
    _prefixes,  # noqa: F401 - re-exported (tests/test_hardening.py)
    compiled,
)
from nsk_cli.plan.requirements import (  # noqa: F401 - re-exported for the renderers
    Evidence,
    Finding,
    Mismatch,
    Report,
    Requirement,
    RequirementSet,
    load_sets,
)
from nsk_cli.plan.text import MENTIONS, Text
from nsk_cli.plan.vocab import KINDS, SEVERITIES, STATUSES  # noqa: F401 - re-exported

PLACEHOLDER_ID = re.compile(r"\[UDFYLD ([a-z0-9_]+):[^\]]*\]")
_OTHER_PLAN = r"§ ?15,? stk\. ?2\b"
_OWN_PLAN = r"§ ?15,? stk\. ?3\b"


def evidence(t: Text, hit: Hit) -> Evidence:
    ln = t.doc.lines[t.doc.line_at(hit.start)]
    s = t.sentence_at(hit.start)
    text = masked_excerpt(t.raw(s), 300)  # masked before it is cut, so no CPR is cut in half
    heading = hit.heading
    if heading is not None:
        heading = masked_excerpt(heading, 120)
    return Evidence(ln.page, ln.line, text, heading)


def _dedupe(evs: list[Evidence], limit: int = 3) -> list[Evidence]:
    seen, out = set(), []
    for e in evs:
        if e.text not in seen:
            seen.add(e.text)
            out.append(e)
    return out[:limit]


def _best(t: Text, hits: Iterator[Hit]) -> tuple[Hit | None, Hit | None]:
    """The first strong hit in the text or the title (a strong hit in another heading line only
    when there is none), else (None, the first weaker one)."""
    fallback = None
    in_heading = None
    for h in hits:
        if h.grade == "strong":
            s = t.sentence_at(h.start)
            if h.heading is not None or not s.heading or s is t.sentences[0]:  # the title states the scope
                return h, None
            in_heading = in_heading or h
        elif fallback is None or _RANK[h.grade] < _RANK[fallback.grade]:
            fallback = h
    return (in_heading, None) if in_heading else (None, fallback)


_RANK = {"strong": 0, "weak": 1, "bare": 2, "hedged": 3, "negated": 4}


def _why(h: Hit) -> str:
    if h.grade in ("weak", "bare"):
        return h.note or "kun nævnt"
    if h.grade == "hedged":
        return "udsagnet er ikke endeligt (fx 'forventes', 'udkast')"
    return "udsagnet er benægtende (fx 'ikke', 'ingen')"


def _check_phrase(t: Text, m: Matcher, c: dict, absent: list[int]) -> tuple[str, list[Evidence], str | None]:
    """`absent` receives the indices of the groups with no statement of the plan."""
    groups = c["groups"]
    need = c.get("min", len(groups))
    strong, weak, evs, notes = 0, [], [], []
    for i, g in enumerate(groups):
        good, fallback = _best(t, m.hits(g))
        if good is not None:
            strong += 1
            evs.append(evidence(t, good))
            continue
        absent.append(i)
        if fallback is not None:
            weak.append(fallback)
    if strong >= need:
        return "ok", _dedupe(evs), None
    usable = [h for h in weak if h.grade == "weak"]
    for h in weak:
        evs.append(evidence(t, h))
        notes.append(_why(h))
    if strong + len(usable) and (strong or usable):
        if strong + len(usable) >= need:
            return "partial", _dedupe(evs), "; ".join(dict.fromkeys(notes))
        notes.insert(0, f"{strong + len(usable)} af {need} nødvendige elementer fundet")
        return "partial", _dedupe(evs), "; ".join(dict.fromkeys(notes))
    if weak:
        return "missing", _dedupe(evs), "; ".join(dict.fromkeys(notes))
    return "missing", [], c.get("missing_note")


def _check_near(t: Text, m: Matcher, c: dict) -> tuple[str, list[Evidence], str | None]:
    partial_on = c.get("partial_on", "target")
    targets = [h for h in m.hits(c["target"], limit=200) if h.grade == "strong"]
    anchors = [h for h in m.hits(c["anchor"], limit=200) if h.grade == "strong"] if targets else []
    window = c.get("window", 6)
    a_lines = [t.line_index(h.start) for h in anchors]
    for h in targets:
        li = t.line_index(h.start)
        close = [i for i, a in enumerate(a_lines) if abs(a - li) <= window]
        if close:
            return "ok", _dedupe([evidence(t, anchors[close[0]]), evidence(t, h)]), None
    if partial_on == "target":
        some = targets
    else:
        some = anchors or [h for h in m.hits(c["anchor"], limit=3) if h.grade == "strong"]
    if some:
        return "partial", _dedupe([evidence(t, h) for h in some]), c.get("partial_note")
    return "missing", [], c.get("missing_note")


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _check_dated(t: Text, m: Matcher, c: dict, today: date) -> tuple[str, list[Evidence], str | None]:
    ok: list[Hit] = []
    seen: list[Hit] = []
    reasons: list[str] = []
    past: list[tuple[date, str, Hit]] = []  # stated adoptions and revisions, for max_age
    nxt: list[tuple[date, str]] = []
    for clause in c["clauses"]:
        rule = clause.get("rule", "any")
        for hit in m.hits(clause["patterns"], limit=50):
            seen.append(hit)
            if hit.grade in ("negated", "hedged"):
                reasons.append(_why(hit))
                continue
            dates = find_dates(t.raw(t.sentence_at(hit.start)))
            if not dates:
                reasons.append("udsagnet har ingen dato")
                continue
            good = False
            for d in dates:
                if rule == "any":
                    good = True
                elif rule == "not_after_today":
                    if d.start <= today:
                        good = True
                        past.append((d.end, d.text, hit))
                    else:
                        reasons.append(f"datoen {d.text} ligger efter i dag")
                elif rule == "not_before_today":
                    if d.end >= today:
                        good = True
                        nxt.append((d.end, d.text))
                    else:
                        reasons.append(f"den planlagte dato ({d.text}) er overskredet")
                elif rule == "within_years":
                    years = clause.get("years", 4)
                    if d.start <= today:
                        past.append((d.end, d.text, hit))
                    if _years_before(today, years) < d.end <= today:
                        good = True
                    elif d.end > today:
                        reasons.append(f"datoen {d.text} ligger efter i dag")
                    else:
                        reasons.append(f"datoen {d.text} er mere end {years} år gammel")
            if good and hit.grade == "strong" and not clause.get("partial_note"):
                ok.append(hit)
            elif good:
                reasons.append(clause.get("partial_note") or _why(hit))
    max_age = c.get("max_age")
    if max_age and past:
        last, text, hit = max(past, key=lambda p: p[0])
        if last <= _years_before(today, max_age):
            note = (
                f"seneste vedtagelse eller revision, planen oplyser ({text}), ligger mere end "
                f"{max_age} år før {today.isoformat()}; loven kræver revision mindst hvert fjerde år"
            )
            return "partial", _dedupe([evidence(t, hit)] + [evidence(t, h) for h in ok]), note
        late = [(d, s) for d, s in nxt if d.year > last.year + max_age]
        if late and ok:
            note = f"næste revision ({late[0][1]}) ligger mere end {max_age} år efter {text}"
            return "partial", _dedupe([evidence(t, h) for h in ok]), note
    if ok:
        return "ok", [evidence(t, ok[0])], None
    if seen:
        usable = [h for h in seen if h.grade not in ("negated", "hedged")]
        status = "partial" if usable else "missing"
        evs = _dedupe([evidence(t, h) for h in (usable or seen)])
        return status, evs, "; ".join(dict.fromkeys(reasons)) or None
    return "missing", [], c.get("missing_note")


def _check_absent(t: Text, m: Matcher, c: dict) -> tuple[str, list[Evidence], str | None]:
    found = list(m.hits(c["patterns"], limit=5, grade=False))
    if found:
        evs = _dedupe([evidence(t, h) for h in found], 5)
        return "partial", evs, "forældede henvisninger fundet"
    return "ok", [], None


def check(doc: Document, rset: RequirementSet, today: date, parallel: bool = False) -> Report:
    """Check a document against a requirement set. With ``parallel`` (one plan, Linux, two free
    cores) a forked helper grades part of the requirements and looks up the municipality and
    the register while this process grades the rest: the same report, sooner."""
    from nsk_cli.plan import dangers

    t = Text(doc)
    found_dangers = dangers.find(t, rset)  # marks their sentences in t.blocked: never evidence
    placeholders: dict[str, list[Evidence]] = {}
    for pm in PLACEHOLDER_ID.finditer(doc.text):
        placeholders.setdefault(pm.group(1), []).append(evidence(t, Hit(pm.start(), pm.end(), "strong")))
    index = None
    if rset.concepts and rset.requirements:
        from nsk_cli.plan.concepts import Index

        index = Index(t.lower, rset.concepts, t.words)  # before a fork: both processes share it
    n = len(rset.requirements)
    from nsk_cli.plan import helper

    # Both processes take the next requirement from one queue, so the work splits evenly
    # whatever each requirement costs on this document; the helper does its lookups first.
    work = helper.queue(n) if parallel and len(doc.text) >= PARALLEL_CHARS else None
    share = lambda: _helper_part(t, rset, helper.claims(work), index, placeholders, today)  # noqa: E731
    started = helper.fork(share) if work is not None else None
    try:
        mine = helper.claims(work) if work is not None else range(n)
        findings: dict[int, Finding] = {
            i: _finding(t, rset, rset.requirements[i], index, placeholders, today) for i in mine
        }
        from_helper = helper.result(started, _FROM_HELPER) if started is not None else None
    finally:
        if started is not None:
            helper.stop(started)
        if work is not None:
            helper.close(work)
    if from_helper is None:  # no helper, or it failed: all of it here
        rest = (i for i in range(n) if i not in findings)
        from_helper = _helper_part(t, rset, rest, index, placeholders, today)
    done, mismatches, kommune, cpr_found = from_helper
    findings.update(done)
    ordered = [findings[i] for i in range(n)]
    from nsk_cli.plan import meta, placement

    placement.place(t, rset.requirements, ordered)
    report = Report(doc.path, rset.kind, today, ordered, cpr_found=cpr_found, dangers=found_dangers)
    report.mismatches = mismatches
    report.kommune = kommune
    report.title = meta.title(doc)
    report.warnings.extend(doc.warnings)  # e.g. a PDF cut at its time budget
    if report.cpr_found:
        report.warnings.append(
            "Filen indeholder CPR-lignende numre. De er maskeret (XXXXXX-XXXX) i alt, nsk viser; "
            "overvej om filen bør indeholde dem."
        )
    if (
        rset.kind == "beredskabsplan"
        and compiled(_OTHER_PLAN).search(t.match)
        and not compiled(_OWN_PLAN).search(t.match)
    ):
        report.warnings.append(
            "Planen henviser til barnets lov § 15, stk. 2 (beredskabet mod overgreb), ikke til § 15, "
            "stk. 3 (negativ social kontrol, æresrelaterede konflikter og ekstremisme)."
        )
    return report


# A helper pays for itself from about this much text (a fork and its lookups cost a few ms).
PARALLEL_CHARS = 60_000


def _helper_part(t, rset: RequirementSet, which: Iterable[int], index, placeholders, today: date):
    """The helper's share: the plan's numbers against the register, its municipality, whether it
    holds CPR-like numbers, then the findings (by index) of the requirements ``which`` yields."""
    from nsk_cli.core.privacy import has_cpr
    from nsk_cli.plan import meta, register

    mismatches = register.check(t, rset)
    kommune = meta.kommune(t.doc, register.database().municipalities.values())
    cpr = has_cpr(t.doc.text)
    done = {i: _finding(t, rset, rset.requirements[i], index, placeholders, today) for i in which}
    return done, mismatches, kommune, cpr


def _finding(t, rset: RequirementSet, req: Requirement, index, placeholders, today: date) -> Finding:
    c = req.check
    matcher = Matcher(t, c, rset, index)
    note: str | None
    absent: list[int] = []
    if req.id in placeholders:
        status, evs, note = "missing", placeholders[req.id][:3], "pladsholderen er ikke udfyldt"
    elif c["kind"] == "phrase":
        status, evs, note = _check_phrase(t, matcher, c, absent)
    elif c["kind"] == "near":
        status, evs, note = _check_near(t, matcher, c)
    elif c["kind"] == "dated":
        status, evs, note = _check_dated(t, matcher, c, today)
    else:
        status, evs, note = _check_absent(t, matcher, c)
    missing: tuple[str, ...] = ()
    if status == "partial" and absent and len(req.labels) == len(c.get("groups") or ()):
        missing = tuple(req.labels[i] for i in absent)
        note = "; ".join([f"Mangler: {', '.join(missing)}", *([note] if note else [])])
    return Finding(
        req.id, req.title, status, req.severity, req.legal_ref, evs, req.hint, note, missing, None, req.short
    )


# What the helper sends back (plan/helper.py): some findings by index, the register's
# mismatches, the municipality and whether the plan holds CPR-like numbers.
_FROM_HELPER = tuple[dict[int, Finding], list[Mismatch], str | None, bool]


def detect_kind(doc: Document, sets: dict[str, RequirementSet]) -> str | None:
    """The kind whose `detect` patterns occur most often; None when none occur or it is a tie."""
    scores = {k: sum(len(compiled(p).findall(doc.text)) for p in s.detect) for k, s in sets.items()}
    best = max(scores.values(), default=0)
    if best == 0:
        return None
    winners = [k for k, v in scores.items() if v == best]
    return winners[0] if len(winners) == 1 else None


__all__ = ["MENTIONS", "check", "detect_kind", "evidence", "load_sets"]
