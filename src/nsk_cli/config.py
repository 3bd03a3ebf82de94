"""The user's settings (currently only the default municipality) in the config dir."""

from __future__ import annotations

from nsk_cli import paths, yamlio
from nsk_cli import schema as s
from nsk_cli.files import write_private

KEYS = {"kommune": "standardkommune for guide, contacts og actioncard"}
SPEC = s.Map({k: s.Field(s.Str()) for k in KEYS})


def read() -> dict[str, str]:
    path = paths.config_file()
    if not path.exists():
        return {}
    doc = yamlio.load(path)
    if doc.data is None:
        return {}
    s.raise_if(s.validate(doc, SPEC))
    return dict(doc.data)


def write(values: dict[str, str]) -> None:
    import yaml

    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, yaml.safe_dump(values, allow_unicode=True, sort_keys=True), force=True)
