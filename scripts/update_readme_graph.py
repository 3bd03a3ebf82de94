"""Regenerate the Mermaid diagram of the national flow in docs/regler.md (checked by
tests/test_rule_tooling.py::test_readme_diagram_is_current). Usage:

    .venv/bin/python scripts/update_readme_graph.py
"""

from __future__ import annotations

from pathlib import Path

from nsk_cli.guide import dataset as data
from nsk_cli.tooling import graph as tooling

README = Path(__file__).resolve().parents[1] / "docs" / "regler.md"
START, END = "<!-- rules-graph:start -->\n```mermaid\n", "```\n<!-- rules-graph:end -->"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    graph = tooling.mermaid(data.load().rules)
    if START in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        text = head + START + graph + END + tail
    else:
        raise SystemExit("docs/regler.md has no <!-- rules-graph:start --> block")
    README.write_text(text, encoding="utf-8")
    print("docs/regler.md: diagram updated")


if __name__ == "__main__":
    main()
