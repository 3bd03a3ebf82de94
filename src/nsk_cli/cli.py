"""The command line: parse, call the core, render. No domain logic lives here.

Exit codes: 0 ok, 1 findings (e.g. no match, plan requirements missing),
2 usage or data error, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from nsk_cli import __version__
from nsk_cli.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, NskError, UsageError

app = typer.Typer(
    name="nsk",
    help="Beslutningsstøtte i sager om negativ social kontrol og æresrelaterede konflikter.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
config_app = typer.Typer(help="Vis eller ændr dine indstillinger (fx standardkommune).", no_args_is_help=True)
app.add_typer(config_app, name="config")

_state = {"debug": False}


def _mask(text: str) -> str:
    from nsk_cli.privacy import mask

    return mask(text)


def _err(message: str) -> None:
    sys.stderr.write(_mask(message) + "\n")
    sys.stderr.flush()


def _out(text: str, exact: bool = False) -> None:
    """Write to stdout; ``exact`` writes UTF-8 bytes untouched (vCard needs its CRLF)."""
    text = _mask(text)
    if exact and hasattr(sys.stdout, "buffer"):
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    sys.stdout.write(text)
    sys.stdout.flush()


_TRANSLIT = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "–": "-", "—": "-",
             "→": "->", "←": "<-", "·": "*", "“": '"', "”": '"', "…": "...", "§": "par."}  # fmt: skip


def _transliterate(exc: UnicodeError) -> tuple[str, int]:
    """Encoding error handler for consoles that cannot show æ, ø, å (ASCII, some cp-pages)."""
    if not isinstance(exc, UnicodeEncodeError):  # pragma: no cover - only registered for encoding
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_TRANSLIT.get(ch, "?") for ch in bad), exc.end


def _safe_streams() -> None:
    """Never crash on a console that cannot encode Danish: transliterate instead (æ -> ae)."""
    import codecs

    codecs.register_error("nsk-translit", _transliterate)
    for stream in (sys.stdout, sys.stderr):
        try:
            if (stream.encoding or "").lower().replace("-", "") not in ("utf8", "utf8sig"):
                stream.reconfigure(errors="nsk-translit")  # type: ignore[union-attr]
        except (AttributeError, ValueError):  # not a TextIOWrapper (e.g. a test runner's buffer)
            pass


def _run(func: Callable[[], int | None]) -> None:
    """The one error path: NskError -> one Danish line and its exit code."""
    try:
        code = func()
    except NskError as exc:
        if _state["debug"]:
            raise
        _err(f"nsk: {exc.message}")
        raise typer.Exit(exc.exit_code) from None
    except (KeyboardInterrupt, EOFError):
        _err("nsk: afbrudt – intet er gemt.")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except typer.Exit:
        raise
    except Exception as exc:  # a bug: never show a traceback with local data unless asked
        if _state["debug"]:
            raise
        _err(f"nsk: uventet fejl ({type(exc).__name__}) – kør igen med --debug for detaljer")
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(code or 0)


def _version(value: bool) -> None:
    if value:
        _out(f"nsk {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Vis versionen og afslut.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Vis tekniske detaljer ved fejl.")] = False,
) -> None:
    _state["debug"] = debug or bool(os.environ.get("NSK_DEBUG"))


class GuideFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _parse_at(value: str | None) -> datetime:
    if not value:
        return datetime.now()
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"ugyldigt tidspunkt {value!r}; brug ÅÅÅÅ-MM-DDTTT:MM") from None


def _read_answers_file(path: Path) -> dict[str, str]:
    from nsk_cli import schema, yamlio

    doc = yamlio.load(path)
    if doc.data is None:
        return {}
    spec = schema.Dict(
        schema.Str(pattern=r"[a-z][a-z0-9_]*", what="et spørgsmåls-id"), schema.Str(what="tekst som ja/nej")
    )
    schema.raise_if(schema.validate(doc, spec))
    return dict(doc.data)


def _parse_answer_args(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--answer skal have formen ID=VÆRDI, ikke {item!r}")
        key, value = (p.strip() for p in item.split("=", 1))
        out[key] = value
    return out


def _is_tty() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _color() -> bool:
    """Colour only on a real terminal, and never with NO_COLOR set or TERM=dumb."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _width() -> int | None:
    """The terminal's width (COLUMNS wins), at least 20 and at most 120 columns."""
    import shutil

    return max(20, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _configured_kommune() -> str | None:
    from nsk_cli import config

    return config.read().get("kommune")


def _emit(text: str, output: Path | None, force: bool, exact: bool = False) -> None:
    if output is None:
        _out(text, exact)
        return
    from nsk_cli.files import write_private

    write_private(output, _mask(text), force=force)
    _err(f"Gemt i {output}")


@app.command()
def guide(
    kommune: Annotated[
        str | None,
        typer.Option("--kommune", "-k", help="Kommune, fx ishoj, faxe, hvidovre (danske stavemåder virker)."),
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            "-a",
            metavar="ID=VÆRDI",
            help="Svar på et spørgsmål uden at blive spurgt (kan gentages).",
        ),
    ] = None,
    answers: Annotated[
        Path | None, typer.Option("--answers", metavar="FIL.yaml", help="YAML-fil med svar (id: værdi).")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fejl i stedet for standardsvar, når et spørgsmål mangler svar.")
    ] = False,
    fmt: Annotated[
        GuideFormat, typer.Option("--format", "-f", help="Uddata: text, markdown eller json.")
    ] = GuideFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Skriv resultatet til en fil.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overskriv --output-filen, hvis den findes.")
    ] = False,
    list_questions: Annotated[
        bool, typer.Option("--list-questions", help="Vis alle spørgsmål, svarmuligheder og standardsvar.")
    ] = False,
    rules_dir: Annotated[
        str | None,
        typer.Option(
            "--rules-dir", envvar="NSK_RULES_DIR", help="Brug en anden regelmappe (fx kommunens egen)."
        ),
    ] = None,
    contacts_dir: Annotated[
        str | None,
        typer.Option("--contacts-dir", envvar="NSK_CONTACTS_DIR", help="Mappe med egne kontaktfiler."),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="ÅÅÅÅ-MM-DDTTT:MM", help="Tidspunkt for åbent/lukket (standard: nu)."),
    ] = None,
) -> None:
    """Gå forløbet igennem og få de næste skridt, lovgrundlag og kontakter."""

    def run() -> int:
        from nsk_cli import data, engine

        d = data.load(rules_dir, contacts_dir)
        when = _parse_at(at)
        if list_questions:
            return _list_questions(d.rules, fmt)
        given: dict[str, str] = {}
        if answers is not None:
            given.update(_read_answers_file(answers))
        given.update(_parse_answer_args(answer or []))
        chosen = kommune or given.pop("kommune", None) or _configured_kommune()
        scripted = answers is not None or bool(answer)
        qs = engine.questions(d.rules, ask_kommune=False)
        if scripted:
            done = engine.complete(qs, given, strict=strict)
        else:
            if not _is_tty():
                raise UsageError(
                    "ingen terminal til spørgsmålene – angiv svarene med --answer ID=VÆRDI eller "
                    "--answers FIL.yaml (se nsk guide --list-questions)"
                )
            from nsk_cli.prompt import intro, make_prompter

            _err(intro())
            qs = engine.questions(d.rules, ask_kommune=chosen is None)
            got = engine.interview(qs, make_prompter())
            chosen = chosen or got.pop("kommune", None)
            done = engine.Completed(got, [], [])
        result = engine.build_result(d.rules, d.contacts, chosen, done, when)
        from nsk_cli import render

        if fmt is GuideFormat.json:
            text = render.to_json(result)
        elif fmt is GuideFormat.markdown:
            text = render.to_markdown(result)
        else:
            text = render.to_text(result, color=_color() and output is None, width=_width())
        _emit(text, output, force)
        return 0

    _run(run)


