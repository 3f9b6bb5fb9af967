"""The PDF editions, read back as a PDF reader and a screen reader would:
poppler's pdftotext and pdffonts (what a reader copies, what is embedded),
pypdf (structure tree, outline, links, metadata, XMP) and the machine-
checkable part of PDF/UA-1 (the pdfua package)."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import datetime, timezone
from xml.etree import ElementTree

import pdfua
import pypdf
import pytest
from pypdf.generic import IndirectObject

from conftest import DOCUMENTS, ROOT, SITE_URL, line_break_faults, page_path
from pax_silica import pdf
from pax_silica.facts import fact_sentences, facts
from pax_silica.model import read_edition
from pax_silica.settings import read_settings
from pax_silica.ui import STRINGS, read_strings

EDITIONS = [(doc, key) for doc in DOCUMENTS for key in ("en", "ja", "en-ja")]
SITE_NAMES = {"en": "Pax Silica — Bilingual Edition", "ja": "パックス・シリカ 日英対訳版"}
XMP = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
       "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}


@pytest.fixture(scope="module")
def edition():
    return read_edition(read_settings(ROOT / "mkdocs.yml"), convert="documents")


@pytest.fixture(scope="module")
def strings():
    return read_strings(STRINGS, ["en", "ja"])


def path_of(site, doc, key):
    return site / f"downloads/pax-silica-{doc}.{key}.pdf"


def langs_of(key):
    return key.split("-")


def pdftotext(path, *options) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def struct_elements(reader):
    """Every structure element reachable from the StructTreeRoot, in order."""
    found, todo = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = resolve(todo.pop(0))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = resolve(kid)
            if isinstance(kid, dict) and kid.get("/Type", "/StructElem") == "/StructElem" and "/S" in kid:
                found.append(kid)
                todo.append(kid)
    return found


def test_every_document_has_a_pdf_in_each_language_and_a_bilingual_one(site, edition):
    assert [(e.doc, e.key) for e in pdf.editions(edition)] == EDITIONS
    for doc, key in EDITIONS:
        data = path_of(site, doc, key).read_bytes()
        assert data.startswith(b"%PDF-1.7")
        limit = 100_000 if key == "en" else 500_000      # the fonts: see overrides/edition/pdf-style.html
        assert len(data) < limit, f"{doc}.{key}.pdf weighs {len(data)} bytes"


@pytest.mark.parametrize("doc,key", EDITIONS)
def test_the_pdf_is_tagged_with_its_languages(site, edition, doc, key):
    reader = pypdf.PdfReader(path_of(site, doc, key))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == langs_of(key)[0]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    elements = struct_elements(reader)
    kinds = [e["/S"] for e in elements]
    assert kinds[0] == "/Document" and "/H1" in kinds and "/Link" in kinds
    paragraphs = edition.documents[doc]["en"].paragraphs()
    with_lang = [e for e in elements if "/Lang" in e]
    if key == "en-ja":    # every Japanese paragraph says so; the English ones take the document's
        japanese = [e for e in with_lang if e["/S"] == "/P" and e["/Lang"] == "ja"]
        assert len(japanese) >= len(paragraphs) + 2     # paragraphs, facts, notice (and signature lines)
    assert all(e["/Lang"] in ("en", "ja") for e in with_lang)


@pytest.mark.parametrize("doc,key", EDITIONS)
def test_page_furniture_is_an_artifact_and_every_tagged_content_has_its_element(site, doc, key):
    """The running footer (edition, address, page number) is a pagination
    artifact on every page; every marked content the parent tree maps
    belongs to an element of the structure tree (pax_silica.typeset)."""
    reader = pypdf.PdfReader(path_of(site, doc, key))
    for page_number, page in enumerate(reader.pages):
        content = page.get_contents().get_data()
        footers = re.findall(rb"/Artifact\s*<<\s*/Type\s*/Pagination\s*/Subtype\s*/Footer\s*>>\s*BDC", content)
        assert len(footers) >= 2, f"page {page_number + 1}: the footer is not an artifact"
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    nums = resolve(root["/ParentTree"])["/Nums"]
    in_tree = {e.indirect_reference.idnum for e in struct_elements(reader) if e.indirect_reference}
    mapped = []
    for index in range(0, len(nums), 2):
        value = resolve(nums[index + 1])
        mapped += [(nums[index], ref) for ref in (value if isinstance(value, list) else [nums[index + 1]])
                   if isinstance(ref, IndirectObject)]
    assert len(mapped) > len(reader.pages), "the parent tree maps (almost) nothing"
    orphans = [number for number, ref in mapped if ref.idnum not in in_tree]
    assert not orphans, f"marked content of no structure element (parent tree keys {orphans[:5]})"


@pytest.mark.parametrize("doc,key", EDITIONS)
def test_the_outline_has_the_title_every_numbered_paragraph_and_the_signatures(site, edition, strings, doc, key):
    reader = pypdf.PdfReader(path_of(site, doc, key))
    first = langs_of(key)[0]
    ui = strings[first]
    [title, children] = reader.outline
    assert title.title == " / ".join(edition.documents[doc][l].title.text for l in langs_of(key))
    expected = [ui["pdf_bookmark"].format(n=b.number, label=edition.label(doc, b.anchor)[first])
                for b in edition.documents[doc]["en"].paragraphs()]
    if edition.documents[doc]["en"].signature_lines():
        expected.append(ui["pdf_signatures"])
    assert [item.title for item in children] == expected
    pages = [reader.get_destination_page_number(item) for item in children]
    assert pages == sorted(pages)


@pytest.mark.parametrize("doc,key", EDITIONS)
def test_fonts_are_embedded_subset_and_map_to_unicode(site, doc, key):
    rows = pdftotext_fonts(path_of(site, doc, key))
    assert rows, "no font"
    for name, kind, emb, sub, uni in rows:
        assert (emb, sub, uni) == ("yes", "yes", "yes"), name
        assert "Type 3" not in kind, name
    names = {name.split("+")[-1] for name, *_ in rows}
    expected = {"en": {"Liberation-Serif"}, "ja": {"Liberation-Serif", "Noto-Serif-CJK-JP"},   # ¶ numbers
                "en-ja": {"Liberation-Serif", "Noto-Serif-CJK-JP"}}[key]
    assert names == expected


def pdftotext_fonts(path):
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cells = line.split()
        # name, type (one or more words), encoding, emb, sub, uni, object, generation
        rows.append((cells[0], " ".join(cells[1:-6]), cells[-5], cells[-4], cells[-3]))
    return [(n, k, e, s, u) for n, k, e, s, u in rows]


@pytest.mark.parametrize("doc,key", EDITIONS)
def test_each_paragraph_number_links_to_its_permanent_address_with_a_description(site, edition, strings, doc, key):
    reader = pypdf.PdfReader(path_of(site, doc, key))
    links = {}
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = resolve(annot)
            if annot.get("/Subtype") == "/Link" and "/A" in annot:
                links[annot["/A"]["/URI"]] = annot.get("/Contents")
    for lang in langs_of(key):
        url = SITE_URL + page_path(lang, f"{doc}/")
        for block in edition.documents[doc][lang].paragraphs():
            href = f"{url}#{block.anchor}"
            assert links.get(href) == strings[lang]["pdf_link_description"].format(n=block.number, url=href)
        assert url in links and links[url]    # the colophon's link to the text on the web
    assert all(links.values()), "a link without a description"


def text_of_pdf(path, lang) -> str:
    """The text a reader copies out of the PDF, lines joined as its language
    joins them (Japanese lines with nothing, English ones with a space)."""
    text = pdftotext(path)
    if lang == "ja":
        return re.sub(r"\s+", "", text)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("doc,key", EDITIONS)
def test_every_sentence_extracts_whole_with_the_facts_and_notice(site, edition, strings, doc, key):
    path = path_of(site, doc, key)
    for lang in langs_of(key):
        text = text_of_pdf(path, lang)
        norm = (lambda s: re.sub(r"\s+", "", s)) if lang == "ja" else (lambda s: re.sub(r"\s+", " ", s))
        document = edition.documents[doc][lang]
        for block in document.blocks:
            pieces = [s.text for s in block.sentences] or [block.text]
            for sentence in pieces:
                assert norm(sentence) in text, f"{path.name}: {sentence!r}"
        for fact in fact_sentences(edition, doc, lang, strings[lang], since=False):
            assert norm(fact) in text
        later = facts(edition, doc, lang, strings[lang])["since"]     # how many signed since, with its link
        if later:
            assert norm(later["text"] + strings[lang]["glossary_colon"] + later["absolute"]) in text
        if lang == "ja":
            notice = strings[lang]["provisional_notice"].format(link=strings[lang]["provisional_link"])
            assert norm(strings[lang]["provisional_title"] + notice) in text


@pytest.mark.parametrize("doc,key", EDITIONS)
def test_every_page_names_the_edition_and_the_address(site, doc, key):
    path = path_of(site, doc, key)
    first = langs_of(key)[0]
    pages = pdftotext(path).split("\f")[:-1]
    address = SITE_URL + page_path(first, f"{doc}/")
    for number, page in enumerate(pages, 1):
        assert f"{SITE_NAMES[first]} · {address}" in page
        assert re.search(rf"\b{number}\s*/\s*{len(pages)}\b", page)


@pytest.mark.parametrize("doc,key", [(d, k) for d, k in EDITIONS if "ja" in k])
def test_no_japanese_line_starts_or_ends_with_a_forbidden_mark(site, doc, key):
    lines = pdftotext(path_of(site, doc, key)).splitlines()
    japanese = [l for l in lines if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", l)]
    assert len(japanese) > 10
    assert line_break_faults(lines) == []


def test_the_line_break_measure_finds_what_it_must():
    assert line_break_faults(["我々は", "、認識する。"]) == ["line 2 starts with 、: '、認識する。'"]
    assert line_break_faults(["サプライチェ", "ーン", "ッと", "」と", "「", "原文）"]) == [
        "line 2 starts with ー: 'ーン'", "line 3 starts with ッ: 'ッと'", "line 4 starts with 」: '」と'",
        "line 5 ends with 「: '「'"]
    assert line_break_faults(["我々は、", "認識する。", "", "  AI"]) == []


@pytest.mark.parametrize("doc,key", EDITIONS)
def test_metadata_and_xmp(site, edition, strings, doc, key):
    reader = pypdf.PdfReader(path_of(site, doc, key))
    langs = langs_of(key)
    first = langs[0]
    info = reader.metadata
    title = " / ".join(edition.documents[doc][l].title.text for l in langs)
    authors = [s[first] for s in edition.about(doc)["signatories"]]
    assert info.title == title
    assert info.author == ", ".join(authors)
    facts = fact_sentences(edition, doc, first, strings[first])
    assert info.subject.startswith(facts[0])
    keywords = info["/Keywords"].split(", ")
    assert "Pax Silica" in keywords and len(keywords) > 3
    assert info.creator == SITE_NAMES[first]
    assert info.producer.startswith("WeasyPrint ")
    date = tmx_date(site)      # the build's one date, as the translation memory has it
    assert info.creation_date.replace(tzinfo=timezone.utc) == date == info.modification_date.replace(tzinfo=timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:    # make test sets it (the Makefile); the PDFs are dated from it, never from the clock
        assert date == datetime.fromtimestamp(int(epoch), timezone.utc)
    xmp = ElementTree.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())
    assert [e.text for e in xmp.iterfind(".//dc:title//rdf:li", XMP)] == [title]
    assert [e.text for e in xmp.iterfind(".//dc:creator//rdf:li", XMP)] == authors
    assert [e.text for e in xmp.iterfind(".//dc:language//rdf:li", XMP)] == [first]
    assert [e.get(f"{{{XMP['pdfuaid']}}}part") for e in xmp.iterfind(".//rdf:Description", XMP)
            if e.get(f"{{{XMP['pdfuaid']}}}part")] == ["1"]


def tmx_date(site) -> datetime:
    from lxml import etree
    stamp = etree.parse(str(site / "downloads" / "pax-silica.en-ja.tmx")).getroot().find("header").get("creationdate")
    return datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


def test_without_source_date_epoch_the_pdfs_are_dated_as_the_translation_memory(edition, strings, monkeypatch):
    """A plain `mkdocs build` (no SOURCE_DATE_EPOCH) dates every output by one
    rule (pax_silica.settings.build_time: the start of the day, in UTC)."""
    from lxml import etree

    from pax_silica import translation_memory

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    view = pdf.pdf_view(edition, pdf.editions(edition)[0], strings, SITE_NAMES)
    tmx = etree.fromstring(translation_memory.tmx(edition, SITE_NAMES["en"], strings, "ja")).find("header").get("creationdate")
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    assert view["meta"]["date"] == f"{today}T00:00:00Z"
    assert tmx == f"{today.replace('-', '')}T000000Z"


@pytest.mark.parametrize("doc,key", EDITIONS)
def test_pdf_ua_checks_that_run_offline_pass(site, doc, key):
    """The pdfua package's checks: the part of PDF/UA-1's machine-checkable
    rules that ``pdfua.coverage()`` counts as covered (structure tree,
    MarkInfo, tagged or artifact content, /Lang, title, DisplayDocTitle,
    figures, headings, tables, annotation and link descriptions, PDF/UA
    identification; MAINTAINING.md gives the number, tests/test_readme.py
    checks it against that count). veraPDF, which checks all, is not
    installable here (no package in PyPI, npm or Debian)."""
    report = pdfua.validate(str(path_of(site, doc, key)))
    assert [(f.rule_id, f.message) for f in report.findings] == []


def test_the_facts_give_place_date_signatories_and_that_more_signed_the_declaration_since(edition, strings):
    en = fact_sentences(edition, "declaration", "en", strings["en"])
    assert en[:3] == ["Signed at Washington, D.C., United States, on 12 December 2025.",
                      "Signatories: Japan, United States, Australia, Israel, Republic of Korea, Singapore and United Kingdom.",
                      edition.about("declaration")["signatories_note"]["en"]]
    assert "12 December 2025" in en[2] and re.fullmatch(r"\d+ more since \(as at 4 December 2026\)\.", en[3])
    ja = fact_sentences(edition, "declaration", "ja", strings["ja"])
    assert ja[0] == "2025年12月12日、米国ワシントンD.C.で署名。" and ja[1].count("、") == 6
    assert re.fullmatch(r"その後\d+か国が署名（2026年12月4日現在）。", ja[3])
    joint = fact_sentences(edition, "joint-statement", "en", strings["en"])
    assert len(joint) == 2 and joint[1] == "Signatories: Government of Japan and Government of the United States of America."
