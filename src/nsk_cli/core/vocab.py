"""Shared vocabulary of the data files: id syntax and the closed set of step tags.

Both the flow model and the schemas depend on this; it depends on nothing.
"""

from __future__ import annotations

ID = r"[a-z][a-z0-9_]*"

# Step tags: what a step does, used by the invariant tests and reviewers.
TAGS = {
    "sikkerhed": "får personen i sikkerhed",
    "politi_112": "ringer 112 / politiets ressourceperson",
    "uden_for_aabningstid": "døgnvagt via politiet 114",
    "underretning": "underretning til kommunen",
    "risikovurdering": "indledende risikovurdering",
    "samtale_uden_foraeldre": "samtale med barnet uden forældre",
    "ingen_familiekontakt": "ingen kontakt til familien, intet sendt hjem",
    "foraeldre": "forældre eller netværk inddrages",
    "deling": "identificerbare oplysninger deles med andre",
    "anonym": "kun anonymiseret rådgivning",
    "samtykke": "samtykke indhentes eller mangler",
    "raadgivning_12a": "gratis rådgivning efter servicelovens § 12 a",
    "handleplan": "handleplan efter servicelovens § 12 a",
    "politi": "politiet inddrages",
    "udland": "ufrivilligt udlandsophold",
    "krisecenter": "krisecenter eller RED Safehouse",
    "ophold": "opholdstilladelse",
    "sparring": "sparring og rådgivning",
    "kommune_rute": "kommunens egen rute",
}
