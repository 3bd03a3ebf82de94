"""A plan's numbers and unit names checked against nsk's contacts.

Every eight-digit phone number in the plan is attributed to the nearest unit name before it (on
its line or the line above, within NAME_REACH characters: "VISO, tlf. 72 41 40 00"); the units
and the names a plan calls them by are data (`units:` in rules/krav/*.yaml, each naming contact
ids in contacts/). A known unit with a number nsk does not know for it is flagged with the
number nsk knows and its source. A number nsk knows for any other contact is left alone (the
name may belong to another line). Renamed or closed services (`renamed:`) are flagged wherever
the plan names them.
"""

from __future__ import annotations

import functools
import re

from nsk_cli.core.privacy import masked_excerpt
from nsk_cli.plan.grading import _matches, compiled
from nsk_cli.plan.requirements import Mismatch, RequirementSet
from nsk_cli.plan.text import Text

NAME_REACH = 150
_PHONE = re.compile(r"(?=[+\d])(?<![\d+])(?:\+45[ \t]?)?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}(?![ \t]?\d)")


@functools.lru_cache(maxsize=1)
def database():
    """nsk's shipped contacts and municipalities, loaded once per process. The parsed files come
    from the start-up cache that `nsk guide` and `nsk contacts` keep (same key: shipped rules,
    shipped contacts, the user's contacts folder) when it is current; the cached documents passed
    validation when they were written. Otherwise the files are parsed and validated here."""
    from nsk_cli.contacts.model import load_db
    from nsk_cli.data import cache, paths

    cdir = paths.shipped("contacts")
    udir = paths.user_contacts_dir(None)
    folders = [paths.shipped("rules"), cdir] + ([udir] if udir else [])
    # never stored: the cache under this key must hold the rules too (see guide.dataset)
    return cache.load(folders, lambda validate: load_db(cdir, None, validate=validate), store=False)


def _digits(number: str) -> str:
    d = re.sub(r"\D", "", number)
    return d[2:] if len(d) == 10 and d.startswith("45") else d


def _source(c) -> str:
    web = [s for s in c.source if s.startswith(("https://", "http://"))]
    return c.url or (web[0] if web else c.source[0])


def check(t: Text, rset: RequirementSet) -> list[Mismatch]:
    if not (rset.units or rset.renamed):
        return []
    text = t.doc.text
    out: list[Mismatch] = []
    seen: set[tuple[str, str]] = set()
    phones = list(_PHONE.finditer(text))
    if phones:  # nsk's contacts and the unit names are needed only where the plan has a number
        db = database()
        known_anywhere = {_digits(p.number) for c in db.contacts.values() for p in c.phones}
        names: list[tuple[dict | None, re.Pattern]] = [
            (u, compiled(p)) for u in rset.units for p in u["names"]
        ]
        names += [(None, compiled(p)) for r in rset.renamed for p in r["names"]]  # their own flag
    for m in phones:
        number = _digits(m.group(0))
        li = t.line_index(m.start())
        window_start = max(m.start() - NAME_REACH, t.doc.starts[max(li - 1, 0)])  # this line or the one above
        best = None
        for unit, rx in names:
            for nm in rx.finditer(text, window_start, m.start()):
                if best is None or nm.end() > best[1].end():
                    best = (unit, nm)
        if best is None:
            continue
        unit, nm = best
        if unit is None:  # a renamed or closed service: flagged below
            continue
        contacts = [db.contacts[c] for c in unit["contacts"] if c in db.contacts]
        theirs = {_digits(p.number) for c in contacts for p in c.phones}
        if not theirs or number in theirs or number in known_anywhere:
            continue
        key = (nm.group(0), number)
        if key in seen:
            continue
        seen.add(key)
        first = next(c for c in contacts if c.phones)
        known = " / ".join(p.number for c in contacts for p in c.phones)
        out.append(_mismatch(t, m.start(), "nummer", nm.group(0), m.group(0).strip(), known, _source(first)))
    for r in rset.renamed:
        for p in r["names"]:
            hit = next(_matches(t, p), None)  # where its first words occur, not a scan of it all
            if hit:
                src = r["source"] if isinstance(r["source"], str) else r["source"][0]
                out.append(_mismatch(t, hit.start(), "navn", r["old"], r["old"], r["note"], src))
                break
    out.sort(key=lambda x: (x.page or 0, x.line))
    return out


def _mismatch(t: Text, pos: int, kind: str, name: str, found: str, known: str, source: str) -> Mismatch:
    ln = t.doc.lines[t.line_index(pos)]
    sentence = masked_excerpt(t.raw(t.sentence_at(pos)), 300)
    return Mismatch(kind, name, found, known, source, ln.page, ln.line, sentence)
