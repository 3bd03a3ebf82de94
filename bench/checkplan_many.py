"""check-plan on a folder of 8 large PDFs against plain text extraction of the same 8 files
with the same PDF library (pypdfium2), one after another in one process. Both run as fresh
processes, alternately; the figure is the median of the runs.

nsk reads and checks the files in two worker processes (plan/audit.py), so on a machine with
two cores the folder should finish before the plain extraction does.

Usage:

    .venv/bin/python bench/checkplan_many.py [--runs 5] [--pages 300] [--files 8]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from checkplan import ENV, make_pdf  # noqa: E402 - the same generated plan as bench/checkplan.py

PY = sys.executable

EXTRACT_ALL = """
import sys
import pypdfium2 as pdfium
total = 0
for name in sys.argv[1:]:
    pdf = pdfium.PdfDocument(name)
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        total += len(tp.get_text_range())
        tp.close()
        page.close()
    pdf.close()
print(total)
"""


def once(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - start, r.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--files", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "planer"
        folder.mkdir()
        first = folder / "plan1.pdf"
        make_pdf(first, args.pages)
        files = [first] + [folder / f"plan{i}.pdf" for i in range(2, args.files + 1)]
        for f in files[1:]:
            shutil.copyfile(first, f)
        cmds = {
            "plain pypdfium2 extraction, one after another": [PY, "-c", EXTRACT_ALL, *map(str, files)],
            "nsk check-plan MAPPE (json)": [PY, "-m", "nsk_cli", "check-plan", str(folder), "-f", "json",
                                            "--today", "2026-11-22"],
        }  # fmt: skip
        times: dict[str, list[float]] = {k: [] for k in cmds}
        for name, cmd in cmds.items():
            _, code = once(cmd)  # warm-up; nsk exits 1: the generated plan misses requirements
            if code not in (0, 1):
                raise SystemExit(f"{name} failed with exit code {code}")
        for _ in range(args.runs):
            for name, cmd in cmds.items():
                times[name].append(once(cmd)[0])
    base = statistics.median(times["plain pypdfium2 extraction, one after another"])
    print(f"{args.files} PDFs of {args.pages} pages, {args.runs} alternating runs, {os.cpu_count()} CPUs")
    print(f"{'':48} {'median ms':>10} {'ratio':>7}")
    for name in cmds:
        med = statistics.median(times[name])
        print(f"{name:48} {med * 1000:10.1f} {med / base:7.2f}")


if __name__ == "__main__":
    main()
