"""The site's own pages (`nsk site`): the index of all municipalities and "Om indholdet".

The index works without JavaScript as a plain list grouped by region; assets/site.js adds the
search. The search folds exactly like ``--kommune`` (municipalities.find): Python compiles the
folding tables (core.text.fold_tables) and every spelling's key, and the script only applies the
tables to what is typed and looks the keys up.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime

from nsk_cli import __version__
from nsk_cli.contacts import coverage
from nsk_cli.contacts.model import Contact
from nsk_cli.core.sources import source_key, source_title
from nsk_cli.core.text import fold_tables, slugs
from nsk_cli.export.webguide import SITE_SOURCES, TITLE, script_json
from nsk_cli.guide.dataset import Data

e = html.escape
TRUST = {  # Contact.trust as the page says it
    "bekraeftet": "leveret af kommunen",
    "kommunens_plan": "fra kommunens egen plan",
    "offentlig_kilde": "offentlig kilde, ikke bekræftet",
}


@dataclass(frozen=True)
class Stamp:
    """When and from which data a site was built: on every page."""

    made: datetime
    data: str  # a fingerprint of the rules and contacts files (their names and contents)
    newest: date | None  # the most recent date a contact was checked against its source

    def text(self) -> str:
        checked = f", kontakter senest tjekket {self.newest.isoformat()}" if self.newest else ""
        return (
            f"Lavet {self.made:%Y-%m-%d kl. %H:%M} (dansk tid) af nsk {__version__} · "
            f"data {self.data}{checked}."
        )

    def html(self) -> str:
        return f'<p class="site-stamp">{html.escape(self.text())}</p>'


@dataclass(frozen=True)
class Entry:
    """One guide on the site: a municipality, or the national one (kommune 'anden')."""

    id: str  # the folder
    kommune: str  # what --kommune is given
    name: str
    region: str  # the region's name ('' for the national guide)


CSP = (
    f"default-src 'none'; script-src {SITE_SOURCES}; style-src {SITE_SOURCES}; img-src 'none'; "
    "connect-src 'none'; form-action 'none'; base-uri 'none'"
)


def _page(title: str, brand: str, body: str, stamp: Stamp, script: bool = False) -> str:
    js = '\n<script src="assets/site.js"></script>' if script else ""
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{e(title)}</title>
<link rel="stylesheet" href="assets/webguide.css">
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
<a class="skip" href="#main">Gå til indholdet</a>
<header class="top">
<p class="brand">{e(brand)}</p>
<p class="sub">{e(TITLE)}</p>
</header>
<main id="main" class="wrap site">
{body}
</main>
<footer class="foot wrap">
<p>Siden virker uden netværk og gemmer intet. <a href="om.html">Om indholdet</a>: kilder, hvornår de
er tjekket, og hvad nsk ikke ved.</p>
{stamp.html()}
</footer>{js}
</body>
</html>
"""


def spellings(d: Data, kid: str) -> list[str]:
    """Every name --kommune knows a municipality by (RuleSet.find_kommune): id, name, aliases."""
    k = d.rules.kommuner[kid]
    return [k.id, k.name, *k.aliases]


def search_data(d: Data) -> dict:
    """The folding tables and every spelling's key -> municipality id, the first match winning in
    the order RuleSet.find_kommune (what --kommune uses) tries them."""
    keys: dict[str, str] = {}
    for kid in d.rules.kommuner:
        for name in spellings(d, kid):
            for key in sorted(slugs(name)):
                keys.setdefault(key, kid)
    return {"fold": fold_tables(), "keys": keys}


