"""The checks: the closed set of check kinds run over a document's sentences.

Kinds:
  phrase  – groups of patterns; ok when at least `min` groups have evidence, partial when some do
  near    – a `target` pattern within `window` lines of an `anchor` pattern
  dated   – a statement with a date that satisfies a rule (any date, not before --today,
            or within N years before --today)
  absent  – patterns that must not occur (stale references); found -> partial

Evidence is a sentence of the document (page, line, text). A sentence that matches an
`exclude` pattern (e.g. one that restates the law: "skal vedtages af byrådet") is never
evidence, nor are headings or sentences holding an unfilled [UDFYLD ...] placeholder.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from datetime import date

from nsk_cli.core.privacy import masked_excerpt
from nsk_cli.plan.dates import find_dates
from nsk_cli.plan.document import Document
from nsk_cli.plan.requirements import (  # noqa: F401 - re-exported for the renderers
    Evidence,
    Finding,
    Report,
    Requirement,
    RequirementSet,
    load_sets,
)
from nsk_cli.plan.specs import KINDS, SEVERITIES, STATUSES  # noqa: F401 - re-exported

PLACEHOLDER_ID = re.compile(r"\[UDFYLD ([a-z0-9_]+):[^\]]*\]")
_ABBREVIATIONS = {
    "bl.a.",
    "vha.",
    "fx.",
    "jf.",
    "mv.",
    "m.v.",
    "m.fl.",
    "ca.",
    "dvs.",
    "f.eks.",
    "evt.",
    "inkl.",
    "nr.",
    "stk.",
    "pkt.",
    "tlf.",
    "kl.",
    "s.",
}
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÆØÅ\"“(])|\n(?=\s*(?:[•●▪◦*–-]|\d+[.)]\s))")


# ------------------------------------------------------------------------------ matching


class _Text:
    """The document's joined text with sentences, and helpers to turn matches into evidence."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        text = doc.text
        bounds = [0]
        for m in _SENTENCE_END.finditer(text):
            before = text[max(0, m.start() - 6) : m.start() + 1].lower().split()
            if before and before[-1] in _ABBREVIATIONS:
                continue
            bounds.append(m.end())
        # headings are sentences of their own; so are short unpunctuated lines followed by a
        # capitalised line (headings and address blocks in plain-text extractions)
        lines = doc.lines
        for i, ln in enumerate(lines):
            short = len(ln.text) <= 50
            if not (ln.heading or short):
                continue
            nxt = lines[i + 1].text if i + 1 < len(lines) else ""
            headingish = short and ln.text[-1:] not in ".,;:!?-–" and nxt[:1].isupper()
            if ln.heading or headingish:
                start = doc.starts[i]
                if ln.heading:
                    bounds.append(start)
                bounds.append(start + len(ln.text) + 1)
        bounds.append(len(text))
        self.bounds = sorted(set(b for b in bounds if 0 <= b <= len(text)))
        self.has_headings = any(ln.heading for ln in doc.lines)
        self.lower = text.lower()

    def sentence(self, pos: int) -> tuple[int, int]:
        import bisect

        i = bisect.bisect_right(self.bounds, pos) - 1
        start = self.bounds[max(i, 0)]
        end = self.bounds[i + 1] if i + 1 < len(self.bounds) else len(self.doc.text)
        return start, end

    def sentence_text(self, pos: int) -> str:
        a, b = self.sentence(pos)
        return " ".join(self.doc.text[a:b].split())

    def evidence(self, pos: int) -> Evidence:
        ln = self.doc.lines[self.doc.line_at(pos)]
        text = masked_excerpt(self.sentence_text(pos), 300)
        return Evidence(ln.page, ln.line, text)

    def line_index(self, pos: int) -> int:
        return self.doc.line_at(pos)


@functools.cache
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _compile(patterns: list[str]) -> list[re.Pattern]:
    return [_compiled(p) for p in patterns]


_LETTERS = "abcdefghijklmnopqrstuvwxyzæøåé0123456789 "


