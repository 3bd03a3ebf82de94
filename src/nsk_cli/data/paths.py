"""Where nsk finds its data and the user's files. The only module that knows paths.

Shipped data: ``nsk_cli/_data/{rules,contacts}`` inside an installed wheel, or
the top-level ``rules/`` and ``contacts/`` of the checkout for an editable install.
User files (config, own contacts) live in the platform's config dir, overridable
with ``NSK_CONFIG_DIR``; tests point it at a temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from nsk_cli.core.errors import DataError

_PKG = Path(__file__).resolve().parents[1]  # the nsk_cli package


def shipped(name: str) -> Path:
    """The shipped ``rules`` or ``contacts`` folder."""
    for candidate in (_PKG / "_data" / name, _PKG.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise DataError(f"installationen mangler mappen {name}/ – geninstallér nsk")


def display(path: Path, base: Path) -> str:
    """How a data file is named in messages: 'rules/kommuner/faxe.yaml', not a long absolute path."""
    try:
        return f"{base.name}/{path.relative_to(base).as_posix()}"
    except ValueError:
        return str(path)


def rules_dir(override: str | os.PathLike[str] | None = None) -> Path:
    value = override or os.environ.get("NSK_RULES_DIR")
    if value:
        path = Path(value).expanduser()
        if not path.is_dir():
            raise DataError(f"regelmappen {path} findes ikke")
        return path
    return shipped("rules")


def config_dir() -> Path:
    value = os.environ.get("NSK_CONFIG_DIR")
    if value:
        return Path(value).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("nsk", appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.yaml"


def user_contacts_dir(override: str | os.PathLike[str] | None = None) -> Path | None:
    """The user's own contacts folder, if any: --contacts-dir, NSK_CONTACTS_DIR or config dir."""
    value = override or os.environ.get("NSK_CONTACTS_DIR")
    if value:
        path = Path(value).expanduser()
        if not path.is_dir():
            raise DataError(f"kontaktmappen {path} findes ikke")
        return path
    default = config_dir() / "contacts"
    return default if default.is_dir() else None


def cache_dir() -> Path:
    """Start-up cache of parsed data files (no personal data). NSK_CACHE_DIR overrides."""
    value = os.environ.get("NSK_CACHE_DIR")
    if value:
        return Path(value).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("nsk", appauthor=False))


def documents_dir() -> Path:
    """Where a note is saved when only a name is given: the user's documents folder
    (NSK_DOCUMENTS_DIR overrides; tests point it at a temporary folder)."""
    value = os.environ.get("NSK_DOCUMENTS_DIR")
    if value:
        return Path(value).expanduser()
    from platformdirs import user_documents_dir

    return Path(user_documents_dir())


def source_tree() -> Path | None:
    """The checkout nsk runs from (an editable install), or None for an installed wheel."""
    root = _PKG.parents[1]
    return root if (root / "pyproject.toml").is_file() and (root / "src" / "nsk_cli").is_dir() else None


def in_source_tree(path: Path) -> bool:
    """Whether a file would land inside nsk's own source tree (a git clone)."""
    root = source_tree()
    if root is None:
        return False
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True