def index(d: Data, chosen: list[Entry], stamp: Stamp, pdf: bool) -> str:
    national = next(x for x in chosen if x.kommune == "anden")
    regions: dict[str, list[Entry]] = {}
    for x in chosen:
        if x is not national:
            regions.setdefault(x.region, []).append(x)
    parts = [
        '<h1 id="view-heading">Find din kommunes guide og actioncard</h1>',
        '<p class="site-acute"><strong>Er nogen i fare lige nu? Ring 112.</strong></p>',
        '<div class="site-search" id="site-search" hidden>',
        '<label for="q">Søg efter kommune</label>',
        '<p class="hint" id="q-hint">Fx Ishøj, ishoj eller kbh. Tryk Enter for at åbne guiden.</p>',
        '<input id="q" type="search" autocomplete="off" spellcheck="false" aria-describedby="q-hint">',
        '<p id="q-status" class="site-status" role="status" aria-live="polite"></p>',
        "</div>",
        f'<p class="site-other"><a href="{national.id}/index.html">{e(national.name)}</a>: den nationale'
        f' guide med de nationale kontakter (og <a href="{national.id}/kort.html">dens actioncard</a>).</p>',
        '<p class="lead">Vælg den kommune, du arbejder i. Webguiden stiller spørgsmålene én ad gangen og'
        " viser de næste skridt og hvem du skal kontakte. Actioncardet er én side til opslagstavlen.</p>",
    ]
    for n, (region, items) in enumerate(sorted(regions.items()), 1):
        parts.append(f'<section class="site-region" aria-labelledby="region-{n}">')
        parts.append(f'<h2 id="region-{n}">{e(region)}</h2>\n<ul class="site-list">')
        for x in items:
            keys = " ".join(sorted({k for name in spellings(d, x.id) for k in slugs(name)}))
            hidden = f'<span class="visually-hidden"> for {e(x.name)}</span>'
            pdf_link = f' · <a href="{x.id}/kort.pdf">PDF{hidden}</a>' if pdf else ""
            parts.append(
                f'<li data-id="{x.id}" data-keys="{e(keys)}">'
                f'<a class="site-kommune" href="{x.id}/index.html">'
                f'{e(x.name)}</a> <span class="site-card">(<a href="{x.id}/kort.html">actioncard{hidden}</a>'
                f"{pdf_link})</span></li>"
            )
        parts.append("</ul>\n</section>")
    data = script_json(search_data(d))
    parts.append(f'<script type="application/json" id="site-data">{data}</script>')
    return _page(f"{TITLE} – alle kommuner", "nsk · alle kommuner", "\n".join(parts), stamp, script=True)


