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
    monkeypatch.setenv("NSK_DOCUMENTS_DIR", str(tmp_path_factory.mktemp("dokumenter")))
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


# ----------------------------------------------------------------- headless Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="session")
def browser():
    """The system Chromium driven by Playwright (browsers cannot be downloaded here). Tests that
    use it are skipped when Playwright or Chromium is missing; .ci/run installs both."""
    if CHROMIUM is None:
        pytest.skip("headless Chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
