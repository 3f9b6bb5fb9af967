"""The edition as data: one model of the sources in docs/, read once per build.

    edition = read_edition(settings)            # every page, or
    edition = read_edition(settings, convert="documents")

- A **page** is one Markdown source in one language (``docs/<lang>/<path>.md``):
  its text, front matter and, once rendered, its **blocks**.
- ``blocks_of`` is the one rule for what a block is: a heading, a paragraph,
  a signature line (a paragraph with the class ``signature``), a list item,
  an admonition or a table, each with its anchor (``{: #p8 }``), text and
  source line. A paragraph whose anchor is ``p<N>`` is numbered paragraph N.
  The checker, the views, the exports and the tests all ask this model.
- A **document** is a page whose front matter says ``document: <id>``: its
  title (the h1), then its numbered paragraphs and signature lines.
- ``docs/commitments.yml`` gives each document's short title, signature data
  and signatories, the topics, and each paragraph's label and tags.
- A **unit** is what a translation memory aligns: a document's title, one
  sentence of a numbered paragraph (``#p9-s2``) or a signature line, with its
  text in every language (``Edition.units``).
- ``docs/glossary.yml`` holds the glossary's terms (read here, as data with the
  line and column of every value; pax_silica.glossary makes sense of it).

Nothing here imports MkDocs: the build adapts it (overrides/hooks/edition.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html import escape as html_escape
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

from pax_silica import urls
from pax_silica.languages import mark_languages, sentence_separator
from pax_silica.settings import FAST_LOADER, Settings, SourceError, refuse_repeated_keys

DATA_FILE = "commitments.yml"
GLOSSARY_FILE = "glossary.yml"
LANG_ONLY = "lang-only"          # a block for one language's readers only: not compared
SIGNATURE = "signature"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
KIND_NAMES = {"heading": "heading", "paragraph": "paragraph", "signature": "signature line",
              "item": "list item", "admonition": "admonition", "table": "table"}
_NUMBERED = re.compile(r"p([1-9][0-9]*)")
# MkDocs' front matter (mkdocs/utils/meta.py): YAML between --- and --- (or ...).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@dataclass
class Sentence:
    """One sentence of a numbered paragraph: one line of its source."""

    anchor: str               # p9-s2: the same in every language
    number: int               # 2, from 1 in each paragraph
    text: str
    html: str                 # inner HTML (runs of the other language marked)
    line: int = 1


@dataclass
class Block:
    """One block of a page, as the site renders it."""

    kind: str                 # heading | paragraph | signature | item | admonition | table
    anchor: str | None
    text: str                 # plain text, stripped
    html: str = ""            # inner HTML (runs of the other language marked)
    level: int = 0            # heading level; number of rows of a table
    line: int = 1             # where its source starts
    lang_only: bool = False   # for one language's readers only: not compared
    sentences: list[Sentence] = field(default_factory=list)   # of a numbered paragraph

    @property
    def number(self) -> int | None:
        """N for a numbered paragraph (#pN), else None."""
        match = _NUMBERED.fullmatch(self.anchor or "") if self.kind == "paragraph" else None
        return int(match.group(1)) if match else None

    @property
    def key(self) -> tuple:
        return (self.kind, self.level if self.kind == "heading" else 0, self.anchor)

    def describe(self) -> str:
        name = f"h{self.level} heading" if self.kind == "heading" else KIND_NAMES[self.kind]
        return f"{name} #{self.anchor}" if self.anchor else name


@dataclass
class Page:
    """One Markdown source in one language."""

    path: Path                # as shown in messages, e.g. docs/ja/declaration.md
    lang: str
    source: str               # relative to docs/<lang>/, e.g. parallel/declaration.md
    url: str                  # site-relative, e.g. ja/parallel/declaration/
    text: str                 # the whole file, BOM and CR removed
    meta: dict
    body: str                 # the text after the front matter
    offset: int               # lines taken by the front matter
    blocks: list[Block] | None = None   # None until rendered
    html: str | None = field(default=None, repr=False, compare=False)   # as the site's Markdown renders it, once asked (``html_of``)

    @property
    def document(self) -> str | None:
        return self.meta.get("document")


@dataclass
class Document:
    """A document in one language: its title, numbered paragraphs and signature lines."""

    id: str                   # declaration | joint-statement
    lang: str
    page: Page
    blocks: list[Block]       # the title first; a note for one language's readers has no anchor

    @property
    def url(self) -> str:
        return self.page.url

    @property
    def title(self) -> Block:
        return self.blocks[0]

    def anchored(self) -> list[Block]:
        """The blocks every language has: title, paragraphs, signature lines."""
        return [b for b in self.blocks if b.anchor and not b.lang_only]

    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.number]

    def signature_lines(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == SIGNATURE]

    def block(self, anchor: str) -> Block:
        return next(b for b in self.blocks if b.anchor == anchor)


