"""The glossary of the texts' key terms, proved against the text.

docs/glossary.yml gives each term once, in both languages::

    terms:
      investment-security:                    # its id: the anchor #term-investment-security
        en: investment security               # or a list: the headword, then other forms
        ja:                                   # this translation's renderings, each with its reading
          - {term: 投資安全保障, reading: とうしあんぜんほしょう}
        otherwise:                            # occurrences rendered freely: address: the words used
          declaration#p4-s1: 投資に関する安全保障
        note: {en: …, ja: …}

The occurrences are computed, never typed: a term occurs in every aligned
unit (pax_silica.model.Unit: a title, a sentence, a signature line) whose
English holds one of its forms (whole words; a form written in lower case
matches any case) and whose aligned Japanese holds one of its renderings,
or, where the data records the occurrence as rendered otherwise, the
Japanese words it records. ``pax_silica.glossary_checks.check`` reports an English occurrence whose
Japanese holds neither, a recorded free rendering that is not in its
sentence (or is not needed), a term that occurs nowhere, a rendering used
nowhere or listed twice, and a reading that is not kana or does not fit the
kana of its term. The Japanese glossary is in gojūon order of the readings
(``collation_key``: ICU's collator), under the kana rows of ICU's index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import icu

from pax_silica.model import Data, Edition, Unit

TERM_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# What a reading may hold besides kana: the long vowel mark, the middle dot of foreign names.
READING_MARKS = "ー・"


# --- kana ----------------------------------------------------------------------

def hiragana(text: str) -> str:
    """Katakana as hiragana (ア → あ); anything else unchanged."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def is_kana(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return name.startswith(("HIRAGANA", "KATAKANA")) or ch in READING_MARKS


@lru_cache(maxsize=None)
def _collator(lang: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(lang))


def collation_key(text: str, lang: str) -> bytes:
    """The sort key of ``text`` as a reader of ``lang`` sorts (ICU's collator,
    CLDR's rules; in Japanese those of JIS X 4061: kana in gojūon order,
    katakana with hiragana, seion before dakuon before handakuon, the long
    vowel mark as the vowel it lengthens)."""
    return _collator(lang).getSortKey(text)


@lru_cache(maxsize=None)
def _index(lang: str):
    return icu.AlphabeticIndex(icu.Locale(lang)).buildImmutableIndex()


def index_label(text: str, lang: str) -> str | None:
    """The heading ``text`` is filed under in an index of ``lang`` (ICU's
    AlphabeticIndex: the kana rows あ, か, さ… in Japanese, a katakana reading
    with its hiragana), None outside the language's headings."""
    index = _index(lang)
    label, kind = index.getBucket(index.getBucketIndex(text))
    return label if kind == 0 else None     # 0: one of the language's labels; else under- or overflow


def romanized(text: str) -> str:
    """あ → a, か → ka (ICU's transliterator): a label as an id may spell it."""
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII").transliterate(text).lower()


def reading_pattern(term: str) -> re.Pattern:
    """What the reading of ``term`` must look like: its kana as written (as
    hiragana), anything between them read somehow (kanji, Latin letters)."""
    parts, run = [], ""
    for ch in term:
        if is_kana(ch) and ch != "・":
            run += hiragana(ch)
            continue
        if run:
            parts.append(re.escape(run))
            run = ""
        if ch == "・" or ch.isspace():
            continue
        if not parts or parts[-1] != ".+":
            parts.append(".+")
    if run:
        parts.append(re.escape(run))
    return re.compile("".join(parts))


# --- the glossary ----------------------------------------------------------------

@dataclass
class Rendering:
    term: str                      # the Japanese words
    reading: str                   # in kana
    keys: tuple                    # where it is written in the data file


@dataclass
class Occurrence:
    """A term in one aligned unit: the words that render it there."""

    unit: Unit
    rendering: str                 # the Japanese words found in the unit
    free: bool                     # recorded under otherwise:, not one of the renderings
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)   # lang -> (start, end) in the unit's text


@dataclass
class Term:
    id: str
    forms: list[str]               # English: the headword first
    renderings: list[Rendering]
    otherwise: dict[str, str]      # address -> the Japanese words used there
    omitted: list[str]             # addresses where the Japanese leaves it untranslated
    note: dict[str, str]
    occurrences: list[Occurrence] = field(default_factory=list)
    omissions: list[Unit] = field(default_factory=list)    # recorded as omitted, and so
    missing: list[Unit] = field(default_factory=list)      # neither rendered nor recorded: a problem

    @property
    def headword(self) -> str:
        return self.forms[0]

    @property
    def anchor(self) -> str:
        return f"term-{self.id}"

    @property
    def reading(self) -> str:
        return self.renderings[0].reading if self.renderings else ""

    def used(self, rendering: str) -> list[Occurrence]:
        return [o for o in self.occurrences if o.rendering == rendering and not o.free]


