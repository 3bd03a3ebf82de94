"""Validate a rules folder for reviewers: every problem, not just the first, as
'file: line: path: what'. Pure: returns data, never prints."""

from __future__ import annotations

from pathlib import Path

from nsk_cli.contacts import model
from nsk_cli.contacts.model import yaml_files
from nsk_cli.core.errors import DataError
from nsk_cli.data import yamlio
from nsk_cli.guide import engine, rules
from nsk_cli.guide.rules import RuleSet
from nsk_cli.tooling.paths import all_paths


def validate(folder: Path, contacts_shipped: Path, contacts_user: Path | None) -> list[str]:
    """Every problem in a rules folder (and the contacts it needs), as 'file: line: path: what'."""
    from nsk_cli.contacts import municipalities
    from nsk_cli.contacts.specs import AREAS_SPEC, ROLES_SPEC, contacts_file_spec
    from nsk_cli.data import schema as s

    problems: list[str] = []

    def guarded(fn):
        try:
            return fn()
        except DataError as exc:
            problems.extend(exc.details or [exc.message])
            return None

    # contacts: roles first (the rules refer to them), then every file
    roles_doc = guarded(lambda: yamlio.load(contacts_shipped / "roles.yaml", "contacts/roles.yaml"))
    roles: set[str] | None = None
    if roles_doc is not None:
        found = s.validate(roles_doc, ROLES_SPEC)
        problems += found
        if not found:
            roles = set(roles_doc.data["roles"])
    # regions and police districts, then the municipalities' facts against them
    areas = model.ContactDB(roles={})
    areas_doc = guarded(lambda: yamlio.load(contacts_shipped / "regions.yaml", "contacts/regions.yaml"))
    if areas_doc is not None:
        found = s.validate(areas_doc, AREAS_SPEC)
        problems += found
        if not found:
            areas.regions = dict(areas_doc.data["regions"])
            areas.police_districts = {
                k: municipalities.PoliceDistrict(k, v["name"], tuple(v["regions"]))
                for k, v in areas_doc.data["police_districts"].items()
            }
    contact_ids: dict[str, str] = {}
    contact_kommuner: dict[str, str] = {}
    for base, user in ((contacts_shipped, False), (contacts_user, True)):
        if base is None:
            continue
        files = guarded(lambda base=base: yaml_files(base)) or []
        for path in files:
            name = str(path) if user else f"contacts/{path.relative_to(base).as_posix()}"
            doc = guarded(lambda path=path, name=name: yamlio.load(path, name))
            if doc is None:
                continue
            spec = contacts_file_spec(roles or [], areas.regions, areas.police_districts)
            found = s.validate(doc, spec)
            problems += found
            if found:
                continue
            problems += municipalities.fact_problems(doc, path.stem, areas, user)
            if doc.data.get("kommune") and not user:
                with_facts = all(doc.data.get(k) is not None for k in municipalities.FACT_KEYS)
                if with_facts:
                    areas.municipalities[doc.data["kommune"]] = municipalities.build(doc.data, name)
            seen_here: set[str] = set()
            for i, c in enumerate(doc.data["contacts"]):
                if c["id"] in seen_here:
                    problems.append(
                        s.format_error(doc, ("contacts", i, "id"), f"id {c['id']!r} er brugt før")
                    )
                seen_here.add(c["id"])
                contact_ids.setdefault(c["id"], name)
            if doc.data.get("kommune") and user:
                contact_kommuner[doc.data["kommune"]] = name

    # rules: files nsk would not read, schema, then the cross-file checks, then the graph
    problems += _unread_files(folder)
    loaded = guarded(lambda: rules.read(folder))
    if loaded is None:
        return problems
    rs, docs, schema_problems = loaded
    problems += schema_problems
    if not rs.questions:  # flow.yaml itself is broken: nothing to cross-check against
        return problems
    cross = rules.check_ruleset(rs, docs, roles)
    problems += cross
    known = set(areas.municipalities) | set(rs.kommuner)
    for kid, name in sorted(contact_kommuner.items()):
        if kid not in known and not areas.municipalities:  # else fact_problems named it
            problems.append(f"{name}: kommune {kid!r} findes ikke (se 'nsk kommuner')")
    for k, _, doc in rules.kommune_documents(rs, docs):
        if areas.municipalities and k.id not in areas.municipalities:
            problems.append(
                s.format_error(doc, ("id",), f"kommunen {k.id!r} findes ikke i contacts/kommuner/")
            )
    problems += _krav(folder)
    problems += _deadlines_and_sparring(folder, rs, roles, set(contact_ids))
    problems += _plan_words(folder, roles)
    if cross or schema_problems:
        return problems
    problems += _graph_problems(rs, docs)
    return problems


def _unread_files(folder: Path) -> list[str]:
    """YAML files in the rules folder that nsk would never read: *.yml (nsk reads *.yaml) and
    YAML files outside the places it reads (flow.yaml, actioncard.yaml, kommuner/, krav/)."""
    problems: list[str] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".yaml", ".yml") or path.name.startswith("."):
            continue
        rel = path.relative_to(folder)
        shown = f"{folder.name}/{rel.as_posix()}"
        if path.suffix == ".yml":
            problems.append(
                f"{shown}: filen læses ikke – regelfiler skal hedde .yaml (omdøb den til {path.stem}.yaml)"
            )
        elif not (
            rel.parts
            in (
                ("flow.yaml",),
                ("actioncard.yaml",),
                ("sources.yaml",),
                ("plankontakter.yaml",),
                ("frister.yaml",),
                ("sparring.yaml",),
            )
            or rel.parts[:-1] in (("kommuner",), ("krav",))
        ):
            problems.append(
                f"{shown}: filen læses ikke – kun flow.yaml, sources.yaml, actioncard.yaml, "
                "plankontakter.yaml, frister.yaml, sparring.yaml, kommuner/ og krav/ bruges"
            )
    return problems


