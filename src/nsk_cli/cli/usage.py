"""The argument parser's usage errors as one Danish line.

Built from the error's own fields (which option, which choices), not from its English text.
Only the detail of an invalid value comes as English text from the type conversion; the few
forms nsk's options can produce are put into Danish, and anything else is reported without it,
so no English reaches the user.
"""

from __future__ import annotations

import re

import typer

USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]

_VALUE_DANISH: list[tuple[str, str]] = [
    (r"'(.*)' is not one of (.+)\.", r"'\1' – vælg mellem \2"),
    (r"Input should be a valid integer.*|Value '(.*)' is not a valid int.*", "skal være et heltal"),
    (r"Input should be greater than or equal to (\d+).*|.*is not in the range x>=(\d+)\.",
     r"skal være mindst \1\2"),
    (r"(?:File|Directory|Path) '(.*)' does not exist\.", r"'\1' findes ikke"),
    (r"(?:File|Directory|Path) '(.*)' is a file\.", r"'\1' er en fil, ikke en mappe"),
    (r"(?:File|Directory|Path) '(.*)' is a directory\.", r"'\1' er en mappe, ikke en fil"),
    (r"(?:File|Directory|Path) '(.*)' is not readable\.", r"'\1' kan ikke læses"),
    (r"(?:File|Directory|Path) '(.*)' is not writable\.", r"'\1' kan ikke skrives"),
]  # fmt: skip


def _names(param) -> str:
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "argument" or not opts:
        return str(getattr(param, "metavar", None) or getattr(param, "name", "")).upper()
    return "/".join(opts)


def _value(message: str) -> str | None:
    message = " ".join(message.split()).removeprefix("Value error, ")
    for pattern, replacement in _VALUE_DANISH:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return None


def danish_usage(exc: Exception) -> str:
    """A usage error of the argument parser as one Danish line."""
    kind = type(exc).__name__
    message = str(getattr(exc, "message", "") or "")
    param = getattr(exc, "param", None)
    if kind == "NoSuchOption":
        name = getattr(exc, "option_name", "")
        possible = sorted(getattr(exc, "possibilities", None) or [])
        return f"ukendt valgmulighed {name}" + (f" – mente du {', '.join(possible)}?" if possible else "")
    if kind == "MissingParameter" and param is not None:
        what = "argumentet" if param.param_type_name == "argument" else "valgmuligheden"
        choices = getattr(param.type_descriptor, "choices", None) if param.type_descriptor.is_choice else None
        values = [getattr(c, "value", c) for c in choices or []]
        return f"mangler {what} {_names(param)}" + (f" – vælg mellem {', '.join(values)}" if values else "")
    if kind == "BadOptionUsage":
        name = getattr(exc, "option_name", "")
        if "does not take a value" in message:
            return f"valgmuligheden {name} tager ingen værdi"
        return f"valgmuligheden {name} kræver en værdi"
    if kind in ("BadParameter",) or isinstance(exc, typer.BadParameter):
        where = f" for {_names(param)}" if param is not None else ""
        detail = _value(message)
        return f"ugyldig værdi{where}" + (f": {detail}" if detail else "")
    m = re.fullmatch(r"Got unexpected extra arguments? ?(?:\(s\))? \((.+)\)", message)
    if m:
        return f"uventet ekstra argument: {m.group(1)}"
    if message.startswith(("ukendt kommando", "mangler en kommando")):
        return message  # from DanishGroup and the Danish catalogue (cli/help.py)
    return "ugyldig brug af kommandoen"
