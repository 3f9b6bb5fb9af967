"""Link-preview images: every page (document, paragraph and every other
page: home, side by side, index, glossary, notes, about) names its own, in
its language, with the Open Graph and Twitter tags a link preview reads;
each is a 1200 x 630 PNG well under 300 KB, set with Japanese line breaking
that is measured on the real texts."""

from __future__ import annotations

import re
import struct
import subprocess

import pytest
import yaml
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from conftest import DOCUMENTS, LANGUAGES, ROOT, SITE_URL, line_break_faults, page_path
from pax_silica import press, previews
from pax_silica.model import read_edition
from pax_silica.settings import read_settings
from pax_silica.typeset import typeset
from pax_silica.ui import STRINGS, read_strings

SETTINGS = read_settings(ROOT / "mkdocs.yml")
SITE_NAMES = SETTINGS.site_names


@pytest.fixture(scope="module")
def edition():
    return read_edition(SETTINGS, convert="documents")


@pytest.fixture(scope="module")
def cards(edition, site):
    """Every card: the documents' and paragraphs' from the model, the other
    pages' titled by the h1 each page shows (as the build titles them)."""
    strings = read_strings(STRINGS, list(LANGUAGES))
    titles = {}
    for pages in edition.pages.values():
        for page in pages.values():
            h1 = None if page.document else BeautifulSoup((site / page.url / "index.html").read_bytes(), "lxml").h1
            if h1 is not None:
                titles[page.url] = " ".join(h1.get_text().split())
    return previews.document_cards(edition, strings, SITE_NAMES) + previews.page_cards(edition, strings, SITE_NAMES, titles)


@pytest.fixture(scope="module")
def preview_html():
    """overrides/edition/preview.html with some cards, as the build renders it (autoescaped)."""
    template = Environment(loader=FileSystemLoader(ROOT / "overrides"), autoescape=True).get_template(
        "edition/preview.html")
    return lambda views: template.render(cards=views)


OTHER_PAGES = ["", "parallel/declaration/", "parallel/joint-statement/", "commitments/", "glossary/", "notes/",
               "about/", "status/"]


def pages_with_previews(edition):
    """(lang, site-relative page URL) of every page: the document pages,
    the paragraph pages, the other pages."""
    found = []
    for doc in DOCUMENTS:
        for lang in LANGUAGES:
            found.append((lang, page_path(lang, f"{doc}/")))
            found += [(lang, page_path(lang, f"{doc}/{b.anchor}/")) for b in edition.documents[doc][lang].paragraphs()]
    return found + [(lang, page_path(lang, page)) for lang in LANGUAGES for page in OTHER_PAGES]


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def image_name(url: str, lang: str) -> str:
    """The card a page's address calls for, worked out from the address:
    declaration/p8/ -> previews/declaration-p8.en.png, ja/parallel/declaration/
    -> previews/parallel-declaration.ja.png, the home page -> previews/index.ja.png."""
    path = url[len(lang) + 1:] if lang != "en" else url
    name = re.sub(r"/(p\d+)/$", r"-\1", path).strip("/").replace("/", "-") or "index"
    return f"previews/{name}.{lang}.png"


def own_words(site, lang: str, url: str) -> dict:
    """What a page's card must show, read from the page itself and the data
    files (never from pax_silica.previews): its heading (a paragraph's label
    from docs/commitments.yml, or the page's h1), the document's title above a
    paragraph, and the page's address."""
    html = BeautifulSoup((site / url / "index.html").read_bytes(), "lxml")
    for link in html.select("h1 a.headerlink"):
        link.decompose()
    words = {"address": html.find("link", rel="canonical")["href"].split("://", 1)[1],
             "heading": html.h1.get_text(" ", strip=True)}
    match = re.fullmatch(r"(?:ja/)?([\w-]+)/p(\d+)/", url)
    if match:
        doc, number = match.groups()
        label = COMMITMENTS["paragraphs"][doc][f"p{number}"]["label"][lang]
        document = BeautifulSoup((site / url / ".." / "index.html").read_bytes(), "lxml")
        for link in document.select("h1 a.headerlink"):
            link.decompose()
        words.update(heading=label, kicker=document.h1.get_text(" ", strip=True))
    return words


COMMITMENTS = yaml.safe_load((ROOT / "docs" / "commitments.yml").read_text(encoding="utf-8"))


