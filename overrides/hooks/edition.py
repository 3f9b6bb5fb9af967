"""The MkDocs build of the edition: a thin adapter over the pax_silica package.

One ``mkdocs build`` builds every language (mkdocs-static-i18n runs one inner
build per language after the default one). Per build:

- ``on_pre_build`` (the outer build only) reads the edition once
  (``pax_silica.model.read_edition``: the document pages rendered, every
  other page's source read), the interface strings (pax_silica/strings/) and
  runs the checker (``pax_silica.checker``): the build fails on a problem.
- ``on_files`` minifies our own CSS and JavaScript and adds pax-silica.json,
  its schema, the plain-text and citation files, the translator's files
  (TMX, TBX, OmegaT glossary), the PDF editions and the link-preview images
  (set once per build by WeasyPrint: pax_silica.pdf, pax_silica.previews;
  under ``mkdocs serve`` only those whose HTML changed, the others from
  .cache/typeset/) and the paragraphs' pages.
- ``on_page_content``: a document page is rendered from the model
  (overrides/edition/document.html); any other page is parsed once, its
  blocks kept for the checker and runs of the other language marked, and a
  parallel page, the index of commitments or the glossary gets its view
  (overrides/edition/parallel.html, commitments.html, glossary.html).
- ``on_env`` / ``on_page_context`` / ``on_template_context``: the strings of
  the page's language (``ui``), the search worker's address, absolute
  ``hreflang`` alternates and canonical URL, a language selector that leads
  to the counterpart page.
- ``on_post_build`` (the outer build): the checker on the pages rendered by
  MkDocs, and one search index per language; under ``mkdocs serve``
  (``on_startup``) a fault does not stop the preview: every page shows the
  problems on top, as written, and the build reads every page up front; ``on_post_template`` writes
  each language's 404 page to its own folder.
"""

from __future__ import annotations

import gzip
import json
import logging
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import rcssmin
import rjsmin
import yaml
from bs4 import BeautifulSoup
from jinja2 import Environment
from mkdocs import utils
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

from pax_silica import addresses, checker, citations, exports, glossary, pdf, previews, termbase, translation_memory, urls, views
from pax_silica import status   # the Declaration's status: its page, CSV, timelines, Atom feeds
from pax_silica.material import search_worker
from pax_silica.model import Edition, page_blocks, read_edition
from pax_silica.settings import Settings, SourceError
from pax_silica.typeset import Cache, TypesetError
from pax_silica.ui import STRINGS, read_strings

NOT_FOUND = "404.html"
log = logging.getLogger(f"mkdocs.hooks.{__name__}")
TYPESET_CACHE = ".cache/typeset"    # under mkdocs serve only; git-ignored


@dataclass
class Build:
    """What one build (all languages) reads once."""

    edition: Edition
    strings: dict[str, dict]     # lang -> interface strings
    templates: Environment       # the theme's, for overrides/edition/*.html
    root: Path                   # the folder of mkdocs.yml: paths in messages are relative to it
    search_worker: str           # Material's hashed worker file name
    problems: list[str]          # under `mkdocs serve` only: what the checker found, shown on every page
    ledger: dict[str, int]       # docs/addresses.txt: every address ever published -> its line
    redirects: list[addresses.Redirect]   # docs/redirects.yml, in every language
    ledger_file: Path            # as shown in messages
    redirects_file: Path
    typeset: dict[str, bytes] | None = None     # the PDFs and preview images, once set
    cards: dict[str, previews.Card] | None = None   # page URL -> its preview image
    glossary: glossary.Glossary | None = None   # docs/glossary.yml with the occurrences found in the texts

    @property
    def previewing_damage(self) -> bool:
        """Serving sources with problems: the pages as written, with the
        problems on top, and none of the views that need sound sources."""
        return bool(self.problems)


build: Build | None = None
serving = False


def on_startup(command, dirty):
    """Under `mkdocs serve`, a fault in the sources is shown on the pages (the
    preview keeps answering); `mkdocs build` fails on it."""
    global serving
    serving = command == "serve"


