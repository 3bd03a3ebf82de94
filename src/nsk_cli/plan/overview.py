"""The overview of many plans: one row per file, in text, Markdown, CSV, JSON and HTML.

The HTML page is self-contained (inline style and script, no external requests) and sorts by
any column when its heading is clicked, so it can be opened offline and mailed on.
"""

from __future__ import annotations

import csv
import io
import json

from nsk_cli.core.text import csv_cell, md_safe
from nsk_cli.plan.render import LABEL

_FIXED = ["Fil", "Kommune", "Titel", "Vedtaget", "Næste revision", "Farer"]


def _krav(results: list[dict]) -> dict[str, tuple[str, str]]:
    """The legal requirements in order: id -> (plain short name, full title)."""
    out: dict[str, tuple[str, str]] = {}
    for r in results:
        for q in r.get("report", {}).get("requirements", []):
            if q["severity"] == "krav" and q["id"] not in out:
                out[q["id"]] = (q.get("short") or q["title"], q["title"])
    return out


def _krav_ids(results: list[dict]) -> list[str]:
    return list(_krav(results))


def table(results: list[dict]) -> tuple[list[str], list[list[str]]]:
    """Header (plain Danish names, never ids) and rows of plain strings (status words in Danish)."""
    krav = _krav(results)
    ids = list(krav)
    header = _FIXED + [krav[i][0] for i in ids] + ["God praksis", "Fejl"]
    rows = []
    for r in results:
        if "error" in r:
            rows.append([r["file"], "", "", "", "", ""] + [""] * len(ids) + ["", r["error"]])
            continue
        rep, row = r["report"], r["row"]
        status = {q["id"]: q["status"] for q in rep["requirements"]}
        good = [q for q in rep["requirements"] if q["severity"] == "anbefaling"]
        met = sum(1 for q in good if q["status"] == "ok")
        rows.append(
            [
                rep["file"],
                row["kommune"] or "",
                row["title"],
                row["vedtaget"] or "",
                row["naeste_revision"] or "",
                str(len(rep["dangers"])) if rep["dangers"] else "",
            ]
            + [LABEL[status[i]] if i in status else "–" for i in ids]
            + [f"{met}/{len(good)}", ""]
        )
    return header, rows


def to_json(results: list[dict], summary: dict) -> str:
    plans = [r["report"] if "report" in r else {"file": r["file"], "error": r["error"]} for r in results]
    return json.dumps({"plans": plans, "summary": summary}, ensure_ascii=False, indent=2) + "\n"


def to_csv(results: list[dict]) -> str:
    header, rows = table(results)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([csv_cell(h) for h in header])
    w.writerows([csv_cell(c) for c in row] for row in rows)  # no cell runs as a formula
    return buf.getvalue()


def _verdict(summary: dict) -> str:
    from nsk_cli.plan.html import files

    danger = f" · {summary['med_farer']} med farlige anvisninger" if summary.get("med_farer") else ""
    return (
        f"{files(summary['filer'])} · {summary['alle_krav_opfyldt']} opfylder alle lovkrav · "
        f"{summary['krav_ikke_opfyldt']} opfylder ikke alle lovkrav{danger} · "
        f"{summary['fejl']} kunne ikke tjekkes"
    )


def to_markdown(results: list[dict], summary: dict) -> str:
    header, rows = table(results)

    def cell(s: str) -> str:
        return s.replace("|", "\\|").replace("\n", " ")

    out = ["# Oversigt over planer", "", _verdict(summary), ""]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return md_safe("\n".join(out) + "\n")  # no raw HTML from a plan or a file name


def _cell(name: str, value: str, style: dict, word: dict) -> str:
    from rich.markup import escape

    if value in style:
        return f"[{style[value]}]{word[value]}[/]"
    if name == "Farer" and value:
        return f"[bold red]{escape(value)}[/]"
    return escape(value)


def to_text(results: list[dict], summary: dict, color: bool, width: int | None) -> str:
    """A compact table for the terminal: the title is left to the other formats, the legal
    requirements are numbered K1, K2, ... with a legend, and unreadable files are listed below."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    header, rows = table(results)
    krav = _krav(results)
    short = {krav[i][0]: f"K{n}" for n, i in enumerate(krav, 1)}
    style = {"OK": "green", "DELVIST": "yellow", "MANGLER": "red"}
    word = {"OK": "OK", "DELVIST": "DELV", "MANGLER": "MGL"}
    names = {"Næste revision": "Næste rev.", "God praksis": "God pr."}
    keep = [i for i, h in enumerate(header) if h not in ("Titel", "Fejl")]
    t = Table(header_style="bold", pad_edge=False)
    for i in keep:
        h = header[i]
        t.add_column(
            short.get(h, names.get(h, h)),
            overflow="fold",
            no_wrap=h != "Fil",
            min_width=20 if h == "Fil" else None,
        )
    errors = []
    for row in rows:
        if row[-1]:
            errors.append(f"{row[0]}: {row[-1]}")
            t.add_row(escape(row[0]), *(["[red]fejl[/]"] + [""] * (len(keep) - 2)))
            continue
        t.add_row(*(_cell(header[i], row[i], style, word) for i in keep))
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=max(width or 100, 120))
    con.print(t)
    con.print("Lovkrav: " + " · ".join(f"{k} = {escape(name)}" for name, k in short.items()))
    con.print("OK = opfyldt · DELV = delvist · MGL = mangler · God pr. = god praksis opfyldt / i alt")
    for e in errors:
        con.print(f"[red]Kunne ikke tjekkes:[/] {escape(e)}")
    con.print(_verdict(summary))
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def to_html(results: list[dict], summary: dict) -> str:
    from nsk_cli.plan import html

    header, rows = table(results)
    krav = _krav(results)
    titles = {short: full for short, full in krav.values()}
    tips = [titles.get(h, h) for h in header]
    return html.many(header, tips, rows, results, _verdict(summary))
