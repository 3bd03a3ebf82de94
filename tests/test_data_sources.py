"""Every rule and contact is traceable: each `source` names an existing seed file (with a
line range inside it) or a public URL; contacts referenced by rules exist everywhere."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from nsk_cli.core.sources import SEED
from nsk_cli.guide import engine


def _sources(data):
    for st in data.rules.steps:
        yield f"step {st.id}", st.source
    for q in data.rules.questions:
        yield f"question {q.id}", q.source
    for k in data.rules.kommuner.values():
        yield f"kommune {k.id}", k.source
        for st, _, _ in k.add_steps:
            yield f"{k.id} step {st.id}", st.source
        for change in k.replace_steps:
            yield f"{k.id} replace {change['id']}", change["source"]
    for c in data.contacts.contacts.values():
        yield f"contact {c.id}", c.source
    from nsk_cli.data import paths
    from nsk_cli.export import actioncard
    from nsk_cli.plan import checks

    for kind, rset in checks.load_sets(paths.rules_dir()).items():
        for req in rset.requirements:
            yield f"{kind} {req.id}", req.source
        for item in rset.dangers + rset.renamed:  # dangers and renamed services cite sources too
            src = item["source"]
            yield f"{kind} {item.get('id') or item['old']}", src if isinstance(src, list) else [src]
    card = actioncard.load_config(paths.rules_dir())
    yield "actioncard", card["source"] if isinstance(card["source"], list) else [card["source"]]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_seed_sources_exist_with_valid_line_ranges(data):
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in SEEDS.glob("*.txt")}
    for what, sources in _sources(data):
        assert sources, what
        for src in sources:
            m = SEED.fullmatch(src)
            if not m:
                # a stored page's own address; some municipal pages were stored as http://
                assert src.startswith(("https://", "http://")), (what, src)
                continue
            assert m.group("file") in lengths, (what, src)
            if m.group("start"):
                end = int(m.group("end") or m.group("start"))
                assert 1 <= int(m.group("start")) <= end <= lengths[m.group("file")], (what, src)


def test_every_role_used_by_rules_resolves_or_warns(data):
    roles = set(data.contacts.roles)
    used = {r for st in data.rules.steps for r in st.contacts}
    for k in data.rules.kommuner.values():
        used |= {r for st, _, _ in k.add_steps for r in st.contacts}
    assert used <= roles
    # roles with no national fallback must exist locally for each known municipality that has them
    for kid in data.rules.kommuner:
        for role in used:
            if not data.contacts.resolve(role, kid):
                assert role in {"ssp", "infohus", "ressourceperson", "jobcenter", "underretning", "voksne"}, (
                    kid,
                    role,
                )


def test_municipalities_with_their_own_route_have_their_intake(data):
    for kid in ("ishoj", "faxe", "hvidovre"):  # the municipalities with a rules overlay
        assert data.contacts.resolve("underretning", kid), kid
        assert data.contacts.resolve("voksne", kid), kid


def test_no_invented_hours_for_sources_without_them(data):
    # Ishøj's, Faxe's and Hvidovre's seed documents print no opening hours: none may be recorded.
    for c in data.contacts.contacts.values():
        if c.kommune and all(SEED.fullmatch(s) for s in c.source):
            assert c.hours is None, c.id


def test_kommune_question_lists_all_98_and_other_last(data):
    q = engine.kommune_question(data.rules)
    values = q.values()
    assert len(values) == 99 and values[-1] == "anden" and values[0] != "anden"
    assert {"faxe", "hvidovre", "ishoj", "aarhus", "aero"} <= set(values)
    labels = [o.label for o in q.options[:-1]]
    assert labels == sorted(labels)


def test_every_source_has_a_readable_title(data):
    # caseworkers see titles (rules/sources.yaml), never seed file ids (issue 10)
    from nsk_cli.core.sources import source_title, untitled

    # every seed document and every source a step cites has a title; a web page cited only by a
    # contact or a municipality's facts is shown as its address, which is readable as it is
    used = [src for what, sources in _sources(data) for src in sources]
    assert [s for s in untitled(used, data.rules.titles) if not s.startswith("http")] == []
    steps = [s for what, sources in _sources(data) if "step" in what or "question" in what for s in sources]
    assert untitled(steps, data.rules.titles) == []
    assert source_title("003_8bd056b2af1c9a39.txt:149-165", data.rules.titles).startswith(
        "Ishøj Kommunes beredskabsplan"
    )
    url = "https://um.dk/rejse-og-ophold/under-rejsen/ufrivilligt-udlandsophold"
    assert source_title(url, data.rules.titles) == f"Udenrigsministeriet, Ufrivilligt udlandsophold, {url}"


def test_rules_validate_reports_a_source_without_title(tmp_path):
    import shutil

    from nsk_cli.data import paths
    from nsk_cli.guide import rules

    folder = tmp_path / "rules"
    shutil.copytree(paths.rules_dir(), folder)
    text = (folder / "sources.yaml").read_text(encoding="utf-8")
    (folder / "sources.yaml").write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("  https://politi.dk")) + "\n",
        encoding="utf-8",
    )
    (folder / "flow.yaml").write_text(
        (folder / "flow.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "source: 003_8bd056b2af1c9a39.txt:166-167", "source: https://politi.dk/kontakt-politiet/alarm-112"
        ),
        encoding="utf-8",
    )
    rs, docs, problems = rules.read(folder)
    assert problems == []
    assert any(
        "'https://politi.dk/kontakt-politiet/alarm-112' har ingen titel" in p
        for p in rules.check_ruleset(rs, docs, None)
    )


def test_every_national_contact_source_has_a_readable_title(data):
    """A national contact's sources (what a vCard and the contacts table name) all have a title
    in rules/sources.yaml, so no user ever reads an internal file id (issue 18)."""
    from nsk_cli.core.sources import untitled

    for c in data.contacts.national():
        assert not untitled(c.source, data.rules.titles), c.id


def test_vcard_and_contacts_table_carry_no_internal_ids_or_editors_notes(data):
    """vCards name sources by title; disagreements between sources are for editors only."""
    from datetime import datetime

    from nsk_cli.contacts import render

    contacts = list(data.contacts.contacts.values())
    card = render.vcard(contacts, data.rules.titles)
    table = render.contacts_table(contacts, datetime(2026, 12, 7, 10, 0), {}, False, 120)
    for text in (card, table):
        assert not SEED.search(text), SEED.search(text)
        assert "Uenighed mellem kilder" not in text and "plan trykker" not in text
    assert "Kilde: Faxe Kommunes beredskabsplan" in card.replace("\r\n ", "")
