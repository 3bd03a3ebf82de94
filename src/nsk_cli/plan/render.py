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


def _name(f) -> str:
    return f.short or f.title


def failed_names(report: Report) -> list[str]:
    """The legal requirements not met, by their plain names (never internal ids)."""
    return [_name(f) for f in report.findings if f.severity == "krav" and f.status != "ok"]


def _danger_where(d) -> str:
    where = f"s. {d.page}, linje {d.line}" if d.page else f"linje {d.line}"
    return f"{where}, under overskriften “{d.heading}”" if d.heading else where


def _file_line(report: Report) -> str:
    bits = [b for b in (report.title, f"{report.kommune} Kommune" if report.kommune else "") if b]
    return " · ".join(bits)


def to_markdown(report: Report) -> str:
    s = report.summary()
    out = [f"# Tjek af {report.kind}: {report.file}", ""]
    if _file_line(report):
        out += [_file_line(report), ""]
    out += [
        f"Dato for tjek: {report.today.isoformat()} · farer: {s['farer']} · OK: {s['ok']} · "
        f"delvist: {s['partial']} · mangler: {s['missing']}",
        "",
    ]
    out.append(
        "**Alle lovkrav er opfyldt.**"
        if s["alle_krav_opfyldt"]
        else f"**Lovkrav ikke opfyldt:** {', '.join(failed_names(report))}"
    )
    for w in report.warnings:
        out += ["", f"> {w}"]
    if report.dangers:
        out += ["", "## Farlige anvisninger", ""]
        explained: set[str] = set()
        for d in report.dangers:
            ref = f" ({d.legal_ref})" if d.legal_ref else ""
            out.append(f"- **FARE** – {d.title}{ref}")
            out.append(f"  - {_danger_where(d)}: “{d.text}”")
            if d.id not in explained:  # the reason once per kind of danger
                explained.add(d.id)
                out.append(f"  - Hvorfor: {d.why}")
    for sev in ("krav", "anbefaling"):
        out += ["", f"## {SEVERITY[sev]}", ""]
        for f in (f for f in report.findings if f.severity == sev):
            ref = f" ({f.legal_ref})" if f.legal_ref else ""
            out.append(f"- **{LABEL[f.status]}** {f.title}{ref}")
            if f.note:
                out.append(f"  - Bemærk: {f.note}")
            for e in f.evidence:
                out.append(f"  - {_where(e)}: “{e.text}”")
            if f.status != "ok":
                out.append(f"  - Forslag: {f.hint}")
                if f.where:
                    out.append(f"  - Hører hjemme: {f.where.text()}")
    if report.mismatches:
        out += ["", "## Numre og navne, der ikke stemmer med nsk's kontakter", ""]
        for m in report.mismatches:
            at = f"s. {m.page}, linje {m.line}" if m.page else f"linje {m.line}"
            out.append(f"- {at}: {m.message()}")
    cmd = report.template_command()
    if cmd:
        out += ["", f"Mange lovkrav mangler. Start fra skabelonen: `{cmd} -o skabelon.md`"]
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
    if _file_line(report):
        con.print(escape(_file_line(report)))
    for w in report.warnings:
        con.print(f"[yellow]![/] {escape(w)}")
    if report.dangers:
        con.print()
        con.print("[bold underline]Farlige anvisninger[/]")
        explained: set[str] = set()
        for d in report.dangers:
            ref = f" [dim]({escape(d.legal_ref)})[/]" if d.legal_ref else ""
            con.print(f"[bold red]{'FARE':>8}[/]  {escape(d.title)}{ref}")
            con.print(f"          [dim]{_danger_where(d)}:[/] “{escape(d.text)}”")
            if d.id not in explained:  # the reason once per kind of danger
                explained.add(d.id)
                con.print(f"          [red]Hvorfor:[/] {escape(d.why)}")
    for sev in ("krav", "anbefaling"):
        con.print()
        con.print(f"[bold underline]{SEVERITY[sev]}[/]")
        for f in (f for f in report.findings if f.severity == sev):
            ref = f" [dim]({escape(f.legal_ref)})[/]" if f.legal_ref else ""
            con.print(f"[{style[f.status]}]{LABEL[f.status]:>8}[/]  {escape(f.title)}{ref}")
            if f.note:
                con.print(f"          [dim]Bemærk:[/] {escape(f.note)}")
            for e in f.evidence:
                con.print(f"          [dim]{_where(e)}:[/] “{escape(e.text)}”")
            if f.status != "ok":
                con.print(f"          [cyan]Forslag:[/] {escape(f.hint)}")
                if f.where:
                    con.print(f"          [cyan]Hører hjemme:[/] {escape(f.where.text())}")
    if report.mismatches:
        con.print()
        con.print("[bold underline]Numre og navne, der ikke stemmer med nsk's kontakter[/]")
        for m in report.mismatches:
            at = f"s. {m.page}, linje {m.line}" if m.page else f"linje {m.line}"
            con.print(f"[yellow]{'TJEK':>8}[/]  {escape(m.message())} [dim]({at})[/]")
    con.print()
    verdict = (
        "[green]Alle lovkrav er opfyldt.[/]"
        if s["alle_krav_opfyldt"]
        else f"[red]Lovkrav ikke opfyldt:[/] {escape(', '.join(failed_names(report)))}"
    )
    danger = f"[bold red]Farlige anvisninger: {s['farer']}.[/] " if s["farer"] else ""
    con.print(f"{danger}OK: {s['ok']} · delvist: {s['partial']} · mangler: {s['missing']}. {verdict}")
    cmd = report.template_command()
    if cmd:
        con.print(f"Mange lovkrav mangler. Start fra skabelonen: [bold]{escape(cmd)} -o skabelon.md[/]")
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def template(rset: RequirementSet) -> str:
    """A Markdown skeleton with the headings a plan would use; under each, the requirements it
    answers as comments (not read as plan text) and a placeholder for each."""
    sections: dict[str, list] = {}
    for r in rset.requirements:
        if r.template:
            sections.setdefault(r.heading or r.title, []).append(r)
    out = [
        f"# {rset.title}",
        "",
        "<!-- Skabelon fra nsk. Erstat hver pladsholder (UDFYLD ...) med planens egen tekst; "
        "tjek med: nsk check-plan FIL.md -->",
    ]
    for heading, reqs in sections.items():
        out += ["", f"## {heading}"]
        for r in reqs:
            kind = SEVERITY[r.severity].lower()
            ref = f", {r.legal_ref}" if r.legal_ref else ""
            out += ["", f"<!-- {r.title} ({kind}{ref}). {r.hint} -->", r.template]
    return "\n".join(out) + "\n"
