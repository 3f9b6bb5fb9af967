"""The glossary's checks (pax_silica.glossary reads it; pax_silica.checker
runs these): an English occurrence of a term whose aligned Japanese holds
none of its renderings, a recorded free rendering that is not in its
sentence (or is not needed), a term that occurs nowhere, a rendering used
nowhere or listed twice, a reading that is not kana or does not fit the kana
of its term; each as PATH:LINE:COL: message."""

from __future__ import annotations

from pax_silica.glossary import (TERM_ID, Glossary, Rendering, Term, english_pattern, hiragana, is_kana, read_glossary,
                                 reading_pattern)
from pax_silica.model import Data, Edition, Unit


def check(edition: Edition, report, terms: Glossary | None = None) -> None:
    """The glossary against the text and its own data (see the module's doc).
    When the pages already have problems (a paragraph or sentence missing in
    one language), the units are incomplete: what depends on every unit (a
    term found nowhere, an address that names no unit) is not reported, so
    that one fault stays one line. ``terms``: the glossary, if read already."""
    glossary = terms or read_glossary(edition)
    if glossary is None:
        return
    complete = not report.problems
    data = glossary.data
    shown = data.path
    original, target = glossary.original, glossary.target
    units = {u.address: u for u in edition.units()}
    where = lambda *keys: data.position_of("terms", *keys)
    if not glossary.terms:
        report.add(shown, 1, 1, "terms: has no term")
    headwords: dict[str, str] = {}
    for term in glossary.terms:
        key = term.id
        name = f"term {key!r}"
        if not TERM_ID.fullmatch(key):
            report.add(shown, data.line_of("terms", key), 3,
                       f"{name}: an id is lower-case words joined by hyphens (it becomes the anchor #term-…)")
        if not term.forms:
            report.add(shown, *where(key), f"{name} has no English ({original}:)")
        for form in term.forms:
            if form.casefold() in headwords and headwords[form.casefold()] != key:
                report.add(shown, *where(key, original), f"{name}: {form!r} is also a form of term {headwords[form.casefold()]!r}")
            headwords.setdefault(form.casefold(), key)
        if not term.renderings:
            report.add(shown, *where(key), f"{name} has no rendering ({target}: a list of {{term, reading}})")
        seen: dict[str, int] = {}
        for i, rendering in enumerate(term.renderings):
            check_rendering(term, i, rendering, seen, data, report)
        missing_notes = [l for l in (original, target) if not term.note.get(l)] if term.note else []
        if missing_notes:
            report.add(shown, *where(key, "note"), f"{name}: its note has no text in {', '.join(missing_notes)}")
        for address, words in term.otherwise.items():
            if complete or address in units:
                check_record(term, address, where(key, "otherwise", address), words, units, original, target, data, report)
        for i, address in enumerate(term.omitted):
            if complete or address in units:
                check_record(term, address, where(key, "omitted", i), None, units, original, target, data, report)
        for unit in term.missing:
            check_missing(term, unit, original, target, data, report)
        if not complete:
            continue
        if term.forms and not (term.occurrences or term.missing or term.omissions):
            report.add(shown, *where(key, original), f"{name}: {term.headword!r} occurs in no {original} sentence, "
                                                     f"title or signature line of the documents")
        for i, rendering in enumerate(term.renderings):
            if rendering.term and term.occurrences and not any(rendering.term in o.unit.texts[target] for o in term.occurrences):
                report.add(shown, *where(key, target, i, "term"),
                           f"{name}: the rendering {rendering.term!r} is in none of the term's {target} sentences")


