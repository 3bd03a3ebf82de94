"""Deadlines from when the municipality first knew (rules/frister.yaml): working days with Danish
public holidays, the guide's 'Frister' block, JSON and the .ics file."""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import date, datetime

import pytest
from typer.testing import CliRunner

from nsk_cli.cli import app
from nsk_cli.core import danish_time
from nsk_cli.guide import deadlines as dl
from nsk_cli.guide import ics

runner = CliRunner()
CHILD_CASEWORKER = ["-a", "akut=nej", "-a", "alder=barn", "-a", "rolle=raadgiver", "-a", "bolig=ja"]


def nsk(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def dk(text: str) -> datetime:
    return danish_time.local(datetime.fromisoformat(text))


def by_id(found):
    return {d.id: d for d in found}


# ----------------------------------------------------------------- the pure core


def test_working_days_skip_weekends_and_easter_2027():
    # Easter 2027: Skærtorsdag 25/3, Langfredag 26/3, Påskedag 28/3, 2. påskedag 29/3
    assert not dl.is_workday(date(2027, 3, 25)) and not dl.is_workday(date(2027, 3, 26))
    assert not dl.is_workday(date(2027, 3, 29))
    assert not dl.is_workday(date(2027, 3, 27))  # Saturday is not a hverdag
    assert dl.is_workday(date(2027, 3, 30))
    # known on the Wednesday before Easter: Thu, Fri, Sat, Sun, Mon are not counted
    assert dl.add_workdays(date(2027, 3, 24), 6) == date(2027, 4, 6)
    assert dl.add_workdays(date(2027, 3, 25), 6) == date(2027, 4, 6)  # known on Skærtorsdag itself
    # an ordinary week: known Friday -> Mon..Fri, then Monday
    assert dl.add_workdays(date(2026, 12, 4), 6) == date(2026, 12, 14)
    # Christmas: 24/12 (optional holiday) counts as a working day, 25/12 and 26/12 do not
    assert dl.add_workdays(date(2026, 12, 22), 3) == date(2026, 12, 28)


def test_child_caseworker_deadlines_across_easter():
    rules = dl.load()
    known = dk("2027-03-25T14:30")  # Skærtorsdag
    found = by_id(dl.compute(rules, {"alder": "barn", "rolle": "raadgiver", "bolig": "ja"}, known))
    assert found["vurdering_24_timer"].due == dk("2027-03-26T14:30")  # hours run through holidays
    assert found["kvittering_6_hverdage"].due == date(2027, 4, 6)
    # 7 days with the first day, Sundays and holidays counted: 25/3 .. 31/3
    assert found["formandsafgoerelse_7_dage"].due == date(2027, 3, 31)
    assert "barnets lov § 143, stk. 4" in found["formandsafgoerelse_7_dage"].legal_refs
    assert found["vurdering_24_timer"].due_text() == "senest fredag 26. marts 2027 kl. 14:30"


def test_which_deadlines_apply():
    rules = dl.load()
    known = dk("2026-12-04T14:30")
    teacher = by_id(dl.compute(rules, {"alder": "barn", "rolle": "fagperson", "bolig": "ja"}, known))
    assert set(teacher) == {"vurdering_24_timer", "kvittering_6_hverdage"}  # no chair's decision
    no_placement = {"alder": "barn", "rolle": "raadgiver", "bolig": "nej", "udland": "nej"}
    assert "formandsafgoerelse_7_dage" not in by_id(dl.compute(rules, no_placement, known))
    trip = dict(no_placement, udland="ja")
    assert "formandsafgoerelse_7_dage" in by_id(dl.compute(rules, trip, known))
    assert dl.compute(rules, {"alder": "voksen", "rolle": "raadgiver", "bolig": "ja"}, known) == []
    assert dl.applies(rules, {"alder": "barn"}) and not dl.applies(rules, {"alder": "voksen"})


def test_known_time_is_parsed_as_danish_time_and_never_in_the_future():
    now = dk("2026-12-07T10:00")
    assert dl.parse_known("2026-12-04T14:30", now) == dk("2026-12-04T14:30")
    assert dl.parse_known("2026-12-04", now) == dk("2026-12-04T00:00")  # earliest: never too late
    assert dl.parse_known("2026-12-04T13:30Z", now) == dk("2026-12-04T14:30")
    with pytest.raises(Exception, match="ugyldigt tidspunkt for --kendt"):
        dl.parse_known("4/12 kl 14", now)
    with pytest.raises(Exception, match="ligger i fremtiden"):
        dl.parse_known("2026-12-08T09:00", now)


# ----------------------------------------------------------------- .ics


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_is_valid_rfc5545_without_personal_data_and_with_stable_uids():
    known = dk("2027-03-25T14:30")
    found = dl.compute(dl.load(), {"alder": "barn", "rolle": "raadgiver", "bolig": "ja"}, known)
    text = ics.to_ics(found, dk("2027-03-25T15:00"))
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines and lines[-2] == "END:VCALENDAR"
    assert any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == len(found) == 3
    for key in ("UID:", "DTSTAMP:", "DTSTART", "SUMMARY:"):
        assert sum(line.startswith(key) for line in lines) == 3, key
    assert "DTSTART:20270326T133000Z" in lines  # 24 hours, in UTC
    assert "DTSTART;VALUE=DATE:20270406" in lines and "DTSTART;VALUE=DATE:20270331" in lines
    assert "DTSTAMP:20270325T140000Z" in lines
    # stable: the same deadlines give the same UIDs, whenever the file is written
    again = ics.to_ics(found, dk("2027-03-28T09:00"))
    uids = [line for line in lines if line.startswith("UID:")]
    assert uids == [line for line in unfold(again) if line.startswith("UID:")]
    assert len(set(uids)) == 3
    # commas and semicolons are escaped in text values
    assert any("stk. 4\\; barnets lov" in line for line in lines)


def test_folding_never_splits_a_character():
    long = dl.Deadline("x", "æøå" * 40, "å" * 200, date(2027, 1, 4), (), ())
    raw = ics.to_ics([long], dk("2027-01-01T12:00")).encode("utf-8")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is whole UTF-8
    assert "SUMMARY:Frist: " + "æøå" * 40 in unfold(raw.decode("utf-8"))


# ----------------------------------------------------------------- the command line


def test_guide_lists_the_deadlines_in_text_markdown_and_json():
    args = [
        "guide",
        "-k",
        "ishoj",
        *CHILD_CASEWORKER,
        "--at",
        "2027-03-26T09:00",
        "--kendt",
        "2027-03-25T14:30",
    ]
    r = nsk(*args)
    assert r.exit_code == 0, r.stderr
    text = r.stdout
    assert "Frister" in text and "torsdag 25. marts 2027 kl. 14:30" in text
    assert text.index("Næste skridt") < text.index("Frister")  # after the steps
    assert "senest tirsdag 6. april 2027" in text and "senest onsdag 31. marts 2027" in text
    md = nsk(*args, "-f", "markdown").stdout
    assert (
        "## Frister" in md and "**Kvittering til den, der underrettede: senest tirsdag 6. april 2027.**" in md
    )
    data = json.loads(nsk(*args, "-f", "json").stdout)
    assert data["kendt"] == "2027-03-25T14:30"
    due = {d["id"]: d["due"] for d in data["frister"]}
    assert due == {
        "vurdering_24_timer": "2027-03-26T14:30",
        "formandsafgoerelse_7_dage": "2027-03-31",
        "kvittering_6_hverdage": "2027-04-06",
    }


def test_without_kendt_there_are_no_deadlines():
    r = nsk("guide", "-k", "ishoj", *CHILD_CASEWORKER, "-f", "json")
    data = json.loads(r.stdout)
    assert data["kendt"] is None and data["frister"] == []
    assert "Frister" not in nsk("guide", "-k", "ishoj", *CHILD_CASEWORKER).stdout


def test_kendt_as_an_answer(tmp_path):
    answers = tmp_path / "svar.yaml"
    answers.write_text(
        'akut: nej\nalder: barn\nrolle: fagperson\nkendt: "2027-03-25T14:30"\n', encoding="utf-8"
    )
    r = nsk("guide", "--answers", answers, "--at", "2027-03-26T09:00", "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["kendt"] == "2027-03-25T14:30"
    r = nsk(
        "guide",
        "-a",
        "akut=nej",
        "-a",
        "kendt=2027-03-25T14:30",
        "--kendt",
        "2027-03-24T10:00",
        "--at",
        "2027-03-26T09:00",
    )
    assert r.exit_code == 2 and "modstridende svar på 'kendt'" in r.stderr


def test_bad_kendt_is_a_usage_error():
    r = nsk("guide", *CHILD_CASEWORKER, "--kendt", "i går kl. 14")
    assert r.exit_code == 2 and "ugyldigt tidspunkt for --kendt" in r.stderr and r.stdout == ""


def test_kendt_in_the_future_is_a_usage_error():
    r = nsk("guide", *CHILD_CASEWORKER, "--at", "2026-12-07T10:00", "--kendt", "2026-12-24T10:00")
    assert r.exit_code == 2 and "ligger i fremtiden" in r.stderr and r.stdout == ""


def test_ics_file_is_written_private(tmp_path):
    out = tmp_path / "frister.ics"
    r = nsk(
        "guide",
        "-k",
        "ishoj",
        *CHILD_CASEWORKER,
        "--at",
        "2027-03-26T09:00",
        "--kendt",
        "2027-03-25T14:30",
        "--ics",
        out,
    )
    assert r.exit_code == 0, r.stderr
    assert f"Frister gemt i {out}" in r.stderr
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.count(b"BEGIN:VEVENT") == 3
    text = raw.decode("utf-8")
    assert "Ishøj" not in text and "ishoj" not in text  # not even the municipality
    assert not re.search(r"\d{6}-?\d{4}", text.replace("\r\n ", ""))


def test_ics_needs_kendt_and_an_unwritable_path_is_a_usage_error(tmp_path):
    r = nsk("guide", *CHILD_CASEWORKER, "--ics", tmp_path / "f.ics")
    assert r.exit_code == 2 and "--ics kræver --kendt" in r.stderr
    r = nsk(
        "guide",
        *CHILD_CASEWORKER,
        "--at",
        "2027-03-26T09:00",
        "--kendt",
        "2027-03-25T14:30",
        "--ics",
        tmp_path / "findes" / "ikke" / "f.ics",
    )
    assert r.exit_code == 2 and "findes ikke" in r.stderr and r.stdout == ""
    taken = tmp_path / "f.ics"
    taken.write_text("gammel", encoding="utf-8")
    r = nsk(
        "guide", *CHILD_CASEWORKER, "--at", "2027-03-26T09:00", "--kendt", "2027-03-25T14:30", "--ics", taken
    )
    assert (
        r.exit_code == 2 and "findes allerede" in r.stderr and taken.read_text(encoding="utf-8") == "gammel"
    )


def test_adult_path_writes_no_ics(tmp_path):
    out = tmp_path / "f.ics"
    r = nsk("guide", "-a", "akut=nej", "-a", "alder=voksen", "--kendt", "2026-12-01T10:00", "--ics", out)
    assert r.exit_code == 0 and "ingen frister" in r.stderr and not out.exists()


def test_interactive_kendt_question_is_optional_and_asked_again_after_a_bad_answer(monkeypatch):
    from nsk_cli.cli import common as cli

    class Defaults:
        def ask(self, q, preselect, can_go_back):
            return preselect if preselect is not None else "nej"  # akut: nej

    monkeypatch.setattr(cli, "is_tty", lambda: True)
    monkeypatch.setattr("nsk_cli.guide.prompt.make_prompter", lambda: Defaults())
    r = nsk("guide", "-k", "ishoj", "--at", "2027-03-26T09:00", input="i går\n2027-03-25 14:30\n\n")
    assert r.exit_code == 0, r.stderr
    assert "ugyldigt tidspunkt" in r.stderr and "kendskab til bekymringen" in r.stderr
    assert "senest tirsdag 6. april 2027" in r.stdout
    r = nsk("guide", "-k", "ishoj", "--at", "2027-03-26T09:00", input="\n\n")  # Enter skips it
    assert r.exit_code == 0 and "Frister" not in r.stdout


def test_interactive_adult_path_is_not_asked_about_kendt(monkeypatch):
    from nsk_cli.cli import common as cli

    class Adult:
        def ask(self, q, preselect, can_go_back):
            return {"akut": "nej", "alder": "voksen"}.get(q.id, preselect)

    monkeypatch.setattr(cli, "is_tty", lambda: True)
    monkeypatch.setattr("nsk_cli.guide.prompt.make_prompter", lambda: Adult())
    r = nsk("guide", "-k", "ishoj", "--ics", "x.ics", input="\n")
    assert r.exit_code == 0 and "kendskab til bekymringen" not in r.stderr
    assert "intet tidspunkt for kendskab – kalenderfilen er ikke skrevet" in r.stderr


def test_a_passed_deadline_says_so():
    r = nsk(
        "guide", *CHILD_CASEWORKER, "--kendt", "2026-12-04T14:30", "--at", "2026-12-07T10:00", "-f", "json"
    )
    passed = {d["id"]: d["passed"] for d in json.loads(r.stdout)["frister"]}
    assert passed == {
        "vurdering_24_timer": True,
        "kvittering_6_hverdage": False,
        "formandsafgoerelse_7_dage": False,
    }
    text = nsk("guide", *CHILD_CASEWORKER, "--kendt", "2026-12-04T14:30", "--at", "2026-12-07T10:00").stdout
    assert "kl. 14:30 – fristen er overskredet" in " ".join(text.split())
    assert text.count("overskredet") == 1
