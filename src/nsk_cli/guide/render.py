"""Renderers for guide results: text (rich), Markdown (journal-note draft) and JSON.

Each returns a string; the CLI decides where it goes. Rich is imported only here
and only for the text format.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from nsk_cli.contacts.lines import (
    alternatives_text,
    contact_line,
    hours_text,
    opens_text,
    phones,
    state_text,
)
from nsk_cli.contacts.model import Contact

if TYPE_CHECKING:  # only for annotations
    from nsk_cli.guide.alarm import AlarmBox
    from nsk_cli.guide.engine import GuideResult


def to_json(result: GuideResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_markdown(result: GuideResult) -> str:
    """The journal-note draft, in the result's order: "Gør det nu", the other steps (first
    sentence, then the detail and the legal basis), contacts, warnings, answers, sources."""
    r = result
    by_id = {c.id: c for c in r.contacts}
    out = [
        "# Journalnotat (udkast): negativ social kontrol / æresrelateret konflikt",
        "",
        f"- Dato: {r.date.isoformat()}",
        f"- Kommune: {r.kommune_name}",
        "",
        "> Udkast fra nsk. Notatet indeholder bevidst ingen felter til navne eller",
        "> CPR-numre; personoplysninger hører kun hjemme i kommunens journalsystem.",
    ]

    def steps(items, start: int) -> None:
        for i, st in enumerate(items, start):
            out.append(f"{i}. **{st.headline}**" + (f" {st.detail}" if st.detail else ""))
            if st.legal_refs:
                out.append(f"   - Lovgrundlag: {'; '.join(st.legal_refs)}")
            for cid in st.contacts:
                c = by_id[cid]
                extra = f" ({_closed_text(r, c)})" if r.contacts_open.get(cid) is False else ""
                out.append(f"   - Kontakt: {c.name}: {contact_line(c)}{extra}")

    if r.now_steps:
        out += ["", "## Gør det nu", ""]
        steps(r.now_steps, 1)
    if r.other_steps:
        out += ["", "## Næste skridt", ""]
        steps(r.other_steps, len(r.now_steps) + 1)
    out += _deadlines_markdown(r)
    out += ["", "## Kontakter", "", "| Kontakt | Telefon | E-mail | Åbningstid |", "|---|---|---|---|"]
    for c in r.contacts:
        cells = [c.name, phones(c) or "–", c.email or "–", hours_text(c, r.at) or "–"]
        out.append("| " + " | ".join(x.replace("|", "/") for x in cells) + " |")
    if r.warnings:
        out += ["", "## Advarsler", ""] + [f"- {w}" for w in r.warnings]
    out += ["", "## Svar", ""]
    out += [f"- {q} **{a}**" for q, a in r.answer_labels]
    if r.legal_refs:
        out += ["", "## Lovhenvisninger", ""] + [f"- {ref}" for ref in r.legal_refs]
    out += ["", "## Kilder", ""] + [f"- {src}" for src in sources_of(r)]
    return "\n".join(out) + "\n"


def _deadlines_markdown(r: GuideResult) -> list[str]:
    """The 'Frister' block (placed after the steps), only when --kendt was given."""
    from nsk_cli.guide.deadlines import entries, known_line

    if r.known is None or not r.deadlines:
        return []
    out = ["", "## Frister", "", known_line(r.known), ""]
    return out + [f"- **{head}.** {body}" for head, body in entries(r.deadlines, r.at)]


def _deadlines_text(con, line, r: GuideResult) -> None:
    """The 'Frister' block after the steps, only when --kendt was given; ``line`` wraps."""
    from nsk_cli.guide.deadlines import entries, known_line

    if r.known is None or not r.deadlines:
        return
    con.print()
    line("Frister", "bold")
    line(known_line(r.known), "", "  ")
    for head, body in entries(r.deadlines, r.at):
        line(head, "bold", "  • ")
        line(body, "", "    ")


def _closed_text(r: GuideResult, c: Contact) -> str:
    """'lukket nu – åbner tirsdag kl. 09:00', plus an alternative only where one fits."""
    text = state_text(c, r.at) or "lukket"
    opens = opens_text(r.next_open(c), r.at)
    if opens:
        text += f" – {opens}"
    alts = r.alternatives(c)
    if alts:
        text += f" – i stedet: {alternatives_text(alts)}"
    return text


def _state(r: GuideResult, c: Contact) -> str:
    """'(åben nu, man-fre 09:00-15:00)' – nothing when the hours are unknown."""
    if c.hours is None:
        return ""
    state = state_text(c, r.at)
    is_open = r.contacts_open.get(c.id)
    if is_open is None:  # e.g. a holiday on which offices often close: not guessed
        return f" ({state}, {c.hours.text})" if state else ""
    if is_open:
        return f" ({state}, {c.hours.text})"
    return f" ({_closed_text(r, c)}; {c.hours.text})"


def sources_of(r: GuideResult) -> list[str]:
    sources: list[str] = []
    for st in r.steps:
        sources += [t for t in st.source_titles if t not in sources]
    return sources


def numbers_to_call(r: GuideResult) -> list[tuple[str, str]]:
    """(number, whose) for the "Gør det nu" steps' contacts with a phone, each number once."""
    by_id = {c.id: c for c in r.contacts}
    seen: dict[str, str] = {}
    for st in r.now_steps or r.steps[:3]:
        for cid in st.contacts:
            for p in by_id[cid].phones:
                seen.setdefault(p.number, by_id[cid].name)
    return list(seen.items())


