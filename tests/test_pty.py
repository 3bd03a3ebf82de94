"""The real interactive prompt in a pseudo-terminal: answer, go back once, finish; Ctrl-C."""

from __future__ import annotations

import os
import re
import sys
import time

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = [pytest.mark.pty, pytest.mark.skipif(sys.platform == "win32", reason="POSIX pty")]

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"


def ask(child, pattern, keys):
    """Wait until the question and its choices are drawn, then press keys."""
    child.expect(pattern)
    child.expect("Tilbage|Søg:|Nej")
    time.sleep(0.3)
    child.send(keys)


def spawn(*args):
    env = dict(os.environ, TERM="xterm", COLUMNS="120", LINES="40")
    return pexpect.spawn(
        sys.executable, ["-m", "nsk_cli", *args], env=env, encoding="utf-8", timeout=20, dimensions=(40, 120)
    )


def test_walk_with_one_back_to_a_result_for_ishoj():
    child = spawn("guide", "--at", "2026-11-23T10:00")
    # 98 municipalities and 'Anden kommune' (last): type to search, Enter picks Ishøj
    ask(child, "Hvilken kommune", "Ish")
    child.expect("Ishøj Kommune")
    time.sleep(0.3)
    child.send(ENTER)
    ask(child, "sikkerhed i fare", DOWN + ENTER)  # no default: the cursor starts on Ja; down = Nej
    ask(child, "Hvor gammel", DOWN + ENTER)  # voksen
    # go back: 'Ja' (the default) is preselected; "← Tilbage" is three below it (after Ved ikke)
    ask(child, "mellem 18 og 22", DOWN + DOWN + DOWN + ENTER)
    ask(child, "Hvor gammel", UP + ENTER)  # asked again with 'voksen' preselected: up = barn
    ask(child, "rolle i sagen", ENTER)  # fagperson
    for _ in range(6):  # tvivl, familie, vold, udland, bolig, ophold: accept defaults
        ask(child, r"\?", ENTER)
    child.expect("kendskab til bekymringen")  # optional (a child path has deadlines): Enter skips
    child.send(ENTER)
    child.expect("Næste skridt")
    child.expect("43 57 75 78")
    child.expect("Gem resultatet som notat")  # offered after the result is shown
    child.send(ENTER)  # Enter: do not save
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize("key", ["c", "d"], ids=["ctrl-c", "ctrl-d"])
def test_ctrl_c_or_d_exits_130_and_writes_nothing(tmp_path, key):
    out = tmp_path / "note.md"
    child = spawn("guide", "-k", "faxe", "-o", str(out))
    child.expect("sikkerhed i fare")
    child.expect("Nej")
    time.sleep(0.3)
    child.sendcontrol(key)
    child.expect("afbrudt")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not out.exists()


CHOSEN = r"Hvilken kommune arbejder du i\? (\S[^\r\n]*Kommune)"


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("Ishøj", "Ishøj Kommune"),
        ("ishoj", "Ishøj Kommune"),
        ("kbh", "Københavns Kommune"),
        ("Hoeje Taastrup", "Høje-Taastrup Kommune"),
        ("taastrup", "Høje-Taastrup Kommune"),
    ],
)
def test_typing_a_name_as_kommune_folds_it_and_enter_chooses_it(typed, chosen):
    child = spawn("guide")
    ask(child, "Hvilken kommune", typed)  # æ/ø/å are typed like any other key
    child.expect(typed)  # the search line shows what was typed, ø and all
    time.sleep(0.3)
    child.send(ENTER)
    child.expect(CHOSEN)
    assert child.match.group(1) == chosen
    child.expect("sikkerhed i fare")  # the interview goes on with that municipality
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_yes_to_danger_shows_112_before_the_next_question():
    """The acute box comes at once: between "Ja" to danger and the next question, with 112, the
    police's resource person and the municipality's døgnvagt via 114."""
    child = spawn("guide", "-k", "ishoj", "--at", "2026-11-23T10:00")
    ask(child, "sikkerhed i fare", ENTER)  # the cursor starts on Ja
    child.expect("AKUT FARE")
    box = child.before + child.after
    child.expect("Hvor gammel")
    box += child.before
    assert "112" in box and "ressourceperson" in box and "114" in box and "døgnvagt" in box
    child.expect("Nej|barn")
    time.sleep(0.3)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_enter_with_no_match_or_before_typing_chooses_nothing_and_says_so():
    child = spawn("guide")
    ask(child, "Hvilken kommune", ENTER)  # the list opens at the top with nothing marked
    assert child.expect(["Intet er valgt", "sikkerhed i fare"]) == 0
    time.sleep(0.3)
    child.send("xyz")
    child.expect("Ingen passer til 'xyz'")
    time.sleep(0.3)
    child.send(ENTER)
    assert child.expect(["intet er valgt", "sikkerhed i fare"]) == 0
    time.sleep(0.3)
    child.send("\x7f" * 3 + "anden")  # backspace, then the way out for a municipality not listed
    child.expect("Anden kommune")
    time.sleep(0.3)
    child.send(ENTER)
    child.expect(r"arbejder du i\? Anden kommune")
    child.expect("sikkerhed i fare")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_the_list_opens_at_the_top_with_the_search_line_and_anden_not_marked():
    child = spawn("guide")
    child.expect("Hvilken kommune")
    child.expect("Søg:")
    child.expect("Aabenraa Kommune")  # the top of the list, in view
    # nothing marked: not 'Anden kommune' (last, out of view), not the first entry
    assert "»" not in child.before
    assert child.expect(["»", "Anden kommune", pexpect.TIMEOUT], timeout=1.5) == 2
    child.sendcontrol("c")
    child.expect("afbrudt")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_a_note_saved_by_name_ends_in_md_in_the_documents_folder(tmp_path, monkeypatch):
    docs = tmp_path / "Dokumenter"
    docs.mkdir()
    monkeypatch.setenv("NSK_DOCUMENTS_DIR", str(docs))
    child = spawn("guide", "-k", "faxe", "--at", "2026-12-07T02:14")
    for _ in range(16):  # accept every preselection (Ja for akut), skip 'kendt', until the save prompt
        if (
            child.expect(["Gem resultatet som notat", r"\(pil op/ned, Enter\)", "kendskab til bekymringen"])
            == 0
        ):
            break
        time.sleep(0.3)
        child.send(ENTER)
    child.expect(f"gemmes i {docs}")
    child.sendline("notat-laerer")
    child.expect("Gemt i ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    note = docs / "notat-laerer.md"
    assert note.is_file() and str(note) in child.before.replace("\r\n", "")
    text = note.read_text(encoding="utf-8")
    assert "kl. 02:14 den 7/12" in text and not re.search(r"(åben|lukket) nu\b", text)


def test_no_to_danger_shows_no_acute_box():
    child = spawn("guide", "-k", "ishoj", "--at", "2026-11-23T10:00")
    ask(child, "sikkerhed i fare", DOWN + ENTER)
    child.expect("Hvor gammel")
    assert "AKUT FARE" not in child.before
    time.sleep(0.3)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
