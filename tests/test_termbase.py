"""The termbase (pax_silica/termbase.py) read back from the built site: one TBX-Basic
termEntry per term of docs/glossary.yml with every form and rendering, their
readings and notes, and OmegaT's tab-separated glossary. Their validation
against OmegaT's schema and OmegaT's reading of them are in tests/test_omegat.py."""

from __future__ import annotations

import pytest
from lxml import etree

from conftest import ROOT, SITE_URL
from pax_silica.glossary import read_glossary
from pax_silica.model import read_edition
from pax_silica.settings import read_settings

TBX = "downloads/pax-silica-glossary.tbx"
TSV = "downloads/pax-silica-glossary.en-ja.utf8"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def terms():
    return read_glossary(read_edition(read_settings(ROOT / "mkdocs.yml"), convert="documents")).terms


def test_one_term_entry_per_term_with_every_form_and_rendering(site, terms, soup):
    body = etree.parse(str(site / TBX)).getroot().find("text/body")
    entries = {entry.get("id"): entry for entry in body.findall("termEntry")}
    assert len(entries) == len(terms) > 30
    glossary_ids = {h["id"] for h in soup("en", "glossary/").select("h3[id]")}
    for term in terms:
        entry = entries[term.anchor]
        sets = {s.get(XML_LANG): s for s in entry.findall("langSet")}
        assert list(sets) == ["en", "ja"]
        assert [t.findtext("term") for t in sets["en"].findall("tig")] == term.forms
        tigs = sets["ja"].findall("tig")
        assert [t.findtext("term") for t in tigs] == [r.term for r in term.renderings]
        assert [t.findtext("note") for t in tigs] == [f"読み：{r.reading}" for r in term.renderings]
        notes = {note.get(XML_LANG): note.text for note in entry.findall("note")}
        assert notes == term.note
        xref = entry.find("xref")
        assert xref.get("target") == f"{SITE_URL}glossary/#{term.anchor}" and term.anchor in glossary_ids
        context = sets["en"].find("tig/descrip[@type='context']")
        assert context is not None and term.occurrences[0].unit.texts["en"] == context.text


def test_the_header_names_the_texts_and_the_tbx_basic_constraints(site):
    root = etree.parse(str(site / TBX)).getroot()
    assert root.get("type") == "TBX-Basic" and root.get(XML_LANG) == "en"
    assert "仮訳" in root.findtext("martifHeader/fileDesc/sourceDesc/p")
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"


def test_omegats_tab_separated_glossary_has_a_line_per_form_and_rendering(site, terms):
    lines = (site / TSV).read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("# ") and lines[-1] == ""
    rows = [line.split("\t") for line in lines[1:-1]]
    assert all(len(row) == 3 for row in rows)
    expected = [(form, r.term) for term in sorted(terms, key=lambda t: (t.headword.casefold(), t.id))
                for form in term.forms for r in term.renderings]
    assert [(row[0], row[1]) for row in rows] == expected