def fail(report: checker.Report) -> None:
    if not report.ok:
        raise PluginError("The sources have problems (pax_silica.checker, as scripts/check_parity.py):\n"
                          + "\n".join(report.problems + report.fatal))


def languages(config) -> list[str]:
    """The languages built, the default (the original) first."""
    i18n = config.plugins["i18n"].config
    return [l.locale for l in sorted(i18n.languages, key=lambda l: not l.default) if l.build]


def on_pre_build(config):
    global build
    if config.plugins["i18n"].building:  # an inner build of one language: read once already
        return
    root = Path(config.config_file_path).resolve().parent
    settings = Settings(languages(config), config.markdown_extensions, config.mdx_configs,
                        config.site_url or "/", Path(config.docs_dir))
    docs = Path(config.docs_dir).resolve()
    ledger_file, redirects_file = (shown(docs / name, root) for name in (addresses.LEDGER_FILE, addresses.REDIRECTS_FILE))
    try:
        strings = read_strings(STRINGS, settings.languages,
                               STRINGS.relative_to(root) if STRINGS.is_relative_to(root) else STRINGS)
        # Serving: every page read and checked now, so the banner lists every fault.
        edition = read_edition(settings, convert="all" if serving else "documents", shown_from=root)
        ledger = addresses.read_ledger(docs / addresses.LEDGER_FILE, ledger_file)
        redirects = addresses.read_redirects(docs / addresses.REDIRECTS_FILE, redirects_file, settings.languages)
    except SourceError as e:
        raise PluginError(str(e))
    report = checker.check_nav_translations(Path(config.config_file_path), Path(config.config_file_path).relative_to(root),
                                            checker.check(edition))
    if not serving:
        fail(report)
    try:
        worker = search_worker()
    except LookupError as e:
        raise PluginError(str(e))
    build = Build(edition, strings, config.theme.get_env().overlay(autoescape=True), root, worker, report.problems + report.fatal,
                  ledger, redirects, ledger_file, redirects_file, glossary=glossary.read_glossary(edition))


def shown(path: Path, root: Path) -> Path:
    """A path as messages show it: relative to the folder of mkdocs.yml."""
    return path.relative_to(root) if path.is_relative_to(root) else path


def page_language(page) -> str:
    """The locale mkdocs-static-i18n assigned to the page's file."""
    return getattr(page.file, "locale", None) or build.edition.original


def model_page(page):
    """The model's page for a MkDocs page."""
    lang = page_language(page)
    source = Path(page.file.abs_src_path).relative_to(Path(build.edition.settings.docs_dir).resolve() / lang)
    return build.edition.pages[lang][source.as_posix()]


def render(template: str, lang: str, view: dict) -> str:
    return build.templates.get_template(template).render(ui=build.strings[lang], **view)


# --- files -------------------------------------------------------------------

@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files, config):
    minify_own_assets(files, config)
    add_redirect_pages(files, config)
    if build.previewing_damage:
        return add_placeholders(files, config)
    edition = build.edition
    source = files.get_file_from_path(urls.SCHEMA_FILE)  # in the default language's build only
    if source:
        files.remove(source)    # published with this site's own $id instead
    schema = exports.schema(json.loads((Path(config.docs_dir) / urls.SCHEMA_FILE).read_text(encoding="utf-8")), edition)
    generated = {
        urls.SCHEMA_FILE: json.dumps(schema, ensure_ascii=False, indent=2) + "\n",
        urls.EXPORT_FILE: json.dumps(exports.export(edition, site_names(config)), ensure_ascii=False, indent=2) + "\n",
    }
    for doc, docs in edition.documents.items():
        for lang in docs:
            generated[urls.TEXT_FILE.format(doc=doc, lang=lang)] = exports.plain_text(
                edition, doc, lang, build.strings[lang])
    generated.update(citations.files(edition, build.strings))
    generated.update(translator_files(edition, config))
    generated.update(typeset_files(config))
    generated.update(status.files(edition, build.strings, site_names(config)))   # the Declaration's status
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    add_paragraph_pages(files, config)
    return files


