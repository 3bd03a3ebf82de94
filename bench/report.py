"""All of nsk's speed ratios in one run, for docs/hastighed.md: start-up (bench/startup.py),
one long plan (bench/checkplan.py) and a folder of plans (bench/checkplan_many.py), one after
another on the same machine, each measured side by side with its baseline.

Usage:

    .venv/bin/python bench/report.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(script: str, *args: str) -> str:
    cmd = [sys.executable, str(HERE / script), *args]
    r = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return r.stdout.rstrip()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer runs (a rough look, not for the docs)")
    args = ap.parse_args()
    runs = ("5", "3", "1") if args.quick else ("20", "9", "3")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"# nsk speed, {time.strftime('%Y-%m-%d %H:%M')}")
    print(f"Python {platform.python_version()}, {cores} cores, load {os.getloadavg()[0]:.1f}\n")
    print("## Start-up\n" + run("startup.py", "--runs", runs[0]) + "\n")
    print("## One long plan\n" + run("checkplan.py", "--runs", runs[1]) + "\n")
    print("## A folder of plans\n" + run("checkplan_many.py", "--runs", runs[2]))


if __name__ == "__main__":
    main()
