"""Write docs/cli.md from the commands' own --help (checked by tests/test_cli_docs.py). Usage:

.venv/bin/python scripts/gen_cli_docs.py
"""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
COMMANDS = [
    [], ["guide"], ["contacts"], ["check-plan"], ["plan", "template"], ["actioncard"], ["html"], ["kommuner"],
    ["site"], ["sparring"], ["config", "set"], ["config", "show"], ["rules", "validate"], ["rules", "graph"],
    ["rules", "paths"],
]  # fmt: skip


def render() -> str:
    from typer.testing import CliRunner

    from nsk_cli.cli import app

    runner = CliRunner()
    out = [
        "# nsk – kommandoreference",
        "",
        "Genereret fra `--help` af `scripts/gen_cli_docs.py`; ret ikke i hånden.",
        "",
    ]
    for cmd in COMMANDS:
        r = runner.invoke(app, [*cmd, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"}, terminal_width=100)
        title = " ".join(["nsk", *cmd])
        out += [
            f"## `{title}`",
            "",
            "```text",
            r.stdout.rstrip().replace("Brug: nsk-cli", "Brug: nsk"),
            "```",
            "",
        ]
    return "\n".join(out)


def main() -> None:
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(render(), encoding="utf-8")
    print(f"{DOC} updated")


if __name__ == "__main__":
    main()
