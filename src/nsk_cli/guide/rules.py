"""The rule set: the national flow (questions and steps) and municipal overlays.

Loaded from YAML in ``rules/`` (see rules/FORMAT.md), validated strictly and
cross-checked in ``check_ruleset`` (question ids, values, roles, overlay targets),
which both the loader and ``nsk rules validate`` use.
"""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace

from nsk_cli.core.errors import DataError
from nsk_cli.core.vocab import ID, PHASES, TAGS  # noqa: F401 - re-exported for the model's users
from nsk_cli.data import yamlio
from nsk_cli.data.paths import display
from nsk_cli.guide import conditions
from nsk_cli.guide.model import (  # noqa: F401 - re-exported: the loader's users see one module
    KOMMUNE_QID,
    OTHER_KOMMUNE,
    UNKNOWN,
    UNKNOWN_LABEL,
    Alarm,
    Kommune,
    Option,
    Question,
    RuleSet,
    Step,
    order_steps,
)


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _question(raw: dict) -> Question:
    options: tuple[Option, ...]
    if raw["type"] == "ja_nej":
        options = (Option("ja", "Ja"), Option("nej", "Nej"))
    else:
        options = tuple(Option(o["value"], o["label"], o.get("help")) for o in raw.get("options") or [])
    if raw.get("unknown_means"):
        options += (Option(UNKNOWN, UNKNOWN_LABEL),)
    return Question(
        id=raw["id"],
        text=raw["text"],
        help=raw["help"],
        type=raw["type"],
        options=options,
        default=raw.get("default"),
        when=conditions.parse(raw["when"]) if raw.get("when") else None,
        when_text=raw.get("when"),
        source=_tuple(raw["source"]),
        unknown_means=raw.get("unknown_means"),
    )


def _alarm(raw: dict | None) -> Alarm | None:
    if not raw:
        return None
    return Alarm(
        when=conditions.parse(raw["when"]),
        title=raw["title"],
        steps=tuple(raw["steps"]),
        after=raw["after"],
        source=_tuple(raw["source"]),
        labels=dict(raw.get("labels") or {}),
    )


def _step(raw: dict, origin: str) -> Step:
    return Step(
        id=raw["id"],
        text=raw["text"].strip(),
        when=conditions.parse(raw["when"]) if raw.get("when") else None,
        when_text=raw.get("when"),
        legal_refs=_tuple(raw.get("legal_refs")),
        contacts=_tuple(raw.get("contacts")),
        tags=_tuple(raw.get("tags")),
        source=_tuple(raw["source"]),
        note=raw.get("note"),
        origin=origin,
        phase=raw.get("phase") or "",
        now=bool(raw.get("now")),
    )


def _replacement(raw: dict) -> dict:
    out: dict = {"id": raw["id"]}
    for key, value in raw.items():
        if key == "id":
            continue
        if key == "when":
            out["when"] = conditions.parse(value)
            out["when_text"] = value
        elif key in ("legal_refs", "contacts", "tags", "source"):
            out[key] = _tuple(value)
        elif key == "text":
            out[key] = value.strip()
        else:
            out[key] = value
    return out


def read(folder: Path, validate: bool = True) -> tuple[RuleSet, dict[str, yamlio.Located], list[str]]:
    """Load and (unless told not to) schema-validate; return the rule set, the documents and
    the schema problems."""
    if validate:
        from nsk_cli.data import schema as s
        from nsk_cli.guide.specs import FLOW_SPEC, KOMMUNE_SPEC, SOURCES_SPEC
    flow_path = folder / "flow.yaml"
    flow_doc = yamlio.load(flow_path, display(flow_path, folder))
    flow_problems = s.validate(flow_doc, FLOW_SPEC) if validate else []
    problems = list(flow_problems)
    docs = {"flow": flow_doc}
    titles: dict[str, str] = {}
    sources_path = folder / "sources.yaml"
    if sources_path.is_file():  # optional in a municipality's own rules folder
        sources_doc = yamlio.load(sources_path, display(sources_path, folder))
        found_src = s.validate(sources_doc, SOURCES_SPEC) if validate else []
        problems += found_src
        if not found_src:
            docs["sources"] = sources_doc
            titles = {str(k): str(v) for k, v in sources_doc.data["titles"].items()}
    kommune_docs: list[yamlio.Located] = []
    kdir = folder / "kommuner"
    if kdir.is_dir():
        for path in sorted(kdir.glob("*.yaml")):
            try:
                doc = yamlio.load(path, display(path, folder))
            except DataError as exc:
                if not validate:
                    raise
                problems.append(exc.message)
                continue
            found = s.validate(doc, KOMMUNE_SPEC) if validate else []
            problems += found
            if found:  # reported; the other files are still built and cross-checked
                continue
            kommune_docs.append(doc)
            docs[f"kommune:{path.stem}"] = doc
    if flow_problems:
        return RuleSet("", [], [], {}, folder), docs, problems
    data = flow_doc.data
    questions = [_question(q) for q in data["questions"]]
    steps = [_step(st, flow_doc.name) for st in data["steps"]]
    kommuner: dict[str, Kommune] = {}
    for doc in kommune_docs:
        d = doc.data
        kommuner[d["id"]] = Kommune(
            id=d["id"],
            name=d["name"],
            aliases=tuple(d.get("aliases") or ()),
            notes=d.get("notes"),
            source=_tuple(d["source"]),
            add_steps=tuple(
                (_step(a, doc.name), a.get("before"), a.get("after")) for a in d.get("add_steps") or []
            ),
            replace_steps=tuple(_replacement(r) for r in d.get("replace_steps") or []),
            remove_steps=tuple(r["id"] for r in d.get("remove_steps") or []),
            origin=doc.name,
        )
    rs = RuleSet(data["title"], questions, steps, kommuner, folder, titles, _alarm(data.get("alarm")))
    return rs, docs, problems


