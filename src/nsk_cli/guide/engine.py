"""The pure guide engine: answers in, next question or finished result out. No I/O.

The path through the flow is a function of the answers: questions are taken in
file order, skipping those whose ``when`` is false. Answers to questions that are
no longer on the path (after going back and changing an earlier answer) are
dropped by ``walk``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime

from msgspec import Struct, field

from nsk_cli.contacts.model import Contact, ContactDB, is_adult_unit
from nsk_cli.core.errors import UsageError
from nsk_cli.core.text import split_first_sentence
from nsk_cli.guide.alarm import AlarmBox, alarm_box
from nsk_cli.guide.answers import normalize_answers
from nsk_cli.guide.deadlines import Deadline
from nsk_cli.guide.model import effective
from nsk_cli.guide.notices import (
    UNCONFIRMED_WARNING,
    defaulted_warning,
    ignored_warning,
    missing_role_warning,
    must_answer_message,
    national_route_roles,
    national_route_warning,
    needs_confirming,
    opening_warnings,
    page_only_roles,
    page_only_warning,
    unknown_warning,
)
from nsk_cli.guide.rules import (
    KOMMUNE_QID,
    OTHER_KOMMUNE,
    UNKNOWN,
    Kommune,
    Option,
    Question,
    RuleSet,
    Step,
)
from nsk_cli.guide.rules import order_steps as order_steps  # the one ordering of steps (phase, data order)


def ordered_steps(rs: RuleSet, kommune: Kommune | None) -> list[Step]:
    """All steps for a municipality (None: national) in the order the guide shows them.

    The order is static: it does not depend on the answers. A result is exactly these steps
    filtered by their conditions, so an offline page can pre-sort with this function and only
    filter."""
    return rs.steps_for(kommune)


def kommune_question(rs: RuleSet) -> Question:
    options = tuple(
        Option(k.id, k.name, aliases=tuple(k.aliases))
        for k in sorted(rs.kommuner.values(), key=lambda k: k.name)
    )
    return Question(
        id=KOMMUNE_QID,
        text="Hvilken kommune arbejder du i?",
        help="Bestemmer hvilke lokale kontakter og handleveje du får. "
        "Vælg 'Anden kommune', hvis din kommune ikke er på listen.",
        type="valg",
        options=options + (Option(OTHER_KOMMUNE, "Anden kommune (kun nationale kontakter)"),),
        default=OTHER_KOMMUNE,
        when=None,
        when_text=None,
        source=(),
    )


def questions(rs: RuleSet, ask_kommune: bool) -> list[Question]:
    return ([kommune_question(rs)] if ask_kommune else []) + list(rs.questions)


def walk(qs: list[Question], answers: Mapping[str, str]) -> tuple[dict[str, str], Question | None]:
    """Answers that lie on the path, and the next unanswered question (None when done).
    Conditions see "Ved ikke" as the question's cautious value (``unknown_means``)."""
    kept: dict[str, str] = {}
    seen: dict[str, str] = {}
    for q in qs:
        if q.when is not None and not q.when.evaluate(seen):
            continue
        if q.id not in answers:
            return kept, q
        kept[q.id] = answers[q.id]
        seen[q.id] = q.unknown_means if answers[q.id] == UNKNOWN and q.unknown_means else answers[q.id]
    return kept, None


def check_answers(qs: list[Question], answers: Mapping[str, str]) -> None:
    """Unknown ids or values are usage errors that list what is valid."""
    by_id = {q.id: q for q in qs}
    for qid, value in answers.items():
        if qid not in by_id:
            raise UsageError(f"ukendt spørgsmål {qid!r}; gyldige id'er: {', '.join(by_id)}")
        if value not in by_id[qid].values():
            raise UsageError(
                f"ugyldigt svar {value!r} på {qid!r}; gyldige værdier: {', '.join(by_id[qid].values())}"
            )


class Completed(Struct):
    answers: dict[str, str]
    defaulted: list[str]
    ignored: list[str]


def complete(qs: list[Question], given: Mapping[str, str], strict: bool = False) -> Completed:
    """Fill unanswered questions on the path with their defaults (or fail when strict)."""
    given = normalize_answers(qs, given)
    check_answers(qs, given)
    answers = dict(given)
    defaulted: list[str] = []
    while True:
        kept, q = walk(qs, answers)
        if q is None:
            break
        if q.default is None:  # no safe default exists (akut): the user must answer
            raise UsageError(must_answer_message(q))
        if strict:
            raise UsageError(
                f"spørgsmålet {q.id!r} er ikke besvaret (--strict); gyldige værdier: {', '.join(q.values())}"
            )
        answers[q.id] = q.default
        defaulted.append(q.id)
    ignored = [qid for qid in given if qid not in kept]
    return Completed(kept, defaulted, ignored)