def translator_files(edition: Edition, config) -> dict[str, str | bytes]:
    """The translation memory and, with the glossary, its termbase and OmegaT
    glossary: made once per build (every language's build publishes them)."""
    if "translator_files" in edition.derived:
        return edition.derived["translator_files"]
    name = site_names(config)[edition.original]
    files = {urls.tmx_file(edition.original, target): translation_memory.tmx(edition, name, build.strings, target)
             for target in edition.languages[1:]}
    if build.glossary:
        ui, pair = build.strings[edition.original], (edition.original, build.glossary.target)
        title = f"{name}: {ui['kit_files']['glossary']} ({'–'.join(ui['language_names'][l] for l in pair)})"
        files[urls.TBX_FILE] = termbase.tbx(edition, build.glossary, title, build.strings)
        files[urls.GLOSSARY_TSV_FILE] = termbase.tab_separated(edition, build.glossary, title)
    edition.derived["translator_files"] = files
    return files


def typeset_files(config) -> dict[str, bytes]:
    """The PDF editions and the preview images, set once per build (every
    language's build publishes them). Under `mkdocs serve`, those whose HTML
    has not changed come from the cache."""
    if build.typeset is None:
        names = site_names(config)
        cache = Cache(build.root / TYPESET_CACHE if serving else None)
        cards = previews.cards(build.edition, build.strings, names)
        try:
            found = pdf.files(build.edition, build.strings, names,
                              lambda view, lang: render("edition/pdf.html", lang, view), cache)
            found |= previews.images(cards, lambda views: render("edition/preview.html", views[0]["lang"],
                                                               {"cards": views}), cache)
        except TypesetError as e:
            raise PluginError(str(e))
        build.typeset, build.cards = found, {card.page: card for card in cards}
    return build.typeset


def minify_own_assets(files, config) -> None:
    """Our stylesheets and scripts in docs/assets/ are published minified
    (rcssmin, rjsmin; Material's own come minified): 4 KB less, gzipped, on
    every first visit. The sources keep their comments."""
    docs = Path(config.docs_dir)
    for file in files:
        minify = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}.get(Path(file.src_uri).suffix)
        if minify and file.src_uri.startswith("assets/") and file.abs_src_path and \
                Path(file.abs_src_path).is_relative_to(docs):
            file.content_string = minify(file.content_string)


def add_placeholders(files, config):
    """A damaged preview generates no data, but the pages link to it: each
    file says why it is missing (and the build stays free of warnings)."""
    note = build.strings[config.plugins["i18n"].current_language]["source_problems"] + "\n" + "\n".join(build.problems) + "\n"
    paths = [urls.EXPORT_FILE, *(urls.tmx_file(build.edition.original, t) for t in build.edition.languages[1:]),
             urls.TBX_FILE, urls.GLOSSARY_TSV_FILE] + [urls.TEXT_FILE.format(doc=page.document, lang=lang)
                                  for lang, pages in build.edition.pages.items() for page in pages.values() if page.document]
    for path in paths:
        files.append(File.generated(config, path, content=note))
    if files.get_file_from_path(urls.SCHEMA_FILE) is None:  # in the default language's build only
        files.append(File.generated(config, urls.SCHEMA_FILE, abs_src_path=str(Path(config.docs_dir) / urls.SCHEMA_FILE)))
    return files


def add_paragraph_pages(files, config) -> None:
    """A page of its own for every numbered paragraph, in this build's
    language (declaration/p8/, ja/declaration/p8/): generated Markdown whose
    front matter gives its title and description, the paragraph's own words;
    on_page_content renders it. Listed in the sitemap with its alternates."""
    i18n, edition = config.plugins["i18n"], build.edition
    lang = i18n.current_language
    for doc, docs in edition.documents.items():
        for block in docs[lang].paragraphs():
            page = urls.paragraph_page(doc, block.number)
            front = views.paragraph_front_matter(edition, doc, block.number, lang, build.strings[lang])
            file = File.generated(config, edition.url(lang, page)[:-1] + ".md",
                                  content="---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n")
            file.inclusion = InclusionLevel.NOT_IN_NAV     # reached from the paragraph, not the nav
            file.locale = file.locale_alternate_of = lang
            file.alternates = {other: file if other == lang else SimpleNamespace(url=edition.url(other, page), page=None)
                               for other in docs}
            files.append(file)
            i18n.i18n_files_per_language.setdefault(lang, []).append(file)   # read by its sitemap.xml


