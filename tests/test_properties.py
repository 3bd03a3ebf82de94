"""Property-based tests: random answers and random rule-file mutations never produce a
traceback, only a result or a clear error; every accepted answer set yields at least one step;
no generated text with an embedded CPR-like number comes out unmasked in any output format."""

from __future__ import annotations

import copy
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from nsk_cli.core import privacy
from nsk_cli.core.errors import DataError, UsageError
from nsk_cli.guide import dataset as data
from nsk_cli.guide import engine, rules

DATA = data.load()
QS = engine.questions(DATA.rules, ask_kommune=False)
IDS = [q.id for q in QS] + ["kommune", "alderr", "x"]
VALUES = sorted({v for q in QS for v in q.values()} | {"", "JA", "18", "æøå", "anden"})
KOMMUNER = [None, "ishoj", "Faxe", "hvidovre", "Roskilde", "Ærø", "0101901234", ""]


@settings(max_examples=300, deadline=None)
@given(
    answers=st.dictionaries(st.sampled_from(IDS), st.sampled_from(VALUES), max_size=12),
    kommune=st.sampled_from(KOMMUNER),
    strict=st.booleans(),
)
def test_random_answers_give_a_result_or_a_clear_error(answers, kommune, strict):
    try:
        done = engine.complete(QS, answers, strict=strict)
    except UsageError as exc:
        assert exc.message and exc.exit_code == 2
        return
    try:
        result = engine.build_result(DATA.rules, DATA.contacts, kommune, done, datetime(2026, 11, 23, 10))
    except UsageError as exc:  # an unknown municipality: a clear error naming the closest ones
        assert exc.message and exc.exit_code == 2 and kommune == "0101901234"
        return
    assert result.steps, answers  # every accepted answer set yields at least one step
    assert result.to_dict()["legal_refs"] == list(dict.fromkeys(result.legal_refs))


FLOW = yaml.safe_load((ROOT / "rules" / "flow.yaml").read_text(encoding="utf-8"))
JUNK = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.booleans(),
    st.text(max_size=12),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(FLOW) if p]


@st.composite
def mutated_flow(draw):
    doc = copy.deepcopy(FLOW)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            last = path[-1]
            action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
            if action == "replace":
                parent[last] = draw(JUNK)
            elif action == "delete":
                del parent[last]
            elif isinstance(parent, list):
                parent.insert(last, copy.deepcopy(parent[last]))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=mutated_flow())
def test_random_rule_mutations_load_or_fail_cleanly(tmp_path_factory, doc):
    folder = tmp_path_factory.mktemp("rules")
    shutil.copytree(ROOT / "rules" / "kommuner", folder / "kommuner")
    (folder / "flow.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        rs = rules.load(Path(folder), set(DATA.contacts.roles))
    except DataError as exc:
        assert exc.message.startswith(f"{folder.name}/"), exc.message  # names the file
        assert "Traceback" not in exc.message
        return
    # whatever loaded must still walk to a result without crashing
    qs = engine.questions(rs, ask_kommune=False)
    try:
        done = engine.complete(qs, {})
    except UsageError:
        return
    engine.build_result(rs, DATA.contacts, "faxe", done, datetime(2026, 11, 23, 10))


# ----------------------------------------------------------------- CPR masking in every format

# Separators between the date and the four digits: none, dashes of every kind, spaces of every kind.
SEPARATORS = ["", "-", " ", " - ", "  -  ", "--", "\t", "\u00a0", "\u00ad", "\u2010", "\u2011", "\u2012",
              "\u2013", "\u2014", "\u2015", "\u2212", "\u202f", "\ufe63", "\uff0d", " \u2013 "]  # fmt: skip
# Text around the number: anything but digits (a digit next to it makes it a longer number).
AROUND = st.text(st.characters(blacklist_categories=("Nd", "Cs"), blacklist_characters="\x00"), max_size=15)


@st.composite
def text_with_cpr(draw):
    day = draw(st.dates(date(1900, 1, 1), date(2099, 12, 31)))
    first, last = day.strftime("%d%m%y"), f"{draw(st.integers(0, 9999)):04d}"
    number = first + draw(st.sampled_from(SEPARATORS)) + last
    text = draw(AROUND) + number + draw(AROUND)
    return text, re.compile(re.escape(first) + r"\D{0,12}" + re.escape(last))


@settings(max_examples=500, deadline=None)
@given(case=text_with_cpr(), limit=st.integers(12, 80))
def test_no_embedded_cpr_number_survives_masking(case, limit):
    text, leaked = case
    assert privacy.has_cpr(text)
    for shown in (
        privacy.mask(text),
        privacy.safe(text),
        privacy.safe(text, keep_colours=True),
        privacy.safe(f"\x1b[1m{text}\x1b[0m", keep_colours=True),
        privacy.masked_excerpt(" ".join([text] * 3), limit),
    ):
        assert not leaked.search(shown), (text, shown)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=text_with_cpr())
def test_no_embedded_cpr_number_survives_in_any_output_format(tmp_path_factory, case):
    from typer.testing import CliRunner

    from nsk_cli.cli import app

    text, leaked = case
    folder = tmp_path_factory.mktemp("cpr")
    plan = folder / "handleplan.txt"
    plan.write_text(f"Handleplan. Risikoen vurderes som høj: {text} – se sagen.\n", encoding="utf-8")
    own = folder / "egne"
    own.mkdir()
    contact = {"id": "egen", "name": "Egen", "roles": ["ssp"], "notes": text,
               "source": "https://example.dk/kontakter", "verified": "2026-11-01"}  # fmt: skip
    (own / "x.yaml").write_text(yaml.safe_dump({"contacts": [contact]}, allow_unicode=True), encoding="utf-8")
    runs = [["check-plan", plan, "--kind", "handleplan", "-f", f] for f in ("text", "markdown", "json")]
    runs += [["guide", "-k", text, "-a", "alder=barn", "-f", f] for f in ("text", "markdown", "json")]
    runs += [["contacts", "egen", "--contacts-dir", own, "-f", f] for f in ("table", "json", "vcard")]
    runs += [["check-plan", folder / f"{text.replace('/', '_')}.md"]]  # an error naming the file
    for args in runs:
        r = CliRunner().invoke(app, [str(a) for a in args])
        assert not isinstance(r.exception, AssertionError)
        assert not leaked.search(r.stdout) and not leaked.search(r.stderr), (args, r.output)
    note = folder / "rapport.md"
    CliRunner().invoke(
        app, ["check-plan", str(plan), "--kind", "handleplan", "-f", "markdown", "-o", str(note)]
    )
    assert not leaked.search(note.read_text(encoding="utf-8"))
