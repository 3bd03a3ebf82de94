"""nsk guide: the interview (interactive or scripted) and its result."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from nsk_cli.cli import common
from nsk_cli.cli.common import color, configured_kommune, emit, err, out, parse_at, run_command, width
from nsk_cli.cli.options import Answer, Answers, ContactsDir, Force, Kommune, RulesDir, Strict
from nsk_cli.core import privacy
from nsk_cli.core.errors import EXIT_ERROR, UsageError
from nsk_cli.data.files import check_output

KENDT = "kendt"  # the answer id that gives --kendt in an answers file


class GuideFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _read_answers_file(path: Path) -> dict[str, str]:
    from nsk_cli.data import schema, yamlio

    doc = yamlio.load(path)
    if doc.data is None:
        return {}
    spec = schema.Dict(
        schema.Str(pattern=r"[A-Za-z][A-Za-z0-9_]*", what="et spørgsmåls-id"),
        schema.Str(what="tekst som ja/nej"),
    )
    schema.raise_if(schema.validate(doc, spec))
    return dict(doc.data)


def _parse_answer_args(items: list[str]) -> dict[str, str]:
    """--answer ID=VÆRDI (repeated); one question answered two different ways is an error."""
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--answer skal have formen ID=VÆRDI, ikke {item!r}")
        key, value = (p.strip() for p in item.split("=", 1))
        if key in out and out[key].casefold() != value.casefold():
            raise UsageError(
                f"modstridende svar på {key!r}: {key}={out[key]} og {key}={value} – angiv hvert svar én gang"
            )
        out[key] = value
    return out


def guide(
    kommune: Kommune = None,
    answer: Answer = None,
    answers: Answers = None,
    strict: Strict = False,
    fmt: Annotated[
        GuideFormat, typer.Option("--format", "-f", help="Uddata: text, markdown eller json.")
    ] = GuideFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Skriv resultatet til en fil.")
    ] = None,
    force: Force = False,
    list_questions: Annotated[
        bool, typer.Option("--list-questions", help="Vis alle spørgsmål, svarmuligheder og standardsvar.")
    ] = False,
    rules_dir: RulesDir = None,
    contacts_dir: ContactsDir = None,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="ÅÅÅÅ-MM-DDTTT:MM", help="Tidspunkt for åbent/lukket (standard: nu)."),
    ] = None,
    kilder: Annotated[
        bool, typer.Option("--kilder", help="Vis alle kilder i tekstresultatet (ellers kun antallet).")
    ] = False,
    kendt: Annotated[
        str | None,
        typer.Option(
            "--kendt",
            metavar="ÅÅÅÅ-MM-DDTTT:MM",
            help="Hvornår kommunen fik kendskab til bekymringen; giver fristerne (24 timer, 6 hverdage …).",
        ),
    ] = None,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", metavar="FIL.ics", help="Skriv fristerne som kalenderfil (kræver --kendt)."),
    ] = None,
) -> None:
    """Gå forløbet igennem og få de næste skridt, lovgrundlag og kontakter."""

    def run() -> int:
        from nsk_cli.guide import dataset as data
        from nsk_cli.guide import engine

        d = data.load(rules_dir, contacts_dir)
        when = parse_at(at)
        if list_questions:
            return _list_questions(d.rules, fmt)
        check_output(output, force, inputs=[answers])  # before the first question, not after
        check_output(ics, force, inputs=[answers, output])
        if ics is not None and output is not None and ics.resolve() == output.resolve():
            raise UsageError("--ics og --output kan ikke være samme fil")
        scripted = answers is not None or bool(answer)
        from nsk_cli.guide import deadlines
        from nsk_cli.guide.model import effective

        known = deadlines.parse_known(kendt, when) if kendt else None  # fails before any question
        chosen, done, answered_known = collect_answers(d, kommune, answer, answers, strict)
        if kendt and answered_known and kendt != answered_known:
            raise UsageError(f"modstridende svar på 'kendt': --kendt {kendt} og kendt={answered_known}")
        if known is None and answered_known:
            known = deadlines.parse_known(answered_known, when)
        if ics is not None and known is None and scripted:
            raise UsageError("--ics kræver --kendt: fristerne regnes fra, hvornår kommunen fik kendskab")
        rules = deadlines.load(d.rules.folder) if known is not None or not scripted else []
        seen = effective(d.rules.questions, done.answers)  # "Ved ikke" counts as the cautious value
        if known is None and not scripted and deadlines.applies(rules, seen):
            from nsk_cli.guide.prompt import ask_known  # optional: only where deadlines follow

            known = _ask_known_until_valid(ask_known, deadlines, when)
        result = engine.build_result(d.rules, d.contacts, chosen, done, when)
        if known is not None:
            result.known = known
            result.deadlines = deadlines.compute(rules, effective(d.rules.questions, result.answers), known)
        if ics is not None:
            _write_ics(ics, result, force, scripted)
        from nsk_cli.guide import render

        if fmt is GuideFormat.json:
            text = render.to_json(result)
        elif fmt is GuideFormat.markdown:
            text = render.to_markdown(result)
        else:
            text = render.to_text(result, color=color() and output is None, width=width(), sources=kilder)
        if scripted:
            emit(text, output, force, exact=fmt is GuideFormat.json)
            return 0
        return _show_and_save(result, text, fmt, output, force, kilder)

    run_command(run)


def _alarm_once(d, chosen: str | None):
    """After each answer: the acute box at once (on stderr, before the next question), when
    the answers come to make it apply."""
    shown: list[bool] = []

    def on_answer(answers: dict[str, str]) -> None:
        from nsk_cli.guide import alarm, engine, render

        kommune, _ = engine.resolve_kommune(d.rules, chosen or answers.get("kommune"))
        box = alarm.alarm_box(d.rules, d.contacts, kommune, answers)
        if box is None:
            shown.clear()  # changed back to "Nej": a later "Ja" shows the box again
        elif not shown:
            shown.append(True)
            err("\n" + render.alarm_text(box, color=color(), width=width()) + "\n")

    return on_answer


def collect_answers(d, kommune, answer, answers, strict: bool = False):
    """The municipality, the completed answers and an answered 'kendt' (or None), from
    --answer/--answers/-k, or from the interview on a terminal. Shared by nsk guide and nsk
    sparring."""
    from nsk_cli.guide import engine

    given = _read_answers_file(answers) if answers is not None else {}  # duplicates refused
    given.update(_parse_answer_args(answer or []))  # --answer overrides the file
    given = {(k.casefold() if k.casefold() in (KENDT, "kommune") else k): v for k, v in given.items()}
    answered_known = given.pop(KENDT, None)  # not a question: when the municipality first knew
    _same_kommune(d.rules, kommune, given.get("kommune"))
    chosen = kommune or given.get("kommune") or configured_kommune()
    given.pop("kommune", None)
    common.known_kommune(d, chosen)  # a misspelt municipality fails before the first question
    scripted = answers is not None or bool(answer)
    qs = engine.questions(d.rules, ask_kommune=False)
    if scripted:
        done = engine.complete(qs, given, strict=strict)
    else:
        if not common.is_tty():
            raise UsageError(
                "ingen terminal til spørgsmålene – angiv svarene med --answer ID=VÆRDI eller "
                "--answers FIL.yaml (se nsk guide --list-questions)"
            )
        from nsk_cli.guide.prompt import intro, make_prompter

        err(intro())
        qs = engine.questions(d.rules, ask_kommune=chosen is None)
        got = engine.interview(qs, make_prompter(), _alarm_once(d, chosen))
        chosen = chosen or got.pop("kommune", None)
        done = engine.Completed(got, [], [])
    chosen = privacy.mask(chosen) if chosen else chosen  # echoed: masked before any wrapping
    return chosen, done, answered_known


def when_now():
    from nsk_cli.core import danish_time

    return danish_time.now()


def _ask_known_until_valid(ask, deadlines, when):
    """The optional 'kendt' question: asked again after a bad answer, skipped with Enter."""
    while True:
        typed = ask()
        if not typed:
            return None
        try:
            return deadlines.parse_known(typed.replace(" ", "T", 1), when)
        except UsageError as exc:
            err(f"nsk: {exc.message}")


def _write_ics(path: Path, result, force: bool, scripted: bool) -> None:
    """The deadlines as an iCalendar file, private (0600) like a note. After an interview a
    failure is only reported: the answers and the result are not lost."""
    from nsk_cli.data.files import write_private
    from nsk_cli.guide.ics import to_ics

    if result.known is None:  # the optional question was skipped
        err("nsk: intet tidspunkt for kendskab – kalenderfilen er ikke skrevet")
        return
    if not result.deadlines:
        err("nsk: ingen frister for disse svar – kalenderfilen er ikke skrevet")
        return
    try:
        write_private(path, to_ics(result.deadlines, when_now()), force=force)
    except UsageError as exc:
        if scripted:
            raise
        err(f"nsk: {exc.message}")
        return
    err(f"Frister gemt i {path}")


def _same_kommune(rs, option: str | None, answered: str | None) -> None:
    """--kommune and an answer 'kommune' must not name two different municipalities."""
    if not option or not answered:
        return
    a, b = rs.find_kommune(option), rs.find_kommune(answered)
    if (a.id if a else option.casefold()) != (b.id if b else answered.casefold()):
        raise UsageError(f"modstridende svar på 'kommune': --kommune {option} og kommune={answered}")


def _show_and_save(
    result, text: str, fmt: GuideFormat, output: Path | None, force: bool, kilder: bool = False
) -> int:
    """After an interview: the result always on screen; then written to -o, or (without -o, or if
    -o cannot be written after all) offered to be saved as a note. Nothing answered is lost."""
    from nsk_cli.guide import render

    if output is None:
        out(text, exact=fmt is GuideFormat.json)
    else:
        out(render.to_text(result, color=color(), width=width(), sources=kilder))
        try:
            emit(text, output, force)
            return 0
        except UsageError as exc:
            err(f"nsk: {exc.message}")
    from nsk_cli.data import paths
    from nsk_cli.guide.prompt import ask_note_path, confirm

    note = render.to_json(result) if fmt is GuideFormat.json else render.to_markdown(result)
    folder = paths.documents_dir()
    folder = folder if folder.is_dir() else Path.home()
    while True:
        name = ask_note_path(str(folder))
        if not name:
            return 0 if output is None else EXIT_ERROR
        target = note_target(name, folder, ".json" if fmt is GuideFormat.json else ".md")
        if target.exists() or target.is_symlink():
            err(f"nsk: {target} findes allerede – vælg et andet navn")
            continue
        if paths.in_source_tree(target) and not confirm(
            f"{target.parent} er nsk's kildemappe (git-klonen), ikke et sted til notater. Gem alligevel der?"
        ):
            continue
        try:
            emit(note, target, force=False)
            return 0
        except UsageError as exc:
            taken = target.exists()
            err(f"nsk: {target} findes allerede – vælg et andet navn" if taken else f"nsk: {exc.message}")


NOTE_SUFFIXES = (".md", ".markdown", ".txt", ".json")


def note_target(name: str, folder: Path, suffix: str) -> Path:
    """The full path of a note named at the save prompt: a bare name goes into ``folder``, a
    name with a folder part is taken as it is (relative to the current folder); a name without
    a text file ending gets ``suffix`` (.md)."""
    path = Path(name).expanduser()
    if path.suffix.casefold() not in NOTE_SUFFIXES:
        path = path.with_name(path.name + suffix)
    if not path.is_absolute():
        path = (folder / path) if len(path.parts) == 1 else Path.cwd() / path
    return path


def _list_questions(rs, fmt: GuideFormat) -> int:
    import json

    from nsk_cli.guide import engine

    rows: list[dict[str, Any]] = []
    for q in engine.questions(rs, ask_kommune=True):
        rows.append(
            {
                "id": q.id,
                "text": q.text,
                "help": q.help,
                "options": [{"value": o.value, "label": o.label} for o in q.options],
                "default": q.default,
                "unknown_means": q.unknown_means,
                "when": q.when_text,
            }
        )
    if fmt is GuideFormat.json:
        out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", exact=True)
    else:
        lines = []
        for r in rows:
            vals = ", ".join(o["value"] for o in r["options"])
            cond = f"  (kun når {r['when']})" if r["when"] else ""
            default = r["default"] or "intet – skal besvares"
            lines.append(f"{r['id']}: {r['text']}\n    værdier: {vals}; standard: {default}{cond}")
        out("\n".join(lines) + "\n")
    return 0
