"""Shared vocabulary of the data files: id syntax, the step phases and the closed set of step tags.

Both the flow model and the schemas depend on this; it depends on nothing.
"""

from __future__ import annotations

ID = r"[a-z][a-z0-9_]*"

# Step phases, in urgency order: the guide shows steps phase by phase, and within a phase in
# the order of the data (rules/FORMAT.md). Safety always comes before paperwork.
PHASES = {
    "akut": "Akut: sikkerhed og 112",
    "beskyt": "Beskyt personen",
    "vurder": "Underret og vurdér",
    "stoet": "Rådgiv og støt",
    "dokumenter": "Dokumentér",
}

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
    "beskyttelse": "beskytter personen (sikkert sted, afgørelse, adresse, digitale spor)",
    "sikkerhedsplan": "sikkerhedsplan",
    "dokumentation": "noterer eller dokumenterer i sagen",
    "politi_koordinering": "koordinerer med politiet før samtalen med barnet",
    "foraeldre_samtykke": "beder forældremyndighedsindehaveren om samtykke",
    "soeskende": "søskende",
    "gruppe": "kontrol fra en gruppe",
    "ekstremisme": "bekymring for radikalisering eller ekstremisme",
    "overgang_18": "overgangen fra børne- til voksenområdet (18-22 år)",
}
