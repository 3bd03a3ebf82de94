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


def test_every_bad_input_row_names_a_test_that_exists():
    section = (ROOT / "docs" / "daarligt-input.md").read_text(encoding="utf-8")
    rows = [r for r in section.splitlines() if r.startswith("| ") and not r.startswith(("| input", "|---"))]
    assert len(rows) > 40
    for row in rows:
        refs = re.findall(r"`(test_[a-z0-9_]+\.py)::(test_[A-Za-z0-9_]+)", row)
        # a row may point to the test named in the row above ("…[case]", "samme")
        assert refs or "…[" in row or "samme" in row, row
        for file, name in refs:
            path = ROOT / "tests" / file
            assert path.exists() and f"def {name}(" in path.read_text(encoding="utf-8"), (file, name)


def test_readme_starts_with_people_and_stays_short():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (.+)$", readme, flags=re.M)
    assert sections[0] == "Til dig, der bare skal bruge guiden" and "Udvikling" in sections
    first = readme.split("\n## ", 2)[1]
    assert len(first.strip().splitlines()) <= 14 and "nsk site -o" in first and "112" in first
    users = readme.split("\n## Udvikling", 1)[0]
    assert "pip install -q -c requirements.lock -e .\n" in users and ".[test]" not in users  # no test extras
    assert len(readme.splitlines()) < 300
