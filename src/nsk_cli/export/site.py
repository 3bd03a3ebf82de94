"""`nsk site`: the whole country as one static web site, built from the public functions of the
web guide (export/webguide.py) and the action card (export/actioncard.py).

    index.html               all municipalities by region, with a search (folds as --kommune)
    om.html                  where every fact comes from, what nsk does not know, how to send data
    national/index.html      "Anden kommune / ved ikke": the national guide, and its card
    <id>/index.html          a municipality's guide (the page `nsk html` writes)
    <id>/kort.html           its action card (and kort.pdf with --pdf)
    assets/                  the shared style and scripts; no page loads anything else
    skabeloner/*.md          the plan templates (`nsk plan template`)
    nsk-site.json            what was built, from which data: marks the folder as nsk's

Every link is relative, so the folder works from file://, a shared drive and any web server
under any sub-path. Pure: returns the files as bytes; data/files.py writes them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime
from importlib import resources
from pathlib import Path

from nsk_cli import __version__
from nsk_cli.export import actioncard as ac
from nsk_cli.export import sitepages, webguide
from nsk_cli.export.sitepages import Entry, Stamp
from nsk_cli.guide.dataset import Data

NATIONAL = "national"  # the folder of "Anden kommune / ved ikke"
MANIFEST = "nsk-site.json"
SITE_ASSETS = ("site.css", "site.js")
Progress = Callable[[str], None]


def fingerprint(folders: Iterable[Path | None]) -> str:
    """The data stamp: changes when any rule or contact file is added, removed or edited; the
    same on every machine for the same files (names relative to their folder)."""
    h = hashlib.sha256()
    for folder in folders:
        if folder is None:
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml")):
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:12]


def make_stamp(d: Data, folders: Iterable[Path | None], made: datetime) -> Stamp:
    dates = [c.verified for c in d.contacts.contacts.values()]
    return Stamp(made, fingerprint(folders), max(dates) if dates else None)


def entries(d: Data, wanted: list[str] | None) -> list[Entry]:
    """The national guide first (always: 'anden' names only it), then the municipalities (all 98,
    or those named) by name."""
    db = d.contacts
    known = d.rules.kommuner  # what --kommune accepts (a rules folder may leave some out)
    chosen = sorted((m for m in db.municipalities.values() if m.id in known), key=lambda m: m.name)
    if wanted:
        ids = {d.rules.require_kommune(w).id for w in wanted if w.strip().casefold() != "anden"}
        chosen = [m for m in chosen if m.id in ids]
    out = [Entry(NATIONAL, "anden", "Anden kommune / ved ikke", "")]
    out += [Entry(m.id, m.id, m.name, db.regions.get(m.region, m.region)) for m in chosen]
    return out


def _asset(name: str) -> str:
    return resources.files("nsk_cli.export").joinpath(name).read_text(encoding="utf-8")


def _nav(e: Entry) -> str:
    """The links above a guide: back to the index, to its card, to what nsk knows about it."""
    about = "../om.html" if e.id == NATIONAL else f"../om.html#kommune-{e.id}"
    return (
        f'<nav class="site-nav wrap" aria-label="Webstedet"><a href="../index.html">← Alle kommuner</a>'
        f' · <a href="kort.html">Actioncard</a> · <a href="{about}">Om indholdet</a></nav>\n'
    )


def guide_page(d: Data, e: Entry, today: date, stamp: Stamp) -> str:
    model = webguide.build(d, e.kommune, today)
    return webguide.to_html(model, assets="../assets/", nav=_nav(e), stamp=stamp.html())


_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
# The card's images (its QR codes) are data: URIs inside the page: they make no request.
CARD_CSP = (
    f"default-src 'none'; style-src {webguide.SITE_SOURCES}; img-src data:; "
    "form-action 'none'; base-uri 'none'"
)


def card(d: Data, e: Entry, config: dict, today: date) -> ac.Card:
    built = ac.build(d, e.kommune, config, today)
    return replace(built, kommune="Anden kommune – de nationale kontakter") if e.id == NATIONAL else built


def card_style(printable: str) -> str:
    found = _STYLE.search(printable)
    return found.group(1) if found else ""


def card_page(printable: str, e: Entry, stamp: Stamp, pdf: bool, css_href: str) -> str:
    """The card's own page (ac.to_html) for the site: its style as a file (``css_href``: the one
    every card shares), a content security policy, and a screen-only bar with the links and the
    stamp (hidden in print, so the card still fills one A4 page)."""
    page = _STYLE.sub(
        lambda _: (
            f'<link rel="stylesheet" href="{css_href}">\n<link rel="stylesheet" href="../assets/site.css">'
        ),
        printable,
        count=1,
    )
    page = page.replace(
        '<meta charset="utf-8">',
        f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{CARD_CSP}">'
        '\n<meta name="referrer" content="no-referrer">',
        1,
    )
    pdf_link = ' · <a href="kort.pdf">PDF til udskrift</a>' if pdf else ""
    about = "../om.html" if e.id == NATIONAL else f"../om.html#kommune-{e.id}"
    bar = (
        '<nav class="site-nav site-card-nav" aria-label="Webstedet"><a href="../index.html">← Alle kommuner'
        f'</a> · <a href="index.html">Webguide</a>{pdf_link} · <a href="{about}">Om indholdet</a>'
        '<p class="site-stamp">Udskriv med Ctrl+P: kortet fylder én A4-side.</p>'
        f"{stamp.html()}</nav>\n"
    )
    return re.sub(r"<body>\n?", lambda m: m.group(0) + bar, page, count=1)


def build_entry(d: Data, e: Entry, config: dict, today: date, stamp: Stamp) -> tuple[bytes, str]:
    """One guide's web guide page, and its card as the printable page ac.to_html makes."""
    return guide_page(d, e, today, stamp).encode(), ac.to_html(card(d, e, config, today))


