"""check-plan on a 150-page PDF against plain text extraction of the same file with the same
PDF library (pypdfium2), run alternately, two ways:

- in one process: pypdfium2 extraction vs nsk's read + check (the work that grows with the
  document);
- as fresh processes: `python -c <extraction>` vs `nsk check-plan` (adds nsk's start-up, which
  bench/startup.py measures on its own);
- the target of issue 21: `nsk check-plan` as a process against the "typer floor plus
  extraction" (the minimal typer app as a process plus the in-process extraction).

Usage:

    .venv/bin/python bench/checkplan.py [--runs 15] [--pages 150]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed

EXTRACT = """
import sys
import pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
text = []
for i in range(len(pdf)):
    page = pdf[i]
    tp = page.get_textpage()
    text.append(tp.get_text_range())
    tp.close()
    page.close()
print(sum(len(t) for t in text))
"""

PARAGRAPH = (
    "Kommunen forebygger, opsporer og håndterer negativ social kontrol og æresrelaterede konflikter. "
    "Ved bekymring for børn og unge under 18 år underretter medarbejderen børne- og familieafdelingen, "
    "og der laves en indledende risikovurdering, inden forældre og netværk inddrages. "
)


def make_pdf(path: Path, pages: int) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if font.exists():
        pdf.add_font("dejavu", fname=str(font))
        pdf.set_font("dejavu", size=10)
    else:
        pdf.set_font("helvetica", size=10)
    for n in range(pages):
        pdf.add_page()
        if n == 0:
            pdf.multi_cell(
                0,
                5,
                "Beredskabsplan. Planen er vedtaget af Byrådet den 24. juni 2025.",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        for _ in range(6):
            pdf.multi_cell(0, 5, PARAGRAPH * 2, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - start


def in_process(pdf: Path, runs: int) -> dict[str, list[float]]:
    from datetime import date

    import pypdfium2 as pdfium

    from nsk_cli.data import paths
    from nsk_cli.plan import checks, document

    sets = checks.load_sets(paths.rules_dir())

    def extract() -> None:
        doc = pdfium.PdfDocument(str(pdf))
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        doc.close()

    def nsk() -> None:
        d, _ = document.read(pdf)
        checks.check(d, sets["beredskabsplan"], date(2026, 11, 22))

    out: dict[str, list[float]] = {"extract": [], "nsk": []}
    extract(), nsk()  # warm-up
    for _ in range(runs):
        for name, fn in (("extract", extract), ("nsk", nsk)):
            start = time.perf_counter()
            fn()
            out[name].append(time.perf_counter() - start)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--pages", type=int, default=150)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "plan.pdf"
        make_pdf(pdf, args.pages)
        cmds = {
            "minimal typer app": [PY, str(Path(__file__).resolve().parent / "minimal_typer.py")],
            "plain pypdfium2 text extraction": [PY, "-c", EXTRACT, str(pdf)],
            "nsk check-plan (json)": [PY, "-m", "nsk_cli", "check-plan", str(pdf), "--format", "json",
                                      "--today", "2026-11-22"],
        }  # fmt: skip
        times: dict[str, list[float]] = {k: [] for k in cmds}
        for cmd in cmds.values():
            once(cmd)
        for _ in range(args.runs):
            for name, cmd in cmds.items():
                times[name].append(once(cmd))
        inproc = in_process(pdf, args.runs)
    base = statistics.median(times["plain pypdfium2 text extraction"])
    print(f"{args.pages}-page PDF, {args.runs} alternating runs")
    ib = statistics.median(inproc["extract"])
    print(f"{'in one process':40} {'median ms':>10} {'ratio':>7}")
    print(f"{'pypdfium2 text extraction':40} {ib * 1000:10.1f} {1:7.2f}")
    im = statistics.median(inproc["nsk"])
    print(f"{'nsk read + check':40} {im * 1000:10.1f} {im / ib:7.2f}")
    print(f"{'as processes':40} {'median ms':>10} {'ratio':>7}")
    for name in cmds:
        med = statistics.median(times[name])
        print(f"{name:40} {med * 1000:10.1f} {med / base:7.2f}")
    # The target of issue 21: nsk's process against the typer floor plus the extraction itself.
    floor = statistics.median(times["minimal typer app"]) + ib
    nsk = statistics.median(times["nsk check-plan (json)"])
    print(f"{'typer floor + extraction (in process)':40} {floor * 1000:10.1f} {1:7.2f}")
    print(f"{'nsk check-plan (json)':40} {nsk * 1000:10.1f} {nsk / floor:7.2f}")


if __name__ == "__main__":
    main()
