"""The flow model: questions, options, steps (with their urgency phase), municipal overlays
and the rule set that combines them. Pure data and small queries; loading is in guide.rules."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace

from nsk_cli.core.errors import UsageError
from nsk_cli.core.text import slugs
from nsk_cli.core.vocab import ID, PHASES, TAGS  # noqa: F401 - re-exported
from nsk_cli.guide import conditions

KOMMUNE_QID = "kommune"
OTHER_KOMMUNE = "anden"
UNKNOWN = "ved_ikke"  # the "Ved ikke" answer of a question that declares `unknown_means`
UNKNOWN_LABEL = "Ved ikke"


class Option(Struct, frozen=True):
    value: str
    label: str
    help: str | None = None
    aliases: tuple[str, ...] = ()  # other names a user may type to find it (kbh, cph)


class Question(Struct, frozen=True):
    id: str
    text: str
    help: str
    type: str
    options: tuple[Option, ...]
    default: str | None  # None: must be answered (scripted use fails; the prompt preselects the first option)
    when: conditions.Cond | None
    when_text: str | None
    source: tuple[str, ...]
    unknown_means: str | None = None  # "Ved ikke" is offered and counts as this (cautious) value

    def values(self) -> list[str]:
        return [o.value for o in self.options]

    def label(self, value: str) -> str:
        for o in self.options:
            if o.value == value:
                return o.label
        return value


class Step(Struct, frozen=True):
    id: str
    text: str
    when: conditions.Cond | None
    when_text: str | None
    legal_refs: tuple[str, ...]
    contacts: tuple[str, ...]
    tags: tuple[str, ...]
    source: tuple[str, ...]
    note: str | None = None
    origin: str = ""
    phase: str = ""  # "" only for an added municipal step that inherits its anchor's phase
    now: bool = False  # shown under "Gør det nu" (the actions for this role and situation)


class Alarm(Struct, frozen=True):
    """The acute box: shown at once when ``when`` becomes true, before the next question."""

    when: conditions.Cond
    title: str
    steps: tuple[str, ...]  # step ids: their first sentence and contacts make the box
    after: str
    source: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict)  # step id -> shown while undecided


def effective(qs: list[Question], answers: dict[str, str]) -> dict[str, str]:
    """The answers as conditions see them: "Ved ikke" counts as the question's cautious value."""
    by_id = {q.id: q for q in qs}
    out = dict(answers)
    for qid, value in answers.items():
        q = by_id.get(qid)
        if value == UNKNOWN and q is not None and q.unknown_means:
            out[qid] = q.unknown_means
    return out


def order_steps(steps: list[Step]) -> list[Step]:
    """Steps by urgency phase (core.vocab.PHASES), and within a phase in data order.

    A pure, static function of the step data (the same for any answers), so a page that
    pre-sorts the steps with it and only filters them by their conditions shows the same
    order as the guide."""
    rank = {p: i for i, p in enumerate(PHASES)}
    ordered = sorted(enumerate(steps), key=lambda pair: (rank.get(pair[1].phase, len(rank)), pair[0]))
    return [st for _, st in ordered]


class Kommune(Struct, frozen=True):
    id: str
    name: str
    aliases: tuple[str, ...]
    notes: str | None
    source: tuple[str, ...]
    add_steps: tuple[tuple[Step, str | None, str | None], ...]  # step, before, after
    replace_steps: tuple[dict, ...]
    remove_steps: tuple[str, ...]
    origin: str = ""


class RuleSet(Struct):
    title: str
    questions: list[Question]
    steps: list[Step]
    kommuner: dict[str, Kommune]
    folder: Path
    titles: dict[str, str] = field(default_factory=dict)  # source -> readable title (sources.yaml)
    alarm: Alarm | None = None

    def find_kommune(self, name: str) -> Kommune | None:
        """By id, name or alias; case, æ/ø/å, 'Kommune', hyphens and spaces do not matter."""
        wanted = slugs(name)
        for k in self.kommuner.values():
            names = {k.id, k.name, *k.aliases}
            if any(wanted & slugs(n) for n in names):
                return k
        return None

    def closest_kommuner(self, name: str, n: int = 4) -> list[str]:
        """The names closest to a misspelt one, for the 'did you mean' of a usage error."""
        from nsk_cli.contacts.municipalities import closest_names

        return closest_names(((k.name, (k.id, k.name, *k.aliases)) for k in self.kommuner.values()), name, n)

    def require_kommune(self, name: str) -> Kommune:
        """The municipality, or a usage error naming the closest known names (exit 2)."""
        k = self.find_kommune(name)
        if k is None:
            hint = self.closest_kommuner(name)
            raise UsageError(
                f"ukendt kommune {name!r}"
                + (f" – mente du {' eller '.join(hint)}?" if hint else ".")
                + " Se alle med 'nsk kommuner', eller brug 'anden' for det nationale forløb."
            )
        return k

    def steps_for(self, kommune: Kommune | None) -> list[Step]:
        """National steps with the overlay applied (an added step inherits its anchor's phase
        unless it declares one), ordered by ``order_steps``."""
        steps = list(self.steps)
        if kommune is None:
            return order_steps(steps)
        removed = set(kommune.remove_steps)
        steps = [st for st in steps if st.id not in removed]
        by_id = {st.id: i for i, st in enumerate(steps)}
        for change in kommune.replace_steps:
            i = by_id[change["id"]]
            steps[i] = replace(steps[i], **{k: v for k, v in change.items() if k != "id"})
        for step, before, after in kommune.add_steps:
            ids = [st.id for st in steps]
            at = ids.index(before) if before else ids.index(after) + 1 if after else len(steps)
            anchor = steps[ids.index(before or after or "")] if (before or after) else None
            if not step.phase and anchor is not None:
                step = replace(step, phase=anchor.phase)
            steps.insert(at, step)
        return order_steps(steps)