def _list_questions(rs, fmt: GuideFormat) -> int:
    import json

    from nsk_cli import engine

    rows: list[dict[str, Any]] = []
    for q in engine.questions(rs, ask_kommune=True):
        rows.append(
            {
                "id": q.id,
                "text": q.text,
                "help": q.help,
                "options": [{"value": o.value, "label": o.label} for o in q.options],
                "default": q.default,
                "when": q.when_text,
            }
        )
    if fmt is GuideFormat.json:
        _out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = []
        for r in rows:
            vals = ", ".join(o["value"] for o in r["options"])
            cond = f"  (kun når {r['when']})" if r["when"] else ""
            lines.append(f"{r['id']}: {r['text']}\n    værdier: {vals}; standard: {r['default']}{cond}")
        _out("\n".join(lines) + "\n")
    return 0


class ContactsFormat(str, Enum):
    table = "table"
    json = "json"
    vcard = "vcard"


@app.command()
def contacts(
    query: Annotated[
        str | None, typer.Argument(help="Søgeord, fx sikkerhedskonsulent, RED eller æres.")
    ] = None,
    kommune: Annotated[
        str | None, typer.Option("--kommune", "-k", help="Vis kommunens egne kontakter først.")
    ] = None,
    role: Annotated[str | None, typer.Option("--role", "-r", help="Kun kontakter med denne rolle.")] = None,
    at: Annotated[
        str | None, typer.Option("--at", metavar="ÅÅÅÅ-MM-DDTTT:MM", help="Tidspunkt for åben/lukket.")
    ] = None,
    fmt: Annotated[
        ContactsFormat, typer.Option("--format", "-f", help="table, json eller vcard.")
    ] = ContactsFormat.table,
    stale: Annotated[
        bool, typer.Option("--stale", help="Vis kontakter, der ikke er tjekket i --days dage.")
    ] = False,
    days: Annotated[int, typer.Option("--days", min=0, help="Grænse for --stale.")] = 365,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv til en fil.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overskriv --output-filen.")] = False,
    contacts_dir: Annotated[
        str | None,
        typer.Option("--contacts-dir", envvar="NSK_CONTACTS_DIR", help="Mappe med egne kontakter."),
    ] = None,
    rules_dir: Annotated[str | None, typer.Option("--rules-dir", envvar="NSK_RULES_DIR")] = None,
) -> None:
    """Slå kontakter op: nationale og kommunale, med åbningstider og kilder.

    Exit 0 ved fund, 1 når intet matcher (eller --stale finder forældede kontakter), 2 ved fejl."""

    def run() -> int:
        from nsk_cli import data, render

        d = data.load(rules_dir, contacts_dir)
        when = _parse_at(at)
        kid = None
        chosen = kommune or _configured_kommune()
        if chosen:
            k = d.rules.find_kommune(chosen)
            if k is None:
                raise UsageError(f"ukendt kommune {chosen!r}; kendte: {', '.join(sorted(d.rules.kommuner))}")
            kid = k.id
        if role and role not in d.contacts.roles:
            raise UsageError(f"ukendt rolle {role!r}; kendte: {', '.join(d.contacts.roles)}")
        if stale:
            found = d.contacts.stale(when.date(), days)
            if kid:
                found = [c for c in found if c.kommune in (None, kid)]
            if not found:
                _err(f"Alle kontakter er tjekket inden for de sidste {days} dage.")
                return 0
        else:
            found = d.contacts.search(query, kommune=kid, role=role)
            if not found:
                _err("Ingen kontakter matcher" + (f" {query!r}" if query else "") + ".")
                return EXIT_FINDINGS
        ooh_contacts = {
            c.id: [a for a in d.contacts.out_of_hours(c.kommune or kid) if a.id != c.id] for c in found
        }
        if fmt is ContactsFormat.json:
            text = render.contacts_json(found, when, {k: [a.id for a in v] for k, v in ooh_contacts.items()})
        elif fmt is ContactsFormat.vcard:
            text = render.vcard(found)
        else:
            text = render.contacts_table(found, when, ooh_contacts, _color() and output is None, _width())
        _emit(text, output, force, exact=fmt is ContactsFormat.vcard)
        return EXIT_FINDINGS if stale else 0

    _run(run)


