"""Cite and share: the metadata of the document pages, a page of its own for
every numbered paragraph, and the citation files, each read back with the
tools that reference managers and link previews use."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import bibtexparser
import citeproc
import extruct
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from conftest import DOCUMENTS, LANGUAGES, OTHER, ROOT, SITE_URL, page_path, toggle_language
from pax_silica.model import read_edition
from pax_silica.settings import read_settings

DATES = {"joint-statement": "2025-12-11", "declaration": "2025-12-12"}
STYLE = Path(citeproc.__file__).parent / "data/styles/harvard-cite-them-right.csl"   # bundled with citeproc-py


@pytest.fixture(scope="module")
def edition():
    return read_edition(read_settings(ROOT / "mkdocs.yml"))


def extract(site, url_path):
    html = (site / url_path / "index.html").read_text(encoding="utf-8")
    return extruct.extract(html, base_url=SITE_URL + url_path, syntaxes=["json-ld", "opengraph"], uniform=True)


def meta_names(soup_page, name):
    return [m["content"] for m in soup_page.select(f'head meta[name="{name}"]')]


def paragraph_pages(edition):
    return [(doc, lang, block) for doc, docs in edition.documents.items() for lang, d in docs.items()
            for block in d.paragraphs()]


# --- metadata on the document pages ------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_document_pages_describe_themselves_as_legislation_in_json_ld(site, edition, lang, document):
    data = extract(site, page_path(lang, f"{document}/"))["json-ld"]
    assert len(data) == 1
    law = data[0]
    url = SITE_URL + page_path(lang, f"{document}/")
    assert law["@type"] == "Legislation" and law["@id"] == law["url"] == url
    assert law["name"] == edition.documents[document][lang].title.text and law["inLanguage"] == lang
    assert law["legislationDate"] == law["datePublished"] == DATES[document]
    assert law["legislationType"] == {"joint-statement": {"en": "Joint Statement", "ja": "共同声明"},
                                      "declaration": {"en": "Declaration", "ja": "宣言"}}[document][lang]
    signatories = [s[lang] for s in edition.about(document)["signatories"]]
    assert [g["name"] for g in law["legislationPassedBy"]] == signatories
    assert law["isPartOf"]["url"] == SITE_URL + page_path(lang, "")
    other = SITE_URL + page_path(OTHER[lang], f"{document}/")
    if lang == "en":
        assert law["legislationLegalValue"].endswith("AuthoritativeLegalValue")
        assert [t["@id"] for t in law["workTranslation"]] == [other]
    else:
        assert law["legislationLegalValue"].endswith("UnofficialLegalValue")
        assert law["translationOfWork"]["@id"] == other and "仮訳" in law["description"]
    parts = law["hasPart"]
    paragraphs = edition.documents[document][lang].paragraphs()
    assert [p["@id"] for p in parts] == [f"{url}#{b.anchor}" for b in paragraphs]
    assert [p["position"] for p in parts] == [b.number for b in paragraphs]
    assert [p["text"] for p in parts] == [b.text for b in paragraphs]
    assert [p["url"] for p in parts] == [f"{url}{b.anchor}/" for b in paragraphs]   # the paragraph's page
    assert [[(s["@id"], s["position"]) for s in p["hasPart"]] for p in parts] == [
        [(f"{url}#{s.anchor}", s.number) for s in b.sentences] for b in paragraphs]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_document_pages_have_open_graph_twitter_and_highwire_tags(site, soup, edition, lang, document):
    og = extract(site, page_path(lang, f"{document}/"))["opengraph"][0]
    url = SITE_URL + page_path(lang, f"{document}/")
    page = soup(lang, f"{document}/")
    assert og["og:url"] == url == page.select_one('link[rel="canonical"]')["href"]
    assert og["og:title"] == edition.documents[document][lang].title.text
    assert og["og:description"] == page.select_one('meta[name="description"]')["content"]
    assert og["@type"] == "article" and og["og:site_name"]   # extruct (uniform) names og:type "@type"
    assert og["og:locale"] == {"en": "en_US", "ja": "ja_JP"}[lang]
    assert og["og:locale:alternate"] == {"en": "ja_JP", "ja": "en_US"}[lang]
    assert meta_names(page, "twitter:card") == ["summary_large_image"]   # the image: tests/test_previews.py
    assert meta_names(page, "citation_title") == [edition.documents[document][lang].title.text]
    assert meta_names(page, "citation_author") == [s[lang] for s in edition.about(document)["signatories"]]
    assert meta_names(page, "citation_publication_date") == [DATES[document].replace("-", "/")]
    assert meta_names(page, "citation_language") == [lang]
    assert meta_names(page, "citation_public_url") == [url]


# --- a page per numbered paragraph --------------------------------------------

def test_28_paragraph_pages_preview_their_own_words(site, soup, edition):
    pages = paragraph_pages(edition)
    assert len(pages) == 28
    for doc, lang, block in pages:
        path = page_path(lang, f"{doc}/{block.anchor}/")
        og = extract(site, path)["opengraph"][0]
        page = soup(lang, f"{doc}/{block.anchor}/")
        description = page.select_one('meta[name="description"]')["content"]
        limit = 160 if lang == "en" else 120
        assert og["og:description"] == description and len(description) <= limit
        words = description.removesuffix("…")
        assert block.text.startswith(words) and (description == block.text or description.endswith("…"))
        if lang == "en" and description != block.text:
            assert block.text[len(words)] in " ,;:", "cut at a word boundary"
        assert og["og:url"] == SITE_URL + path == page.select_one('link[rel="canonical"]')["href"]
        title = page.select_one("title").get_text()
        assert block.text[:12] in title and block.text[:12] in og["og:title"]
        assert page.select_one(f"article #{block.anchor}") is not None
        assert [s["id"] for s in page.select(f"article #{block.anchor} .sentence")] == [s.anchor for s in block.sentences]
        other = page.select_one(f'article .paragraph-other[lang="{OTHER[lang]}"]')
        assert other.select_one("p:not(.paragraph-other-label)").get_text() == \
            edition.documents[doc][OTHER[lang]].block(block.anchor).text
        assert page.select_one("article .paragraph-in-context a")["href"] == f"../#{block.anchor}"


def test_paragraph_pages_describe_the_paragraph_in_json_ld(site, edition):
    for doc, lang, block in paragraph_pages(edition):
        path = page_path(lang, f"{doc}/{block.anchor}/")
        [law] = extract(site, path)["json-ld"]
        document = SITE_URL + page_path(lang, f"{doc}/")
        assert law["@type"] == "Legislation" and law["@id"] == f"{document}#{block.anchor}"
        assert law["url"] == SITE_URL + path and law["inLanguage"] == lang and law["position"] == block.number
        assert law["text"] == block.text and law["isPartOf"]["@id"] == document
        assert [(s["@id"], s["position"], s["text"]) for s in law["hasPart"]] == [
            (f"{document}#{s.anchor}", s.number, s.text) for s in block.sentences]
        other = SITE_URL + page_path(OTHER[lang], f"{doc}/") + f"#{block.anchor}"
        if lang == "en":
            assert [t["@id"] for t in law["workTranslation"]] == [other]
            assert law["legislationLegalValue"].endswith("AuthoritativeLegalValue")
        else:
            assert law["translationOfWork"]["@id"] == other
            assert law["legislationLegalValue"].endswith("UnofficialLegalValue")


def test_paragraph_pages_are_in_the_sitemap_with_alternates_and_not_in_search(site, edition):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {u.findtext("s:loc", namespaces=namespaces): {l.get("hreflang"): l.get("href") for l in u.findall("x:link", namespaces)}
            for u in ElementTree.parse(site / "sitemap.xml").getroot()}
    for doc, lang, block in paragraph_pages(edition):
        url = SITE_URL + page_path(lang, f"{doc}/{block.anchor}/")
        assert urls[url] == {l: SITE_URL + page_path(l, f"{doc}/{block.anchor}/") for l in LANGUAGES}
    for lang in LANGUAGES:
        index = json.loads((site / page_path(lang, "search/search_index.json")).read_text(encoding="utf-8"))
        assert not [d for d in index["docs"] if "/p" in d["location"].split("#")[0]], "paragraph pages are searched"


def test_paragraph_tools_and_the_index_lead_to_the_paragraph_pages(soup):
    for lang in LANGUAGES:
        assert soup(lang, "declaration/").select_one("#p8 .para-tools a.para-page")["href"] == "p8/"
        index = soup(lang, "commitments/")
        assert index.select_one('a[href="../declaration/p8/"]') is not None


# --- citation files -------------------------------------------------------------

def citation_files(site):
    return sorted((site / "downloads").glob("pax-silica-*.*.bib")) + sorted((site / "downloads").glob("*.ris")) + \
        sorted((site / "downloads").glob("*.csl.json"))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_citation_files_are_read_by_bibtexparser_rispy_and_citeproc(site, edition, lang, document):
    title = edition.documents[document][lang].title.text
    authors = [s[lang] for s in edition.about(document)["signatories"]]
    url = SITE_URL + page_path(lang, f"{document}/")
    stem = site / "downloads" / f"pax-silica-{document}.{lang}"

    library = bibtexparser.parse_string(Path(f"{stem}.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    assert entry.entry_type == "misc" and entry["title"].strip("{}") == title
    assert [a.strip("{}") for a in entry["author"].split(" and ")] == authors
    assert entry["year"] == "2025" and entry["date"] == DATES[document] and entry["url"] == url
    assert entry["language"] == {"en": "english", "ja": "japanese"}[lang]
    assert ("仮訳" in entry["note"]) == (lang == "ja")

    record, = rispy.loads(Path(f"{stem}.ris").read_text(encoding="utf-8"))
    assert record["type_of_reference"] == "GOVDOC" and record["title"] == title and record["authors"] == authors
    assert record["date"] == DATES[document].replace("-", "/") and record["urls"] == [url]
    assert ("仮訳" in record["notes"][0]) == (lang == "ja")

    items = json.loads(Path(f"{stem}.csl.json").read_text(encoding="utf-8"))
    assert items[0]["type"] == "treaty" and items[0]["language"] == lang
    bibliography = CitationStylesBibliography(CitationStylesStyle(str(STYLE), validate=False),
                                              CiteProcJSON(items), formatter.plain)
    citation = Citation([CitationItem(items[0]["id"])])
    bibliography.register(citation)
    bibliography.cite(citation, lambda item: pytest.fail(f"citeproc cannot find {item.key}"))
    formatted = str(bibliography.bibliography()[0])
    assert title in formatted and authors[0] in formatted and "2025" in formatted and url in formatted


def test_twelve_citation_files_linked_from_each_cite_section(site, soup):
    assert len(citation_files(site)) == 12
    for lang in LANGUAGES:
        for page in [f"{d}/" for d in DOCUMENTS] + ["declaration/p8/"]:
            links = soup(lang, page).select("article section.cite .cite-files a[download]")
            assert [l["href"].rsplit(".", 2)[-2:] for l in links] == [[lang, "bib"], [lang, "ris"], ["csl", "json"]]
            for link in links:
                assert (site / page_path(lang, page) / link["href"]).resolve().is_file()


@pytest.mark.parametrize("page, lang, expected", [
    ("declaration/", "en", "Japan, United States, Australia, Israel, Republic of Korea, Singapore, United Kingdom. "
                           "Pax Silica Declaration. Signed at Washington, D.C., United States, 12 December 2025. {url}"),
    ("declaration/", "ja", "日本、米国、豪州、イスラエル、韓国、シンガポール、英国「パックス・シリカ宣言」（仮訳）、"
                           "2025年12月12日、米国ワシントンD.C.で署名。{url}"),
    # a paragraph's page cites the paragraph, at its anchor
    ("declaration/p9/", "en", "Japan, United States, Australia, Israel, Republic of Korea, Singapore, United Kingdom. "
                              "Pax Silica Declaration, ¶9. Signed at Washington, D.C., United States, 12 December 2025. {url}#p9"),
    ("declaration/p9/", "ja", "日本、米国、豪州、イスラエル、韓国、シンガポール、英国「パックス・シリカ宣言」（仮訳）第9段落、"
                              "2025年12月12日、米国ワシントンD.C.で署名。{url}#p9"),
])
def test_the_cite_section_shows_the_citation_in_the_readers_language(soup, page, lang, expected):
    cite = soup(lang, page).select_one("article section.cite")
    text = expected.format(url=SITE_URL + page_path(lang, "declaration/"))
    assert cite.select_one(".cite-citation").get_text() == text
    assert cite.select_one("button.para-copy")["data-clipboard-text"] == text


# --- in Chromium ------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_paragraph_page_leads_back_to_the_text_on_to_its_neighbours_and_to_its_translation(browser_page, base_url, lang):
    start = f"{base_url}{page_path(lang, 'declaration/p8/')}"
    browser_page.goto(start)
    browser_page.click(".paragraph-pager a[rel=next]")
    assert browser_page.url == f"{base_url}{page_path(lang, 'declaration/p9/')}"
    browser_page.click(".paragraph-pager a[rel=prev]")
    assert browser_page.url == start
    toggle_language(browser_page, OTHER[lang])
    assert browser_page.url == f"{base_url}{page_path(OTHER[lang], 'declaration/p8/')}"
    browser_page.go_back()
    with browser_page.expect_navigation():
        browser_page.click(".paragraph-in-context a")
    assert browser_page.url == f"{base_url}{page_path(lang, 'declaration/')}#p8"
    assert browser_page.evaluate("""() => {
        const box = document.getElementById('p8').getBoundingClientRect()
        return document.getElementById('p8').matches(':target') && box.top >= 48 && box.top < innerHeight }""")


# --- the Cite section of a paragraph's page, and the parallel view's columns ------

def test_every_paragraphs_page_cites_that_paragraph_and_offers_the_documents_records(soup, edition):
    lead = {"en": ("To cite this paragraph:", "The whole document, for reference managers:"),
            "ja": ("この段落を引用するには：", "文献管理ソフト用（文書全体）：")}
    for doc, lang, block in paragraph_pages(edition):
        cite = soup(lang, f"{doc}/{block.anchor}/").select_one("article section.cite")
        text = cite.select_one(".cite-citation").get_text()
        number = f"¶{block.number}." if lang == "en" else f"第{block.number}段落、"
        assert number in text and edition.documents[doc][lang].title.text in text, text
        assert text.endswith((" ", "。")[lang == "ja"] + SITE_URL + page_path(lang, f"{doc}/") + f"#{block.anchor}")
        assert cite.select_one("button.para-copy")["data-clipboard-text"] == text
        paragraphs = cite.find_all("p")
        assert paragraphs[0].get_text() == lead[lang][0]
        assert cite.select_one(".cite-records").get_text().startswith(lead[lang][1])
    for lang in LANGUAGES:   # the document page still cites the whole document
        text = soup(lang, "declaration/").select_one("article section.cite .cite-citation").get_text()
        assert text.endswith(SITE_URL + page_path(lang, "declaration/"))


JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_each_parallel_column_cites_wholly_in_its_own_language_and_names_its_buttons(soup, edition, lang, document):
    names = {"en": {"en": "in English", "ja": "in Japanese"}, "ja": {"en": "英語の", "ja": "日本語の"}}[lang]
    buttons = 0
    for row in soup(lang, f"parallel/{document}/").select("article .parallel-row"):
        labels = []
        for cell in row.select(".parallel-cell"):
            cell_lang = cell["lang"]
            title = edition.documents[document][cell_lang].title.text
            for button in cell.select("button.sentence-copy"):
                buttons += 1
                citation, label = button["data-clipboard-text"], button["aria-label"]
                n, m = row["id"][1:], button.find_parent(class_="sentence")["data-s"]
                assert citation.startswith(title) and citation.endswith(
                    " — " + SITE_URL + page_path(cell_lang, f"{document}/") + f"#p{n}-s{m}"), citation
                words = citation.removeprefix(title).split(" — ")[0]
                if cell_lang == "en":
                    assert not JAPANESE.search(words) and f"¶{n}" in words and "sentence" in words, citation
                else:
                    assert words.strip() == f"第{n}段落第{m}文", citation
                assert names[cell_lang] in label and not button.get("title")   # no tooltip over the words
                assert button.get("lang", cell_lang) == lang and (cell_lang == lang) == ("lang" not in button.attrs)
                labels.append(label)
        assert len(labels) == len(set(labels)), f"#{row['id']}: two buttons have the same name"
    assert buttons == 2 * sum(len(b.sentences) for b in edition.documents[document]["en"].paragraphs())
