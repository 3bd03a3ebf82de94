"""The command-line layer: one module per command group (see root.py)."""

from nsk_cli.cli.root import app, main

__all__ = ["app", "main"]
