"""The translation memory (pax_silica/translation_memory.py) read back from the
built site: one unit per title, sentence and signature line of both
documents, with exactly the site's texts (pax-silica.json), the header a CAT
tool expects, the addresses in both languages. Its DTD validation and
OmegaT's use of it are in tests/test_omegat.py."""

from __future__ import annotations

import json
import re

from lxml import etree

from conftest import SITE_URL

TMX = "downloads/pax-silica.en-ja.tmx"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def units_of(data: dict) -> dict:
    """{tuid: ({lang: text}, {lang: url})} of every aligned unit in pax-silica.json."""
    units = {}
    for document in data["documents"]:
        doc = document["id"]
        units[f"{doc}#title"] = (document["title"], {l: u + "#title" for l, u in document["url"].items()})
        for paragraph in document["paragraphs"]:
            for sentence in paragraph["sentences"]:
                units[f"{doc}#{sentence['anchor']}"] = (sentence["text"], sentence["url"])
        for line in document["signature_lines"]:
            units[f"{doc}#{line['anchor']}"] = (line["text"], line["url"])
    return units


def test_one_unit_per_title_sentence_and_signature_line_with_the_sites_texts(site):
    tmx = etree.parse(str(site / TMX)).getroot()
    units = units_of(json.loads((site / "pax-silica.json").read_text(encoding="utf-8")))
    tus = tmx.findall("body/tu")
    assert len(units) == 29 and [tu.get("tuid") for tu in tus] == list(units)
    for tu in tus:
        texts, url = units[tu.get("tuid")]
        variants = {tuv.get(XML_LANG): tuv for tuv in tu.findall("tuv")}
        assert list(variants) == ["en-US", "ja-JP"], "the original first"
        for lang, locale in (("en", "en-US"), ("ja", "ja-JP")):
            assert variants[locale].findtext("seg") == texts[lang]
            assert variants[locale].findtext("prop[@type='x-url']") == url[lang]
        doc, anchor = tu.get("tuid").split("#")
        assert (tu.findtext("prop[@type='x-document']"), tu.findtext("prop[@type='x-anchor']")) == (doc, anchor)


def test_the_header_says_what_a_cat_tool_needs(site):
    header = etree.parse(str(site / TMX)).getroot().find("header")
    assert {k: header.get(k) for k in ("segtype", "srclang", "adminlang", "datatype", "o-encoding")} == {
        "segtype": "sentence", "srclang": "en-US", "adminlang": "en-US", "datatype": "plaintext", "o-encoding": "UTF-8"}
    assert header.get("creationtool") and header.get("o-tmf") and header.get("creationtoolversion")
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))
    assert "original" in header.findtext("note") and "仮訳" in header.findtext("note")
    # the same date as the sitemap's, both from SOURCE_DATE_EPOCH
    lastmod = etree.parse(str(site / "sitemap.xml")).getroot().findtext(".//{*}lastmod")
    assert header.get("creationdate")[:8] == lastmod.replace("-", "")


def test_the_memory_is_published_under_downloads_for_the_sites_address(site):
    text = (site / TMX).read_text(encoding="utf-8")
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">")
    assert f"{SITE_URL}ja/declaration/#p9-s2" in text
