"""The glossary as a termbase for CAT tools, generated from pax_silica.glossary.

- ``tbx``: TBX-Basic in its ``martif`` form (ISO 30042:2008), the flavour that
  OmegaT 3.6 (Debian's ``omegat``) reads (its GlossaryReaderTBX unmarshals
  ``martif/text/body/termEntry/langSet/tig``; it has no reader for TBX v3's
  ``tbx`` root) and that memoQ and Trados MultiTerm import. One
  ``termEntry`` per term (its id is the glossary page's anchor), a
  ``langSet`` per language, a ``tig`` per English form and per Japanese
  rendering, each with a context sentence from the texts; the reading of a
  Japanese rendering and the notes in each language are ``note``\\ s; an
  ``xref`` leads to the term on the glossary page. Languages are plain
  (``en``, ``ja``): a term belongs to the language, not to a region.
  Validated in the tests against the TBX schema OmegaT ships
  (``schemas/tbx.xsd``) and read back by OmegaT itself.
- ``tab_separated``: OmegaT's own glossary format (``.utf8``: UTF-8,
  one ``source<TAB>target<TAB>comment`` line per English form and rendering).
"""

from __future__ import annotations

from lxml import etree

from pax_silica import urls
from pax_silica.glossary import Glossary, Term
from pax_silica.model import Edition
from pax_silica.settings import build_time

READING = "読み："   # before the reading of a Japanese rendering
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _child(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, tag, attributes)
    element.text = text
    return element


def context(term: Term, lang: str, words: str | None = None) -> str | None:
    """The first sentence of the texts, in ``lang``, where the term occurs
    (rendered by ``words``, when given)."""
    occurrence = next((o for o in term.occurrences if words is None or o.rendering == words), None)
    return occurrence.unit.texts[lang] if occurrence else None


def glossary_url(edition: Edition, lang: str, term: Term) -> str:
    return edition.absolute(edition.url(lang, urls.GLOSSARY_PAGE) + f"#{term.anchor}")


def tbx(edition: Edition, glossary: Glossary, title: str, strings: dict[str, dict]) -> bytes:
    """The termbase, as the bytes of a TBX-Basic file; its source is
    described from the model and the strings (the documents' titles, what
    each language's text is)."""
    original, target = glossary.original, glossary.target
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: original})
    header = _child(root, "martifHeader")
    description = _child(header, "fileDesc")
    _child(_child(description, "titleStmt"), "title", title)
    _child(_child(description, "publicationStmt"), "p",
           f"{edition.absolute(urls.GLOSSARY_PAGE)}, generated {build_time().date().isoformat()} from the aligned texts "
           f"of the edition.")
    ui = strings[original]
    titles = [docs[original].title.text for docs in edition.documents.values()]
    status = strings[target]["provisional_note"]
    _child(_child(description, "sourceDesc"), "p",
           f"{ui['facts_separator'].join(titles[:-1]) + ui['facts_last_separator'] if len(titles) > 1 else ''}"
           f"{titles[-1]}: {ui['columns'][original]}; {ui['columns'][target]}{f': {status}' if status else '.'} "
           f"Each rendering is the one this translation uses; the notes say where it varies.")
    _child(_child(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _child(_child(root, "text"), "body")
    for term in glossary.sorted(original):
        entry = _child(body, "termEntry", id=term.anchor)
        for lang in (original, target):
            if term.note.get(lang):
                _child(entry, "note", term.note[lang], **{XML_LANG: lang})
        _child(entry, "xref", glossary_url(edition, original, term), type="externalCrossReference",
               target=glossary_url(edition, original, term))
        english = _child(entry, "langSet", **{XML_LANG: original})
        for form in term.forms:
            tig = _child(english, "tig")
            _child(tig, "term", form)
            if form == term.headword and context(term, original):
                _child(tig, "descrip", context(term, original), type="context")
        japanese = _child(entry, "langSet", **{XML_LANG: target})
        for rendering in term.renderings:
            tig = _child(japanese, "tig")
            _child(tig, "term", rendering.term)
            if context(term, target, rendering.term):
                _child(tig, "descrip", context(term, target, rendering.term), type="context")
            _child(tig, "note", f"{READING}{rendering.reading}", **{XML_LANG: target})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True)


def _field(text: str) -> str:
    """A field of a tab-separated line: no tab, no line break."""
    return " ".join(text.split())


def tab_separated(edition: Edition, glossary: Glossary, title: str) -> str:
    """OmegaT's tab-separated glossary, English to Japanese: a comment line,
    then one line per English form and Japanese rendering."""
    original = edition.original
    lines = [f"# {_field(title)}: {edition.absolute(urls.GLOSSARY_PAGE)}"]
    for term in glossary.sorted(original):
        note = term.note.get(original, "")
        for form in term.forms:
            for rendering in term.renderings:
                comment = f"{READING}{rendering.reading}" + (f" — {note}" if note else "")
                lines.append("\t".join(_field(x) for x in (form, rendering.term, comment)))
    return "\n".join(lines) + "\n"
