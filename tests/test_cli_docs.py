"""Every command has help, and docs/cli.md is the current output of --help."""

from __future__ import annotations

import importlib.util

from conftest import ROOT

spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)


def test_every_command_has_danish_help():
    text = gen.render()
    for cmd in gen.COMMANDS:
        section = text.split(f"## `{' '.join(['nsk', *cmd])}`", 1)[1].split("## `", 1)[0]
        assert "Brug:" in section and "Valgmuligheder:" in section, cmd


def test_cli_reference_is_current():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == gen.render(), "docs/cli.md er forældet: kør  .venv/bin/python scripts/gen_cli_docs.py"
