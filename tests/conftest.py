from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own empty config dir; no test touches the real user's files."""
    cfg = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("NSK_CONFIG_DIR", str(cfg))
    monkeypatch.setenv("NSK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    for var in ("NSK_RULES_DIR", "NSK_CONTACTS_DIR", "NSK_DEBUG", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    return cfg


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """A writable copy of the shipped rules, for breaking on purpose."""
    dst = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", dst)
    return dst


@pytest.fixture
def data():
    from nsk_cli.guide import dataset as d

    return d.load()
