"""The real interactive prompt in a pseudo-terminal: answer, go back once, finish; Ctrl-C."""

from __future__ import annotations

import os
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
    child.expect("Tilbage|Anden kommune|Nej")
    time.sleep(0.3)
    child.send(keys)


def spawn(*args):
    env = dict(os.environ, TERM="xterm", COLUMNS="120", LINES="40")
    return pexpect.spawn(
        sys.executable, ["-m", "nsk_cli", *args], env=env, encoding="utf-8", timeout=20, dimensions=(40, 120)
    )


def test_walk_with_one_back_to_a_result_for_ishoj():
    child = spawn("guide", "--at", "2026-11-23T10:00")
    # 98 municipalities and 'Anden kommune' (last): type to filter, Enter picks Ishøj
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


def test_no_to_danger_shows_no_acute_box():
    child = spawn("guide", "-k", "ishoj", "--at", "2026-11-23T10:00")
    ask(child, "sikkerhed i fare", DOWN + ENTER)
    child.expect("Hvor gammel")
    assert "AKUT FARE" not in child.before
    time.sleep(0.3)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