class ResultStep(Struct):
    id: str
    text: str
    legal_refs: list[str]
    contacts: list[str]
    source: list[str]
    tags: list[str]
    roles_without_contact: list[str] = field(default_factory=list)
    phase: str = ""
    source_titles: list[str] = field(default_factory=list)
    note: str | None = None  # for editors (nsk rules paths, --verbose), never in the caseworker's result
    now: bool = False  # under "Gør det nu"

    @property
    def headline(self) -> str:
        """The first sentence, in plain words: what the step opens with."""
        return split_first_sentence(self.text)[0]

    @property
    def detail(self) -> str:
        return split_first_sentence(self.text)[1]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "phase": self.phase,
            "text": self.text,
            "legal_refs": self.legal_refs,
            "contacts": self.contacts,
            "source": self.source,
            "source_titles": self.source_titles,
            "now": self.now,
        }


class GuideResult(Struct):
    date: date
    kommune: str | None
    kommune_name: str
    answers: dict[str, str]
    answer_labels: list[tuple[str, str]]  # (question text, answer label) in path order
    steps: list[ResultStep]
    contacts: list[Contact]
    contacts_open: dict[str, bool | None]
    out_of_hours: list[Contact]
    warnings: list[str]
    legal_refs: list[str]
    at: datetime
    alarm: AlarmBox | None = None

    @property
    def now_steps(self) -> list[ResultStep]:
        return [st for st in self.steps if st.now]

    @property
    def other_steps(self) -> list[ResultStep]:
        return [st for st in self.steps if not st.now]

    known: datetime | None = None  # when the municipality first knew (--kendt); None: not asked
    deadlines: list[Deadline] = field(default_factory=list)  # from guide.deadlines, earliest first
    adult_out_of_hours: list[Contact] = field(default_factory=list)

    def alternatives(self, c: Contact) -> list[Contact]:
        """What to use while a contact is closed, only where it fits: the municipality's
        out-of-hours duty replaces a closed municipal unit; a closed national advice line
        (VISO, RED) has no replacement – non-acute sparring is never sent to the police."""
        if self.contacts_open.get(c.id) is not False or c.kommune is None:
            return []
        alts = self.adult_out_of_hours if is_adult_unit(c) else self.out_of_hours
        return [a for a in alts if a.id != c.id]

    def next_open(self, c: Contact) -> datetime | None:
        """When a closed contact opens next, from its opening hours and the public holidays."""
        if c.hours is None or self.contacts_open.get(c.id) is not False:
            return None
        return c.hours.next_open(self.at)

    def to_dict(self) -> dict:
        contacts = []
        for c in self.contacts:
            d = c.to_dict(self.at)
            d["out_of_hours"] = [a.id for a in self.alternatives(c)]
            nxt = self.next_open(c)
            d["next_open"] = nxt.strftime("%Y-%m-%dT%H:%M") if nxt else None  # Danish time, as --at
            contacts.append(d)
        return {
            "kommune": self.kommune,
            "kommune_navn": self.kommune_name,
            "dato": self.date.isoformat(),
            "answers": dict(self.answers),
            "steps": [st.to_dict() for st in self.steps],
            "contacts": contacts,
            "warnings": list(self.warnings),
            "legal_refs": list(self.legal_refs),
            "alarm": self.alarm.to_dict() if self.alarm else None,
            "kendt": self.known.strftime("%Y-%m-%dT%H:%M") if self.known else None,
            "frister": [d.to_dict(self.at) for d in self.deadlines],
        }


def resolve_kommune(rs: RuleSet, name: str | None) -> tuple[Kommune | None, str | None]:
    """(known municipality or None, the name as given). 'anden' means another municipality:
    the national flow. An unknown name (a typo) is a usage error naming the closest ones."""
    if not name:
        return None, None
    if name.strip().casefold() == OTHER_KOMMUNE:
        return None, OTHER_KOMMUNE
    return rs.require_kommune(name), name


def step_contacts(db: ContactDB, st: Step, kommune: str | None) -> tuple[list[Contact], list[str]]:
    """A step's contacts (each once, in role order) and the roles nsk has no contact for."""
    found: dict[str, Contact] = {}
    without: list[str] = []
    for role in st.contacts:
        hits = db.resolve(role, kommune)
        if not hits:
            without.append(role)
        for c in hits:
            found.setdefault(c.id, c)
    return list(found.values()), without


