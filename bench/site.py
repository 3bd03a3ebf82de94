"""How long `nsk site` takes for the whole country (98 guides and cards), in fresh processes.

Reports the median wall and CPU time of several runs, and the load average, since the machine
is often shared. Usage:

    .venv/bin/python bench/site.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "nsk_cli", "site", "-o", str(Path(tmp) / "site")],
                check=True,
                capture_output=True,
            )
            walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"nsk site (98 kommuner): median {statistics.median(walls):.2f} s wall, "
          f"{statistics.median(cpus):.2f} s CPU over {args.runs} runs; load {load:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