def footer(r: GuideResult) -> str:
    """The numbers to call, repeated right before the save prompt."""
    nums = numbers_to_call(r)
    if not nums:
        return "Akut fare: ring 112."
    return "Ring: " + " · ".join(f"{n} ({who})" for n, who in nums)


def to_text(result: GuideResult, color: bool, width: int | None, sources: bool = False) -> str:
    """The result for a stressed reader: "Gør det nu" with the numbers first, then the other
    steps (first sentence, the rest indented and dim), warnings, answers, sources (a count
    unless ``sources``), and a footer with the numbers to call. Lines are wrapped here (never
    inside a phone number, key hint or URL, with hanging indents); rich only colours them."""
    import io

    from rich.console import Console
    from rich.text import Text

    from nsk_cli.core.text import wrap

    r = result
    w = width or 100
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=10_000, highlight=False,
                  soft_wrap=True, emoji=False)  # fmt: skip
    by_id = {c.id: c for c in r.contacts}

    def line(text: str, style: str = "", first: str = "", rest: str | None = None) -> None:
        for ln in wrap(text, w - 1, first, rest):
            con.print(Text(ln, style=style))

    def steps(items, start: int, now: bool) -> None:
        for i, st in enumerate(items, start):
            num = f"{i:>2}. "
            line(st.headline, "bold" if now else "", num)
            if st.detail:
                line(st.detail, "" if now else "dim", " " * len(num))
            if st.legal_refs and not now:
                line("Lovgrundlag: " + "; ".join(st.legal_refs), "dim", " " * len(num))
            for cid in st.contacts:
                c = by_id[cid]
                line(
                    f"→ {c.name}: {contact_line(c)}{_state(r, c)}",
                    "cyan",
                    " " * len(num),
                    " " * (len(num) + 2),
                )

    line(f"nsk guide – {r.kommune_name} – {r.at:%Y-%m-%d %H:%M}", "bold")
    now_steps, others = r.now_steps, r.other_steps
    if now_steps:
        con.print()
        line("Gør det nu", "bold red" if r.alarm else "bold")
        steps(now_steps, 1, True)
    if others:
        con.print()
        line("Næste skridt", "bold")
        steps(others, len(now_steps) + 1, False)
    _deadlines_text(con, line, r)
    if r.warnings:
        con.print()
        line("Advarsler", "bold yellow")
        for warning in r.warnings:
            line(warning, "yellow", "  ! ")
    con.print()
    line("Dine svar", "bold")
    for q, a in r.answer_labels:
        line(f"{q} {a}", "", "  ")
    if r.legal_refs:
        con.print()
        line("Lovhenvisninger: " + "; ".join(r.legal_refs), "dim", "", "  ")
    titles = sources_of(r)
    if titles:
        con.print()
        if sources:
            line("Kilder", "bold")
            for src in titles:
                line(src, "", "  - ")
        else:
            line(f"Kilder: {len(titles)} (vis dem med --kilder)", "dim")
    con.print()
    line(footer(r), "bold", "", "  ")
    return "\n".join(ln.rstrip() for ln in buf.getvalue().splitlines()) + "\n"


def alarm_text(box: AlarmBox, color: bool, width: int | None) -> str:
    """The acute box for the terminal, shown at once after the answer that makes it apply:
    a heavy red frame, each line with the numbers to call."""
    import io

    from rich import box as boxes
    from rich.console import Console
    from rich.panel import Panel
    from rich.text import Text

    from nsk_cli.core.text import wrap

    w = min(width or 100, 100)
    inner = w - 4
    lines: list[str] = []
    for i, (text, contacts) in enumerate(box.lines, 1):
        lines += wrap(text, inner, f"{i}. ")
        for c in contacts:
            if c.phones:
                lines += wrap(f"→ Ring {phones(c)}: {c.name}", inner, "   ", "     ")
    lines += wrap(box.after, inner)
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=color, no_color=not color, width=w, highlight=False, emoji=False)
    title = Text(f" {box.title.upper()} ", style="bold")
    con.print(Panel(Text("\n".join(lines)), title=title, title_align="left", box=boxes.HEAVY,
                    border_style="bold red", width=w, padding=(0, 1)))  # fmt: skip
    return buf.getvalue().rstrip("\n")