@dataclass
class Data:
    """A YAML data file of docs/ and where each of its keys and values is written."""

    path: Path
    values: dict
    line_of: callable = lambda *keys: 1              # the line of a key
    position_of: callable = lambda *keys: (1, 1)     # (line, column) of a value; keys may be list indexes

    def ensure(self, *keys: str) -> Data:
        """Each of ``keys`` a mapping (empty when missing or not one)."""
        for key in keys:
            if not isinstance(self.values.get(key), dict):
                self.values[key] = {}
        return self


@dataclass
class Unit:
    """One aligned unit of a document: its title, one sentence of a numbered
    paragraph or a signature line, the same address in every language."""

    doc: str
    anchor: str                       # title | p9-s2 | for-japan
    kind: str                         # title | sentence | signature
    texts: dict[str, str]             # lang -> plain text
    lines: dict[str, int]             # lang -> line of its source
    documents: dict[str, "Document"] = field(repr=False)  # lang -> the document it is in
    paragraph: int | None = None      # N and M of a sentence #pN-sM
    sentence: int | None = None

    @property
    def address(self) -> str:
        """The unit's address across the edition: declaration#p9-s2."""
        return f"{self.doc}#{self.anchor}"

    def url(self, lang: str) -> str:
        """Its site-relative URL in ``lang``: ja/declaration/#p9-s2."""
        return f"{self.documents[lang].url}#{self.anchor}"


@dataclass
class Edition:
    settings: Settings
    pages: dict[str, dict[str, Page]]               # lang -> source -> page
    documents: dict[str, dict[str, Document]]       # id -> lang -> document, in data-file order
    data: Data | None
    unreadable: list[str] = field(default_factory=list)   # what could not be read, one message each
    glossary: Data | None = None                          # docs/glossary.yml, when there is one

    @functools.cached_property
    def status_register(self) -> tuple:
        """docs/signatories.yml as pax_silica.register reads it, read once:
        (the register or None, what kept it from being read or None)."""
        from pax_silica.register import load

        return load(self)

    @property
    def languages(self) -> list[str]:
        return self.settings.languages

    @property
    def original(self) -> str:
        return self.settings.languages[0]

    @property
    def topics(self) -> dict:
        return self.data.values["topics"] if self.data else {}

    def about(self, doc: str) -> dict:
        """A document's entry in the data file: short title, signed, signatories."""
        return (self.data.values["documents"].get(doc) if self.data else None) or {}

    def label(self, doc: str, anchor: str) -> dict:
        return self._entry(doc, anchor).get("label") or {}

    def tags(self, doc: str, anchor: str) -> list[str]:
        return self._entry(doc, anchor).get("tags") or []

    def _entry(self, doc: str, anchor: str) -> dict:
        entry = ((self.data.values["paragraphs"].get(doc) or {}) if self.data else {}).get(anchor)
        return entry if isinstance(entry, dict) else {}

    def absolute(self, url: str = "") -> str:
        return urls.absolute(self.settings.site_url, url)

    def units(self) -> list[Unit]:
        """Every aligned unit of every document that every language has, in
        order: the title, each sentence of each numbered paragraph, each
        signature line (a block whose sentences do not align is left out:
        the checker reports it)."""
        found = []
        for doc, docs in self.documents.items():
            if set(docs) != set(self.languages):
                continue
            for block in docs[self.original].anchored():
                blocks = {lang: next((b for b in d.blocks if b.anchor == block.anchor and not b.lang_only), None)
                          for lang, d in docs.items()}
                if any(b is None for b in blocks.values()) or blocks[self.original] is not block:
                    continue    # missing in a language, or an anchor written twice: the checker reports it
                if block.number:
                    if len({len(b.sentences) for b in blocks.values()}) != 1:
                        continue
                    for i, sentence in enumerate(block.sentences):
                        found.append(Unit(doc, sentence.anchor, "sentence",
                                          {lang: b.sentences[i].text for lang, b in blocks.items()},
                                          {lang: b.sentences[i].line for lang, b in blocks.items()},
                                          docs, block.number, sentence.number))
                elif block.kind in ("heading", SIGNATURE):
                    found.append(Unit(doc, block.anchor, "title" if block.kind == "heading" else "signature",
                                      {lang: b.text for lang, b in blocks.items()},
                                      {lang: b.line for lang, b in blocks.items()}, docs))
        return found

    def url(self, lang: str, url: str) -> str:
        """A site-relative URL of the original's site, in ``lang``'s site."""
        return urls.in_language(lang, url, self.original)


