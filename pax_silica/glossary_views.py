"""The glossary's page (overrides/edition/glossary.html), as plain data for
its template: every term in the page's order (alphabetical in English,
gojūon in Japanese) under its letter or kana row, its counterparts with
their readings, each with the sentences it renders, the free renderings and
the notes; in Japanese, each other rendering also filed under its own
reading, leading to its term."""

from __future__ import annotations

from pax_silica import urls
from pax_silica.glossary import Glossary, Term, collation_key, index_label, romanized
from pax_silica.languages import language_runs
from pax_silica.model import Edition, Unit
from pax_silica.views import translator_kit


def glossary_view(edition: Edition, glossary: Glossary, lang: str, here: str, ui: dict) -> dict:
    """The glossary page of ``lang``: its groups (letters, or kana rows),
    each term with its counterparts and occurrences, and its headings for
    the table of contents."""
    original, target = glossary.original, glossary.target
    groups: list[dict] = []
    for reading, term, see in entries_of(glossary, lang):
        initial, key = group_of(reading or term.headword, lang, by_reading=lang == target)
        if not groups or groups[-1]["initial"] != initial:
            groups.append({"initial": initial, "id": key,
                           "name": ui["glossary_group"].format(initial=initial), "terms": []})
        if see is None:
            groups[-1]["terms"].append(term_view(edition, term, lang, original, target, here, ui))
        else:   # a rendering filed under its own reading, leading to its term
            groups[-1]["terms"].append({"see": see.term, "reading": see.reading, "href": f"#{term.anchor}",
                                        "renderings": ui["glossary_rendering_separator"].join(r.term for r in term.renderings),
                                        "english": term.headword})
    toc = [{"level": 2, "id": g["id"], "name": g["name"], "children": []} for g in groups]
    counts = {"terms": len(glossary.terms), "occurrences": sum(len(t.occurrences) for t in glossary.terms)}
    return {"groups": groups, "toc": toc, "lang": lang, "original": original, "target": target,
            "summary": ui["glossary_summary"].format(**counts),
            "kit": translator_kit(edition, lang, here, ui, glossary_page=False)}


def entries_of(glossary: Glossary, lang: str) -> list[tuple[str, Term, object]]:
    """(reading, term, None) for every term in the page's order; in Japanese
    also (reading, term, rendering) for each other rendering of a term whose
    reading files it elsewhere (調整 under ち, leading to 連携・調整), as a
    Japanese dictionary files each word under its own reading."""
    if lang != glossary.target:
        return [("", term, None) for term in glossary.sorted(lang)]
    entries = [(term.reading, term, None) for term in glossary.terms]
    entries += [(r.reading, term, r) for term in glossary.terms for r in term.renderings[1:]
                if r.reading and not r.reading.startswith(term.reading)]
    return sorted(entries, key=lambda e: (collation_key(e[0], lang), e[1].id, e[2] is not None))


def group_of(filed_as: str, lang: str, by_reading: bool) -> tuple[str, str]:
    """(initial, id) of the group an entry is filed under: its letter in
    English (A, #letter-a), the kana row of its reading in Japanese, as ICU's
    index of the language heads it (あ for あ行, #row-a; か行 is #row-ka). Ids
    made of the group, never of its position, so they stay."""
    if by_reading:
        label = index_label(filed_as, lang)
        return (label, f"row-{romanized(label)}") if label else ("…", "row-other")
    initial = filed_as[:1].upper()
    return initial, f"letter-{initial.lower()}"


def unit_link(edition: Edition, unit: Unit, lang: str, here: str, ui: dict) -> dict:
    """A link to one unit in ``lang``'s document page: ¶ 9, sentence 2 (…/declaration/#p9-s2)."""
    if unit.kind == "sentence":
        single = len(unit.documents[edition.original].block(f"p{unit.paragraph}").sentences) == 1
        text = ui["unit_paragraph" if single else "unit_sentence"].format(n=unit.paragraph, m=unit.sentence)
    elif unit.kind == "title":
        text = ui["unit_title"]
    else:   # a signature line, by the name its document's data gives it
        lines = edition.about(unit.doc).get("signature_lines") or {}
        text = ((lines.get(unit.anchor) or {}).get("name") or {}).get(lang, f"#{unit.anchor}")
    return {"href": urls.relative(edition.url(lang, unit.url(edition.original)), here), "text": text,
            "doc": unit.doc}


def by_document(edition: Edition, links: list[dict], lang: str) -> list[dict]:
    """Links grouped by document, in the edition's order: [{name, links}]."""
    grouped = []
    for doc, docs in edition.documents.items():
        mine = [l for l in links if l["doc"] == doc]
        if mine:
            grouped.append({"name": (edition.about(doc).get("short_title") or {}).get(lang, doc), "links": mine})
    return grouped


def term_view(edition: Edition, term: Term, lang: str, original: str, target: str, here: str, ui: dict) -> dict:
    renderings = [{
        "term": r.term, "reading": r.reading,
        "occurrences": by_document(edition, [unit_link(edition, o.unit, lang, here, ui) for o in term.used(r.term)], lang),
    } for r in term.renderings]
    free = [{"words": o.rendering, "where": by_document(edition, [unit_link(edition, o.unit, lang, here, ui)], lang)}
            for o in term.occurrences if o.free]
    omitted = by_document(edition, [unit_link(edition, u, lang, here, ui) for u in term.omissions], lang)
    count = len(term.occurrences) + len(term.omissions)
    return {
        "id": term.anchor, "headword": term.headword, "forms": term.forms[1:],
        "renderings": renderings, "free": free, "omitted": omitted,
        # the note in runs, the other language's words with their own lang; never a line break after ¶
        "note": language_runs(term.note.get(lang, "").replace("¶ ", "¶\u00a0"), lang),
        "count": ui["glossary_one_occurrence"] if count == 1 else ui["glossary_occurrences"].format(count=count),
    }
