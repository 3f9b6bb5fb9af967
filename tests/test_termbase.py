"""The termbase (pax_silica/termbase.py) read back from the built site: one TBX-Basic
termEntry per term of docs/glossary.yml with every form and rendering, their
readings and notes, and OmegaT's tab-separated glossary. Their validation
against OmegaT's schema and OmegaT's reading of them are in tests/test_omegat.py."""

from __future__ import annotations

import re

import pytest
import yaml
from lxml import etree

from conftest import DOCUMENTS, ROOT, SITE_URL

TBX = "downloads/pax-silica-glossary.tbx"
TSV = "downloads/pax-silica-glossary.en-ja.utf8"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


@pytest.fixture(scope="module")
def terms():
    """docs/glossary.yml as written: {id: (forms, [(rendering, reading)], notes)}."""
    data = yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    return {key: (as_list(entry["en"]), [(r["term"], r["reading"]) for r in entry["ja"]], entry.get("note") or {})
            for key, entry in data.items()}


@pytest.fixture(scope="module")
def sentences(soup):
    """Every title, sentence and signature line of the site's document pages, per language, as a reader sees it."""
    found = {"en": set(), "ja": set()}
    for lang in found:
        for doc in DOCUMENTS:
            page = soup(lang, f"{doc}/")
            article = page.select_one("article")
            found[lang].add(article.find("h1").get_text("", strip=True))
            for element in article.select(".sentence, p.signature"):
                for tools in element.select(".para-tools, button"):
                    tools.extract()
                found[lang].add(element.get_text("", strip=True))
    return found


def holds(sentence: str, form: str) -> bool:
    words = r"\s+".join(re.escape(w) for w in form.split())
    return re.search(rf"(?<![\w-]){words}(?![\w-])", sentence, 0 if form != form.lower() else re.IGNORECASE) is not None


def test_one_term_entry_per_term_with_every_form_and_rendering(site, terms, sentences, soup):
    body = etree.parse(str(site / TBX)).getroot().find("text/body")
    entries = {entry.get("id"): entry for entry in body.findall("termEntry")}
    assert set(entries) == {f"term-{key}" for key in terms} and len(entries) > 30
    glossary_ids = {h["id"] for h in soup("en", "glossary/").select("h3[id]")}
    for key, (forms, renderings, notes) in terms.items():
        entry = entries[f"term-{key}"]
        sets = {s.get(XML_LANG): s for s in entry.findall("langSet")}
        assert list(sets) == ["en", "ja"]
        assert [t.findtext("term") for t in sets["en"].findall("tig")] == forms
        tigs = sets["ja"].findall("tig")
        assert [(t.findtext("term"), t.findtext("note")) for t in tigs] == [(r, f"読み：{reading}") for r, reading in renderings]
        assert {note.get(XML_LANG): note.text for note in entry.findall("note")} == {l: n.strip() for l, n in notes.items()}
        xref = entry.find("xref")
        assert xref.get("target") == f"{SITE_URL}glossary/#term-{key}" and f"term-{key}" in glossary_ids
        context = sets["en"].find("tig/descrip[@type='context']")     # a sentence of the texts that holds the term
        assert context is not None and context.text in sentences["en"] and any(holds(context.text, f) for f in forms), key
        for tig in tigs:
            japanese = tig.find("descrip[@type='context']")
            if japanese is not None:
                assert japanese.text in sentences["ja"] and tig.findtext("term") in japanese.text, key


def test_the_header_names_the_texts_and_the_tbx_basic_constraints(site):
    root = etree.parse(str(site / TBX)).getroot()
    assert root.get("type") == "TBX-Basic" and root.get(XML_LANG) == "en"
    assert "仮訳" in root.findtext("martifHeader/fileDesc/sourceDesc/p")
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"


def test_omegats_tab_separated_glossary_has_a_line_per_form_and_rendering(site, terms):
    lines = (site / TSV).read_text(encoding="utf-8").split("\n")
    assert lines[0].startswith("# ") and lines[-1] == ""
    rows = [line.split("\t") for line in lines[1:-1]]
    expected = []
    for key in sorted(terms, key=lambda k: (terms[k][0][0].casefold(), k)):      # alphabetical by headword
        forms, renderings, notes = terms[key]
        note = " ".join(notes.get("en", "").split())
        expected += [[form, rendering, f"読み：{reading}" + (f" — {note}" if note else "")]
                     for form in forms for rendering, reading in renderings]
    assert rows == expected
