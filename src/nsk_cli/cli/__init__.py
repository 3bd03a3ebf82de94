"""The command-line layer: one module per command group (see root.py)."""

from nsk_cli.cli.root import main


def __getattr__(name: str):  # noqa: ANN202 - ``app`` is built on first use, see root.py
    if name == "app":
        from nsk_cli.cli import root

        return root.app
    raise AttributeError(name)


__all__ = ["app", "main"]