def _code(text: str) -> str:
    """Plain text with `commands` in backticks, as HTML."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", e(text))


def _link(value: str, titles) -> str:
    text = source_title(value, titles)
    if value.startswith("http"):
        title = titles.get(source_key(value))
        return (
            f'<a href="{e(value)}">{e(title or value)}</a>'
            if title
            else f'<a href="{e(value)}">{e(value)}</a>'
        )
    return e(text)


def _sources(values, titles) -> str:
    seen: list[str] = []
    for v in values:
        link = _link(v, titles)
        if link not in seen:
            seen.append(link)
    return "; ".join(seen) or "–"


def _contact_row(c: Contact, titles) -> str:
    page = f" (sidens egen dato: {e(c.page_date)})" if c.page_date else ""
    trust = TRUST.get(c.trust, c.trust) if c.kommune else "national"
    return (
        f'<tr><td data-label="Kontakt">{e(c.name)}</td>'
        f'<td data-label="Kilde">{_sources(c.source, titles)}{page}</td>'
        f'<td data-label="Tjekket" class="site-date">{c.verified.isoformat()}</td>'
        f'<td data-label="Status">{trust}</td></tr>'
    )


def _table(contacts: list[Contact], titles, caption: str) -> str:
    rows = "".join(_contact_row(c, titles) for c in contacts)
    return (
        f'<div class="site-table"><table><caption>{e(caption)}</caption><thead><tr><th scope="col">Kontakt'
        '</th><th scope="col">Kilde</th><th scope="col" class="site-date">Tjekket</th>'
        '<th scope="col">Status</th></tr>'
        f"</thead><tbody>{rows}</tbody></table></div>"
    )


def about(d: Data, chosen: list[Entry], stamp: Stamp, templates: list[str]) -> str:
    db, titles = d.contacts, d.rules.titles
    labels = dict(coverage.FACTS)
    national = sorted((c for c in db.contacts.values() if c.kommune is None), key=lambda c: c.name)
    docs = "".join(f"<li>{link}</li>" for link in dict.fromkeys(_link(k, titles) for k in titles))
    parts = [
        '<h1 id="view-heading">Om indholdet</h1>',
        "<p>Alt på siderne kommer fra nsk's data: forløbet (spørgsmål og skridt) fra kommunernes"
        " beredskabsplaner, lovtekster og myndighedernes sider, og kontakterne fra de sider, der nævnes"
        " nedenfor. Hvert skridt i guiden viser sine egne kilder. Intet er opfundet: står en oplysning"
        " ikke i en kilde, står den heller ikke her.</p>",
        '<nav aria-label="På denne side"><ul><li><a href="#kilder">Kilderne</a></li>'
        '<li><a href="#kommuner">Hvad nsk ved og ikke ved om hver kommune</a></li>'
        '<li><a href="#egne-data">Sådan sender kommunen sine egne oplysninger</a></li>'
        '<li><a href="#skabelon">Skabelon til planen</a></li></ul></nav>',
        '<h2 id="kilder">Kilderne</h2>',
        "<p>Dokumenter, lovtekster og sider, som forløbet og kontakterne bygger på. For forløbets kilder"
        " står der ingen dato pr. kilde i data; kontakterne og kommunernes oplysninger har datoen for,"
        f" hvornår de sidst er tjekket mod kilden (»Tjekket«).</p><ul>{docs}</ul>",
        _table(national, titles, "Nationale kontakter: kilde og hvornår de sidst er tjekket"),
        '<h2 id="kommuner">Hvad nsk ved og ikke ved om hver kommune</h2>',
        "<p>»Offentlig kilde« betyder læst på kommunens egen offentlige side eller plan og ikke bekræftet"
        " af kommunen. Det, nsk mangler, viser guiden den nationale rute for.</p>",
    ]
    for x in chosen:
        m = db.municipalities.get(x.id)
        if m is None:
            continue
        r = coverage.row(db, m)
        todo = []
        if r["missing"]:
            todo.append(
                "<li>Mangler i nsk – kommunen bør levere: "
                + e(", ".join(labels[k] for k in r["missing"]))
                + "</li>"
            )
        if r["to_confirm"]:
            todo.append(
                "<li>Ikke bekræftet af kommunen – kommunen bør bekræfte: "
                + e(", ".join(labels[k] for k in r["to_confirm"]))
                + "</li>"
            )
        if r.get("next_step"):
            todo.append(f"<li>Hurtigste vej: {_code(r['next_step'])}</li>")
        local = sorted(db.of_kommune(m.id), key=lambda c: c.name)
        plan = f'<li>Beredskabsplan: <a href="{e(m.plan_url)}">{e(m.plan_url)}</a></li>' if m.plan_url else ""
        parts.append(
            f'<section id="kommune-{m.id}" class="site-about"><h3>{e(m.name)}</h3><ul>'
            f"<li>{e(r['region_name'])}; {e(r['police_district_name'])} "
            f"({e(r['police_district_status_text'])}). Kilder: {_sources(m.region_source, titles)}; "
            f"{_sources(m.police_district_source, titles)}. Tjekket {m.verified.isoformat()}.</li>{plan}"
            + "".join(todo)
            + "</ul>"
            + (_table(local, titles, f"{m.name}: lokale kontakter") if local else "<p>Ingen lokale kontakter"
               " i nsk: guiden viser den nationale rute.</p>")
            + "</section>"
        )  # fmt: skip
    links = "".join(f'<li><a href="skabeloner/{k}.md">Skabelon: {e(k)}</a></li>' for k in templates)
    parts += [
        '<h2 id="egne-data">Sådan sender kommunen sine egne oplysninger</h2>',
        "<p>En kommune bekræfter og supplerer sine oplysninger med en kontaktfil i samme format som nsk's"
        " egne (se contacts/README.md i nsk). Filen kan laves ud fra kommunens egen beredskabsplan med"
        " <code>nsk check-plan PLAN --kontakter MAPPE</code>, og skal gennemses, før den bruges. Læg"
        " filerne i en mappe og byg kommunens egen udgave af siden med <code>nsk site -o MAPPE"
        " --contacts-dir KONTAKTMAPPE --kommune KOMMUNE</code>: så bruger guiden og actioncardet"
        " kommunens egne numre, og her står, hvor de kommer fra. Send filerne til dem, der vedligeholder"
        " nsk, så alle kommuner får dem.</p>",
        '<h2 id="skabelon">Skabelon til planen</h2>',
        "<p>Skabelonen har alle de afsnit, <code>nsk check-plan</code> leder efter. Den laves også med"
        f" <code>nsk plan template --kind beredskabsplan</code>.</p><ul>{links}</ul>",
    ]
    return _page(f"Om indholdet – {TITLE}", "nsk · om indholdet", "\n".join(parts), stamp)
