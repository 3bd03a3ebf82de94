"""Deadlines that follow from when the municipality first knew of a concern: rules in
rules/frister.yaml (a social worker reviews them), dates computed here. Pure: no printing.

Three ways to count (``maal`` in the file):
- ``timer N``: N hours after the moment;
- ``hverdage N``: the N-th working day after the day (Monday-Friday, not a Danish public
  holiday; Saturday is not a working day);
- ``dage N``: N calendar days with the first day, Sundays and holidays counted, so the
  last day is the first day + N - 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path

from msgspec import Struct

from nsk_cli.core.errors import UsageError
from nsk_cli.guide import conditions

KINDS = ("timer", "hverdage", "dage")
FILE = "frister.yaml"


class Rule(Struct, frozen=True):
    id: str
    when: conditions.Cond | None
    kind: str  # one of KINDS
    amount: int
    title: str
    text: str
    legal_refs: tuple[str, ...]
    source: tuple[str, ...]


class Deadline(Struct, frozen=True):
    id: str
    title: str
    text: str
    due: datetime | date  # a moment for 'timer', a day otherwise
    legal_refs: tuple[str, ...]
    source: tuple[str, ...]

    def due_text(self) -> str:
        return due_text(self.due)

    def passed(self, at: datetime) -> bool:
        """True when the deadline lies before ``at`` (a day's deadline ends at midnight)."""
        if isinstance(self.due, datetime):
            return at > self.due
        return at.date() > self.due

    def to_dict(self, at: datetime | None = None) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "due": self.due.strftime("%Y-%m-%dT%H:%M")
            if isinstance(self.due, datetime)
            else self.due.isoformat(),
            "passed": self.passed(at) if at is not None else None,
            "legal_refs": list(self.legal_refs),
            "source": list(self.source),
        }


_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december")  # fmt: skip


def day_text(d: date) -> str:
    """'torsdag 25. marts 2027'."""
    return f"{_WEEKDAYS[d.weekday()]} {d.day}. {_MONTHS[d.month - 1]} {d.year}"


def due_text(due: datetime | date) -> str:
    if isinstance(due, datetime):
        return f"senest {day_text(due.date())} kl. {due:%H:%M}"
    return f"senest {day_text(due)}"


def is_workday(d: date) -> bool:
    """A hverdag: Monday to Friday and not a Danish public holiday. The 'optional' days
    (grundlovsdag, juleaftensdag, nytårsaftensdag, 1. maj) count as working days, so a deadline
    is never shown later than it may be."""
    from nsk_cli.contacts.public_holidays import PUBLIC, holiday

    if d.weekday() >= 5:
        return False
    h = holiday(d)
    return not (h and h[1] == PUBLIC)


def add_workdays(start: date, n: int) -> date:
    """The n-th working day after ``start`` (``start`` itself is not counted)."""
    d = start
    left = n
    while left > 0:
        d += timedelta(days=1)
        if is_workday(d):
            left -= 1
    return d


def due(rule: Rule, known: datetime) -> datetime | date:
    if rule.kind == "timer":
        return known + timedelta(hours=rule.amount)
    if rule.kind == "hverdage":
        return add_workdays(known.date(), rule.amount)
    return known.date() + timedelta(days=rule.amount - 1)


def applies(rules: list[Rule], answers: Mapping[str, str]) -> bool:
    """Whether any deadline follows from the answers (without computing a date)."""
    return any(r.when is None or r.when.evaluate(answers) for r in rules)


def compute(rules: list[Rule], answers: Mapping[str, str], known: datetime) -> list[Deadline]:
    """The deadlines whose condition holds for the answers, earliest first."""
    out: list[Deadline] = []
    for r in rules:
        if r.when is not None and not r.when.evaluate(answers):
            continue
        out.append(Deadline(r.id, r.title, r.text, due(r, known), r.legal_refs, r.source))
    return sorted(out, key=lambda d: _sort_key(d.due))


def _sort_key(value: datetime | date) -> tuple[date, str]:
    if isinstance(value, datetime):
        return value.date(), value.strftime("%H:%M")
    return value, "24:00"  # a day's deadline is the end of that day


def known_line(known: datetime) -> str:
    return f"Kommunen fik kendskab til bekymringen {day_text(known.date())} kl. {known:%H:%M}."


def entries(deadlines: list[Deadline], at: datetime) -> list[tuple[str, str]]:
    """(headline, explanation) per deadline in plain Danish for the renderers' 'Frister' block:
    'Kvittering til den, der underrettede: senest tirsdag 6. april 2027', then the rule. A
    deadline before ``at`` (the result's time) says that it has passed."""
    out = []
    for d in deadlines:
        refs = f" ({'; '.join(d.legal_refs)})" if d.legal_refs else ""
        late = " – fristen er overskredet" if d.passed(at) else ""
        out.append((f"{d.title}: {d.due_text()}{late}", f"{d.text}{refs}"))
    return out


def parse_known(value: str, now: datetime) -> datetime:
    """--kendt: when the municipality first knew (Danish time). A date alone means 00:00 that
    day, so no deadline is shown later than it may be. Not after ``now``."""
    from nsk_cli.core import danish_time

    text = value.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    try:
        if len(text) == 10:
            known = danish_time.local(datetime.combine(date.fromisoformat(text), datetime.min.time()))
        else:
            known = danish_time.local(datetime.fromisoformat(text))
    except ValueError:
        raise UsageError(
            f"ugyldigt tidspunkt for --kendt {value!r}; "
            "brug ÅÅÅÅ-MM-DDTTT:MM (dansk tid), fx 2026-12-04T14:30"
        ) from None
    if known > now + timedelta(minutes=1):
        raise UsageError(
            f"--kendt {value!r} ligger i fremtiden (efter {now:%Y-%m-%d %H:%M}); "
            "angiv hvornår kommunen fik kendskab til bekymringen"
        )
    return known


def load(rules_dir: Path | None = None) -> list[Rule]:
    """The deadline rules from rules/frister.yaml: from a rules folder given with --rules-dir if it
    has the file, else the shipped one. Validated strictly."""
    from nsk_cli.data import paths, schema, yamlio
    from nsk_cli.guide.specs import DEADLINES_SPEC

    path = rules_dir / FILE if rules_dir is not None else None
    if path is None or not path.is_file():
        path = paths.shipped("rules") / FILE
    doc = yamlio.load(path)
    schema.raise_if(schema.validate(doc, DEADLINES_SPEC))
    out: list[Rule] = []
    for raw in doc.data["deadlines"]:
        ((kind, amount),) = raw["maal"].items()
        out.append(
            Rule(
                id=raw["id"],
                when=conditions.parse(raw["when"]) if raw.get("when") else None,
                kind=kind,
                amount=int(amount),
                title=raw["title"],
                text=" ".join(raw["text"].split()),
                legal_refs=tuple(raw.get("legal_refs") or ()),
                source=tuple(raw["source"]) if isinstance(raw["source"], list) else (raw["source"],),
            )
        )
    return out
