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
# Nothing may leave the machine: no background requests (component and extension updates,
# account lists, sync, safe browsing, metrics, crash reports), no DNS (every host name resolves to
# "not found", DNS prefetch off), and a proxy at a dead local address as a second wall (the proxy's
# own name resolves to "not found" too, so not even a loopback connection is made). The page is a
# local file and needs none of it.
FLAGS = [
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--metrics-recording-only",
    "--no-pings",
    "--dns-prefetch-disable",
    "--disable-features=MediaRouter,OptimizationHints,Translate,NetworkTimeServiceQuerying,"
    "AutofillServerCommunication,CertificateTransparencyComponentUpdater,DialMediaRouteProvider",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--no-pdf-header-footer",
]


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