def build_result(
    rs: RuleSet,
    db: ContactDB,
    kommune_input: str | None,
    done: Completed,
    at: datetime,
) -> GuideResult:
    kommune, given_name = resolve_kommune(rs, kommune_input)
    answers = {k: v for k, v in done.answers.items() if k != KOMMUNE_QID}
    cond_answers = effective(rs.questions, answers)
    if kommune:
        cond_answers[KOMMUNE_QID] = kommune.id
    warnings = opening_warnings(kommune, given_name)
    all_qs = {q.id: q for q in rs.questions}
    warnings += [defaulted_warning(all_qs[qid]) for qid in done.defaulted if qid in all_qs]
    warnings += [ignored_warning(all_qs[qid]) for qid in done.ignored if qid in all_qs]
    warnings += [unknown_warning(all_qs[q]) for q, v in answers.items() if v == UNKNOWN and q in all_qs]

    steps: list[ResultStep] = []
    used: dict[str, Contact] = {}
    missing_roles: list[str] = []
    used_roles: set[str] = set()
    from nsk_cli.core.sources import readable_sources

    for st in ordered_steps(rs, kommune):
        if st.when is not None and not st.when.evaluate(cond_answers):
            continue
        found, without = step_contacts(db, st, kommune.id if kommune else None)
        used_roles.update(st.contacts)
        for c in found:
            used.setdefault(c.id, c)
        steps.append(
            ResultStep(
                st.id,
                st.text,
                list(st.legal_refs),
                [c.id for c in found],
                list(st.source),
                list(st.tags),
                without,
                st.phase,
                readable_sources(st.source, rs.titles),
                st.note,
                st.now,
            )
        )
        missing_roles += [role for role in without if role not in missing_roles]
    warnings += [missing_role_warning(db.roles.get(role, role), role) for role in missing_roles]
    if kommune:
        national = [db.roles.get(r, r) for r in national_route_roles(db, kommune.id) if r in used_roles]
        if national:
            warnings.append(national_route_warning(kommune, national))
        for role in page_only_roles(db, kommune.id):
            if role in used_roles:
                warnings.append(page_only_warning(kommune, db.roles.get(role, role), role))
        if any(needs_confirming(c) for c in used.values()):
            warnings.append(UNCONFIRMED_WARNING)

    legal: list[str] = []
    for rstep in steps:
        for ref in rstep.legal_refs:
            if ref not in legal:
                legal.append(ref)

    contacts = list(used.values())
    open_map = {c.id: c.open_at(at) for c in contacts}
    ooh = db.out_of_hours(kommune.id if kommune else None)
    labels = []
    for q in [kommune_question(rs), *rs.questions]:
        if q.id in answers:
            labels.append((q.text, q.label(answers[q.id])))
    return GuideResult(
        date=at.date(),
        kommune=kommune.id if kommune else (given_name or None),
        kommune_name=kommune.name if kommune else ("anden kommune" if given_name else "ingen kommune valgt"),
        answers=answers,
        answer_labels=labels,
        steps=steps,
        contacts=contacts,
        contacts_open=open_map,
        out_of_hours=ooh,
        warnings=warnings,
        legal_refs=legal,
        at=at,
        alarm=alarm_box(rs, db, kommune, answers),
        adult_out_of_hours=db.adult_out_of_hours(kommune.id if kommune else None),
    )


BACK = "__tilbage__"


class Prompter:
    """What the interview needs from a terminal; the questionary adapter implements it."""

    def ask(self, q: Question, preselect: str | None, can_go_back: bool) -> str:  # pragma: no cover
        raise NotImplementedError


def interview(
    qs: list[Question], prompter: Prompter, on_answer: Callable[[dict[str, str]], None] | None = None
) -> dict[str, str]:
    """Ask one question at a time; BACK returns to the previous question with its answer kept
    as the preselection. A question without a default preselects nothing (the prompt starts on
    its first option, for akut "Ja"). Answers of branches no longer on the path are dropped.
    ``on_answer`` sees the answers after each one, before the next question (the acute box)."""
    answers: dict[str, str] = {}
    remembered: dict[str, str] = {}
    history: list[str] = []
    while True:
        answers, q = walk(qs, answers)
        history = [h for h in history if h in answers]
        if q is None:
            return answers
        choice = prompter.ask(q, remembered.get(q.id, q.default), bool(history))
        if choice == BACK:
            if history:
                answers.pop(history.pop(), None)
            continue
        if choice not in q.values():
            raise UsageError(f"ugyldigt svar {choice!r} på {q.id!r}")
        answers[q.id] = choice
        remembered[q.id] = choice
        history.append(q.id)
        if on_answer is not None:
            on_answer(dict(answers))
