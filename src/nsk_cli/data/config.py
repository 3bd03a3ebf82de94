"""The user's settings (currently only the default municipality) in the config dir."""

from __future__ import annotations

from nsk_cli.core.errors import DataError
from nsk_cli.data import paths, yamlio

KEYS = {"kommune": "standardkommune for guide, contacts og actioncard"}


def read() -> dict[str, str]:
    path = paths.config_file()
    if not path.exists():
        return {}
    from nsk_cli.data import schema as s

    doc = yamlio.load(path, remember=False)  # nsk itself rewrites it (config set)
    if doc.data is None:
        return {}
    s.raise_if(s.validate(doc, s.Map({k: s.Field(s.Str()) for k in KEYS})))
    return dict(doc.data)


def write(values: dict[str, str]) -> None:
    import yaml

    from nsk_cli.data.files import write_private

    path = paths.config_file()
    if path.is_symlink():  # a config.yaml kept elsewhere (dotfiles): update the file it points to
        path = path.resolve()
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise DataError(
            f"konfigurationsmappen {folder} kan ikke oprettes – en del af stien er en fil, ikke en mappe"
        ) from None
    except PermissionError:
        raise DataError(f"ingen adgang til at oprette konfigurationsmappen {folder}") from None
    except OSError as exc:
        raise DataError(f"konfigurationsmappen {folder} kan ikke oprettes ({exc.strerror})") from None
    write_private(path, yaml.safe_dump(values, allow_unicode=True, sort_keys=True), force=True)
