"""Renderers for check-plan reports (text, Markdown, JSON) and the plan template."""

from __future__ import annotations

import json

from nsk_cli.core.text import md_safe
from nsk_cli.plan.checks import Report, RequirementSet

LABEL = {"ok": "OK", "partial": "DELVIST", "missing": "MANGLER"}
SEVERITY = {"krav": "Lovkrav", "anbefaling": "God praksis"}


def _where(e) -> str:
    where = f"s. {e.page}, linje {e.line}" if e.page else f"linje {e.line}"
    return f"{where}, under overskriften “{e.heading}”" if e.heading else where


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_markdown(report: Report) -> str:
    s = report.summary()
    out = [
        f"# Tjek af {report.kind}: {report.file}",
        "",
        f"Dato for tjek: {report.today.isoformat()} · OK: {s['ok']} · delvist: {s['partial']} · "
        f"mangler: {s['missing']}",
        "",
    ]
    out.append(
        "**Alle lovkrav er opfyldt.**"
        if s["alle_krav_opfyldt"]
        else f"**Lovkrav ikke opfyldt:** {', '.join(s['krav_ikke_opfyldt'])}"
    )
    for w in report.warnings:
        out += ["", f"> {w}"]
    for sev in ("krav", "anbefaling"):
        out += ["", f"## {SEVERITY[sev]}", ""]
        for f in (f for f in report.findings if f.severity == sev):
            ref = f" ({f.legal_ref})" if f.legal_ref else ""
            out.append(f"- **{LABEL[f.status]}** `{f.id}` – {f.title}{ref}")
            if f.note:
                out.append(f"  - Bemærk: {f.note}")
            for e in f.evidence:
                out.append(f"  - {_where(e)}: “{e.text}”")
            if f.status != "ok":
                out.append(f"  - Forslag: {f.hint}")
    return md_safe("\n".join(out) + "\n")  # no raw HTML from the plan or its name


def to_text(report: Report, color: bool, width: int | None) -> str:
    import io

    from rich.console import Console
    from rich.markup import escape

    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=width or 100, highlight=False)
    s = report.summary()
    style = {"ok": "green", "partial": "yellow", "missing": "red"}
    con.print(f"[bold]Tjek af {escape(report.kind)}:[/] {escape(report.file)}  [dim]({report.today})[/]")
    for w in report.warnings:
        con.print(f"[yellow]![/] {escape(w)}")
    for sev in ("krav", "anbefaling"):
        con.print()
        con.print(f"[bold underline]{SEVERITY[sev]}[/]")
        for f in (f for f in report.findings if f.severity == sev):
            ref = f" [dim]({escape(f.legal_ref)})[/]" if f.legal_ref else ""
            con.print(f"[{style[f.status]}]{LABEL[f.status]:>8}[/]  {escape(f.title)}{ref} [dim]{f.id}[/]")
            if f.note:
                con.print(f"          [dim]Bemærk:[/] {escape(f.note)}")
            for e in f.evidence:
                con.print(f"          [dim]{_where(e)}:[/] “{escape(e.text)}”")
            if f.status != "ok":
                con.print(f"          [cyan]Forslag:[/] {escape(f.hint)}")
    con.print()
    verdict = (
        "[green]Alle lovkrav er opfyldt.[/]"
        if s["alle_krav_opfyldt"]
        else f"[red]Lovkrav ikke opfyldt:[/] {escape(', '.join(s['krav_ikke_opfyldt']))}"
    )
    con.print(f"OK: {s['ok']} · delvist: {s['partial']} · mangler: {s['missing']}. {verdict}")
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def template(rset: RequirementSet) -> str:
    """A Markdown skeleton with a section and a placeholder for every requirement."""
    out = [
        f"# {rset.title}",
        "",
        "<!-- Skabelon fra nsk. Erstat hver pladsholder (UDFYLD ...) med planens egen tekst; "
        "tjek med: nsk check-plan FIL.md -->",
    ]
    for r in rset.requirements:
        if not r.template:
            continue
        out += ["", f"## {r.title}", "", r.template]
    return "\n".join(out) + "\n"