def add_municipalities(rs: RuleSet, municipalities) -> None:
    """Every known municipality becomes selectable: one without a rules overlay gets the
    national flow; one with an overlay also answers to the registry's aliases."""
    for m in municipalities:
        k = rs.kommuner.get(m.id)
        if k is None:
            source = m.region_source + m.police_district_source
            rs.kommuner[m.id] = Kommune(m.id, m.name, m.aliases, None, source, (), (), (), origin=m.origin)
        else:
            extra = tuple(a for a in m.aliases if a not in k.aliases)
            rs.kommuner[m.id] = replace(k, aliases=k.aliases + extra)
    rs.kommuner = dict(sorted(rs.kommuner.items(), key=lambda kv: kv[1].name))


def kommune_documents(rs: RuleSet, docs: dict[str, yamlio.Located]):
    """(municipality, file stem, document) for every loaded municipality file."""
    for key, doc in docs.items():
        if key.startswith("kommune:") and doc.data["id"] in rs.kommuner:
            yield rs.kommuner[doc.data["id"]], key.split(":", 1)[1], doc


def check_ruleset(rs: RuleSet, docs: dict[str, yamlio.Located], roles: set[str] | None) -> list[str]:
    """Cross-file checks shared by the loader, `nsk rules validate` and the tests."""
    from nsk_cli.data import schema as s

    problems: list[str] = []
    flow = docs["flow"]

    def err(doc: yamlio.Located, path: tuple, msg: str) -> None:
        problems.append(s.format_error(doc, path, msg))

    seen_q: dict[str, int] = {}
    for i, q in enumerate(rs.questions):
        if q.id in seen_q or q.id == KOMMUNE_QID:
            err(flow, ("questions", i, "id"), f"spørgsmåls-id {q.id!r} er brugt før eller reserveret")
        if q.default is not None and q.default not in q.values():
            err(
                flow,
                ("questions", i, "default"),
                f"standardsvaret {q.default!r} er ikke en af værdierne {', '.join(q.values())}",
            )
        if q.type == "valg" and not q.options:
            err(flow, ("questions", i, "options"), "et valg-spørgsmål skal have options")
        if q.type == "ja_nej" and flow.data["questions"][i].get("options"):
            err(flow, ("questions", i, "options"), "et ja_nej-spørgsmål har faste svar; fjern options")
        if len(set(q.values())) != len(q.values()):
            err(flow, ("questions", i, "options"), "to svarmuligheder har samme value")
        if q.unknown_means is not None and q.unknown_means not in q.values()[:-1]:
            err(
                flow,
                ("questions", i, "unknown_means"),
                f"{q.unknown_means!r} er ikke en af værdierne {', '.join(q.values()[:-1])}",
            )
        if q.when:
            for ident, values in q.when.comparisons():
                if ident == KOMMUNE_QID:
                    continue
                if ident not in seen_q:
                    err(
                        flow,
                        ("questions", i, "when"),
                        f"betingelsen bruger {ident!r}, som ikke er et tidligere spørgsmål",
                    )
                    continue
                known = rs.questions[seen_q[ident]].values()
                for v in values:
                    if v not in known:
                        err(
                            flow,
                            ("questions", i, "when"),
                            f"{ident!r} har ikke værdien {v!r}; gyldige: {', '.join(known)}",
                        )
        seen_q.setdefault(q.id, i)

    qvalues = {q.id: q.values() for q in rs.questions}
    qvalues[KOMMUNE_QID] = [*rs.kommuner, OTHER_KOMMUNE]

    def check_step(doc: yamlio.Located, path: tuple, step: Step) -> None:
        if step.when:
            for ident, values in step.when.comparisons():
                if ident not in qvalues:
                    err(doc, path + ("when",), f"betingelsen bruger det ukendte spørgsmål {ident!r}")
                    continue
                for v in values:
                    if v not in qvalues[ident]:
                        err(
                            doc,
                            path + ("when",),
                            f"{ident!r} har ikke værdien {v!r}; gyldige: {', '.join(qvalues[ident])}",
                        )
        if roles is not None:
            for j, role in enumerate(step.contacts):
                if role not in roles:
                    err(doc, path + ("contacts", j), f"ukendt kontaktrolle {role!r}")

    step_ids: set[str] = set()
    for i, st in enumerate(rs.steps):
        if st.id in step_ids:
            err(flow, ("steps", i, "id"), f"trin-id {st.id!r} er brugt før")
        step_ids.add(st.id)
        check_step(flow, ("steps", i), st)
    if rs.alarm is not None:
        for j, sid in enumerate(rs.alarm.steps):
            if sid not in step_ids:
                err(flow, ("alarm", "steps", j), f"ukendt trin {sid!r}")
        for sid in rs.alarm.labels:
            if sid not in rs.alarm.steps:
                err(flow, ("alarm", "labels", sid), f"{sid!r} er ikke et af boksens skridt")
        check_step(flow, ("alarm",), Step("alarm", "x", rs.alarm.when, None, (), (), (), ()))

    seen_k: dict[str, str] = {}
    for k, stem, doc in kommune_documents(rs, docs):
        if k.id != stem:
            err(doc, ("id",), f"id {k.id!r} skal være det samme som filnavnet ({stem}.yaml)")
        if k.id in seen_k:
            err(doc, ("id",), f"kommunen {k.id!r} er også defineret i {seen_k[k.id]}")
        seen_k[k.id] = doc.name
        if not (k.add_steps or k.replace_steps or k.remove_steps):
            err(
                doc,
                (),
                "kommunefilen ændrer intet i forløbet (ingen add_steps, replace_steps eller remove_steps)",
            )
        ids_now = set(step_ids)
        for j, rid in enumerate(k.remove_steps):
            if rid not in ids_now:
                err(doc, ("remove_steps", j, "id"), f"ukendt trin {rid!r}")
            ids_now.discard(rid)
        for j, change in enumerate(k.replace_steps):
            if change["id"] not in ids_now:
                err(doc, ("replace_steps", j, "id"), f"ukendt trin {change['id']!r}")
            if set(change) <= {"id", "source"}:
                err(doc, ("replace_steps", j), "erstatningen ændrer intet")
            if "when" in change:
                dummy = Step(change["id"], "x", change["when"], None, (), (), (), ())
                check_step(doc, ("replace_steps", j), dummy)
            for role in change.get("contacts", ()):
                if roles is not None and role not in roles:
                    err(doc, ("replace_steps", j, "contacts"), f"ukendt kontaktrolle {role!r}")
        for j, (step, before, after) in enumerate(k.add_steps):
            if step.id in ids_now:
                err(doc, ("add_steps", j, "id"), f"trin-id {step.id!r} findes allerede")
            if before and after:
                err(doc, ("add_steps", j), "angiv enten before eller after, ikke begge")
            anchor = before or after
            if not step.phase and not anchor:
                err(doc, ("add_steps", j), "angiv phase, når skridtet ikke har before eller after")
            if anchor and anchor not in ids_now:
                err(doc, ("add_steps", j, "before" if before else "after"), f"ukendt trin {anchor!r}")
            check_step(doc, ("add_steps", j), step)
            ids_now.add(step.id)
    if "sources" in docs:
        problems += _untitled_sources(rs, docs)
    return problems


def _untitled_sources(rs: RuleSet, docs: dict[str, yamlio.Located]) -> list[str]:
    """Every source the rules cite needs a readable title in sources.yaml (shown to users)."""
    from nsk_cli.core.sources import untitled

    used = [src for q in rs.questions for src in q.source] + [src for st in rs.steps for src in st.source]
    used += list(rs.alarm.source) if rs.alarm else []
    for k in rs.kommuner.values():
        used += [*k.source, *(src for st, _, _ in k.add_steps for src in st.source)]
        used += [src for change in k.replace_steps for src in change.get("source", ())]
    return [f"{docs['sources'].name}: kilden {m!r} har ingen titel" for m in untitled(used, rs.titles)]


def load(folder: Path, roles: set[str] | None = None, validate: bool = True) -> RuleSet:
    """Load, validate and cross-check a rules folder; raise DataError on the first problem.

    ``validate=False`` is only for documents that passed validation before (the start-up cache).
    """
    rs, docs, problems = read(folder, validate)
    if validate:
        from nsk_cli.data import schema as s

        s.raise_if(problems)
        s.raise_if(check_ruleset(rs, docs, roles))
    return rs