class PlanKind(str, Enum):
    beredskabsplan = "beredskabsplan"
    handleplan = "handleplan"


def _parse_today(value: str | None):
    from datetime import date

    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"ugyldig dato {value!r}; brug ÅÅÅÅ-MM-DD") from None


@app.command("check-plan")
def check_plan(
    file: Annotated[Path, typer.Argument(metavar="FIL", help="Planen: .txt, .md, .pdf, .docx eller .yaml.")],
    kind: Annotated[
        PlanKind | None, typer.Option("--kind", help="beredskabsplan eller handleplan (standard: gæt).")
    ] = None,
    fmt: Annotated[
        GuideFormat, typer.Option("--format", "-f", help="text, markdown eller json.")
    ] = GuideFormat.text,
    today: Annotated[
        str | None, typer.Option("--today", metavar="ÅÅÅÅ-MM-DD", help="Dato for revisionsreglen.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv rapporten til en fil.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overskriv --output-filen.")] = False,
    rules_dir: Annotated[str | None, typer.Option("--rules-dir", envvar="NSK_RULES_DIR")] = None,
) -> None:
    """Tjek en beredskabsplan eller en § 12 a-handleplan krav for krav, med belæg fra teksten.

    Exit 0 når alle lovkrav er opfyldt, 1 når et lovkrav mangler helt eller delvist, 2 når filen
    ikke kunne tjekkes."""

    def run() -> int:
        from nsk_cli import paths
        from nsk_cli.plan import checks, document
        from nsk_cli.plan import render as plan_render

        when = _parse_today(today)
        sets = checks.load_sets(paths.rules_dir(rules_dir))
        doc, declared = document.read(file)
        chosen = kind.value if kind else declared or checks.detect_kind(doc, sets)
        if chosen is None:
            raise UsageError(
                f"{file}: dokumentet ligner hverken en beredskabsplan eller en handleplan – angiv --kind"
            )
        if chosen not in sets:
            raise UsageError(f"ingen krav for {chosen!r} i regelmappen")
        report = checks.check(doc, sets[chosen], when)
        if fmt is GuideFormat.json:
            text = plan_render.to_json(report)
        elif fmt is GuideFormat.markdown:
            text = plan_render.to_markdown(report)
        else:
            text = plan_render.to_text(report, _color() and output is None, _width())
        _emit(text, output, force)
        return 0 if report.summary()["alle_krav_opfyldt"] else EXIT_FINDINGS

    _run(run)


