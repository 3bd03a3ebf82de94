"""The closed vocabulary of requirement files and reports (plan/specs.py validates against it;
kept apart so that checking a plan never loads the validation specs)."""

STATUSES = ("ok", "partial", "missing")
SEVERITIES = ("krav", "anbefaling")
KINDS = ("phrase", "near", "dated", "absent")
