"""nsk sparring: a de-identified summary of the answers to read out when asking for advice."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from nsk_cli.cli.common import emit, run_command, width
from nsk_cli.cli.options import Answer, Answers, ContactsDir, Force, Kommune, RulesDir, Strict
from nsk_cli.core.errors import UsageError


class SparringFormat(str, Enum):
    text = "text"
    json = "json"


def sparring(
    kommune: Kommune = None,
    answer: Answer = None,
    answers: Answers = None,
    strict: Strict = False,
    fmt: Annotated[
        SparringFormat, typer.Option("--format", "-f", help="Uddata: text eller json.")
    ] = SparringFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv resuméet til en fil.")] = None,
    force: Force = False,
    rules_dir: RulesDir = None,
    contacts_dir: ContactsDir = None,
) -> None:
    """Afidentificeret resumé af svarene til sparring (sikkerhedskonsulent, VISO, Lev Uden Vold).

    Resuméet bygges kun af de faste svar på guidens spørgsmål – aldrig af fritekst – og
    indeholder ingen navne, CPR-numre, adresser eller skoler.
    """

    def run() -> int:
        from nsk_cli.cli.guide import collect_answers
        from nsk_cli.data.files import check_output
        from nsk_cli.guide import dataset as data
        from nsk_cli.guide import sparring as sp

        d = data.load(rules_dir, contacts_dir)
        check_output(output, force, inputs=[answers])
        texts = sp.load(d.rules.folder)
        chosen, done, answered_known = collect_answers(d, kommune, answer, answers, strict)
        if answered_known is not None:
            raise UsageError("'kendt' bruges kun af nsk guide (fristerne), ikke af nsk sparring")
        k = d.rules.find_kommune(chosen) if chosen and chosen != "anden" else None
        name = k.name if k else "anden kommune" if chosen else "ingen kommune valgt"
        summary = sp.build(texts, d.rules, d.contacts, k.id if k else None, name, done.answers)
        if fmt is SparringFormat.json:
            text = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"
        else:
            from nsk_cli.guide.render_sparring import to_text

            text = to_text(summary, width())
        emit(text, output, force, exact=fmt is SparringFormat.json)
        return 0

    run_command(run)
