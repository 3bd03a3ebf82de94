"""The argument parser's English usage errors in Danish."""

from __future__ import annotations

import re

import typer

USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]

USAGE_DANISH: list[tuple[str, str]] = [
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
    message = " ".join(message.split())
    for pattern, replacement in USAGE_DANISH:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message
