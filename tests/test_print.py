"""Printing a document: Chromium prints each document in each language to PDF
(A4, saved under test-artifacts/), and the PDF's text has the title, every
paragraph, every paragraph number, on the first page the document's facts
between the title and ¶ 1, the provisional-translation notice
(Japanese) and the page's address, and none of the site's header, navigation,
language selector or footer; Japanese is set in a Japanese font."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ARTIFACTS, DOCUMENTS, LANGUAGES, page_path

CHROME = ".md-header, .md-sidebar, .md-footer, .doc-links"  # on screen only
NOT_PRINTED = [".md-header", ".md-sidebar--primary", ".md-search", ".md-select", ".md-footer", ".para-copy"]
JAPANESE_FONT = re.compile(r"CJK ?JP|Hiragino|Yu ?Gothic|Meiryo|Source ?Han ?Sans ?JP|Noto ?Sans ?JP", re.I)
OTHER_CJK_FONT = re.compile(r"CJK ?(SC|TC|HK|KR)\b", re.I)  # Chinese or Korean glyph shapes
IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
RADICAL = "[\u2e80-\u2eff]"  # Chromium's PDF text maps some kanji to the radical sharing its glyph


def norm(text: str) -> str:
    """Text for comparison: NFKC (Kangxi radicals become kanji), one kind of
    middle dot and of dash (glyphs a Japanese font shares), no whitespace
    (lines and pages break anywhere)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2027", "・").replace("\u2015", "\u2014")
    return re.sub(r"\s+", "", text)


def found_pattern(text: str) -> str:
    """A pattern for ``text`` in a PDF's (normalized) text, a kanji standing for itself or any radical."""
    return "".join(f"(?:{c}|{RADICAL})" if IDEOGRAPH.match(c) else re.escape(c) for c in norm(text))


def found(text: str, pdf_text: str) -> bool:
    """``text`` is in ``pdf_text``, a kanji standing for itself or any radical."""
    return re.search(found_pattern(text), pdf_text) is not None


def embedded_fonts(reader: PdfReader) -> set[str]:
    """Names (and families) of the fonts embedded in the PDF."""
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            if font["/Subtype"] == "/Type3" or {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor):
                names |= {str(descriptor.get("/FontName", font.get("/BaseFont", ""))), str(descriptor.get("/FontFamily", ""))}
    return names


@pytest.fixture(scope="module")
def printed(chromium, base_url):
    """printed(lang, document) -> (PdfReader, the page's HTML) of the document printed by Chromium."""
    cache = {}
    context = chromium.new_context()
    page = context.new_page()

    def load(lang, document):
        if (lang, document) not in cache:
            page.goto(base_url + page_path(lang, f"{document}/"))
            page.wait_for_load_state("networkidle")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / f"print-{document}-{lang}.pdf").write_bytes(pdf)
            cache[lang, document] = PdfReader(io.BytesIO(pdf)), BeautifulSoup(page.content(), "lxml")
        return cache[lang, document]

    yield load
    context.close()