def add_redirect_pages(files, config) -> None:
    """A static page at the old address of every page of this build's
    language that moved (docs/redirects.yml): it sends the reader, with the
    #fragment, to the new address (overrides/edition/redirect.html)."""
    lang = config.plugins["i18n"].current_language
    for path, redirect in addresses.redirect_pages(build.redirects, lang).items():
        if any(f.dest_uri == path for f in files):
            raise PluginError(f"{build.redirects_file}:{redirect.line}:1: {redirect.old} is redirected to "
                              f"{redirect.new}, but a page is still published at {redirect.old}")
        view = views.redirect_view(build.edition, redirect)
        files.append(File.generated(config, path, content=render("edition/redirect.html", lang, view)))


def site_names(config) -> dict:
    """The site's name in every language, whichever language is being built."""
    i18n = config.plugins["i18n"]
    default = i18n.original_configs.get("site_name", config.site_name)  # saved when a language overrides it
    if i18n.is_default_language_build:
        default = config.site_name
    return {l.locale: l.site_name or default for l in i18n.config.languages if l.build}


# --- pages -------------------------------------------------------------------

def on_page_content(html, page, config, files):
    html = page_content(html, page, config)
    moved = addresses.moved_ids(build.redirects, "/" + page.url)
    return views.keep_moved_ids(html, moved, "/" + page.url) if moved else html


def page_content(html, page, config):
    if build.previewing_damage:
        return html
    edition, lang = build.edition, page_language(page)
    ui = build.strings[lang]
    if page.meta.get("paragraph_page"):
        doc, number = page.meta["paragraph_page"]
        return render("edition/paragraph.html", lang, views.paragraph_view(edition, doc, number, lang, ui))
    if page.meta.get("document"):
        return render("edition/document.html", lang, views.document_view(edition, page.meta["document"], lang, ui))
    this = model_page(page)
    soup = BeautifulSoup(html, "html.parser")     # the one parse of this page
    this.blocks = page_blocks(this, soup)         # for the checker; marks runs of the other language
    views.table_captions(soup)
    views.stackable_tables(soup)
    html = str(soup)
    if page.meta.get("parallel"):
        view = views.parallel_view(edition, page.meta["parallel"], lang, this.url, build.strings, build.glossary)
        page.present_anchor_ids |= {row["anchor"] for row in view["rows"]}  # MkDocs checks links to them
        html += render("edition/parallel.html", lang, view)
    if page.meta.get("commitments"):
        view = views.index_view(edition, lang, this.url, ui)
        html += render("edition/commitments.html", lang, view)
        add_to_toc(page, view["toc"])
    if page.meta.get("glossary") and build.glossary:
        view = views.glossary_view(edition, build.glossary, lang, this.url, ui)
        page.present_anchor_ids |= {t["id"] for g in view["groups"] for t in g["terms"] if "id" in t}
        html += render("edition/glossary.html", lang, view)
        add_to_toc(page, view["toc"])
    if page.meta.get("status"):    # the Declaration's status (pax_silica.status)
        view = status.page_view(edition, lang, this.url, ui)
        page.present_anchor_ids |= set(view["ids"])
        html += render("edition/status.html", lang, view)
        add_to_toc(page, view["toc"])
    if page.meta.get("about"):
        repository = config.extra.get("repository")
        if not repository:
            path = Path(config.config_file_path)
            line = next((n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                         if text.startswith("extra:")), 1)
            raise PluginError(f"{path.relative_to(build.root)}:{line}:1: extra.repository is not set: the About "
                              f"page ({this.path}) says where to report an error (the repository's address)")
        view = views.about_view(edition, lang, this.url, repository, ui)
        html += render("edition/about.html", lang, view)
        add_to_toc(page, view["toc"])
    return html