# --- reading -----------------------------------------------------------------

def read_text(path: Path, shown: Path) -> str:
    """A source file's text, BOM and CR removed; ``SourceError`` names the file."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{shown}: cannot read: {e.strerror or e}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError(f"{shown}: invalid UTF-8 at byte offset {e.start} (byte 0x{data[e.start]:02x})")
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def front_matter(text: str) -> tuple[dict, str, int]:
    """(meta, body, number of lines the front matter takes), as MkDocs reads
    it; front matter that is not YAML of a mapping (which MkDocs would show
    as text) is left out of the body too, so that its one fault is reported
    once (``front_matter_problem``), not as blocks the other languages lack."""
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.load(match.group(1), Loader=FAST_LOADER)
        except yaml.YAMLError:
            meta = None
        body = text[match.end():].lstrip("\n")
        return meta if isinstance(meta, dict) else {}, body, text.count("\n") - body.count("\n")
    return {}, text, 0


def front_matter_problem(text: str) -> tuple[int, int, str] | None:
    """(line, column, what is wrong) when a page's front matter is there but
    is not YAML of a mapping: MkDocs would then show it as text and ignore it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    try:
        meta = yaml.load(match.group(1), Loader=FAST_LOADER)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e)
        if "mapping values are not allowed" in problem:
            problem += ' (a value that holds ": " must be quoted)'
        return (mark.line + 2, mark.column + 1, problem) if mark else (2, 1, problem)
    return None if isinstance(meta, dict) else (2, 1, "it is not a mapping of keys to values")


def _text(el: Tag) -> str:
    return el.get_text().strip()


def sentences_of(el: Tag, anchor: str, lang: str) -> list[Sentence]:
    """The sentences of a numbered paragraph: one per line of its source
    (Python-Markdown keeps a paragraph's line breaks in its text)."""
    lines: list[list[str]] = [[]]
    texts: list[list[str]] = [[]]
    for node in el.children:
        if isinstance(node, NavigableString):
            first, *rest = str(node).split("\n")
            lines[-1].append(html_escape(first, quote=False))
            texts[-1].append(first)
            for part in rest:
                lines.append([html_escape(part, quote=False)])
                texts.append([part])
        else:
            lines[-1].append(str(node))
            texts[-1].append(node.get_text())
    return [Sentence(f"{anchor}-s{n}", n, "".join(text).strip(), "".join(html).strip())
            for n, (text, html) in enumerate(zip(texts, lines), 1)]