def pdf_text(reader: PdfReader) -> str:
    """The PDF's text, without the paragraph numbers (which print beside the text)."""
    text = "\n".join(page.extract_text() for page in reader.pages)
    return norm(re.sub(r"¶ ?\d*(?=\s|$)", "", text))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_printout_has_title_text_numbers_and_address(printed, lang, document):
    reader, html = printed(lang, document)
    raw = "\n".join(page.extract_text() for page in reader.pages)
    text = pdf_text(reader)
    article = html.select_one("article")
    source = norm(article.select_one(".print-source").get_text())  # site name — address
    assert source.endswith(norm(html.select_one("link[rel=canonical]")["href"]))
    assert text.count(source) == 1, "the page's address"
    text = text.replace(source, "")  # may be extracted amid a paragraph broken across pages
    assert found(article.h1.get_text(), text), "title"
    paragraphs = article.select("p.para")
    for para in paragraphs:
        words = "".join(s for s in para.find_all(string=True) if not s.find_parent(class_="para-tools"))
        assert found(words, text), f"#{para['id']} is not in the printout"
    numbers = [p["id"][1:] for p in paragraphs if re.fullmatch(r"p\d+", p["id"])]
    assert re.findall(r"¶ ?(\d+)(?=\s|$)", raw) == numbers
    assert raw.count("¶") == len(paragraphs)  # the signature lines have an unnumbered ¶
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (595, 842), "A4"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_first_printed_page_has_the_facts_between_the_title_and_the_first_paragraph(printed, lang, document):
    reader, html = printed(lang, document)
    first = norm(reader.pages[0].extract_text())
    article = html.select_one("article")
    facts = [norm(part.get_text()) for part in article.select("dl.doc-facts dt, dl.doc-facts dd")]
    assert len(facts) == 8   # signed, signatories (and their note), status, source: label and text
    title = re.search(found_pattern(article.h1.get_text()), first)
    p1 = "".join(s for s in article.select_one("#p1").find_all(string=True) if not s.find_parent(class_="para-tools"))
    start_of_p1 = re.search(found_pattern(p1[:20]), first)
    assert title and start_of_p1, "title and ¶ 1 on the first page"
    for fact in facts:
        where = re.search(found_pattern(fact), first)
        assert where, f"{fact!r} is not on the first printed page"
        assert title.end() <= where.start() and where.end() <= start_of_p1.start(), f"{fact!r} is not before ¶ 1"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_japanese_printout_has_the_provisional_notice(printed, document):
    reader, html = printed("ja", document)
    notice = html.select("article .admonition.provisional p")
    assert len(notice) == 2 and all(found(p.get_text(), pdf_text(reader)) for p in notice)  # title, text
    reader, _ = printed("en", document)
    assert "仮訳" not in pdf_text(reader)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_printout_has_no_header_navigation_or_footer(printed, lang, document):
    reader, html = printed(lang, document)
    text = pdf_text(reader)
    printed_article = html.select_one("article")
    for gone in printed_article.select(".doc-links, .para-tools"):
        gone.decompose()
    article = norm(printed_article.get_text())
    chrome = {s for el in html.select(CHROME) for s in el.stripped_strings if len(norm(s)) > 1}
    assert len(chrome) > 5
    for string in chrome - {s for s in chrome if norm(s) in article}:
        assert norm(string) not in text, f"{string!r} is printed"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_print_hides_header_navigation_search_selector_footer_and_buttons(chromium, base_url, lang):
    page = chromium.new_page()
    try:
        page.goto(base_url + page_path(lang, "declaration/"))
        page.emulate_media(media="print")
        for selector in NOT_PRINTED:
            rendered = page.eval_on_selector_all(selector, "els => els.map(e => e.getClientRects().length > 0)")
            assert rendered and not any(rendered), f"{selector} is printed"
        assert page.locator("article .para-number").first.is_visible()
        assert page.locator(".print-source").is_visible()
        page.emulate_media(media="screen")
        assert not page.locator(".print-source").is_visible()
    finally:
        page.close()


def test_japanese_printout_embeds_a_japanese_font(printed):
    for document in DOCUMENTS:
        fonts = embedded_fonts(printed("ja", document)[0])
        assert any(JAPANESE_FONT.search(name) for name in fonts), fonts
        assert not any(OTHER_CJK_FONT.search(name) for name in fonts), fonts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printed_parallel_rows_do_not_repeat_the_links_to_each_text(chromium, base_url, lang):
    """Each row's links ("English text", "Japanese text") lead nowhere on paper;
    the column heads name the languages once, and every row's texts are printed."""
    page = chromium.new_page()
    try:
        page.goto(base_url + page_path(lang, "parallel/declaration/"))
        html = BeautifulSoup(page.content(), "lxml")
        reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    finally:
        page.close()
    text = pdf_text(reader)
    links = {norm(a.get_text()) for a in html.select("article a.parallel-source")}
    assert len(links) == 2
    for a in html.select("article a.parallel-source"):
        a.decompose()
    rest = norm(html.select_one("article").get_text())
    for link in links:
        assert len(re.findall(found_pattern(link), text)) <= rest.count(link), f"{link!r} is printed on every row"
    for head in html.select(".parallel-head span"):
        if head.get_text():
            assert text.count(norm(head.get_text())) == 1
    for cell in html.select("#p9 .parallel-cell p"):
        assert found(cell.get_text(), text)