PDF_WORKERS = 2  # browsers printing at once: each is its own process, so threads suffice


def _pdfs(pages: dict[str, str], progress: Progress | None) -> dict[str, bytes]:
    """Every card as PDF through the browser, two at a time (each run takes seconds)."""
    from concurrent.futures import ThreadPoolExecutor

    from nsk_cli.export.pdf import html_to_pdf

    out: dict[str, bytes] = {}
    with ThreadPoolExecutor(max_workers=PDF_WORKERS) as pool:
        for rel, data in zip(pages, pool.map(html_to_pdf, pages.values()), strict=True):
            out[rel] = data
            if progress:
                progress(rel)
    return out


def build(
    d: Data,
    config: dict,
    plan_templates: dict[str, str],
    chosen: list[Entry],
    today: date,
    stamp: Stamp,
    pdf: bool = False,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """Every file of the site by its relative path; ``progress`` is told each guide done (and,
    with ``pdf``, each PDF). One process is enough: all 98 guides and cards take about a second
    (docs/hastighed.md)."""
    files: dict[str, bytes] = {}
    printables: dict[Entry, str] = {}
    for e in chosen:
        files[f"{e.id}/index.html"], printables[e] = build_entry(d, e, config, today, stamp)
        if progress:
            progress(e.name)
    styles = Counter(card_style(p) for p in printables.values())
    shared = styles.most_common(1)[0][0] if styles else ""
    files["assets/kort.css"] = shared.encode()
    for e, printable in printables.items():
        own = card_style(printable)
        if own != shared:  # a card styled differently keeps its own style sheet beside it
            files[f"{e.id}/kort.css"] = own.encode()
        href = "../assets/kort.css" if own == shared else "kort.css"
        files[f"{e.id}/kort.html"] = card_page(printable, e, stamp, pdf, href).encode()
    if pdf:
        files.update(_pdfs({f"{e.id}/kort.pdf": p for e, p in printables.items()}, progress))
    for name in webguide.ASSETS:
        files[f"assets/{name}"] = webguide.asset(name).encode()
    for name in SITE_ASSETS:
        files[f"assets/{name}"] = _asset(name).encode()
    for kind, text in plan_templates.items():
        files[f"skabeloner/{kind}.md"] = text.encode()
    files["index.html"] = sitepages.index(d, chosen, stamp, pdf).encode()
    files["om.html"] = sitepages.about(d, chosen, stamp, sorted(plan_templates)).encode()
    files[MANIFEST] = manifest(chosen, stamp, sorted(files)).encode()
    return files


def manifest(chosen: list[Entry], stamp: Stamp, paths: list[str]) -> str:
    return (
        json.dumps(
            {
                "generator": f"nsk {__version__}",
                "made": stamp.made.isoformat(timespec="seconds"),
                "data": stamp.data,
                "kommuner": [e.id for e in chosen if e.id != NATIONAL],
                "files": [*paths, MANIFEST],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