@functools.cache
def _prefixes(pattern: str) -> tuple[str, ...] | None:
    """The literal words a match must start with, when the pattern makes that plain:
    '\\b(vedtaget|godkendt)\\b...' -> ('vedtaget', 'godkendt'); None when it does not."""
    p = pattern.lower()
    if p.startswith("\\b"):
        p = p[2:]
    if p.startswith("("):
        depth, end = 0, -1
        for i, ch in enumerate(p):
            if ch == "\\":
                continue
            if ch == "(" and (i == 0 or p[i - 1] != "\\"):
                depth += 1
            elif ch == ")" and p[i - 1] != "\\":
                depth -= 1
                if depth == 0:
                    end = i
                    break
        if end < 0 or p[end + 1 : end + 2] in ("?", "*", "{"):  # an optional group proves nothing
            return None
        body = p[1:end]
        if body.startswith("?:"):
            body = body[2:]
        if "(" in body or body.startswith("?"):
            return None
        alternatives = body.split("|")
    else:
        alternatives = [p]
    out = []
    for alt in alternatives:
        run = ""
        for ch in alt:
            if ch not in _LETTERS:
                if ch in "?*{" and run:  # the last letter is optional
                    run = run[:-1]
                break
            run += ch
        run = run.strip()
        if len(run) < 3:
            return None
        out.append(run)
    return tuple(out)


def _iter_valid(t: _Text, patterns: list[str], exclude: list[re.Pattern]) -> Iterator[re.Match]:
    """Matches that count as evidence, pattern by pattern, each in document order. Lazy, so
    callers that need one piece of evidence stop at the first."""
    for pattern in patterns:
        rx = _compiled(pattern)
        for m in _matches(t, pattern, rx):
            a, b = t.sentence(m.start())
            sentence = t.doc.text[a:b]
            if "[UDFYLD" in sentence:
                continue
            if any(x.search(sentence) for x in exclude):
                continue
            if t.has_headings:
                first, last = t.line_index(m.start()), t.line_index(max(m.end() - 1, m.start()))
                if all(t.doc.lines[i].heading for i in range(first, last + 1)):
                    continue
            yield m


def _matches(t: _Text, pattern: str, rx: re.Pattern) -> Iterator[re.Match]:
    """All matches in document order. A pattern that must start with one of a few literal
    words is only tried where those words occur (str.find is far cheaper than a regex scan)."""
    prefixes = _prefixes(pattern)
    if prefixes is None or len(t.lower) != len(t.doc.text):  # lower() kept every offset?
        yield from rx.finditer(t.doc.text)
        return
    low, text = t.lower, t.doc.text
    nxt = {word: low.find(word) for word in prefixes}  # lazily merged occurrences of the words
    end = -1
    while True:
        live = [i for i in nxt.values() if i >= 0]
        if not live:
            return
        i = min(live)
        for word, j in nxt.items():
            if j == i:
                nxt[word] = low.find(word, i + 1)
        if i < end:
            continue
        m = rx.match(text, i)
        if m:
            end = m.end()
            yield m


def _valid_matches(
    t: _Text, patterns: list[str], exclude: list[re.Pattern], limit: int = 200
) -> list[re.Match]:
    return sorted(itertools.islice(_iter_valid(t, patterns, exclude), limit), key=lambda m: m.start())


def _dedupe(evs: list[Evidence], limit: int = 3) -> list[Evidence]:
    seen, out = set(), []
    for e in evs:
        key = e.text
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out[:limit]


def _check_phrase(t: _Text, c: dict, exclude) -> tuple[str, list[Evidence], str | None]:
    groups = c["groups"]
    need = c.get("min", len(groups))
    evs, hit = [], 0
    for g in groups:
        first = next(_iter_valid(t, g, exclude), None)
        if first is not None:
            hit += 1
            evs.append(t.evidence(first.start()))
    if hit >= need:
        return "ok", _dedupe(evs), None
    if hit:
        return "partial", _dedupe(evs), f"{hit} af {need} nødvendige elementer fundet"
    return "missing", [], None


def _check_near(t: _Text, c: dict, exclude) -> tuple[str, list[Evidence], str | None]:
    partial_on = c.get("partial_on", "target")
    targets = _valid_matches(t, c["target"], exclude)
    if not targets:  # nothing to be near: only the partial evidence can remain
        if partial_on == "anchor":
            some = _valid_matches(t, c["anchor"], exclude, limit=3)
            if some:
                return "partial", _dedupe([t.evidence(m.start()) for m in some]), c.get("partial_note")
        return "missing", [], None
    anchors = _valid_matches(t, c["anchor"], exclude)
    window = c.get("window", 6)
    a_lines = [t.line_index(m.start()) for m in anchors]
    for m in targets:
        li = t.line_index(m.start())
        close = [a for a in a_lines if abs(a - li) <= window]
        if close:
            a_pos = anchors[a_lines.index(close[0])].start()
            return "ok", _dedupe([t.evidence(a_pos), t.evidence(m.start())]), None
    some = targets if partial_on == "target" else anchors
    if some:
        return "partial", _dedupe([t.evidence(m.start()) for m in some]), c.get("partial_note")
    return "missing", [], None


