"""Work the console script starts before the command line is parsed.

Importing the command line (typer, click, pydantic, rich) is about half of a `check-plan` run
on one long PDF. When the arguments name one PDF to check, a helper starts reading it at once
(plan/pdfpages.py), so that the reading and the imports run side by side on two cores. This is
a guess from the raw arguments: the check itself takes the helper's pages only when it reads the
very same file; in any other case the helper is stopped and nothing but some CPU time is lost.
"""

from __future__ import annotations

from collections.abc import Iterator

COMMAND = "check-plan"
# check-plan's options that take a value (tests/test_speed_paths.py compares this with the command)
VALUE_OPTIONS = frozenset(
    {"--kind", "--format", "-f", "--today", "--output", "-o", "--rules-dir", "--kontakter", "--kommune", "-k"}
)
_STOP = frozenset({"--help", "-h", "--version"})


def one_pdf(argv: list[str]) -> str | None:
    """The PDF a `check-plan` command line names as its only plan, or None."""
    args: Iterator[str] = iter(argv)
    for token in args:  # the root's flags, then the command
        if token in _STOP or token == "--":
            return None
        if not token.startswith("-"):
            if token != COMMAND:
                return None
            break
    else:
        return None
    files: list[str] = []
    for token in args:
        if token == "--":
            files.extend(args)
            break
        if not token.startswith("-") or token == "-":
            files.append(token)
            continue
        name, eq, value = token.partition("=")
        if name in _STOP:
            return None
        if name.startswith("--"):
            if name in VALUE_OPTIONS and not eq:
                value = next(args, "")
        elif name[:2] in VALUE_OPTIONS:  # -f json, -fjson
            value = token[2:] or next(args, "")
            name = name[:2]
        if name in ("--format", "-f") and value.lstrip("=") == "csv":  # an overview, not one report
            return None
    if len(files) != 1 or not files[0].lower().endswith(".pdf"):
        return None
    return files[0]


def begin(argv: list[str]) -> None:
    """Start reading the one PDF the command line names, if it names one."""
    path = one_pdf(argv)
    if path is not None:
        from nsk_cli.plan import pdfpages

        pdfpages.begin(path)