def _deadlines_and_sparring(
    folder: Path, rs: RuleSet, roles: set[str] | None, contact_ids: set[str]
) -> list[str]:
    """rules/frister.yaml and rules/sparring.yaml, when the folder has them: schema, conditions
    against the questions, sources with titles, steps, roles and contacts that exist."""
    from nsk_cli.core.sources import untitled
    from nsk_cli.guide import deadlines, sparring

    problems: list[str] = []
    if (folder / deadlines.FILE).is_file():
        try:
            found = deadlines.load(folder)
        except DataError as exc:
            return problems + (exc.details or [exc.message])
        for r in found:
            problems += sparring.condition_problems(r.when, rs, f"{deadlines.FILE}: {r.id}.when")
        used = [src for r in found for src in r.source]
        if rs.titles:
            problems += [f"{deadlines.FILE}: kilden {m!r} har ingen titel" for m in untitled(used, rs.titles)]
    if (folder / sparring.FILE).is_file():
        try:
            texts = sparring.load(folder)
        except DataError as exc:
            return problems + (exc.details or [exc.message])
        problems += sparring.check(texts, rs, roles if roles is not None else set(texts.roles), contact_ids)
    return problems


def _plan_words(folder: Path, roles) -> list[str]:
    """plankontakter.yaml: its schema, and only roles from contacts/roles.yaml."""
    from nsk_cli.core.errors import DataError
    from nsk_cli.plan import plan_contacts

    if not (folder / plan_contacts.WORDS_FILE).exists():
        return []
    try:
        words = plan_contacts.load_words(folder)
    except DataError as exc:
        return [str(exc)]
    return [
        f"{folder.name}/{plan_contacts.WORDS_FILE}: ukendt rolle {r!r} (se contacts/roles.yaml)"
        for r in words.roles
        if roles is not None and r not in roles
    ]


def _krav(folder: Path) -> list[str]:
    """Every requirement set: schema, ids used twice in a set, and two files for one plan kind
    (a copied set would silently replace the other)."""
    from nsk_cli.data import schema as s
    from nsk_cli.plan.specs import SET_SPEC

    problems: list[str] = []
    kinds: dict[str, str] = {}
    kdir = folder / "krav"
    for path in sorted(kdir.glob("*.yaml")) if kdir.is_dir() else []:
        try:
            doc = yamlio.load(path, f"{folder.name}/krav/{path.name}")
        except DataError as exc:
            problems.append(exc.message)
            continue
        found = s.validate(doc, SET_SPEC)
        problems += found
        if found:
            continue
        seen: dict[str, int] = {}
        for i, req in enumerate(doc.data["requirements"]):
            if req["id"] in seen:
                where = ("requirements", i, "id")
                problems.append(
                    s.format_error(
                        doc, where, f"id {req['id']!r} er brugt før (krav nr. {seen[req['id']] + 1})"
                    )
                )
            seen.setdefault(req["id"], i)
        kind = doc.data["kind"]
        if kind in kinds:
            problems.append(
                s.format_error(
                    doc, ("kind",), f"der er allerede krav for {kind!r} i {kinds[kind]} – kun én fil pr. art"
                )
            )
        kinds.setdefault(kind, doc.name)
    return problems


def _graph_problems(rs: RuleSet, docs: dict[str, yamlio.Located]) -> list[str]:
    from nsk_cli.data import schema as s

    problems: list[str] = []
    flow = docs["flow"]
    qs = engine.questions(rs, ask_kommune=False)
    paths = all_paths(qs)
    asked = {qid for p in paths for qid in p}
    for i, q in enumerate(rs.questions):
        if q.id not in asked:
            problems.append(
                s.format_error(
                    flow,
                    ("questions", i, "when"),
                    f"spørgsmålet {q.id!r} kan aldrig nås (betingelsen er aldrig sand)",
                )
            )
    kommuner: list[rules.Kommune | None] = [None, *rs.kommuner.values()]
    used: set[tuple[str | None, str]] = set()
    for k in kommuner:
        steps = rs.steps_for(k)
        for answers in paths:
            cond = dict(answers)
            if k is not None:
                cond[rules.KOMMUNE_QID] = k.id
            hit = [st.id for st in steps if st.when is None or st.when.evaluate(cond)]
            if not hit:
                where = k.name if k else "nationalt"
                shown = ", ".join(f"{a}={v}" for a, v in answers.items())
                problems.append(f"{flow.name}: vejen {shown} ({where}) ender uden et eneste skridt")
            used.update((k.id if k else None, sid) for sid in hit)
    for i, st in enumerate(rs.steps):
        if not any((k.id if k else None, st.id) in used for k in kommuner):
            problems.append(s.format_error(flow, ("steps", i, "when"), f"skridtet {st.id!r} kan aldrig nås"))
    for k, _, doc in rules.kommune_documents(rs, docs):
        for j, (st, _, _) in enumerate(k.add_steps):
            if (k.id, st.id) not in used:
                problems.append(
                    s.format_error(doc, ("add_steps", j, "when"), f"skridtet {st.id!r} kan aldrig nås")
                )
    return problems