def add_to_toc(page, headings: list[dict]) -> None:
    """A generated view's headings, in the page's table of contents (and
    known to MkDocs' check of links to anchors)."""
    page.present_anchor_ids |= {e["id"] for heading in headings for e in [heading, *heading["children"]]}
    title = next(iter(page.toc), None)
    if title is not None and title.level == 1:   # Markdown's toc nests the page's headings under its h1
        title.children += get_toc(headings).items
    else:
        page.toc.items += get_toc(headings).items


def on_env(env, config, files):
    lang = config.plugins["i18n"].current_language or build.edition.original
    env.globals.update(ui=build.strings[lang], strings=build.strings, original_language=build.edition.original,
                       about_page=build.edition.url(lang, urls.ABOUT_PAGE),
                       search_query=search_query(lang, None), source_problems=build.problems)
    return env


def search_query(lang: str, doc: str | None) -> str:
    """The search worker's ?query#fragment on a page of ``lang`` (exports.search_worker_query)."""
    return exports.search_worker_query(build.edition, lang, doc, build.search_worker, build.strings)


def hreflang_links(page) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for every language version of ``page``, and x-default."""
    alternates = getattr(page.file, "alternates", None) or {}
    links = [(lang, build.edition.absolute(f.url)) for lang, f in alternates.items()]
    default = dict(links).get(build.edition.original)
    return links + [("x-default", default)] if default else links


def switcher_links(page, config) -> None:
    """Point each entry of the language selector at the page's counterpart file
    (mkdocs-static-i18n leaves the home pages on absolute paths that break
    under another base URL)."""
    alternates = getattr(page.file, "alternates", None) or {}
    # The i18n plugin sets ``config.extra.alternate`` as an attribute (which
    # Jinja reads first), not always the ``extra["alternate"]`` key.
    for entry in getattr(config.extra, "alternate", None) or config.extra.get("alternate", []):
        if entry["lang"] in alternates:
            entry["link"] = alternates[entry["lang"]].url


def on_page_context(context, page, config, nav):
    switcher_links(page, config)
    page.canonical_url = build.edition.absolute(page.url)
    context["hreflang_links"] = hreflang_links(page)
    context["page_metadata"] = None if build.previewing_damage else page_metadata(page, config)
    doc = page.meta.get("document") or page.meta.get("parallel") or (page.meta.get("paragraph_page") or [None])[0]
    context["search_query"] = search_query(page_language(page), doc)
    return context


def page_metadata(page, config) -> dict | None:
    """JSON-LD, Open Graph, Twitter and Highwire tags of a document page and
    of a paragraph's page (whose preview is the paragraph's own words and
    image); Open Graph and Twitter tags of every other page with a preview
    image (the home page, the index, the glossary…)."""
    doc = page.meta.get("document") or (page.meta.get("paragraph_page") or [None])[0]
    card = build.cards.get(page.url)
    image = card and {"url": build.edition.absolute(card.path), "alt": card.alt,
                      "width": previews.WIDTH, "height": previews.HEIGHT}
    lang, locales = page_language(page), citations.open_graph_locales(build.strings, build.edition.languages)
    if not doc:
        return card and citations.link_preview(config.site_name, page.canonical_url, card.view["heading"],
                                               page.meta.get("description", ""), lang, locales, image)
    citation = citations.Citation(build.edition, doc, lang, build.strings[lang])
    title = page.meta.get("title") or citation.title
    paragraph = None if page.meta.get("document") else page.meta["paragraph_page"][1]
    return citations.metadata(citation, config.site_name, page.canonical_url, title,
                              page.meta.get("description", ""), locales, paragraph, image)


def on_template_context(context, template_name, config):
    """The 404 page's language selector leads to each language's home page
    (without this it would keep the links of the last page built)."""
    i18n = config.plugins["i18n"]
    if template_name == NOT_FOUND and i18n.extra_alternate:
        config.extra.alternate = deepcopy(i18n.extra_alternate)
    return context


def on_post_template(output_content, template_name, config):
    """mkdocs-static-i18n builds every language into the same site_dir and MkDocs
    writes each build's 404.html to the root: a language other than the default
    gets its own <lang>/404.html, and the default's page stays at the root."""
    i18n = config.plugins["i18n"]
    if template_name != NOT_FOUND or i18n.current_language == i18n.default_language:
        return output_content
    site = Path(config.site_dir)
    utils.write_file(output_content.encode("utf-8"), str(site / i18n.current_language / NOT_FOUND))
    default = site / NOT_FOUND  # written by the default language's build, which runs first
    return default.read_text(encoding="utf-8") if default.exists() else output_content


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged their search entries
def on_post_build(config):
    if config.plugins["i18n"].building or build.previewing_damage:  # an inner build; a damaged preview
        return
    edition = build.edition
    rendered_by_mkdocs = [s for s in checker.sources(edition)
                          if not any(p.document for p in checker.pages_of(edition, s).values())]
    fail(checker.check_pages(edition, checker.Report(), rendered_by_mkdocs))
    site_dir = Path(config.site_dir)
    rewrite_sitemap(site_dir / "sitemap.xml")
    merged = json.loads((site_dir / urls.SEARCH_INDEX).read_text(encoding="utf-8"))
    for lang, index in exports.split_search_index(merged, edition, build.strings).items():
        target = site_dir / edition.url(lang, urls.SEARCH_INDEX)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    keep_addresses(site_dir)


