"""pax_silica.model: the one model of the edition, read from the real sources,
and its one rule for what a block is; the built pages agree with it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils import get_relative_url

from conftest import DOCUMENTS, LANGUAGES, ROOT, anchored_blocks, text_of
from pax_silica import urls
from pax_silica.model import blocks_of, read_edition
from pax_silica.settings import read_settings


@pytest.fixture(scope="module")
def edition():
    return read_edition(read_settings(ROOT / "mkdocs.yml"), shown_from=ROOT)


def test_settings_come_from_mkdocs_yml_as_mkdocs_reads_them():
    settings = read_settings(ROOT / "mkdocs.yml")
    assert settings.languages == ["en", "ja"]
    assert {"attr_list", "md_in_html", "pymdownx.blocks.admonition"} <= set(settings.extensions)
    assert {"toc", "tables", "fenced_code"} <= set(settings.extensions), "MkDocs always adds these"
    assert settings.docs_dir == ROOT / "docs"


def test_the_model_has_both_documents_in_both_languages_with_the_same_anchors(edition):
    assert list(edition.documents) == ["joint-statement", "declaration"]  # the data file's order
    for doc, docs in edition.documents.items():
        assert list(docs) == list(LANGUAGES)
        anchors = {lang: [b.anchor for b in d.anchored()] for lang, d in docs.items()}
        assert anchors["en"] == anchors["ja"]
    declaration = edition.documents["declaration"]["en"]
    assert [b.number for b in declaration.paragraphs()] == list(range(1, 13))
    statement = edition.documents["joint-statement"]["ja"]
    assert [b.anchor for b in statement.signature_lines()] == ["signed", "for-japan", "for-usa"]
    assert statement.url == "ja/joint-statement/" and declaration.url == "declaration/"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_built_page_shows_exactly_the_models_blocks(edition, soup, lang, document):
    model = edition.documents[document][lang]
    built = anchored_blocks(soup(lang, f"{document}/"))
    assert [anchor for anchor, _ in built] == [b.anchor for b in model.anchored()]
    assert [text_of(el) for _, el in built] == [b.text for b in model.anchored()]


def test_one_rule_for_what_a_block_is():
    html = """<h1 id="title">T</h1>
    <p id="p8">A numbered paragraph.</p>
    <p id="intro">An anchored paragraph that is not numbered.</p>
    <p id="for-japan" class="signature">For Japan</p>
    <p class="lang-only">For one language's readers.</p>
    <ul><li>Item <em>one</em><ul><li>nested</li></ul></li></ul>
    <div class="admonition note"><p class="admonition-title">Note</p><p>Body</p></div>
    <table><tr><td>a</td></tr><tr><td>b</td></tr></table>
    <p>{: #p9 }</p>"""
    blocks = blocks_of(BeautifulSoup(html, "html.parser"))
    kinds = [(b.kind, b.anchor, b.number, b.text, b.lang_only) for b in blocks]
    assert kinds == [
        ("heading", "title", None, "T", False),
        ("paragraph", "p8", 8, "A numbered paragraph.", False),
        ("paragraph", "intro", None, "An anchored paragraph that is not numbered.", False),
        ("signature", "for-japan", None, "For Japan", False),
        ("paragraph", None, None, "For one language's readers.", True),
        ("item", None, None, "Item one", False),
        ("item", None, None, "nested", False),
        ("admonition", None, None, "Note", False),
        ("paragraph", None, None, "Note", False),
        ("paragraph", None, None, "Body", False),
        ("table", None, None, "ab", False),
        ("paragraph", "p9", 9, "", False),   # only an attribute list: an empty paragraph #p9
    ]
    assert blocks[-2].level == 2, "a table's level is its number of rows"


@pytest.mark.parametrize("url, base", [
    ("declaration/#p8", "parallel/declaration/"), ("ja/declaration/", "declaration/"), ("", "ja/"),
    ("downloads/pax-silica-declaration.en.txt", "declaration/"), ("commitments/", ""), ("parallel/x/#p1", "404.html"),
])
def test_relative_links_are_written_as_mkdocs_writes_them(url, base):
    assert urls.relative(url, base) == get_relative_url(url, base)


def test_every_absolute_url_is_made_from_the_site_url():
    assert urls.absolute("https://example.org/ed/", "ja/declaration/#p8") == "https://example.org/ed/ja/declaration/#p8"
    assert urls.page_url("ja", "parallel/declaration.md", "en") == "ja/parallel/declaration/"
    assert urls.page_url("en", "index.md", "en") == "" and urls.page_url("ja", "index.md", "en") == "ja/"