plan_app = typer.Typer(help="Skabeloner til planer.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")


@plan_app.command("template")
def plan_template(
    kind: Annotated[PlanKind, typer.Option("--kind", help="beredskabsplan eller handleplan.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Skriv skabelonen til en fil.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overskriv --output-filen.")] = False,
    rules_dir: Annotated[str | None, typer.Option("--rules-dir", envvar="NSK_RULES_DIR")] = None,
) -> None:
    """Skriv en Markdown-skabelon med alle de afsnit, check-plan leder efter."""

    def run() -> int:
        from nsk_cli import paths
        from nsk_cli.plan import checks
        from nsk_cli.plan import render as plan_render

        sets = checks.load_sets(paths.rules_dir(rules_dir))
        _emit(plan_render.template(sets[kind.value]), output, force)
        return 0

    _run(run)


rules_app = typer.Typer(
    help="Værktøjer til regelfilerne: tjek, tegn og gennemgå forløbet.", no_args_is_help=True
)
app.add_typer(rules_app, name="rules")


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"


class PathsFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _rules_root(path: Path) -> Path:
    """A rules folder, or the folder that holds a given rules file."""
    if path.is_dir():
        return path
    if not path.exists():
        raise UsageError(f"{path} findes ikke")
    if path.parent.name in ("kommuner", "krav"):
        return path.parent.parent
    return path.parent


@rules_app.command("validate")
def rules_validate(
    path: Annotated[
        Path | None,
        typer.Argument(help="En regelmappe eller -fil (standard: den medfølgende/konfigurerede)."),
    ] = None,
    contacts_dir: Annotated[
        str | None,
        typer.Option("--contacts-dir", envvar="NSK_CONTACTS_DIR", help="Mappe med egne kontakter."),
    ] = None,
) -> None:
    """Tjek regelfilerne: skema, krydshenvisninger og grafen (uopnåelige spørgsmål og skridt,
    veje uden skridt). Exit 0 ingen problemer, 1 problemer fundet, 2 kunne ikke læses."""

    def run() -> int:
        from nsk_cli import paths, tooling

        root = _rules_root(path) if path else paths.rules_dir()
        if not (root / "flow.yaml").exists():
            raise UsageError(f"{root} er ikke en regelmappe (der er ingen flow.yaml)")
        problems = tooling.validate(root, paths.shipped("contacts"), paths.user_contacts_dir(contacts_dir))
        for p in problems:
            _out(p + "\n")
        if problems:
            _err(f"{len(problems)} problem(er) i {root}")
            return EXIT_FINDINGS
        _err(f"Ingen problemer i {root}")
        return 0

    _run(run)


@rules_app.command("graph")
def rules_graph(
    fmt: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="mermaid eller dot.")
    ] = GraphFormat.mermaid,
    kommune: Annotated[str | None, typer.Option("--kommune", "-k", help="Med kommunens forskelle.")] = None,
    rules_dir: Annotated[str | None, typer.Option("--rules-dir", envvar="NSK_RULES_DIR")] = None,
) -> None:
    """Tegn forløbet som diagram (Mermaid eller Graphviz dot) med danske tekster."""

    def run() -> int:
        from nsk_cli import data, tooling

        d = data.load(rules_dir)
        k = _known_kommune(d, kommune)
        _out(tooling.mermaid(d.rules, k) if fmt is GraphFormat.mermaid else tooling.dot(d.rules, k))
        return 0

    _run(run)