def keep_addresses(site_dir: Path) -> None:
    """Every address of the ledger still resolves, or the build fails, one
    line per lost address (under `mkdocs serve`, every page shows them)."""
    site = addresses.published(site_dir, build.edition.languages)
    lost = addresses.lost(build.ledger, site, build.redirects, build.edition.languages,
                          build.ledger_file, build.redirects_file)
    new = addresses.unrecorded(build.ledger, site)
    if new:
        log.info(f"{len(new)} new address{'es' * (len(new) != 1)}, not yet in {build.ledger_file} "
                 f"(make addresses records them): {', '.join(new[:3])}{' …' if len(new) > 3 else ''}")
    if not lost:
        return
    if not serving:
        raise PluginError(f"Published addresses are lost ({build.ledger_file}; addresses are forever):\n" + "\n".join(lost))
    for line in lost:
        log.info(line)
    show_on_pages(site_dir, lost)


def show_on_pages(site_dir: Path, problems: list[str]) -> None:
    """Under `mkdocs serve`: the problems found once every page was written,
    in the banner of every page, as main.html shows the checker's."""
    for file in site_dir.rglob("*.html"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        announce, html = soup.select_one("[data-md-component=announce]"), soup.find("html")
        if announce is None or html is None:
            continue
        lang = html.get("lang") if html.get("lang") in build.strings else build.edition.original
        banner = render("edition/source-problems.html", lang, {"source_problems": problems})
        announce.clear()
        announce.append(BeautifulSoup(f'<aside class="md-banner"><div class="md-banner__inner md-grid md-typeset">'
                                      f'{banner}</div></aside>', "html.parser"))
        file.write_text(str(soup), encoding="utf-8")


def rewrite_sitemap(path: Path) -> None:
    """sitemap.xml without <changefreq>, and its .gz again, with the gzip header
    (name, date) MkDocs gave it, so the build stays reproducible."""
    path.write_text(exports.sitemap_without_change_frequency(path.read_text(encoding="utf-8")), encoding="utf-8")
    packed = Path(f"{path}.gz")
    with gzip.open(packed) as f:
        f.read()
        mtime = f.mtime
    with open(packed, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(packed), mode="wb", mtime=mtime) as gz:
        gz.write(path.read_bytes())