def test_every_page_names_its_image(site, edition):
    pages = pages_with_previews(edition)
    assert len(pages) == len(list((site / "previews").glob("*.png")))
    for lang, url in pages:
        html = BeautifulSoup((site / url / "index.html").read_bytes(), "lxml")
        head = html.head
        prop = {m["property"]: m["content"] for m in head.find_all("meta", property=True)}
        name = {m["name"]: m["content"] for m in head.find_all("meta", attrs={"name": True})}
        path = image_name(url, lang)
        assert prop["og:image"] == SITE_URL + path
        assert (prop["og:image:width"], prop["og:image:height"], prop["og:image:type"]) == ("1200", "630", "image/png")
        data = (site / path).read_bytes()
        assert png_size(data) == (1200, 630)
        assert len(data) < 100_000, f"{path}: {len(data)} bytes"     # the issue asks well under 300 KB
        assert prop["og:image:alt"] == name["twitter:image:alt"] and own_words(site, lang, url)["heading"] in prop["og:image:alt"]
        assert name["twitter:card"] == "summary_large_image"
        assert prop["og:url"] == SITE_URL + url and prop["og:locale"] == {"en": "en_US", "ja": "ja_JP"}[lang]
        assert prop["og:description"] == head.find("meta", attrs={"name": "description"})["content"]
        if not re.fullmatch(r"(?:ja/)?(?:[\w-]+/p\d+/|declaration/|joint-statement/)", url):   # the other pages
            assert prop["og:title"] == own_words(site, lang, url)["heading"] and prop["og:type"] == "website"


def flat(text: str, lang: str) -> str:
    return re.sub(r"\s+", "" if lang == "ja" else " ", text).strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_card_shows_its_pages_own_words(site, tmp_path, cards, preview_html, lang):
    """The text of each card, read back by pdftotext from the PDF its PNG is
    rastered from (the next test proves the published PNG is that PDF's):
    the edition's name, the page's heading (the paragraph's label, cut with
    "…" where it is long), the document above a paragraph, the page's address."""
    mine = [card for card in cards if card.lang == lang]
    path = tmp_path / f"cards.{lang}.pdf"
    path.write_bytes(typeset(preview_html([card.view for card in mine]), tagged=False))
    pages = pdftotext(path).split("\f")[:-1]
    assert len(pages) == len(mine)
    site_name = SITE_NAMES[lang]
    for card, page in zip(mine, pages):
        url = card.page
        assert card.path == image_name(url, lang)
        text, words = flat(page, lang), own_words(site, lang, url)
        assert flat(site_name, lang) in text and flat(words["address"], lang) in text, card.path
        heading = flat(words["heading"], lang)
        shown = heading if heading in text else heading[:12]        # a long heading is cut after its lines
        assert shown in text, (card.path, heading, text)
        if "kicker" in words:
            assert flat(words["kicker"], lang)[:12] in text, card.path


def test_the_published_images_are_the_cards_set_from_the_model(site, cards, preview_html):
    """Setting the cards again (as the build does, with no cache) gives the
    very bytes published: what the next test measures is what is shown."""
    _, jobs = previews.jobs(cards, preview_html, press.Cache.off())
    again = press.set_all(jobs)
    for card in cards:
        assert again[card.path] == (site / card.path).read_bytes(), card.path


def test_a_card_is_the_same_image_whichever_cards_are_set_with_it(site, cards, preview_html):
    """The build sets a language's cards as one sheet (documents and
    paragraphs first, the other pages once rendered), the preview only those
    that changed: a card alone gives the published bytes."""
    for card in cards[:2] + cards[-2:]:
        _, jobs = previews.jobs([card], preview_html, press.Cache.off())
        assert press.set_all(jobs)[card.path] == (site / card.path).read_bytes(), card.path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_line_of_a_card_breaks_japanese_rules(tmp_path, cards, preview_html, lang):
    """Each card's lines, as PDFium rasters them (the PDF the PNG is made
    from), read back by pdftotext: no line starts with 、。」 or a small kana,
    none ends with 「（. The Japanese cards' headings and texts wrap: this
    measures real breaks."""
    mine = [card for card in cards if card.lang == lang]
    path = tmp_path / f"cards.{lang}.pdf"
    path.write_bytes(typeset(preview_html([card.view for card in mine]), tagged=False))
    pages = pdftotext(path).split("\f")[:-1]
    assert len(pages) == len(mine)
    wrapped = 0
    for card, page in zip(mine, pages):
        lines = page.splitlines()
        assert line_break_faults(lines) == [], card.path
        heading = card.view["heading"]
        heading_lines = [line.strip() for line in lines if line.strip() and line.strip() in heading]
        if lang == "ja" and len(heading_lines) > 1:     # no word cut to leave one character alone: 宣 / 言
            assert len(heading_lines[-1]) > 1, (card.path, heading_lines)
        wrapped += sum(1 for line in lines if line.strip() and line.strip() in heading and line.strip() != heading)
        assert card.view["address"] in page.replace("\n", "")
    assert wrapped > len(mine) / 2, "most headings wrap over lines"
