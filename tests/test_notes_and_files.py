"""Notes and files (issue 17, item 8): where a note is saved and what it is called, opening
hours stamped with the time they were worked out, who may read the files nsk writes, and no
web page or PDF poured into a terminal."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from nsk_cli.cli import app

runner = CliRunner()


def nsk(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


class Defaults:
    def ask(self, q, preselect, can_go_back):
        return preselect if preselect is not None else q.options[0].value


@pytest.fixture
def interactive(monkeypatch):
    from nsk_cli.cli import common as cli

    monkeypatch.setattr(cli, "is_tty", lambda: True)
    monkeypatch.setattr("nsk_cli.guide.prompt.make_prompter", lambda: Defaults())


@pytest.fixture
def documents():
    return Path(os.environ["NSK_DOCUMENTS_DIR"])


@pytest.fixture
def usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_note_by_bare_name_gets_md_in_the_documents_folder_and_the_full_path_is_printed(
    interactive, documents, usual_umask
):
    r = nsk("guide", "-k", "ishoj", input="\nnotat-laerer\n")  # Enter: no 'kendt'; then the name
    assert r.exit_code == 0, r.stderr
    assert f"det gemmes i {documents}" in r.stderr  # the folder is said before the name is typed
    note = documents / "notat-laerer.md"
    assert note.is_file() and note.read_text(encoding="utf-8").startswith("# Journalnotat")
    assert f"Gemt i {note}" in r.stderr  # the full path, not just the name
    assert (note.stat().st_mode & 0o777) == 0o600  # a note stays private


def test_a_name_with_a_text_ending_keeps_it(interactive, documents):
    r = nsk("guide", "-k", "faxe", input="\nnotat.txt\n")
    assert r.exit_code == 0 and (documents / "notat.txt").is_file()
    assert not (documents / "notat.txt.md").exists()


def test_a_taken_name_asks_for_another_without_force_advice(interactive, documents):
    (documents / "notat.md").write_text("mine noter", encoding="utf-8")
    r = nsk("guide", "-k", "ishoj", input="\nnotat\nnotat-2\n")
    assert r.exit_code == 0
    assert f"{documents / 'notat.md'} findes allerede – vælg et andet navn" in r.stderr
    assert "--force" not in r.stderr
    assert (documents / "notat.md").read_text(encoding="utf-8") == "mine noter"
    assert (documents / "notat-2.md").is_file()


def test_a_note_into_the_source_tree_is_said_and_needs_a_yes(interactive, documents, monkeypatch):
    monkeypatch.chdir(ROOT)
    target = ROOT / "docs" / "notat-test-kildemappe.md"
    try:
        r = nsk("guide", "-k", "ishoj", input="\ndocs/notat-test-kildemappe\n\nnotat\n")
        assert r.exit_code == 0
        assert "nsk's kildemappe" in r.stderr and not target.exists()  # Enter = no
        assert (documents / "notat.md").is_file()
        r = nsk("guide", "-k", "ishoj", input="\ndocs/notat-test-kildemappe\nj\n")
        assert r.exit_code == 0 and target.is_file() and f"Gemt i {target}" in r.stderr
    finally:
        target.unlink(missing_ok=True)


def test_markdown_note_never_says_nu_about_opening_hours():
    # the present (no --at) and a chosen time: the note carries the time it was worked out
    for args in ((), ("--at", "2026-12-07T02:14")):
        text = nsk("guide", "-k", "faxe", "-a", "akut=nej", "-f", "markdown", *args).stdout
        assert not re.search(r"\b(åben|lukket) nu\b|på det tidspunkt|åbner i dag", text), text
        assert re.search(r"(åben|lukket) kl\. \d\d:\d\d den \d{1,2}/\d{1,2}", text)
    text = nsk("guide", "-k", "faxe", "-a", "akut=nej", "-f", "markdown", "--at", "2026-12-07T02:14").stdout
    assert "lukket kl. 02:14 den 7/12 – åbner kl. 09:00" in text
    text = nsk("guide", "-k", "faxe", "-a", "akut=nej", "-f", "markdown", "--at", "2026-12-05T20:00").stdout
    assert "lukket kl. 20:00 den 5/12 – åbner mandag 7/12 kl. 09:00" in text


@pytest.mark.parametrize(
    "args",
    [("html",), ("actioncard",), ("actioncard", "-f", "html")],
    ids=["html", "card-markdown", "card-html"],
)
def test_pages_and_cards_are_readable_by_others_notes_are_not(tmp_path, usual_umask, args):
    out = tmp_path / "fil"
    r = nsk(*args, "-k", "ishoj", "-o", out)
    assert r.exit_code == 0, r.stderr
    assert (out.stat().st_mode & 0o777) == 0o644
    note = tmp_path / "notat.md"
    assert nsk("guide", "-k", "ishoj", "-a", "akut=nej", "-o", note).exit_code == 0
    assert (note.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize(
    "args",
    [("html",), ("actioncard", "-f", "html"), ("actioncard", "-f", "pdf")],
    ids=["html", "card-html", "card-pdf"],
)
def test_html_or_pdf_to_a_terminal_is_refused(monkeypatch, args):
    from nsk_cli.cli import common

    monkeypatch.setattr(common, "_isatty", lambda stream: True)
    r = nsk(*args, "-k", "ishoj")
    assert r.exit_code == 2 and "angiv -o FIL" in r.stderr and "<html" not in r.stdout


def test_markdown_card_to_a_terminal_is_fine(monkeypatch):
    from nsk_cli.cli import common

    monkeypatch.setattr(common, "_isatty", lambda stream: True)
    r = nsk("actioncard", "-k", "ishoj")
    assert r.exit_code == 0 and "112" in r.stdout
