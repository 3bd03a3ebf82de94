"""No English in any --help page or usage error: every command is walked, and every kind of
usage error the parser can raise is provoked for every command."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from nsk_cli.cli import app, main

# Words and phrases typer and its bundled Click write in English.
ENGLISH = [
    "Usage", "Options", "Arguments", "Commands", "Show this message", "and exit", "default",
    "required", "env var", "Missing", "No such", "Invalid", "Error", "Try", "Possible", "Did you mean",
    "is not one of", "does not exist", "not readable", "not writable", "is a directory", "is a file",
    "requires an argument", "does not take", "unexpected", "extra argument", "Choose from", "Value",
    "Input should", "valid integer", "OPTIONS", "COMMAND", "ARGS", "FILE", "PATH", "TEXT", "INTEGER",
    "QUERY", "KEY", "VALUE", "<str>", "<path>", "<int", "range", "Aborted", "dynamic",
]  # fmt: skip
PATTERN = re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in ENGLISH))

runner = CliRunner()


def commands() -> list[list[str]]:
    """Every command path, groups included, from the assembled command tree."""
    root = typer.main.get_command(app)
    found: list[list[str]] = []

    def visit(cmd, path: list[str]) -> None:
        found.append(path)
        for name, sub in getattr(cmd, "commands", {}).items():
            visit(sub, [*path, name])

    visit(root, [])
    return found


def english(text: str) -> list[str]:
    return PATTERN.findall(text)


def test_the_walk_finds_every_command():
    paths = {" ".join(p) for p in commands()}
    assert {"", "guide", "html", "actioncard", "rules validate", "config set", "plan template"} <= paths


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "nsk")
def test_no_help_page_contains_english(path):
    r = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100"}, terminal_width=100)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Brug: ")
    assert "Vis denne hjælp og afslut." in r.stdout
    assert english(r.stdout) == [], r.stdout


def provocations(path: list[str]) -> list[list[str]]:
    """Arguments that make the parser fail for this command, one kind of error each."""
    cmd = typer.main.get_command(app)
    for name in path:
        cmd = cmd.commands[name]  # type: ignore[attr-defined]
    ctx = typer.Context(cmd)
    out = [[*path, "--ingen-saadan"], [*path, "-h=x"]]
    if hasattr(cmd, "commands"):
        name = sorted(cmd.commands)[0]
        return out + [[*path, "ingen-saadan"], [*path, name[:-1] + "x"], path]
    required = [p for p in cmd.params if p.required]
    if required:
        out.append(path)  # a required option or argument is missing
    for p in cmd.params:
        if p.param_type_name != "option":
            continue
        opt = p.opts[0]
        if p.is_flag:
            out.append([*path, f"{opt}=ja"])
            continue
        out.append([*path, opt])  # an option without its value
        shown = p.display_type(ctx)
        if "|" in shown:
            out.append([*path, opt, "ugyldig"])  # a value that is not one of the choices
        if shown.startswith("<int"):
            out += [[*path, opt, "mange"], [*path, opt, "-5"]]
    if not any(p.param_type_name == "argument" for p in cmd.params):
        out.append([*path, "ekstra", "argument"])
    return out


ERROR_CASES = [args for path in commands() for args in provocations(path)]


@pytest.mark.parametrize("args", ERROR_CASES, ids=lambda a: " ".join(a) or "nsk")
def test_no_usage_error_contains_english(capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    captured = capsys.readouterr()
    text = captured.err + captured.out
    assert exit_.value.code == 2, (args, text)
    assert english(text) == [], text
    assert "ugyldig brug af kommandoen" not in text, text  # every error kind has its own Danish line


def test_help_is_danish_whatever_the_console_locale():
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", "LANGUAGE": "en_US:en"}
    r = subprocess.run([sys.executable, "-m", "nsk_cli", "guide", "--help"], env=env, capture_output=True,
                       text=True, encoding="utf-8", timeout=60, check=False)  # fmt: skip
    assert "Valgmuligheder:" in r.stdout and "[standard: text]" in r.stdout
    assert english(r.stdout) == [], r.stdout


def test_translation_catalogue_is_compiled_and_current():
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("ct", ROOT / "scripts" / "compile_translations.py")
    ct = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ct)
    entries = ct.parse_po(ct.PO.read_text(encoding="utf-8"))
    assert entries["Options"] == "Valgmuligheder" and entries["required"] == "skal angives"
    assert ct.PO.with_suffix(".mo").read_bytes() == ct.mo_bytes(entries), (
        "nsk.mo er forældet: kør .venv/bin/python scripts/compile_translations.py"
    )
