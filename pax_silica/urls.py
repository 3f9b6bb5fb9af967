"""Every URL of the edition, in one place.

Site-relative URLs are those of the default language's site ("declaration/",
"ja/declaration/"); ``absolute`` makes every absolute URL (canonical,
hreflang, pax-silica.json, the schema's ``$id``, the plain-text and PDF
files, citations, preview images) from ``site_url``; ``relative`` is the link from one page to
another, as MkDocs writes them.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin

PARALLEL_PAGE = "parallel/{doc}/"
PARAGRAPH_PAGE = "{doc}/p{n}/"                             # a numbered paragraph's own page
INDEX_PAGE = "commitments/"
GLOSSARY_PAGE = "glossary/"
ABOUT_PAGE = "about/"
NOTES_PAGE = "notes/"
TEXT_FILE = "downloads/pax-silica-{doc}.{lang}.txt"
PDF_FILE = "downloads/pax-silica-{doc}.{lang}.pdf"          # lang "en-ja": both languages
PREVIEW_FILE = "previews/{page}.{lang}.png"               # page: declaration, declaration-p8 (preview_file)
EXPORT_FILE = "pax-silica.json"
TMX_FILE = "downloads/pax-silica.{original}-{target}.tmx"  # the translation memory of one translation
TBX_FILE = "downloads/pax-silica-glossary.tbx"             # the termbase
GLOSSARY_TSV_FILE = "downloads/pax-silica-glossary.en-ja.utf8"   # OmegaT's tab-separated glossary
SCHEMA_FILE = "pax-silica.schema.json"
SEARCH_INDEX = "search/search_index.json"                 # each language's, in its site
SEARCH_WORKER = "assets/javascripts/workers/search.js"    # ours, in front of Material's


def absolute(site_url: str, url: str = "") -> str:
    """The absolute URL of a site-relative URL: the one way to make one."""
    return urljoin(site_url or "/", url)


def in_language(lang: str, url: str, default: str) -> str:
    """A site-relative URL of the default language's site, in ``lang``'s site."""
    return url if lang == default else f"{lang}/{url}"


def language_of(location: str, languages: list[str]) -> str:
    """The language of a site-relative location: 'ja/declaration/' -> 'ja'."""
    first = location.split("/", 1)[0]
    return first if first in languages[1:] else languages[0]


def page_url(lang: str, source: str, default: str) -> str:
    """The URL of a source page: ('ja', 'parallel/declaration.md') -> 'ja/parallel/declaration/'."""
    stem = source[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    return in_language(lang, f"{stem}/" if stem and not stem.endswith("/") else stem, default)


def relative(url: str, base: str) -> str:
    """The link from the page at ``base`` to ``url`` (both site-relative),
    as MkDocs' get_relative_url writes it: '../parallel/declaration/#p8'."""
    head, tail = posixpath.split(base)
    base = head if "." in tail else base
    link = posixpath.relpath("/" + url, "/" + base)
    return link + "/" if url.endswith("/") and not link.endswith("/") else link


def paragraph_page(doc: str, number: int) -> str:
    """The site-relative URL of a numbered paragraph's own page: declaration/p8/."""
    return PARAGRAPH_PAGE.format(doc=doc, n=number)


def preview_file(page: str, lang: str) -> str:
    """The link-preview image in ``lang`` of ``page``: a document's id, the
    default language's URL of any other page (a paragraph's, the home page's):
    previews/declaration.en.png, previews/declaration-p8.ja.png, previews/index.en.png."""
    return PREVIEW_FILE.format(page=page.strip("/").replace("/", "-") or "index", lang=lang)


def tmx_file(original: str, target: str) -> str:
    """The translation memory from the original into ``target``: downloads/pax-silica.en-ja.tmx."""
    return TMX_FILE.format(original=original, target=target)
