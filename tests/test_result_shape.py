"""Issue 17: a result shaped for the moment. "Gør det nu" with the numbers first, then the other
steps, warnings, answers, sources – in the terminal, in Markdown and in the JSON; "Ved ikke"
takes the cautious path and says so; terminal text never breaks inside a phone number."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app
from nsk_cli.cli.common import parse_at
from nsk_cli.core.text import split_first_sentence, wrap
from nsk_cli.guide import engine, render
from nsk_cli.guide.rules import UNKNOWN
from nsk_cli.tooling.paths import all_paths

runner = CliRunner()
TEACHER = ["-k", "ishoj", "-a", "akut=ja", "-a", "alder=barn", "-a", "rolle=fagperson"]
AT = ["--at", "2026-11-23T19:00"]


def nsk(*args, columns=100):
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": str(columns)})


def test_acute_teacher_text_has_112_early_and_do_it_now_fits_one_screen():
    r = nsk("guide", *TEACHER, *AT)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert any("112" in line for line in lines[:8]), lines[:8]
    start = lines.index("Gør det nu")
    end = lines.index("Næste skridt")
    assert start < 4 and end - start <= 35, end - start
    now = "\n".join(lines[start:end])
    assert "43 57 75 78" in now and "114" in now  # the teacher's own numbers: underretning, døgnvagt
    assert all(len(line) < 100 for line in lines if "http" not in line)
    # the order: do it now, other steps, warnings, answers, sources (a count), footer with numbers
    order = [lines.index(h) for h in ("Gør det nu", "Næste skridt", "Advarsler", "Dine svar")]
    assert order == sorted(order)
    assert any(re.fullmatch(r"Kilder: \d+ \(vis dem med --kilder\)", line) for line in lines)
    footer = r.stdout.rstrip().rsplit("\n\n", 1)[1]
    assert footer.startswith("Ring: 112") and "43 57 75 78" in footer and "114" in footer


def test_sources_are_listed_with_kilder():
    r = nsk("guide", *TEACHER, *AT, "--kilder")
    assert r.exit_code == 0 and "\nKilder\n" in r.stdout and "Ishøj Kommunes beredskabsplan" in r.stdout


@pytest.mark.parametrize("columns", [100, 60, 40])
def test_terminal_result_never_breaks_a_phone_number(columns):
    r = nsk("guide", *TEACHER, *AT, columns=columns)
    assert r.exit_code == 0
    text = r.stdout
    for number in ("43 57 75 78", "70 27 76 86", "55 78 20 00", "+45 33 92 11 12"):
        assert number in text, (columns, number)
    lines = text.splitlines()
    for a, b in zip(lines, lines[1:], strict=False):  # no number runs across a line break ('43 57' | '75 78')
        joined = a.rstrip() + " " + b.strip()
        for m in re.finditer(r"(?:\+45 )?\d\d(?: \d\d){3}", joined):
            assert m.end() <= len(a.rstrip()) or m.start() > len(a.rstrip()), (a, b)
    for line in lines:
        assert len(line) < columns or "http" in line or "@" in line, line


def test_continuation_lines_hang_indent():
    lines = wrap("Ring til StraXen på 43 57 75 78, eller tryk Ctrl-C og vælg ← Tilbage i menuen", 24, " 1. ")
    assert lines[0].startswith(" 1. ") and all(line.startswith("    ") for line in lines[1:])
    joined = "\n".join(lines)
    assert "43 57 75 78" in joined and "← Tilbage" in joined and "Ctrl-C" in joined


@pytest.mark.parametrize(
    "text, first",
    [
        ("Ring 112. Giv politiet oplysningerne.", "Ring 112."),
        ("Se barnets lov § 18, stk. 3. Det gælder altid.", "Se barnets lov § 18, stk. 3."),
        ("Ring fx. Kommunen igen. Så videre.", "Ring fx. Kommunen igen."),
        ("Kl. 9-15 på hverdage, jf. Faxes plan.", "Kl. 9-15 på hverdage, jf. Faxes plan."),
        ("Åbner 24. juni. Husk det.", "Åbner 24. juni."),
        ("Hvad gør personen? Hvem kan hjælpe?", "Hvad gør personen?"),
    ],
)
def test_first_sentence_knows_danish_abbreviations(text, first):
    assert split_first_sentence(text)[0] == first


def test_markdown_note_has_the_same_order():
    r = nsk("guide", *TEACHER, *AT, "-f", "markdown")
    md = r.stdout
    heads = ["## Gør det nu", "## Næste skridt", "## Advarsler", "## Svar", "## Kilder"]
    assert all(h in md for h in heads)
    assert [md.index(h) for h in heads] == sorted(md.index(h) for h in heads)
    assert "1. **Placér personen et sikkert sted" in md


def test_json_keeps_steps_and_adds_now_and_the_acute_box():
    d = json.loads(nsk("guide", *TEACHER, *AT, "-f", "json").stdout)
    assert [s["phase"] for s in d["steps"]][:3] == ["akut"] * 3  # acute steps stay first
    assert {s["id"] for s in d["steps"] if s["now"]} >= {"akut_ring_112", "barn_fagperson_underret"}
    assert d["alarm"]["title"] and any("112" in line["text"] for line in d["alarm"]["lines"])
    assert "ishoj_doegnvagt" in [c for line in d["alarm"]["lines"] for c in line["contacts"]]
    calm = json.loads(nsk("guide", "-k", "ishoj", "-a", "akut=nej", *AT, "-f", "json").stdout)
    assert calm["alarm"] is None and set(calm["steps"][0]) >= {"id", "phase", "text", "now"}


def test_every_path_has_something_to_do_now(data):
    qs = engine.questions(data.rules, ask_kommune=False)
    for answers in all_paths(qs):
        r = engine.build_result(data.rules, data.contacts, "ishoj", engine.Completed(answers, [], []),
                                parse_at("2026-11-23T10:00"))  # fmt: skip
        assert r.now_steps, answers
        if answers["akut"] == "ja":
            assert r.now_steps[0].id == "akut_sikkert_sted" and r.alarm is not None


def test_unknown_takes_the_cautious_path_and_says_so(data):
    """On every path, answering "Ved ikke" wherever a question offers it gives exactly the steps
    of its cautious value, plus one plain line per such answer."""
    qs = engine.questions(data.rules, ask_kommune=False)
    offers = {q.id: q for q in qs if q.unknown_means}
    assert {"ophold", "udland", "bolig", "familie", "vold"} <= set(offers)
    assert not {"akut", "alder", "rolle"} & set(offers)
    at = parse_at("2026-11-23T10:00")
    checked = 0
    for answers in all_paths(qs):
        unsure = {
            k: (UNKNOWN if k in offers and v == offers[k].unknown_means else v) for k, v in answers.items()
        }
        if unsure == answers:
            continue
        sure = engine.build_result(data.rules, data.contacts, "faxe", engine.complete(qs, answers), at)
        done = engine.complete(qs, unsure)
        assert done.answers == unsure and not done.defaulted
        got = engine.build_result(data.rules, data.contacts, "faxe", done, at)
        assert [s.id for s in got.steps] == [s.id for s in sure.steps]
        lines = [w for w in got.warnings if w.startswith("Du svarede »Ved ikke«")]
        assert len(lines) == sum(v == UNKNOWN for v in unsure.values())
        checked += 1
    assert checked > 100


def test_help_texts_do_not_say_standardsvar(data):
    for q in data.rules.questions:
        assert "standardsvar" not in q.help.casefold(), q.id


def test_footer_names_the_numbers_of_do_it_now(data):
    qs = engine.questions(data.rules, ask_kommune=False)
    done = engine.complete(qs, {"akut": "ja", "alder": "barn", "rolle": "fagperson"})
    r = engine.build_result(data.rules, data.contacts, "ishoj", done, parse_at("2026-11-23T10:00"))
    assert render.footer(r).startswith("Ring: 112 (Politiet")


def test_unknown_counts_as_cautious_in_sparring_and_deadlines():
    """The other readers of the answers (nsk sparring, the deadlines) see "Ved ikke" as the
    cautious value too: no consent known means the no-consent sharing rules."""
    r = nsk("sparring", "-k", "ishoj", "-a", "akut=nej", "-a", "alder=voksen", "-a", "samtykke=ved_ikke")
    assert r.exit_code == 0, r.output
    assert "Det vides ikke, om borgeren har givet samtykke" in r.stdout
    assert "Voksen uden samtykke:" in r.stdout
    base = ["guide", "-k", "ishoj", "-a", "akut=nej", "-a", "alder=barn", "-a", "rolle=raadgiver",
            "-a", "bolig=nej", "--kendt", "2026-11-23T10:00", "--at", "2026-11-23T12:00",
            "-f", "json"]  # fmt: skip
    sure = json.loads(nsk(*base, "-a", "udland=ja").stdout)["frister"]
    unsure = json.loads(nsk(*base, "-a", "udland=ved_ikke").stdout)["frister"]
    assert [f["id"] for f in unsure] == [f["id"] for f in sure] and len(sure) == 3


def test_acute_box_labels_lines_the_age_decides_until_it_is_answered(data):
    from nsk_cli.guide import alarm, conditions

    k = data.rules.find_kommune("ishoj")
    early = [t for t, _ in alarm.alarm_box(data.rules, data.contacts, k, {"akut": "ja"}).lines]
    assert any(t.startswith("Barn eller ung under 18 år: ") and "114" in t for t in early)
    assert any(t.startswith("Voksen: ") for t in early)
    adult = [
        t for t, _ in alarm.alarm_box(data.rules, data.contacts, k, {"akut": "ja", "alder": "voksen"}).lines
    ]
    assert not any("114" in t for t in adult) and not any(":" in t[:25] and "Voksen" in t for t in adult)
    assert alarm.alarm_box(data.rules, data.contacts, k, {"akut": "nej"}) is None
    cond = conditions.parse("akut = ja and (alder = barn or rolle = fagperson)")
    assert conditions.maybe(cond, {"akut": "ja"}) is None
    assert conditions.maybe(cond, {"akut": "nej"}) is False
    assert conditions.maybe(cond, {"akut": "ja", "rolle": "fagperson"}) is True
    assert conditions.maybe(conditions.parse("not alder = barn"), {}) is None