def _check_dated(t: _Text, c: dict, exclude, today: date) -> tuple[str, list[Evidence], str | None]:
    statements: list[tuple[re.Match, str]] = []
    reasons: list[str] = []
    for clause in c["clauses"]:
        rule = clause.get("rule", "any")
        for m in _iter_valid(t, clause["patterns"], exclude):
            a, b = t.sentence(m.start())
            sentence = t.doc.text[a:b]
            statements.append((m, rule))
            dates = find_dates(sentence)
            if not dates:
                reasons.append("udsagnet har ingen dato")
                continue
            for d in dates:
                if rule == "any":
                    return "ok", [t.evidence(m.start())], None
                if rule == "not_before_today":
                    if d.end >= today:
                        return "ok", [t.evidence(m.start())], None
                    reasons.append(f"den planlagte dato ({d.text}) er overskredet")
                elif rule == "within_years":
                    years = clause.get("years", 4)
                    try:
                        limit = today.replace(year=today.year - years)
                    except ValueError:  # 29 February
                        limit = today.replace(year=today.year - years, day=28)
                    if limit < d.end <= today:
                        return "ok", [t.evidence(m.start())], None
                    if d.end > today:
                        reasons.append(f"datoen {d.text} ligger efter i dag")
                    else:
                        reasons.append(f"datoen {d.text} er mere end {years} år gammel")
    if statements:
        evs = _dedupe([t.evidence(m.start()) for m, _ in statements])
        return "partial", evs, "; ".join(dict.fromkeys(reasons)) or None
    return "missing", [], None


def _check_absent(t: _Text, c: dict, exclude) -> tuple[str, list[Evidence], str | None]:
    found = _valid_matches(t, c["patterns"], exclude, limit=5)
    if found:
        return "partial", _dedupe([t.evidence(m.start()) for m in found], 5), "forældede henvisninger fundet"
    return "ok", [], None


def check(doc: Document, rset: RequirementSet, today: date) -> Report:
    from nsk_cli.core.privacy import has_cpr

    t = _Text(doc)
    placeholders: dict[str, list[Evidence]] = {}
    for m in PLACEHOLDER_ID.finditer(doc.text):
        placeholders.setdefault(m.group(1), []).append(t.evidence(m.start()))
    findings: list[Finding] = []
    for req in rset.requirements:
        c = req.check
        exclude = _compile(c.get("exclude", []) + rset.exclude_all)
        note: str | None
        if req.id in placeholders:
            status, evs, note = "missing", placeholders[req.id][:3], "pladsholderen er ikke udfyldt"
        elif c["kind"] == "phrase":
            status, evs, note = _check_phrase(t, c, exclude)
        elif c["kind"] == "near":
            status, evs, note = _check_near(t, c, exclude)
        elif c["kind"] == "dated":
            status, evs, note = _check_dated(t, c, exclude, today)
        else:
            status, evs, note = _check_absent(t, c, exclude)
        findings.append(Finding(req.id, req.title, status, req.severity, req.legal_ref, evs, req.hint, note))
    report = Report(doc.path, rset.kind, today, findings, cpr_found=has_cpr(doc.text))
    if report.cpr_found:
        report.warnings.append(
            "Filen indeholder CPR-lignende numre. De er maskeret (XXXXXX-XXXX) i alt, nsk viser; "
            "overvej om filen bør indeholde dem."
        )
    return report


def detect_kind(doc: Document, sets: dict[str, RequirementSet]) -> str | None:
    """The kind whose `detect` patterns occur most often; None when none occur or it is a tie."""
    scores = {k: sum(len(rx.findall(doc.text)) for rx in _compile(s.detect)) for k, s in sets.items()}
    best = max(scores.values(), default=0)
    if best == 0:
        return None
    winners = [k for k, v in scores.items() if v == best]
    return winners[0] if len(winners) == 1 else None
