"""Plain-text rendering of `nsk sparring`: short lines to read out on the phone."""

from __future__ import annotations

import textwrap

from nsk_cli.contacts.lines import contact_line, hours_text
from nsk_cli.guide.sparring import Summary


def to_text(s: Summary, width: int | None) -> str:
    w = max(40, min(width or 100, 100))

    def para(text: str, indent: str = "", first: str | None = None) -> list[str]:
        return textwrap.wrap(
            text,
            w,
            initial_indent=first if first is not None else indent,
            subsequent_indent=indent,
            break_on_hyphens=False,  # never split a web address or a phone number
            break_long_words=False,
        ) or [""]

    out = [s.title, "=" * min(len(s.title), w), ""]
    out += para(s.intro) + [""]
    out += ["Situationen (til oplæsning)", ""]
    out += para(f"Kommune: {s.kommune_name}.", "  ", "- ")
    for line in s.situation:
        out += para(line, "  ", "- ")
    if s.sharing:
        out += ["", "Hvad må deles uden samtykke lige nu", ""]
        for x in s.sharing:
            refs = f" (Lovgrundlag: {'; '.join(x.legal_refs)})" if x.legal_refs else ""
            out += para(f"{x.intro} {x.text}{refs}", "  ", "- ")
    if s.contacts:
        out += ["", "Ring for sparring", ""]
        for c in s.contacts:
            hours = hours_text(c, None)
            out += para(f"{c.name}: {contact_line(c)}" + (f" – {hours}" if hours else ""), "  ", "- ")
    if s.closing:
        out += [""] + para(s.closing)
    return "\n".join(line.rstrip() for line in out) + "\n"