@dataclass
class Glossary:
    terms: list[Term]
    data: Data | None
    original: str                  # the language of the headwords: the texts' original (en)
    target: str                    # the language of the renderings (ja)

    def sorted(self, lang: str) -> list[Term]:
        """The terms as a reader of ``lang`` looks them up: alphabetically in
        English, in gojūon order of their readings in Japanese."""
        if lang == self.target:
            return sorted(self.terms, key=lambda t: (collation_key(t.reading, lang), t.id))
        return sorted(self.terms, key=lambda t: (t.headword.casefold(), t.id))


def _strings(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


@lru_cache(maxsize=None)
def english_pattern(form: str) -> re.Pattern:
    """A form as whole words; written in lower case it matches any case
    (a sentence's first word), otherwise exactly as written."""
    words = r"\s+".join(re.escape(w) for w in form.split())
    flags = re.IGNORECASE if form == form.lower() else 0
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", flags)


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(needle)
    while needle and start != -1:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return spans


def read_glossary(edition: Edition) -> Glossary | None:
    """The glossary with every term's occurrences, or None without
    docs/glossary.yml. Malformed entries are kept as far as they go: ``glossary_checks.check``
    reports them. The build reads it once (pax_silica.build) and gives it to
    the checker."""
    data = edition.glossary
    if data is None:
        return None
    original, target = edition.original, glossary_target(edition)
    units = edition.units()
    terms = []
    for key, entry in data.values["terms"].items():
        entry = entry if isinstance(entry, dict) else {}
        renderings = []
        for i, item in enumerate(entry.get(target) if isinstance(entry.get(target), list) else []):
            item = item if isinstance(item, dict) else {}
            renderings.append(Rendering(str(item.get("term") or "").strip(), str(item.get("reading") or "").strip(),
                                        ("terms", key, target, i)))
        otherwise = entry.get("otherwise") if isinstance(entry.get("otherwise"), dict) else {}
        note = entry.get("note") if isinstance(entry.get("note"), dict) else {}
        term = Term(str(key), _strings(entry.get(original)), renderings,
                    {str(a): str(w).strip() for a, w in otherwise.items() if w}, _strings(entry.get("omitted") or []),
                    {l: str(n).strip() for l, n in note.items()})
        find_occurrences(term, units, original, target)
        terms.append(term)
    return Glossary(terms, data, original, target)


def glossary_target(edition: Edition) -> str:
    """The language the glossary renders the original into: the first other
    language its terms give renderings in (ja), whatever else is built."""
    others = [l for l in edition.languages if l != edition.original]
    terms = [e for e in edition.glossary.values["terms"].values() if isinstance(e, dict)] if edition.glossary else []
    return next((l for l in others if any(l in e for e in terms)), others[0] if others else edition.original)


def find_occurrences(term: Term, units: list[Unit], original: str, target: str) -> None:
    """Every unit whose English holds the term: an occurrence where its
    Japanese holds a rendering (the longest found) or the words recorded for
    it; else a missing rendering."""
    patterns = [english_pattern(f) for f in term.forms]
    words = sorted({r.term for r in term.renderings if r.term}, key=lambda w: (-len(w), w))
    for unit in units:
        english = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(unit.texts[original]))
        if not english:
            continue
        japanese = unit.texts[target]
        found = next((w for w in words if w in japanese), None)
        recorded = term.otherwise.get(unit.address) or ""
        free = found is None and bool(recorded) and recorded in japanese
        if found is None and not free:
            (term.omissions if unit.address in term.omitted else term.missing).append(unit)
            continue
        rendering = found or term.otherwise[unit.address]
        term.occurrences.append(Occurrence(unit, rendering, free, {original: english[0], target: find_all(japanese, rendering)[0]}))


def pairs(glossary: Glossary, unit: Unit) -> list[tuple[Term, tuple[int, int], tuple[int, int]]]:
    """The terms of one unit to mark in both languages: (term, English span,
    Japanese span), the longest first and none overlapping another in either
    language (so "supply chain security" is one term, not "supply chain"
    too), in the order of the English."""
    original, target = glossary.original, glossary.target
    candidates = []
    for term in glossary.terms:
        for occurrence in term.occurrences:
            if occurrence.unit.address != unit.address:
                continue
            english = [(m.start(), m.end()) for f in term.forms for m in english_pattern(f).finditer(unit.texts[original])]
            japanese = find_all(unit.texts[target], occurrence.rendering)
            for en, ja in zip(sorted(set(english)), japanese):    # the k-th in English with the k-th in Japanese
                candidates.append((term, en, ja))
    chosen: list[tuple[Term, tuple[int, int], tuple[int, int]]] = []

    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    for term, en, ja in sorted(candidates, key=lambda c: (-(c[1][1] - c[1][0]), -(c[2][1] - c[2][0]), c[1])):
        if not any(overlaps(en, e) or overlaps(ja, j) for _, e, j in chosen):
            chosen.append((term, en, ja))
    return sorted(chosen, key=lambda c: c[1])
