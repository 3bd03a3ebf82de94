"""The overview of many plans: one row per file, in text, Markdown, CSV, JSON and HTML.

The HTML page is self-contained (inline style and script, no external requests) and sorts by
any column when its heading is clicked, so it can be opened offline and mailed on.
"""

from __future__ import annotations

import csv
import html
import io
import json

from nsk_cli.core.text import csv_cell, md_safe
from nsk_cli.plan.render import LABEL

_FIXED = ["Fil", "Kommune", "Titel", "Vedtaget", "Næste revision"]


def _krav_ids(results: list[dict]) -> list[str]:
    ids: list[str] = []
    for r in results:
        for q in r.get("report", {}).get("requirements", []):
            if q["severity"] == "krav" and q["id"] not in ids:
                ids.append(q["id"])
    return ids


def table(results: list[dict]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of plain strings (status words in Danish)."""
    ids = _krav_ids(results)
    header = _FIXED + ids + ["God praksis", "Fejl"]
    rows = []
    for r in results:
        if "error" in r:
            rows.append([r["file"], "", "", "", ""] + [""] * len(ids) + ["", r["error"]])
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
    return (
        f"{summary['filer']} filer · {summary['alle_krav_opfyldt']} opfylder alle lovkrav · "
        f"{summary['krav_ikke_opfyldt']} opfylder ikke alle lovkrav · {summary['fejl']} kunne ikke tjekkes"
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


def to_text(results: list[dict], summary: dict, color: bool, width: int | None) -> str:
    """A compact table for the terminal: the title is left to the other formats, the legal
    requirements are numbered K1, K2, ... with a legend, and unreadable files are listed below."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    header, rows = table(results)
    ids = _krav_ids(results)
    short = {i: f"K{n}" for n, i in enumerate(ids, 1)}
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
        t.add_row(
            *(f"[{style[row[i]]}]{word[row[i]]}[/]" if row[i] in style else escape(row[i]) for i in keep)
        )
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=max(width or 100, 120))
    con.print(t)
    con.print("Lovkrav: " + " · ".join(f"{k} = {escape(i)}" for i, k in short.items()))
    con.print("OK = opfyldt · DELV = delvist · MGL = mangler · God pr. = god praksis opfyldt / i alt")
    for e in errors:
        con.print(f"[red]Kunne ikke tjekkes:[/] {escape(e)}")
    con.print(_verdict(summary))
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


_HTML = """<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Oversigt over planer</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }}
table {{ border-collapse: collapse; font-size: 0.9rem; }}
th, td {{ border: 1px solid #bbb; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }}
th {{ background: #eee; cursor: pointer; }}
th button {{ all: inherit; cursor: pointer; }}
th[aria-sort=ascending] button::after {{ content: " ▲"; }}
th[aria-sort=descending] button::after {{ content: " ▼"; }}
.OK {{ background: #d8f0d8; }} .DELVIST {{ background: #fff0c0; }} .MANGLER {{ background: #f8d0d0; }}
.fejl {{ color: #900; }}
</style>
</head>
<body>
<h1>Oversigt over planer</h1>
<p>{verdict}</p>
<p>Klik på en kolonneoverskrift for at sortere.</p>
<table id="oversigt">
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
<script>
document.querySelectorAll("#oversigt th button").forEach(function (btn, col) {{
  btn.addEventListener("click", function () {{
    var th = btn.parentElement, asc = th.getAttribute("aria-sort") !== "ascending";
    document.querySelectorAll("#oversigt th").forEach(function (h) {{ h.removeAttribute("aria-sort"); }});
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = document.querySelector("#oversigt tbody");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {{
      var x = a.cells[col].textContent, y = b.cells[col].textContent;
      return (asc ? 1 : -1) * x.localeCompare(y, "da", {{ numeric: true }});
    }});
    rows.forEach(function (r) {{ body.appendChild(r); }});
  }});
}});
</script>
</body>
</html>
"""


def to_html(results: list[dict], summary: dict) -> str:
    header, rows = table(results)
    head = "".join(f'<th scope="col"><button type="button">{html.escape(h)}</button></th>' for h in header)
    body = []
    for row in rows:
        cells = []
        for i, c in enumerate(row):
            cls = c if c in ("OK", "DELVIST", "MANGLER") else ("fejl" if i == len(row) - 1 and c else "")
            attr = f' class="{cls}"' if cls else ""
            cells.append(f"<td{attr}>{html.escape(c)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return _HTML.format(verdict=html.escape(_verdict(summary)), head=head, body="\n".join(body))
