"""The README's setup and test commands are exactly what CI runs."""

from __future__ import annotations

import re

from conftest import ROOT


def test_ci_runs_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    marked = re.findall(r"^(.+?)\s+# README: (\w+)$", ci, flags=re.M)
    assert {kind for _, kind in marked} == {"setup", "test"}
    for command, _ in marked:
        assert command.strip() in readme, command
