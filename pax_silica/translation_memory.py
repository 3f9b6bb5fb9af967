"""The edition as a translation memory: TMX 1.4b, generated from the model.

One translation unit per aligned unit of the model (``Edition.units``): each
document's title, every sentence of every numbered paragraph (``#p9-s2``),
the signature lines. The English (the original) is the source language;
each unit's ``tuid`` is its address (``declaration#p9-s2``), and each variant
carries the absolute URL of its sentence on the site. The texts are exactly
the site's: the alignment is the sources' own (the same anchor in every
language), not a machine's.

Languages are written as the CAT tools expect them, with their region
(``en-US``: the original is American English; ``ja-JP``), as each
language's strings give it (``locale.translation_memory``). One memory per
translation: pax-silica.en-ja.tmx holds English and Japanese only. The dates come
from ``SOURCE_DATE_EPOCH`` (pax_silica.settings.build_time), so two builds of
one commit write the same bytes. Written with lxml, validated in the tests
against the TMX 1.4b DTD that OmegaT ships (``schemas/tmx14.dtd``).
"""

from __future__ import annotations

from lxml import etree

from pax_silica.model import Edition
from pax_silica.settings import build_time

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CREATION_TOOL = "Pax Silica bilingual edition (pax_silica.translation_memory)"


def _child(parent: etree._Element, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attributes.items()})
    element.text = text
    return element


def tmx(edition: Edition, site_name: str, strings: dict[str, dict], target: str) -> bytes:
    """The translation memory of the whole edition from the original into
    ``target``, and no other language (urls.tmx_file names it), as the bytes
    of a TMX 1.4b file; each language written as CAT tools name it (``locale``
    in its strings: en-US, ja-JP)."""
    when = build_time()
    stamp = when.strftime("%Y%m%dT%H%M%SZ")   # TMX's date format (ISO 8601 basic, UTC)
    source = edition.original
    locale = {lang: strings[lang]["locale"]["translation_memory"] for lang in (source, target)}
    root = etree.Element("tmx", version="1.4")
    header = _child(root, "header", creationtool=CREATION_TOOL, creationtoolversion=when.date().isoformat(),
                    segtype="sentence", o_tmf=f"Markdown (docs/{source}, docs/{target})", adminlang=locale[source],
                    srclang=locale[source], datatype="plaintext", o_encoding="UTF-8", creationdate=stamp)
    columns, status = strings[source]["columns"], strings[target]["provisional_note"]   # what each text is
    _child(header, "note", f"{site_name}: {edition.absolute()}. {columns[source]}; {columns[target]}"
                           f"{f': {status}' if status else '.'} One unit per "
                           f"title, sentence and signature line, aligned by the address the sources give it "
                           f"(tuid document#anchor; #p9-s2 is the second sentence of paragraph 9).")
    body = _child(root, "body")
    for unit in edition.units():
        tu = _child(body, "tu", tuid=unit.address, srclang=locale[source], creationdate=stamp)
        _child(tu, "prop", unit.doc, type="x-document")
        _child(tu, "prop", unit.anchor, type="x-anchor")
        for lang in (source, target):
            tuv = _child(tu, "tuv", **{XML_LANG: locale[lang]})
            _child(tuv, "prop", edition.absolute(unit.url(lang)), type="x-url")
            _child(tuv, "seg", unit.texts[lang])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True)