def _known_kommune(d, name: str | None):
    if not name:
        return None
    k = d.rules.find_kommune(name)
    if k is None:
        raise UsageError(f"ukendt kommune {name!r}; kendte: {', '.join(sorted(d.rules.kommuner))}")
    return k


@rules_app.command("paths")
def rules_paths(
    kommune: Annotated[str | None, typer.Option("--kommune", "-k", help="Med kommunens forskelle.")] = None,
    fmt: Annotated[
        PathsFormat, typer.Option("--format", "-f", help="table, csv eller json.")
    ] = PathsFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv til en fil.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overskriv --output-filen.")] = False,
    rules_dir: Annotated[str | None, typer.Option("--rules-dir", envvar="NSK_RULES_DIR")] = None,
) -> None:
    """List hver vej gennem forløbet: svarene, derefter skridt og kontakter – til faglig og
    juridisk gennemgang."""

    def run() -> int:
        from nsk_cli import data, tooling

        d = data.load(rules_dir)
        k = _known_kommune(d, kommune)
        rows = tooling.path_rows(d.rules, d.contacts, k.id if k else None)
        qids = [q.id for q in d.rules.questions]
        if fmt is PathsFormat.json:
            import json

            text = (
                json.dumps(
                    [
                        {
                            "answers": r.answers,
                            "steps": [st.to_dict() for st in r.steps],
                            "contacts": [c.id for c in r.contacts],
                        }
                        for r in rows
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n"
            )
        elif fmt is PathsFormat.csv:
            import csv
            import io

            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(["vej", *qids, "skridt", "kontakter"])
            for n, r in enumerate(rows, 1):
                w.writerow(
                    [
                        n,
                        *(r.answers.get(q, "") for q in qids),
                        " | ".join(st.id for st in r.steps),
                        " | ".join(c.id for c in r.contacts),
                    ]
                )
            text = buf.getvalue()
        else:
            lines = []
            for n, r in enumerate(rows, 1):
                shown = ", ".join(f"{q}={v}" for q, v in r.answers.items())
                lines.append(f"Vej {n}: {shown}")
                lines += [f"  {i}. [{st.id}] {st.text}" for i, st in enumerate(r.steps, 1)]
                if r.contacts:
                    lines.append("  Kontakter: " + ", ".join(c.name for c in r.contacts))
            text = "\n".join(lines) + "\n"
        _emit(text, output, force)
        return 0

    _run(run)


class CardFormat(str, Enum):
    markdown = "markdown"
    html = "html"


@app.command()
def actioncard(
    kommune: Annotated[
        str | None, typer.Option("--kommune", "-k", help="Kommunen (standard: din indstilling).")
    ] = None,
    fmt: Annotated[
        CardFormat, typer.Option("--format", "-f", help="markdown eller html.")
    ] = CardFormat.markdown,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Skriv kortet til en fil.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overskriv --output-filen.")] = False,
    today: Annotated[
        str | None, typer.Option("--today", metavar="ÅÅÅÅ-MM-DD", help="Dato på kortet.")
    ] = None,
    rules_dir: Annotated[str | None, typer.Option("--rules-dir", envvar="NSK_RULES_DIR")] = None,
    contacts_dir: Annotated[str | None, typer.Option("--contacts-dir", envvar="NSK_CONTACTS_DIR")] = None,
) -> None:
    """Lav kommunens actioncard: akutboks, handleveje for børn og voksne, kontakter og kilder –
    fra de samme regler og kontakter som guiden. HTML-udgaven kan printes på én A4-side."""

    def run() -> int:
        from nsk_cli import actioncard as ac
        from nsk_cli import data, paths

        d = data.load(rules_dir, contacts_dir)
        name = kommune or _configured_kommune()
        if name and d.rules.find_kommune(name) is None:
            raise UsageError(f"ukendt kommune {name!r}; kendte: {', '.join(sorted(d.rules.kommuner))}")
        card = ac.build(d, name, ac.load_config(paths.rules_dir(rules_dir)), _parse_today(today))
        _emit(ac.to_html(card) if fmt is CardFormat.html else ac.to_markdown(card), output, force)
        return 0

    _run(run)


@app.command()
def kommuner(
    rules_dir: Annotated[str | None, typer.Option("--rules-dir", envvar="NSK_RULES_DIR")] = None,
) -> None:
    """Vis de kommuner, nsk kender lokale handleveje og kontakter for."""

    def run() -> int:
        from nsk_cli import data

        d = data.load(rules_dir)
        for k in sorted(d.rules.kommuner.values(), key=lambda k: k.name):
            _out(f"{k.id}\t{k.name}\n")
        return 0

    _run(run)


@config_app.command("set")
def config_set(
    key: Annotated[str, typer.Argument(help="Indstilling, fx kommune.")],
    value: Annotated[str, typer.Argument(help="Værdi, fx faxe.")],
) -> None:
    """Gem en indstilling, fx `nsk config set kommune faxe`."""

    def run() -> int:
        from nsk_cli import config, data

        if key not in config.KEYS:
            raise UsageError(f"ukendt indstilling {key!r}; kendte: {', '.join(config.KEYS)}")
        values = config.read()
        if key == "kommune":
            d = data.load()
            k = d.rules.find_kommune(value)
            if k is None:
                raise UsageError(f"ukendt kommune {value!r}; kendte: {', '.join(sorted(d.rules.kommuner))}")
            value_ = k.id
        else:  # pragma: no cover - only one key today
            value_ = value
        values[key] = value_
        config.write(values)
        _out(f"{key} = {value_}\n")
        return 0

    _run(run)


@config_app.command("show")
def config_show() -> None:
    """Vis dine indstillinger og hvor de er gemt."""

    def run() -> int:
        from nsk_cli import config, paths

        values = config.read()
        _out(f"# {paths.config_file()}\n")
        for key in config.KEYS:
            _out(f"{key} = {values.get(key, '(ikke sat)')}\n")
        return 0

    _run(run)


# The vendored Click's UsageError, reached through typer's public BadParameter (no Click import).
_USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]

_USAGE_DANISH: list[tuple[str, str]] = [
    (r"No such option: (\S+) \(Possible options: (.+)\)", r"ukendt valgmulighed \1 – mente du \2?"),
    (r"No such option: (\S+)\s+Did you mean (\S+)\?", r"ukendt valgmulighed \1 – mente du \2?"),
    (r"No such option: (\S+)", r"ukendt valgmulighed \1"),
    (r"No such command '(.+)'\. Did you mean '(.+)'\?", r"ukendt kommando '\1' – mente du '\2'?"),
    (r"No such command '(.+)'\.", r"ukendt kommando '\1'"),
    (r"Missing argument '(.+)'\.", r"mangler argumentet \1"),
    (r"Missing option '(.+)'\.", r"mangler valgmuligheden \1"),
    (r"Option '(.+)' requires an argument\.", r"valgmuligheden \1 kræver en værdi"),
    (
        r"Invalid value for (.+?): (?:Value error, )?'(.*)' is not one of (.+)\.",
        r"ugyldig værdi for \1: '\2' – vælg mellem \3",
    ),
    (
        r"Invalid value for (.+?): Input should be a valid integer.*",
        r"ugyldig værdi for \1: skal være et heltal",
    ),
    (r"Invalid value for (.+?): (.+)", r"ugyldig værdi for \1: \2"),
    (r"Got unexpected extra arguments? ?(?:\(s\))? \((.+)\)", r"uventet ekstra argument: \1"),
]  # fmt: skip


def danish_usage(message: str) -> str:
    """The argument parser's English message in Danish (unknown messages pass through)."""
    import re

    message = " ".join(message.split())
    for pattern, replacement in _USAGE_DANISH:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: the CLI's one exit, with Danish usage errors."""
    _safe_streams()
    try:
        code = app(args=argv, prog_name="nsk", standalone_mode=False)
    except _USAGE_ERROR as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # plain `nsk`: show the help
            sys.stdout.write(exc.format_message() + "\n")  # type: ignore[attr-defined]
            sys.exit(EXIT_ERROR)
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else "nsk"
        _err(f"nsk: {danish_usage(exc.format_message())} (se '{where} --help')")  # type: ignore[attr-defined]
        sys.exit(EXIT_ERROR)
    except (KeyboardInterrupt, EOFError, typer.Abort):
        _err("nsk: afbrudt – intet er gemt.")
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(code if isinstance(code, int) else 0)
