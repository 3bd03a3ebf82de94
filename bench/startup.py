"""Side-by-side start-up benchmark: nsk commands against a minimal typer app.

Runs each command alternately in fresh processes with the same interpreter and
reports medians and the ratio to the baseline. Usage:

    .venv/bin/python bench/startup.py [--runs 30]

Check-plan against plain PDF text extraction is measured by bench/checkplan.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable

BASELINE = ("minimal typer app", [PY, str(HERE / "minimal_typer.py")])
COMMANDS = [
    ("nsk --version", [PY, "-m", "nsk_cli", "--version"]),
    (
        "nsk guide (scripted, json)",
        [
            PY,
            "-m",
            "nsk_cli",
            "guide",
            "-k",
            "ishoj",
            "-a",
            "akut=ja",
            "-a",
            "alder=barn",
            "-a",
            "rolle=fagperson",
            "--format",
            "json",
        ],
    ),
    (
        "nsk contacts sikkerhedskonsulent --format json",
        [PY, "-m", "nsk_cli", "contacts", "sikkerhedskonsulent", "--format", "json"],
    ),
]


# Installed packages (typer, and nsk from a wheel) run from compiled bytecode; an editable
# checkout under PYTHONDONTWRITEBYTECODE=1 would recompile nsk on every start. Allow bytecode
# so both sides are measured as installed.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    everything = [BASELINE, *COMMANDS]
    times: dict[str, list[float]] = {name: [] for name, _ in everything}
    for _name, cmd in everything:  # warm-up: bytecode caches, disk cache
        once(cmd)
    for _ in range(args.runs):  # alternate, so drift hits every command alike
        for name, cmd in everything:
            times[name].append(once(cmd))
    base = statistics.median(times[BASELINE[0]])
    print(f"{'command':50} {'median ms':>10} {'ratio':>7}")
    for name, _ in everything:
        med = statistics.median(times[name])
        print(f"{name:50} {med * 1000:10.1f} {med / base:7.2f}")


if __name__ == "__main__":
    main()
