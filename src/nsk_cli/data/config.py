"""The user's settings (currently only the default municipality) in the config dir."""

from __future__ import annotations

from nsk_cli.data import paths, yamlio

KEYS = {"kommune": "standardkommune for guide, contacts og actioncard"}


def read() -> dict[str, str]:
    path = paths.config_file()
    if not path.exists():
        return {}
    from nsk_cli.data import schema as s

    doc = yamlio.load(path)
    if doc.data is None:
        return {}
    s.raise_if(s.validate(doc, s.Map({k: s.Field(s.Str()) for k in KEYS})))
    return dict(doc.data)


def write(values: dict[str, str]) -> None:
    import yaml

    from nsk_cli.data.files import write_private

    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, yaml.safe_dump(values, allow_unicode=True, sort_keys=True), force=True)