def blocks_of(root: Tag, lang: str = "en") -> list[Block]:
    """The blocks of a rendered page, in document order: the one rule.
    A numbered paragraph's sentences are joined as ``lang`` joins them."""
    blocks: list[Block] = []
    joiner = sentence_separator(lang)

    def walk(parent: Tag, lang_only: bool) -> None:
        for el in parent.find_all(True, recursive=False):
            classes = el.get("class") or []
            only = lang_only or LANG_ONLY in classes
            anchor = el.get("id")
            if el.name in HEADINGS:
                blocks.append(Block("heading", anchor, _text(el), el.decode_contents(), int(el.name[1]),
                                    lang_only=only))
            elif el.name == "p":
                text = _text(el)
                if text.startswith("{:") and text.endswith("}"):  # only an attribute list: empty
                    anchor = anchor or next((w[1:] for w in text[2:-1].split() if w.startswith("#")), None)
                    text = ""
                kind = SIGNATURE if SIGNATURE in classes else "paragraph"
                block = Block(kind, anchor, text, el.decode_contents(), lang_only=only)
                if block.number and text:
                    block.sentences = sentences_of(el, anchor, lang)
                    block.text = joiner.join(s.text for s in block.sentences)
                    block.html = joiner.join(s.html for s in block.sentences)
                blocks.append(block)
            elif el.name == "li":
                own = "".join(c if isinstance(c, NavigableString) else c.get_text()
                              for c in el.children if not (isinstance(c, Tag) and c.name in ("ul", "ol", "p")))
                blocks.append(Block("item", anchor, own.strip() or _text(el), lang_only=only))
                walk(el, only)
            elif el.name == "div" and "admonition" in classes:
                title = el.find(class_="admonition-title", recursive=False)
                blocks.append(Block("admonition", anchor, _text(title) if title else "", lang_only=only))
                walk(el, only)
            elif el.name == "table":
                blocks.append(Block("table", anchor, _text(el), level=len(el.find_all("tr")), lang_only=only))
            else:
                walk(el, only)

    walk(root, False)
    return blocks


def locate(blocks: list[Block], body: str, offset: int) -> None:
    """Give each block the line where its source starts.

    Python-Markdown keeps no positions, so each block is found in the source
    in document order: by its ``#anchor`` where it has one (the attribute list
    follows the text, so the block starts at the paragraph before it), else
    by the start of its text."""
    cursor = 0
    for block in blocks:
        pos = mark = -1
        if block.anchor:
            mark = body.find("#" + block.anchor, cursor)
            while mark != -1 and body[mark + 1 + len(block.anchor):][:1] not in ("", " ", "}", ".", "\n"):
                mark = body.find("#" + block.anchor, mark + 1)
            if mark != -1 and block.kind != "heading":
                start = body.rfind("\n\n", cursor, mark)
                pos = start + 2 if start != -1 else cursor
                while pos < mark and body[pos] == "\n":
                    pos += 1
            elif mark != -1:
                pos = body.rfind("\n", 0, mark) + 1
        if pos == -1 and block.text:
            pos = body.find(block.text[:12], cursor)
            if pos != -1:
                pos = body.rfind("\n", 0, pos) + 1
        if pos == -1:
            pos = cursor
        block.line = offset + body.count("\n", 0, pos) + 1
        for sentence in block.sentences:   # one per line
            sentence.line = block.line + sentence.number - 1
        cursor = max(cursor, pos + 1, mark + 1)


def page_blocks(page: Page, root: Tag) -> list[Block]:
    """The blocks of ``page`` from its rendered HTML (parsed), located in its
    source. Runs of the other language in the HTML are marked first."""
    mark_languages(root, page.lang)
    blocks = blocks_of(root, page.lang)
    locate(blocks, page.body, page.offset)
    return blocks


def markdown_renderer(settings: Settings) -> markdown.Markdown:
    try:
        return markdown.Markdown(extensions=settings.extensions, extension_configs=settings.extension_configs)
    except Exception as e:  # an unknown extension or a bad option in mkdocs.yml
        raise SourceError(f"mkdocs.yml: cannot load markdown_extensions: {e}")


def html_of(page: Page, settings: Settings) -> str:
    """``page`` as the site's Markdown extensions render it, converted once
    however often it is asked for (the notes' corrections: the checker and the feed)."""
    if page.html is None:
        page.html = markdown_renderer(settings).convert(page.body)
    return page.html


def render(page: Page, md: markdown.Markdown) -> None:
    """Render a page with the site's Markdown extensions and keep its blocks."""
    md.reset()
    page.blocks = page_blocks(page, BeautifulSoup(md.convert(page.body), "html.parser"))


