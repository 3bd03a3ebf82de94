"""HTML to PDF through the print engine of an installed Chromium-family browser (Chromium,
Chrome or Microsoft Edge, which every Windows PC has), run headless with no network features.
Nothing is drawn by hand, and no extra library with native dependencies is needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from nsk_cli.core.errors import UsageError

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge",
         "microsoft-edge")  # fmt: skip
FLAGS = ["--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions",
         "--no-pdf-header-footer"]  # fmt: skip


def find_browser() -> str | None:
    """NSK_BROWSER, then the usual names on PATH, then Edge's and Chrome's places on Windows."""
    wanted = os.environ.get("NSK_BROWSER")
    if wanted:
        return wanted if Path(wanted).is_file() else shutil.which(wanted)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if not base:
            continue
        for rel in ("Microsoft/Edge/Application/msedge.exe", "Google/Chrome/Application/chrome.exe"):
            if (Path(base) / rel).is_file():
                return str(Path(base) / rel)
    return None


def html_to_pdf(html_text: str, timeout: float = 120) -> bytes:
    browser = find_browser()
    if browser is None:
        raise UsageError(
            "PDF kræver en Chromium-baseret browser (Chromium, Chrome eller Edge), som nsk ikke kan finde – "
            "angiv den med NSK_BROWSER, eller brug --format html og udskriv siden fra browseren"
        )
    with tempfile.TemporaryDirectory(prefix="nsk-pdf-") as tmp:
        page = Path(tmp) / "kort.html"
        page.write_text(html_text, encoding="utf-8")
        out = Path(tmp) / "kort.pdf"
        cmd = [browser, *FLAGS, f"--user-data-dir={Path(tmp) / 'profil'}", f"--print-to-pdf={out}"]
        if os.name == "posix" and hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox
        try:
            subprocess.run([*cmd, page.as_uri()], capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UsageError(f"browseren {browser} kunne ikke lave PDF'en ({type(exc).__name__})") from None
        if not out.is_file() or out.stat().st_size == 0:
            raise UsageError(f"browseren {browser} lavede ingen PDF")
        return out.read_bytes()
