"""The acute box (rules/flow.yaml: ``alarm``): shown at once when an answer makes it apply – in
the terminal before the next question, on the web page on every following screen. Pure."""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from nsk_cli.contacts.model import Contact, ContactDB
from nsk_cli.core.text import split_first_sentence
from nsk_cli.guide import conditions
from nsk_cli.guide.model import KOMMUNE_QID, Kommune, RuleSet, effective


class AlarmBox(Struct):
    """A title, one line per step of the box (the step's first sentence) with its contacts."""

    title: str
    lines: list[tuple[str, list[Contact]]]
    after: str

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "lines": [{"text": t, "contacts": [c.id for c in cs]} for t, cs in self.lines],
            "after": self.after,
        }

    def numbers(self) -> list[tuple[str, str]]:
        """(contact name, phone numbers) of the box's contacts, each once, in box order."""
        out: dict[str, str] = {}
        for _, contacts in self.lines:
            for c in contacts:
                if c.phones and c.name not in out:
                    out[c.name] = ", ".join(p.number for p in c.phones)
        return list(out.items())


def applies(rs: RuleSet, kommune: Kommune | None, answers: Mapping[str, str]) -> bool:
    cond = effective(rs.questions, dict(answers)) | ({KOMMUNE_QID: kommune.id} if kommune else {})
    return rs.alarm is not None and rs.alarm.when.evaluate(cond)


def alarm_box(
    rs: RuleSet, db: ContactDB, kommune: Kommune | None, answers: Mapping[str, str]
) -> AlarmBox | None:
    """The box when the answers so far make it apply, else None."""
    return box_for(rs, db, kommune, answers) if applies(rs, kommune, answers) else None


def box_for(
    rs: RuleSet, db: ContactDB, kommune: Kommune | None, answers: Mapping[str, str]
) -> AlarmBox | None:
    """The municipality's box (None when the rules have none): each of its steps' first
    sentence with the step's contacts here (the municipality's own døgnvagt where known). A step
    whose condition the answers so far rule out is left out; one they cannot decide yet (the
    age is not asked) is shown with its label in front, or left out when it has none."""
    if rs.alarm is None:
        return None
    kid = kommune.id if kommune else None
    cond = effective(rs.questions, dict(answers)) | ({KOMMUNE_QID: kid} if kid else {})
    steps = {st.id: st for st in rs.steps_for(kommune)}
    lines = []
    for sid in rs.alarm.steps:
        st = steps.get(sid)
        if st is None:  # removed by the municipality's overlay
            continue
        decided = True if st.when is None else conditions.maybe(st.when, cond)
        label = rs.alarm.labels.get(sid)
        if decided is False or (decided is None and not label):
            continue
        found: dict[str, Contact] = {}
        for role in st.contacts:
            for c in db.resolve(role, kid):
                found.setdefault(c.id, c)
        text = split_first_sentence(st.text)[0]
        if decided is None:  # "Voksen: uden for …"
            text = f"{label}: {text[:1].lower() + text[1:] if text[1:2].islower() else text}"
        lines.append((text, list(found.values())))
    return AlarmBox(rs.alarm.title, lines, rs.alarm.after)
