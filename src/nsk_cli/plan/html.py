"""check-plan as one self-contained HTML page: a plan's full report, or an overview of many plans
with each row linking to that plan's full report further down.

The page reads as a page: plain Danish headings (a requirement's id only as an anchor and a
tooltip), dangers first, evidence with page and line, suggestions and where each belongs. It
loads nothing from anywhere (a Content-Security-Policy forbids it), fits a 1,280 px window and
prints. The overview sorts by any column when its heading is clicked.
"""

from __future__ import annotations

from html import escape

LABEL = {"ok": "OK", "partial": "DELVIST", "missing": "MANGLER"}
SEVERITY = {"krav": "Lovkrav", "anbefaling": "God praksis"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

_STYLE = """
*, *::before, *::after { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 1rem 1.5rem; max-width: 1280px;
  color: #1a1a1a; line-height: 1.45; overflow-wrap: break-word; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
th { hyphens: auto; -webkit-hyphens: auto; overflow-wrap: anywhere; font-size: 0.8rem; min-width: 3.4rem; }
td.wrap { overflow-wrap: anywhere; min-width: 7rem; }
td.fare-count { background: #b00020; color: #fff; font-weight: 700; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.35rem; text-align: left; vertical-align: top; }
th { background: #eee; cursor: pointer; font-weight: 600; }
th button { all: inherit; cursor: pointer; border: 0; padding: 0; }
th[aria-sort=ascending] button::after { content: " ▲"; }
th[aria-sort=descending] button::after { content: " ▼"; }
.OK, .ok { background: #d8f0d8; } .DELVIST, .partial { background: #fff0c0; }
.MANGLER, .missing { background: #f8d0d0; } .FARE, .fare { background: #b00020; color: #fff; }
.fejl { color: #900; }
.status { display: inline-block; min-width: 5.5rem; padding: 0 0.3rem; font-weight: 700; }
.finding { margin: 0.6rem 0 0.9rem; }
.finding ul { margin: 0.2rem 0 0 1.2rem; padding: 0; }
.danger { border-left: 0.4rem solid #b00020; padding: 0.3rem 0.7rem; margin: 0.6rem 0; background: #fdecee; }
blockquote { margin: 0.2rem 0; font-style: italic; }
.muted { color: #555; }
@media print { th button::after { content: none; } body { max-width: none; } }
"""

_SORT = """
document.querySelectorAll("#oversigt th button").forEach(function (btn, col) {
  btn.addEventListener("click", function () {
    var th = btn.parentElement, asc = th.getAttribute("aria-sort") !== "ascending";
    document.querySelectorAll("#oversigt th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = document.querySelector("#oversigt tbody");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].textContent, y = b.cells[col].textContent;
      return (asc ? 1 : -1) * x.localeCompare(y, "da", { numeric: true });
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""


def files(n: int) -> str:
    return "1 fil" if n == 1 else f"{n} filer"


def page(title: str, body: str, script: str = "") -> str:
    js = f"<script>{script}</script>\n" if script else ""
    return (
        '<!doctype html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"{body}\n{js}</body>\n</html>\n"
    )


def _at(page_no, line) -> str:
    return f"s. {page_no}, linje {line}" if page_no else f"linje {line}"


def _where_text(w: dict | None) -> str:
    if not w:
        return ""
    if w["heading"] is None:
        return "nyt afsnit i planen"
    at = _at(w["page"], w["line"])
    if w["position"] == "under":
        return f"under overskriften “{w['heading']}” ({at})"
    word = "efter" if w["position"] == "after" else "før"
    return f"nyt afsnit {word} “{w['heading']}” ({at})"


def _name(q: dict) -> str:
    return q.get("short") or q["title"]


def report_section(rep: dict, anchor: str, level: int = 2) -> str:
    """One plan's full report as HTML (from the report's JSON form)."""
    h, hh = f"h{level}", f"h{level + 1}"
    s = rep["summary"]
    about = " · ".join(b for b in (rep.get("title"), rep.get("kommune") and f"{rep['kommune']} Kommune") if b)
    out = [f'<section id="{escape(anchor)}">', f"<{h}>{escape(rep['file'])}</{h}>"]
    if about:
        out.append(f"<p>{escape(about)}</p>")
    failed = [_name(q) for q in rep["requirements"] if q["severity"] == "krav" and q["status"] != "ok"]
    verdict = "Alle lovkrav er opfyldt." if not failed else "Lovkrav ikke opfyldt: " + ", ".join(failed)
    out.append(
        f'<p><strong>{escape(verdict)}</strong> <span class="muted">Tjekket som {escape(rep["kind"])} den '
        f"{escape(rep['today'])} · farer: {s['farer']} · OK: {s['ok']} · delvist: {s['partial']} · "
        f"mangler: {s['missing']}</span></p>"
    )
    for w in rep["warnings"]:
        out.append(f'<p class="muted">! {escape(w)}</p>')
    if rep["dangers"]:
        out.append(f"<{hh}>Farlige anvisninger</{hh}>")
        for d in rep["dangers"]:
            ref = f" ({escape(d['legal_ref'])})" if d.get("legal_ref") else ""
            under = f", under overskriften “{escape(d['heading'])}”" if d.get("heading") else ""
            out.append(
                f'<div class="danger" id="{escape(anchor)}-fare-{escape(d["id"])}-{d["line"]}">'
                f'<span class="status FARE">FARE</span> <strong>{escape(d["title"])}</strong>{ref}'
                f"<div>{_at(d['page'], d['line'])}{under}:</div>"
                f"<blockquote>“{escape(d['text'])}”</blockquote>"
                f"<div>Hvorfor: {escape(d['why'])}</div></div>"
            )
    for sev in ("krav", "anbefaling"):
        out.append(f"<{hh}>{SEVERITY[sev]}</{hh}>")
        for q in (q for q in rep["requirements"] if q["severity"] == sev):
            out.append(_finding(q, anchor))
    if rep.get("register"):
        out.append(f"<{hh}>Numre og navne, der ikke stemmer med nsk's kontakter</{hh}><ul>")
        for m in rep["register"]:
            if m["kind"] == "nummer":
                msg = f"{m['name']}: planen har {m['found']}, nsk kender {m['known']} (kilde: {m['source']})"
            else:
                msg = f"{m['found']}: {m['known']} (kilde: {m['source']})"
            out.append(f"<li>{_at(m['page'], m['line'])}: {escape(msg)}</li>")
        out.append("</ul>")
    if rep.get("template"):
        out.append(
            f"<p><strong>Mange lovkrav mangler.</strong> Start fra skabelonen: "
            f"<code>{escape(rep['template'])} -o skabelon.md</code></p>"
        )
    out.append("</section>")
    return "\n".join(out)


def _finding(q: dict, anchor: str) -> str:
    ref = f' <span class="muted">({escape(q["legal_ref"])})</span>' if q.get("legal_ref") else ""
    st = q["status"]
    out = [
        f'<div class="finding" id="{escape(anchor)}-{escape(q["id"])}" title="{escape(q["id"])}">',
        f'<span class="status {st}">{LABEL[st]}</span> {escape(q["title"])}{ref}',
        "<ul>",
    ]
    if q.get("note"):
        out.append(f"<li>Bemærk: {escape(q['note'])}</li>")
    for e in q["evidence"]:
        under = f", under overskriften “{escape(e['heading'])}”" if e.get("heading") else ""
        out.append(f"<li>{_at(e['page'], e['line'])}{under}: “{escape(e['text'])}”</li>")
    if st != "ok":
        out.append(f"<li>Forslag: {escape(q['hint'] or '')}</li>")
        if q.get("where"):
            out.append(f"<li>Hører hjemme: {escape(_where_text(q['where']))}</li>")
    out.append("</ul></div>")
    return "\n".join(out)


def one(rep: dict) -> str:
    """The full report of one plan as a page."""
    body = f"<h1>Tjek af {escape(rep['kind'])}</h1>\n<p>{files(1)}</p>\n" + report_section(rep, "plan-1")
    return page(f"Tjek af {rep['kind']}: {rep['file']}", body)


def many(header: list[str], tips: list[str], rows: list[list[str]], results: list[dict], verdict: str) -> str:
    """The overview table (each row links to its plan's section) and every plan's full report."""
    head = "".join(
        f'<th scope="col" title="{escape(tip)}"><button type="button">{escape(h)}</button></th>'
        for h, tip in zip(header, tips, strict=True)
    )
    body_rows = []
    for n, (row, r) in enumerate(zip(rows, results, strict=True), 1):
        cells = []
        for i, c in enumerate(row):
            name = header[i]
            cls = c if c in ("OK", "DELVIST", "MANGLER") else ("fejl" if i == len(row) - 1 and c else "")
            if name in ("Fil", "Titel"):
                cls = "wrap"
            elif name == "Farer" and c:
                cls = "fare-count"
            attr = f' class="{cls}"' if cls else ""
            text = escape(c)
            if i == 0 and "report" in r:
                text = f'<a href="#plan-{n}">{text}</a>'
            cells.append(f"<td{attr}>{text}</td>")
        body_rows.append("<tr>" + "".join(cells) + "</tr>")
    sections = [
        report_section(r["report"], f"plan-{n}")
        if "report" in r
        else f'<section id="plan-{n}"><h2>{escape(r["file"])}</h2>'
        f'<p class="fejl">{escape(r["error"])}</p></section>'
        for n, r in enumerate(results, 1)
    ]
    body = (
        f"<h1>Oversigt over planer</h1>\n<p>{escape(verdict)}</p>\n"
        "<p>Klik på en kolonneoverskrift for at sortere, og på et filnavn for planens fulde rapport.</p>\n"
        f'<table id="oversigt">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(body_rows)
        + "\n</tbody>\n</table>\n"
        + "\n".join(sections)
    )
    return page("Oversigt over planer", body, _SORT)
