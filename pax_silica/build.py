"""One build of the edition, whatever generator runs it: the one entry point
of the site's build (overrides/hooks/edition.py adapts MkDocs to it).

    build = Build(settings, templates)    # reads the sources once, checks them, starts typesetting
    build.problems                        # the checker's, PATH:LINE:COL: message (a build fails on them)
    build.files(lang)                     # {site path: content} every language's build publishes
    build.redirect_pages(lang, taken)     # {site path: HTML} at the old address of a page that moved
    build.paragraph_pages(lang)           # a page of its own for every numbered paragraph
    build.page(lang, url, meta, html)     # a rendered page's content, with the ids and headings it adds
    build.pages_rendered(lang)            # a language's pages are rendered: their cards are set
    build.template_globals(lang)          # what every template of a language reads
    build.page_context(lang, url, meta, alternates, site_name)   # a page's <head>: canonical, hreflang, metadata
    build.finish(site_dir)                # once every language is written (pax_silica.written): the ledger's verdict

What a build makes is made once and kept on its ``Build``, the build's one
cache: the model, strings, glossary, data files, cards, typeset files.
The PDFs and preview images are set by pax_silica.press in other processes
while the pages are built, and written by ``finish``. Under ``make serve``
(``serving``), a fault in the sources does not stop the preview: every page
shows the problems in its banner; a fault found when the build starts (in a
document, the data, the strings) shows the pages as written, and the files
that need sound sources say why they are missing.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from jinja2 import BytecodeCache, Environment

from pax_silica import (addresses, checker, citations, data_checks, exports, glossary, glossary_views, pdf, previews,
                        status, termbase, translation_memory, urls, views, written)
from pax_silica.material import search_worker
from pax_silica.model import page_blocks, read_edition
from pax_silica.press import CACHE, Cache, Press, TypesetError, fingerprint
from pax_silica.settings import Settings, SourceError, config_nodes
from pax_silica.ui import STRINGS, read_strings


class BuildError(Exception):
    """The build cannot go on; the message says why (PATH:LINE:COL where it can)."""


ERRORS = (BuildError, SourceError, TypesetError)   # what a generator reports as the build's failure


@dataclass
class Content:
    html: str
    anchors: set[str] = field(default_factory=set)     # ids a generated view adds (links to them are checked)
    toc: list[dict] = field(default_factory=list)       # its headings, for the page's table of contents


@dataclass
class ParagraphPage:
    source: str               # in the language's site: ja/declaration/p8.md
    text: str                 # front matter only: its title and description (the page is rendered by ``page``)
    alternates: dict[str, str]   # lang -> the page's URL in that language


class CompiledTemplates(BytecodeCache):
    """The theme's templates, compiled once per build: the generator makes a
    new environment for each language's build, which would compile every
    template again. Kept in memory, by template and checksum of its source."""

    def __init__(self):
        self.code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket) -> None:
        checksum, code = self.code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


class Build:
    def __init__(self, settings: Settings, templates: Environment, serving: bool = False):
        self.settings, self.templates, self.serving = settings, templates, serving
        self.root = settings.config_file.resolve().parent     # paths in messages are relative to it
        docs = Path(settings.docs_dir).resolve()
        self.ledger_file, self.redirects_file = (self.shown(docs / n) for n in (addresses.LEDGER_FILE, addresses.REDIRECTS_FILE))
        self.strings = read_strings(STRINGS, settings.languages, self.shown(STRINGS))
        # The documents rendered; the generator renders the other pages (checked once rendered: ``finish``).
        self.edition = read_edition(settings, convert="documents", shown_from=self.root)
        self.ledger = addresses.read_ledger(docs / addresses.LEDGER_FILE, self.ledger_file)
        self.redirects = addresses.read_redirects(docs / addresses.REDIRECTS_FILE, self.redirects_file, settings.languages)
        self.glossary = glossary.read_glossary(self.edition)
        report = data_checks.check_nav_translations(settings.config_file, self.shown(settings.config_file),
                                                checker.check(self.edition, self.glossary))
        self.problems = report.problems + report.fatal
        try:
            self.search_worker = search_worker()
        except LookupError as e:
            raise BuildError(str(e))
        self.theme_templates = CompiledTemplates()     # for the generator's environments (one per language)
        self.cards: dict[str, previews.Card] = {}     # page URL -> its preview image
        self.titles: dict[str, str] = {}               # page URL -> its h1, as rendered (the other pages' cards)
        self.press = Press(Cache(self.root / CACHE, fingerprint()) if serving else Cache.off())
        self.typeset: dict[str, bytes] = {}            # what the cache had
        if not self.problems:
            self.typeset_files(previews.document_cards(self.edition, self.strings, settings.site_names), pdfs=True)

    def shown(self, path: Path) -> Path:
        """A path as messages show it: relative to the project (the folder of mkdocs.yml)."""
        return path.relative_to(self.root) if path.is_relative_to(self.root) else path

    def render(self, template: str, lang: str, view: dict) -> str:
        return self.templates.get_template(template).render(ui=self.strings[lang], **view)

    # --- files ---------------------------------------------------------------

    def typeset_files(self, cards: list[previews.Card], pdfs: bool = False) -> None:
        """Start setting ``cards`` (and the PDFs) in the background."""
        self.cards |= {card.page: card for card in cards}
        found, jobs = previews.jobs(cards, lambda views: self.render("edition/preview.html", views[0]["lang"],
                                                                     {"cards": views}), self.press.cache)
        if pdfs:
            pdf_found, pdf_jobs = pdf.jobs(self.edition, self.strings, self.settings.site_names,
                                           lambda view, lang: self.render("edition/pdf.html", lang, view), self.press.cache)
            found, jobs = found | pdf_found, pdf_jobs + jobs
        self.typeset |= found
        self.press.start(jobs)

    @functools.cached_property
    def data_files(self) -> dict[str, callable]:
        """{site path: what makes its content} of every data file, the same in every language's site."""
        edition, names, original = self.edition, self.settings.site_names, self.edition.original
        made = {urls.SCHEMA_FILE: lambda: json.dumps(exports.schema(json.loads(self.source(urls.SCHEMA_FILE)), edition),
                                                     ensure_ascii=False, indent=2) + "\n",
                urls.EXPORT_FILE: lambda: json.dumps(exports.export(edition, names), ensure_ascii=False, indent=2) + "\n"}
        for doc, docs in edition.documents.items():
            for lang in docs:
                made[urls.TEXT_FILE.format(doc=doc, lang=lang)] = functools.partial(
                    exports.plain_text, edition, doc, lang, self.strings[lang])
                for kind in citations.CITATION_FILES:
                    made[citations.citation_file(doc, lang, kind)] = lambda path=citations.citation_file(doc, lang, kind): \
                        self.citation_files[path]
        for target in edition.languages[1:]:
            made[urls.tmx_file(original, target)] = functools.partial(translation_memory.tmx, edition, names[original],
                                                                      self.strings, target)
        if self.glossary:
            ui, pair = self.strings[original], (original, self.glossary.target)
            title = f"{names[original]}: {ui['kit_files']['glossary']} ({'–'.join(ui['language_names'][l] for l in pair)})"
            made[urls.TBX_FILE] = lambda: termbase.tbx(edition, self.glossary, title, self.strings)
            made[urls.GLOSSARY_TSV_FILE] = lambda: termbase.tab_separated(edition, self.glossary, title)
        if not self.problems:   # the Declaration's status: its CSV, timelines and Atom feeds (pax_silica.status)
            made |= {path: functools.partial(self.status_files.get, path) for path in self.status_files}
        return made

    @functools.cached_property
    def status_files(self) -> dict[str, str]:
        return status.files(self.edition, self.strings, self.settings.site_names)

    @functools.cached_property
    def citation_files(self) -> dict[str, str]:
        return citations.files(self.edition, self.strings)

    @functools.cached_property
    def data(self) -> dict[str, str | bytes]:
        return {path: make() for path, make in self.data_files.items()}

    def files(self, lang: str) -> dict[str, str | bytes]:
        """The data files (made once for every language's site). With faults in
        the sources, each says why it is missing (the pages link to them)."""
        if self.problems:
            note = self.strings[lang]["source_problems"] + "\n" + "\n".join(self.problems) + "\n"
            return {path: self.source(path) if path == urls.SCHEMA_FILE else note for path in self.data_files}
        return self.data

    def source(self, path: str) -> str:
        return (Path(self.settings.docs_dir) / path).read_text(encoding="utf-8")

    def redirect_pages(self, lang: str, taken: set[str]) -> dict[str, str]:
        """A static page at the old address of every page of ``lang`` that moved
        (docs/redirects.yml); ``taken``: the paths the site already publishes."""
        found = {}
        for path, redirect in addresses.redirect_pages(self.redirects, lang).items():
            if path in taken:
                raise BuildError(f"{self.redirects_file}:{redirect.line}:1: {redirect.old} is redirected to "
                                 f"{redirect.new}, but a page is still published at {redirect.old}")
            found[path] = self.render("edition/redirect.html", lang, views.redirect_view(self.edition, redirect))
        return found

    def paragraph_pages(self, lang: str) -> list[ParagraphPage]:
        """declaration/p8/, ja/declaration/p8/: generated Markdown whose front
        matter gives the paragraph's title and description, its own words."""
        if self.problems:
            return []
        found, edition = [], self.edition
        for doc, docs in edition.documents.items():
            for block in docs[lang].paragraphs():
                page = urls.paragraph_page(doc, block.number)
                front = views.paragraph_front_matter(edition, doc, block.number, lang, self.strings[lang])
                found.append(ParagraphPage(edition.url(lang, page)[:-1] + ".md",
                                           "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n",
                                           {other: edition.url(other, page) for other in docs}))
        return found

    # --- pages ---------------------------------------------------------------

    def page(self, lang: str, url: str, meta: dict, html: str) -> Content:
        """A page's content once its Markdown is rendered: a document's or a
        paragraph's from the model; any other page parsed once (its blocks
        kept for the checker, runs of the other language marked) with the
        view its front matter asks for."""
        content = Content(html) if self.problems else self.view(lang, url, meta, html)
        moved = addresses.moved_ids(self.redirects, "/" + url)
        if moved:
            content.html = views.keep_moved_ids(content.html, moved, "/" + url)
        return content

    @functools.cached_property
    def model_pages(self) -> dict[str, object]:
        return {page.url: page for pages in self.edition.pages.values() for page in pages.values()}

    def view(self, lang: str, url: str, meta: dict, html: str) -> Content:
        edition, ui = self.edition, self.strings[lang]
        if meta.get("paragraph_page"):
            doc, number = meta["paragraph_page"]
            return Content(self.render("edition/paragraph.html", lang, views.paragraph_view(edition, doc, number, lang, ui)))
        if meta.get("document"):
            return Content(self.render("edition/document.html", lang, views.document_view(edition, meta["document"], lang, ui)))
        this = self.model_pages[url]
        soup = BeautifulSoup(html, "html.parser")     # the one parse of this page
        this.blocks = page_blocks(this, soup)         # for the checker; marks runs of the other language
        heading = soup.find("h1")
        if heading is not None:
            self.titles[this.url] = " ".join(heading.get_text().split())
        views.table_captions(soup)
        views.stackable_tables(soup)
        content = Content(str(soup))
        if meta.get("parallel"):
            view = views.parallel_view(edition, meta["parallel"], lang, this.url, self.strings, self.glossary)
            content.html += self.render("edition/parallel.html", lang, view)
            content.anchors |= {row["anchor"] for row in view["rows"]}
        elif meta.get("commitments"):
            view = views.index_view(edition, lang, this.url, ui)
            content.html += self.render("edition/commitments.html", lang, view)
            content.toc = view["toc"]
        elif meta.get("glossary") and self.glossary:
            view = glossary_views.glossary_view(edition, self.glossary, lang, this.url, ui)
            content.html += self.render("edition/glossary.html", lang, view)
            content.anchors |= {t["id"] for g in view["groups"] for t in g["terms"] if "id" in t}
            content.toc = view["toc"]
        elif meta.get("status"):    # the Declaration's status (pax_silica.status)
            view = status.page_view(edition, lang, this.url, ui)
            content.html += self.render("edition/status.html", lang, view)
            content.anchors |= set(view["ids"])
            content.toc = view["toc"]
        elif meta.get("about"):
            view = views.about_view(edition, lang, this.url, self.repository(this.path), ui)
            content.html += self.render("edition/about.html", lang, view)
            content.toc = view["toc"]
        content.anchors |= {e["id"] for heading in content.toc for e in [heading, *heading["children"]]}
        return content

    def repository(self, page: Path) -> str:
        """extra.repository of mkdocs.yml: where the About page says to report an error."""
        if self.settings.repository:
            return self.settings.repository
        config, nodes = self.settings.config_file, config_nodes(self.settings.config_file)
        line = next((key.start_mark.line + 1 for key, _ in getattr(nodes, "value", []) if key.value == "extra"), 1)
        raise BuildError(f"{self.shown(config)}:{line}:1: extra.repository is not set: the About page ({page}) "
                         f"says where to report an error (the repository's address)")

    def pages_rendered(self, lang: str) -> None:
        """Every page of ``lang`` is rendered: the other pages' cards, with their titles, are set."""
        if not self.problems:
            titles = {url: title for url, title in self.titles.items() if urls.language_of(url, self.edition.languages) == lang}
            self.typeset_files(previews.page_cards(self.edition, self.strings, self.settings.site_names, titles))

    def template_globals(self, lang: str) -> dict:
        return {"ui": self.strings[lang], "strings": self.strings, "original_language": self.edition.original,
                "about_page": self.edition.url(lang, urls.ABOUT_PAGE), "search_query": self.search_query(lang, None),
                "source_problems": self.problems}

    def search_query(self, lang: str, doc: str | None) -> str:
        """The search worker's ?query#fragment on a page of ``lang`` (exports.search_worker_query)."""
        return exports.search_worker_query(self.edition, lang, doc, self.search_worker, self.strings)

    def page_context(self, lang: str, url: str, meta: dict, alternates: dict[str, str], site_name: str) -> dict:
        """What a page's <head> carries: its canonical URL, the hreflang
        alternates (and x-default), its link-preview and citation metadata
        (a document's and a paragraph's: JSON-LD, Open Graph, Highwire; any
        other page with a card: Open Graph), the search worker's query."""
        edition, canonical = self.edition, self.edition.absolute(url)
        links = [(l, edition.absolute(u)) for l, u in alternates.items()]
        default = dict(links).get(edition.original)
        paragraph = (meta.get("paragraph_page") or [None, None])
        doc = meta.get("document") or paragraph[0]
        return {"canonical": canonical, "hreflang_links": links + [("x-default", default)] if default else links,
                "page_metadata": None if self.problems else self.metadata(lang, url, meta, canonical, site_name, doc, paragraph[1]),
                "search_query": self.search_query(lang, doc or meta.get("parallel"))}

    def metadata(self, lang, url, meta, canonical, site_name, doc, paragraph) -> dict | None:
        card = self.cards.get(url)
        image = card and {"url": self.edition.absolute(card.path), "alt": card.alt,
                          "width": previews.WIDTH, "height": previews.HEIGHT}
        locales = citations.open_graph_locales(self.strings, self.edition.languages)
        if not doc:
            return card and citations.link_preview(site_name, canonical, card.view["heading"], meta.get("description", ""),
                                                   lang, locales, image)
        citation = citations.Citation(self.edition, doc, lang, self.strings[lang])
        return citations.metadata(citation, site_name, canonical, meta.get("title") or citation.title,
                                  meta.get("description", ""), locales, paragraph, image)

    # --- once every language is written -----------------------------------

    def finish(self, site_dir: Path) -> list[str]:
        """The rest, once every language is written (pax_silica.written); the lines to log."""
        return [] if self.problems else written.finish(self, site_dir)

    def close(self) -> None:
        """The build failed: the typesetting stops."""
        self.press.close()
