"""The edition's texts as data, read from the sources in docs/.

Imported by the hooks next to it (MkDocs puts a hook's folder on sys.path
while loading it). Every generated view (parallel pages, index of
commitments, search entries, pax-silica.json, plain text) is built from
``read_edition``, so a correction made once in docs/<lang>/*.md shows
everywhere.

- ``read_edition``: every document page in every language, rendered with the
  site's own Markdown extensions, as ordered blocks (title, numbered
  paragraphs, signature lines) with their anchors; plus docs/commitments.yml.
- ``mark_languages``: ``lang`` on runs of the other language inside HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup, NavigableString
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

DATA_FILE = "commitments.yml"
DEFAULT_LANGUAGE = "en"  # the original; also the x-default alternate
# The generated views, as site-relative URLs in the default language's site.
PARALLEL_PAGE = "parallel/{doc}/"
INDEX_PAGE = "commitments/"
TEXT_FILE = "downloads/pax-silica-{doc}.{lang}.txt"

# A Japanese phrase: Han, kana, CJK and full-width punctuation, with the Latin
# or Cyrillic letters that stand inside it ("ドナルド・J・トランプ", "ロジстиクス").
_JA = r"[\u2015\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_JAPANESE_RUN = re.compile(rf"{_JA}(?:[\u2026A-Za-z0-9.\u0400-\u04ff]*{_JA})*\u2026?")
# An English phrase inside Japanese text: two or more Latin words.
_ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z0-9.,'\"/-]*(?:[ ]+[A-Za-z0-9.,'\"/-]+)+")
_SKIP = {"code", "pre", "script", "style"}


@dataclass
class Block:
    """One addressable block of a document: its title, a paragraph, a signature line."""

    anchor: str
    kind: str                 # title | paragraph | signature
    number: int | None        # 8 for #p8; None for the title and signature lines
    html: str                 # inner HTML as rendered from the source
    text: str                 # the same as plain text


@dataclass
class Document:
    id: str                   # declaration | joint-statement
    lang: str
    page: str                 # source path relative to docs/<lang>/, e.g. declaration.md
    url: str                  # site-relative URL, e.g. ja/declaration/
    blocks: list[Block]

    @property
    def title(self) -> Block:
        return self.blocks[0]

    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    def block(self, anchor: str) -> Block:
        return next(b for b in self.blocks if b.anchor == anchor)


@dataclass
class Edition:
    languages: list[str]      # the original first
    documents: dict[str, dict[str, Document]]   # id -> lang -> Document, in data-file order
    data: dict = field(default_factory=dict)    # docs/commitments.yml

    def label(self, doc: str, anchor: str) -> dict | None:
        return (self.data["paragraphs"].get(doc) or {}).get(anchor, {}).get("label")

    def tags(self, doc: str, anchor: str) -> list[str]:
        return (self.data["paragraphs"].get(doc) or {}).get(anchor, {}).get("tags", [])


def page_language(page) -> str:
    """The locale mkdocs-static-i18n assigned to the page's file."""
    return getattr(page.file, "locale", DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE


def in_language(lang: str, url: str, default: str = DEFAULT_LANGUAGE) -> str:
    """A site-relative URL of the default language's site, in ``lang``'s site."""
    return url if lang == default else f"{lang}/{url}"


def site_url_of(lang: str, page: str, default: str) -> str:
    """The site-relative URL of a page: ('ja', 'declaration.md') -> 'ja/declaration/'."""
    stem = page[:-3]
    return in_language(lang, "" if stem == "index" else f"{stem}/", default)


def read_blocks(text: str, config) -> tuple[dict, list[Block]]:
    """(front matter, blocks) of a document page's Markdown source."""
    body, meta = get_data(text)
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    soup = BeautifulSoup(md.convert(body), "html.parser")
    blocks = []
    for el in soup.find_all(["h1", "p"], id=True):
        anchor = el["id"]
        if el.name == "h1":
            kind, number = "title", None
        elif "signature" in el.get("class", []):
            kind, number = "signature", None
        else:
            kind = "paragraph"
            number = int(anchor[1:]) if re.fullmatch(r"p\d+", anchor) else None
        blocks.append(Block(anchor, kind, number, el.decode_contents(), el.get_text()))
    return meta or {}, blocks


def read_data(docs_dir: Path) -> dict:
    """docs/commitments.yml, with an error that names the file for bad YAML."""
    path = docs_dir / DATA_FILE
    try:
        with open(path, "rb") as f:
            data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # libyaml: ~20x faster
    except OSError as e:
        raise PluginError(f"{path}: cannot read: {e.strerror}")
    except Exception as e:  # YAML errors carry their own line and column
        raise PluginError(f"{path}: invalid YAML: {e}")
    for key in ("documents", "topics", "paragraphs"):
        data.setdefault(key, {})
    return data


_cache: dict = {}


def read_edition(config) -> Edition:
    """All documents in all languages, read once per change of the sources."""
    docs_dir = Path(config.docs_dir)
    i18n = config.plugins["i18n"].config
    languages = [l.locale for l in sorted(i18n.languages, key=lambda l: not l.default) if l.build]
    sources = sorted(docs_dir.glob("*/*.md")) + [docs_dir / DATA_FILE]
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sources if p.exists())
    if _cache.get("stamp") == stamp:
        return _cache["edition"]
    data = read_data(docs_dir)
    found: dict[str, dict[str, Document]] = {}
    for lang in languages:
        for path in sorted((docs_dir / lang).glob("*.md")):
            meta, blocks = read_blocks(path.read_text(encoding="utf-8-sig"), config)
            doc = meta.get("document")
            if doc:
                url = site_url_of(lang, path.name, languages[0])
                found.setdefault(doc, {})[lang] = Document(doc, lang, path.name, url, blocks)
    order = list(data["documents"]) + sorted(set(found) - set(data["documents"]))
    edition = Edition(languages, {doc: found[doc] for doc in order if doc in found}, data)
    _cache.update(stamp=stamp, edition=edition)
    return edition


def mark_languages(html: str, lang: str) -> str:
    """Wrap runs of the other language in ``<span lang=…>``."""
    other, pattern = ("ja", _JAPANESE_RUN) if lang == "en" else ("en", _ENGLISH_RUN)
    soup = BeautifulSoup(html, "html.parser")
    for text in list(soup.find_all(string=True)):
        if type(text) is not NavigableString:  # comments, doctypes: not text
            continue
        if any(p.name in _SKIP or p.get("lang") for p in text.parents if p.name):
            continue
        pieces, last = [], 0
        for match in pattern.finditer(text):
            pieces.append(text[last:match.start()])
            span = soup.new_tag("span", lang=other)
            span.string = match.group(0)
            pieces.append(span)
            last = match.end()
        if not last:
            continue
        pieces.append(text[last:])
        text.replace_with(*[p for p in pieces if p != ""])
    return str(soup)