def check_rendering(term: Term, i: int, rendering: Rendering, seen: dict, data: Data, report) -> None:
    name, shown = f"term {term.id!r}", data.path
    if not rendering.term:
        report.add(shown, *data.position_of(*rendering.keys), f"{name}: rendering {i + 1} has no term")
        return
    if rendering.term in seen:
        report.add(shown, *data.position_of(*rendering.keys, "term"),
                   f"{name}: the rendering {rendering.term!r} is listed twice (first as rendering {seen[rendering.term] + 1})")
    seen.setdefault(rendering.term, i)
    reading, at = rendering.reading, data.position_of(*rendering.keys, "reading")
    if not reading:
        report.add(shown, *data.position_of(*rendering.keys), f"{name}: {rendering.term!r} has no reading (in kana)")
        return
    wrong = next((c for c in reading if not is_kana(c)), None)
    if wrong is not None:
        report.add(shown, *at, f"{name}: the reading {reading!r} of {rendering.term!r} is not kana: "
                               f"{wrong!r} (U+{ord(wrong):04X}) is not hiragana or katakana")
    elif not reading_pattern(rendering.term).fullmatch(hiragana(reading).replace("・", "")):
        report.add(shown, *at, f"{name}: the reading {reading!r} does not fit {rendering.term!r}: "
                               f"it must hold the term's kana as written, in order")


def check_record(term: Term, address: str, at: tuple[int, int], words: str | None, units: dict,
                 original: str, target: str, data: Data, report) -> None:
    """A free rendering (the Japanese ``words`` used) or an omission (``words``
    None) recorded for one unit: the unit exists, its English holds the
    term, the words stand in its Japanese, and none of the renderings does."""
    name, shown = f"term {term.id!r}", data.path
    record = "free rendering" if words is not None else "omission"
    unit = units.get(address)
    if unit is None:
        report.add(shown, *at, f"{name}: {address!r} is not the address of a sentence, title or signature line "
                               f"(document#anchor, e.g. declaration#p9-s2)")
        return
    sentence = f"{unit.documents[target].page.path}:{unit.lines[target]}"
    if not any(english_pattern(f).search(unit.texts[original]) for f in term.forms):
        report.add(shown, *at, f"{name}: an {record} is recorded for {address}, whose {original} text "
                               f"({unit.documents[original].page.path}:{unit.lines[original]}) does not hold {term.headword!r}")
    elif words is not None and words not in unit.texts[target]:
        report.add(shown, *at, f"{name}: the free rendering recorded for {address}, {words!r}, is not in that "
                               f"sentence ({sentence})")
    else:
        listed = next((r.term for r in term.renderings if r.term and r.term in unit.texts[target]), None)
        if listed:
            report.add(shown, *at, f"{name}: {address} holds the rendering {listed!r} ({sentence}): "
                                   f"remove the {record} recorded for it")


def describe(unit: Unit) -> str:
    """How a message names a unit: ¶9, sentence 2 (#p9-s2)."""
    if unit.kind == "sentence":
        return f"¶{unit.paragraph}, sentence {unit.sentence} (#{unit.anchor})"
    return f"the {'title' if unit.kind == 'title' else 'signature line'} (#{unit.anchor})"


def check_missing(term: Term, unit: Unit, original: str, target: str, data: Data, report) -> None:
    """An English occurrence whose Japanese holds none of the renderings:
    reported on the Japanese sentence (a recorded free rendering that is not
    there is reported on its record instead)."""
    if unit.address in term.otherwise:
        return
    en_doc, ja_doc = unit.documents[original], unit.documents[target]
    en_line = en_doc.page.text.split("\n")[unit.lines[original] - 1]
    match = next((m for f in term.forms for m in [english_pattern(f).search(en_line)] if m), None)
    en_column = match.start() + 1 if match else 1
    renderings = ", ".join(r.term for r in term.renderings if r.term) or "none listed"
    report.add(ja_doc.page.path, unit.lines[target], 1,
               f"{describe(unit)} holds no rendering of {term.headword!r} ({renderings}), which the {original} "
               f"text holds ({en_doc.page.path}:{unit.lines[original]}:{en_column}): restore it, or record the "
               f"words used under otherwise: in {data.path}:{data.line_of('terms', term.id)}")
