"""A document read as a reviewer reads it: sentences, sections under headings, and what kind
of sentence each one is.

- Sentences end at '.', '!' or '?' before a capital letter, at a heading and before a bullet,
  but not after a Danish abbreviation ("jf.", "stk.", "bl.a.", "mhp.") nor inside an ordinal
  date ("24. Juni 2024"). Every other dot is masked in `match` (same length, so offsets hold):
  a requirement's `[^.]` ("within one sentence") then reads through "24. juni" and "stk. 3".
- A heading scopes the sentences below it until the next heading.
- A sentence can be a mere mention of a topic: part of a table of contents or a list of what the
  plan contains, a statement of whom the plan is for, a link title, or a quotation of the law.
  A mention is weaker evidence than a sentence that says what the municipality does.
"""

from __future__ import annotations

import bisect
import functools
import re

from msgspec import Struct

from nsk_cli.plan.concepts import distinct_words
from nsk_cli.plan.dates import MONTHS
from nsk_cli.plan.document import Document

MASKED_DOT = "\u2024"  # ONE DOT LEADER: a dot that does not end a sentence

ABBREVIATIONS = frozenset(
    """a. adr. afd. ang. att. bl. bl.a. ca. d. dvs. e. eks. etc. evt. ex. f. f.eks. ff. fl. fx. gl. h.
    hhv. i.f.t. i.h.t. ift. iht. inkl. jf. jvf. kap. kl. lbk. lign. m. m.fl. m.h.p. m.h.t. m.v. max.
    mhp. mht. min. mm. mv. nb. nr. o.l. o.lign. obs. osv. p. p.g.a. pga. pkt. pr. ref. s. sel. stk.
    t. tel. tlf. v. vedr. vejl. vha.""".split()  # noqa: SIM905 - a word list reads best as text
)
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-ZÆØÅ\"“„(\d])|\n(?=\s*(?:[•●▪◦*–-]|\d+[.)]\s))")
_MONTH_AFTER = re.compile(r"\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_DOT = re.compile(r"\.(?:\s+(\S)|$)")  # a dot before a space: a sentence end unless proven otherwise
_INNER_DOT = re.compile(r"\.(?=\S)")  # www.kommune.dk, 1.2, bl.a


# ------------------------------------------------------------------------------ mentions

MENTIONS = {
    "toc": "indholdsfortegnelsen eller en oversigt over planens indhold",
    "target": "en beskrivelse af, hvem planen henvender sig til",
    "link": "en linktekst",
    "law": "en gengivelse af loven",
}
_TOC_HEADING = re.compile(r"^(indholdsfortegnelse|indhold|oversigt)\b\W*$", re.IGNORECASE)
_TOC_PAGE = re.compile(r"(\.{3,}|…{2,}|\s\d{1,3})\s*$")
_TOC_ENTRY = re.compile(r"(\.{3,}|…{2,}|\s\d{1,3})\s*$|^\d+(\.\d+)*\.?\s+\S")
_CONTENTS = re.compile(
    r"\b(planen|beredskabsplanen|beredskabet|dokumentet|denne plan|handleplanen)\b[^.]{0,40}"
    r"\b(indeholder|består af|omfatter følgende|er opdelt i|gennemgår)\b",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"\bhenvender (sig )?\w* ?til\b|\bmålgrupp\w*\b|\ber målrettet\b|\ber rettet mod\b"
    r"|^\W*(til )?(alle )?(ledere|medarbejdere|fagpersoner|ansatte)\b[^.]{0,30}\b(med|som har|der har) "
    r"(direkte )?kontakt",
    re.IGNORECASE,
)
_LINK = re.compile(
    r"^\W*(læs (mere|også|her)|se mere|klik her|link\b|gå til|download|hent)\b|\((pdf|docx?)\)\s*$"
    r"|^\W*\[[^\]]+\]\([^)]*\)\W*$",
    re.IGNORECASE,
)
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://|www\.)[^)]*\)")
_LAW = re.compile(
    r"\bkommunalbestyrelsen skal\b|\bskal kommunalbestyrelsen\b|\bskal alle kommuner\b"
    r"|\bkommunerne skal\b|\bskal kommunerne\b|\bdet fastslås\b|\bangiver:|\bangiver at\b"
    r"|\bifølge\b[^.]{0,40}(\blov\w*|§)|\bdet er (endvidere )?et (lov)?krav\b|\ber et lovkrav\b"
    r"|\blov\w*,? §\s?\d+[^.]{0,40}(\bat\s*:|:\s*[\"“”„])",
    re.IGNORECASE,
)
_MODAL = re.compile(r"\bskal\b", re.IGNORECASE)
_BULLET = re.compile(r"^\W*[•●▪◦*–-]\s")
_PLAN_SELF = re.compile(
    r"\b(denne|vores) (beredskabs|handle)?plan\b|\b(beredskabsplanen|planen|dokumentet)\b[^.]{0,40}"
    r"\b(skal|vil|kan)\b[^.]{0,20}\b(medvirke|sikre|bidrage|hjælpe|give)",
    re.IGNORECASE,
)
CROSS_REF = re.compile(
    r"^\W*(se|jf|læs)\W[^.]{0,40}\b(ovenfor|nedenfor|afsnit\w*|kapitel|side|bilag|herunder)\b",
    re.IGNORECASE,
)


class Sentence(Struct):
    start: int
    end: int
    heading: bool  # a heading line (scopes the sentences after it)
    section: int | None  # index of the heading sentence above, if any
    mention: str | None = None  # a key of MENTIONS


class Text:
    """The document's sentences, its masked matching text and helpers for evidence."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        text = doc.text
        masked_dots: set[int] = set()

        def dot(m: re.Match) -> str:
            nxt = m.group(1)
            if nxt and (nxt.islower() or self._abbreviation_or_date(text, m.start())):
                masked_dots.add(m.start())
                return MASKED_DOT + m.group(0)[1:]
            return m.group(0)

        masked = _INNER_DOT.sub(MASKED_DOT, _DOT.sub(dot, text))
        bounds = [0]
        for m in _SENTENCE_END.finditer(text):
            if m.start() not in masked_dots:
                bounds.append(m.end())
        heading_starts: set[int] = set()
        lines = doc.lines
        has_headings = any(ln.heading for ln in lines)
        for i, ln in enumerate(lines):
            short = len(ln.text) <= 60
            if not (ln.heading or short):
                continue
            nxt_line = lines[i + 1].text if i + 1 < len(lines) else ""
            headingish = short and ln.text[-1:] not in ".,;:!?-–" and nxt_line[:1].isupper()
            if ln.heading or headingish:
                start = doc.starts[i]
                bounds.append(start + len(ln.text) + 1)
                # a document with real headings (Markdown, DOCX styles) needs no guessing
                guess = not has_headings and ln.text[:1].isalnum() and self._starts_block(lines, i)
                if ln.heading or guess:
                    bounds.append(start)
                    heading_starts.add(start)
        bounds.append(len(text))
        self.bounds = _capped(text, sorted(set(b for b in bounds if 0 <= b <= len(text))))
        self.match = masked
        self.lower = self.match.lower()
        self.has_headings = any(ln.heading for ln in doc.lines)
        self.sentences: list[Sentence] = []
        section: int | None = None
        for a, b in zip(self.bounds, self.bounds[1:] + [len(text)], strict=True):
            if a >= b or not text[a:b].strip():
                continue
            is_heading = a in heading_starts
            self.sentences.append(Sentence(a, b, is_heading, None if is_heading else section))
            if is_heading:
                section = len(self.sentences) - 1
        self.starts = [s.start for s in self.sentences]
        self.blocked: set[int] = set()  # starts of dangerous sentences: never evidence
        self._classify()

    @staticmethod
    def _starts_block(lines, i: int) -> bool:
        """A short line that starts a block: first line, after a blank line or a finished sentence."""
        if i == 0:
            return True
        prev, cur = lines[i - 1], lines[i]
        if prev.heading or prev.page != cur.page or cur.line - prev.line > 1:
            return True
        return prev.text[-1:] in ".!?:" or len(prev.text) <= 60 and prev.text[-1:] not in ",-–"

    @staticmethod
    def _abbreviation_or_date(text: str, dot: int) -> bool:
        m = _TOKEN_BEFORE.search(text, max(0, dot - 12), dot + 1)
        token = m.group(1).lower().lstrip('("“[') if m else ""
        if token in ABBREVIATIONS:
            return True
        if not (token[:-1].isdigit() and len(token) <= 4):
            return False
        start = dot + 1 - len(token)
        if start == 0 or text[start - 1] == "\n":
            return True  # a numbered step: "1. Ring til ..."
        return bool(_MONTH_AFTER.match(text, dot + 1))  # an ordinal date: "24. Juni 2024"

    def _classify(self) -> None:
        """Mark the entries of a table of contents; other mentions are found on demand."""
        in_toc = False
        for s in self.sentences:
            if s.heading:
                raw = self.raw(s)
                if in_toc and _TOC_PAGE.search(raw):  # an entry with its page number, read as a heading
                    s.mention = "toc"
                    continue
                in_toc = bool(_TOC_HEADING.match(raw))
                continue
            if _TOC_HEADING.match(self.raw(s)):  # "Indhold" above numbered entries is not read as a heading
                in_toc = True
                s.mention = "toc"
                continue
            if in_toc:
                raw = self.raw(s)
                if len(raw) <= 120 and (_TOC_ENTRY.search(raw) or not raw.endswith(".")):
                    s.mention = "toc"
                    continue
                in_toc = False
            s.mention = ""  # not known yet

    @functools.cached_property
    def words(self) -> set[str]:
        """The text's distinct words, lower case (as concepts.Index reads them)."""
        return distinct_words(self.lower)

    @functools.cached_property
    def _sorted_words(self) -> list[str]:
        return sorted(self.words)

    def has_word_starting(self, part: str) -> bool:
        """Whether a word of the text starts with ``part`` (letters and digits, lower case)."""
        words = self._sorted_words
        i = bisect.bisect_left(words, part)
        return i < len(words) and words[i].startswith(part)

    def mention(self, s: Sentence) -> str | None:
        """What kind of mere mention the sentence is, if any (a key of MENTIONS)."""
        if s.mention != "":
            return s.mention
        raw = self.raw(s)
        if _LAW.search(raw) or (_MODAL.search(raw) and self._after_law(s)):
            s.mention = "law"
        elif _CONTENTS.search(raw) or self._in_contents_list(s):
            s.mention = "toc"
        elif _LINK.search(raw) or self._mostly_link(raw):
            s.mention = "link"
        elif _TARGET.search(raw):
            s.mention = "target"
        else:
            s.mention = None
        return s.mention

    def _in_contents_list(self, s: Sentence) -> bool:
        """A list item under an intro about the plan itself ("Denne beredskabsplan skal medvirke til,
        at medarbejdere ved:"): it says what the plan covers, not what the municipality does."""
        if not _BULLET.match(self.raw(s)):
            return False
        i = bisect.bisect_right(self.starts, s.start) - 1
        for prev in reversed(self.sentences[max(0, i - 30) : i]):
            raw = self.raw(prev)
            if prev.heading:
                return False
            if _BULLET.match(raw):
                continue
            return raw.rstrip().endswith(":") and bool(_PLAN_SELF.search(raw))
        return False

    def _after_law(self, s: Sentence) -> bool:
        """A 'skal' sentence right after a quotation of the law continues the quotation."""
        i = bisect.bisect_right(self.starts, s.start) - 1
        for back in range(1, 4):
            if i - back < 0:
                return False
            prev = self.sentences[i - back]
            raw = self.raw(prev)
            if prev.heading:
                return False
            if _LAW.search(raw):
                return True
            if not _MODAL.search(raw):
                return False
        return False

    @staticmethod
    def _mostly_link(raw: str) -> bool:
        links = sum(len(m.group(0)) for m in _MD_LINK.finditer(raw))
        return links > 0 and links >= 0.6 * len(raw.strip())

    # -------------------------------------------------------------------------- lookups

    def index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def sentence_at(self, pos: int) -> Sentence:
        return self.sentences[self.index(pos)]

    def raw(self, s: Sentence) -> str:
        return " ".join(self.doc.text[s.start : s.end].split())

    def masked(self, s: Sentence) -> str:
        return self.match[s.start : s.end]

    def heading_of(self, s: Sentence) -> str | None:
        return self.raw(self.sentences[s.section]) if s.section is not None else None

    def body(self, heading_index: int) -> list[Sentence]:
        """The sentences under a heading, up to the next heading."""
        out = []
        for s in self.sentences[heading_index + 1 :]:
            if s.heading:
                break
            out.append(s)
        return out

    def line_index(self, pos: int) -> int:
        return self.doc.line_at(pos)


MAX_SENTENCE = 2000  # characters: longer runs (a table dump, hostile input) are not sentences


def _capped(text: str, bounds: list[int]) -> list[int]:
    """Split any "sentence" longer than MAX_SENTENCE at the last space before the limit, so the
    work per sentence (grading a hit, classifying a mention) stays bounded on any input: a
    megabyte without a full stop costs the same per hit as a normal sentence, not a megabyte."""
    from nsk_cli.core.privacy import find_cpr

    out: list[int] = []
    for a, b in zip(bounds, bounds[1:] + [len(text)], strict=True):
        out.append(a)
        while b - a > MAX_SENTENCE:
            cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
            cut = cut + 1 if cut > a else a + MAX_SENTENCE
            # never inside a CPR-like number: a half would escape the masking of both halves
            for x, y in find_cpr(text[max(a, cut - 40) : cut + 40]):
                x, y = x + max(a, cut - 40), y + max(a, cut - 40)
                if x < cut < y:
                    cut = x if x > a else y
            a = cut
            out.append(a)
    return sorted(set(out))
