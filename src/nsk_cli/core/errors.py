"""The one error hierarchy. Only the CLI turns these into messages and exit codes."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_OUTPUT = 120  # stdout closed or full (the code Python itself uses when it cannot flush stdout)


class NskError(Exception):
    """Something the user can fix: bad input, bad data, bad usage. Message is Danish."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class DataError(NskError):
    """A rule, contact or answers file is missing, unreadable or invalid."""


class UsageError(NskError):
    """The command line or the situation (no terminal, unknown id) does not allow running."""


class InputFileError(NskError):
    """A document given to check-plan could not be read."""


class OutputError(NskError):
    """An output file could not be written completely (full disk, file-size limit)."""

    exit_code = EXIT_OUTPUT