def read_data(path: Path, shown: Path, expected: str = "documents, topics and paragraphs") -> Data:
    """A YAML data file of docs/, parsed once, with the line of every key and
    the position of every value."""
    text = read_text(path, shown)
    loader = FAST_LOADER(text)
    try:
        node = loader.get_single_node()   # one parse: the nodes (with their lines) and the data
        values = (loader.construct_document(node) if node is not None else None) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else str(shown)
        raise SourceError(f"{where}: invalid YAML: {getattr(e, 'problem', None) or e}")
    finally:
        loader.dispose()
    if not isinstance(values, dict):
        raise SourceError(f"{shown}:1:1: expected a mapping with {expected}")
    refuse_repeated_keys(node, shown)

    def walk(keys) -> tuple:
        """(key node, value node) at the end of ``keys``, as far as they lead."""
        current, key_node = node, None
        for key in keys:
            if isinstance(current, yaml.MappingNode):
                match = next(((k, v) for k, v in current.value if k.value == key), None)
            elif isinstance(current, yaml.SequenceNode) and isinstance(key, int) and key < len(current.value):
                match = (current.value[key], current.value[key])
            else:
                match = None
            if match is None:
                break
            key_node, current = match
        return key_node, current

    def line_of(*keys) -> int:
        key_node, _ = walk(keys)
        return key_node.start_mark.line + 1 if key_node is not None else 1

    def position_of(*keys) -> tuple[int, int]:
        _, value = walk(keys)
        mark = value.start_mark if value is not None else None
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)

    return Data(shown, values, line_of, position_of)


def document_of(page: Page) -> Document:
    """The document a rendered page holds: its title, then its numbered
    paragraphs and signature lines (the checker reports anything else)."""
    title = next((b for b in page.blocks if b.kind == "heading" and b.level == 1), None)
    rest = [b for b in page.blocks if b.kind in ("paragraph", SIGNATURE) and (b.anchor or b.lang_only)]
    return Document(page.document, page.lang, page, ([title] if title else []) + rest)


def read_edition(settings: Settings, convert: str = "all", shown_from: Path | None = None) -> Edition:
    """Every source page of every language; ``convert="documents"`` renders
    only the document pages (the build renders the others itself). Paths in
    messages are relative to ``shown_from`` when given."""
    docs_dir = Path(settings.docs_dir)

    def shown(path: Path) -> Path:
        return path.relative_to(shown_from) if shown_from and path.is_relative_to(shown_from) else path

    unreadable, pages = [], {}
    md = None
    for lang in settings.languages:
        pages[lang] = {}
        for path in sorted((docs_dir / lang).rglob("*.md")):
            source = path.relative_to(docs_dir / lang).as_posix()
            try:
                text = read_text(path, shown(path))
            except SourceError as e:  # kept, unrendered, so that no other check reports it
                unreadable.append(str(e))
                text = None
            meta, body, offset = front_matter(text or "")
            page = Page(shown(path), lang, source, urls.page_url(lang, source, settings.languages[0]),
                        text or "", meta, body, offset)
            pages[lang][source] = page
            if text is not None and (convert == "all" or page.document):
                md = md or markdown_renderer(settings)
                render(page, md)
    data = glossary = None
    if (docs_dir / DATA_FILE).is_file():
        try:
            data = read_data(docs_dir / DATA_FILE, shown(docs_dir / DATA_FILE)).ensure("documents", "topics", "paragraphs")
        except SourceError as e:
            unreadable.append(str(e))
    if (docs_dir / GLOSSARY_FILE).is_file():
        try:
            glossary = read_data(docs_dir / GLOSSARY_FILE, shown(docs_dir / GLOSSARY_FILE), "terms").ensure("terms")
        except SourceError as e:
            unreadable.append(str(e))
    found: dict[str, dict[str, Document]] = {}
    for lang in settings.languages:
        for page in pages[lang].values():
            if page.document and page.blocks is not None:
                found.setdefault(page.document, {})[lang] = document_of(page)
    listed = list(data.values["documents"]) if data else []
    order = [d for d in listed if d in found] + sorted(set(found) - set(listed))
    return Edition(settings, pages, {doc: found[doc] for doc in order}, data, unreadable, glossary)
