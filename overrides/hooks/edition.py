"""The MkDocs (and ProperDocs) build of the edition: a thin adapter.

What the build makes (the pages' views, the generated files, the checks, the
ledger's verdict, the serve banner's content) comes from one entry point,
``pax_silica.build.Build``; this module only wires MkDocs' events and
mkdocs-static-i18n's languages to it. One ``build`` builds every language:
the i18n plugin runs one inner build per other language after the default
one, so the outer build's ``on_pre_build`` and ``on_post_build`` bracket them.

- ``on_pre_build`` (the outer build): ``Build`` reads the sources once,
  checks them (the build fails on a problem; under ``serve`` every page shows
  them) and starts setting the PDFs and preview images in other processes.
- ``on_files``: our own CSS and JavaScript minified; the data files, the
  redirect pages and the paragraphs' pages added.
- ``on_page_content``: the page's content, from ``Build.page``.
- ``on_env``, ``on_page_context``: what the templates read.
- ``on_template_context``, ``on_post_template``: the 404 page of each language.
- ``on_post_build`` (the outer build): ``Build.finish`` (the typeset files,
  search indexes, the ledger's verdict).
"""

from __future__ import annotations

import logging
from copy import deepcopy
from pathlib import Path
from types import SimpleNamespace

import rcssmin
import rjsmin
from mkdocs import utils
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

from pax_silica.build import ERRORS, Build
from pax_silica.press import warm
from pax_silica.settings import Settings

NOT_FOUND = "404.html"
log = logging.getLogger(f"mkdocs.hooks.{__name__}")
build: Build | None = None
serving = False


def adapted(event):
    """The event, with pax_silica's errors (PATH:LINE:COL: message) as MkDocs' (no traceback)."""
    def run(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except ERRORS as e:
            raise PluginError(str(e))
    run.__dict__.update(event.__dict__)    # its priority
    return run


def on_startup(command, dirty):
    """Under `serve`, a fault in the sources is shown on the pages (the preview
    keeps answering); `build` fails on it."""
    global serving
    serving = command == "serve"
    warm()    # the typesetting workers' engines, imported while the build starts


def i18n(config):
    return config.plugins["i18n"]


def language(config) -> str:
    return i18n(config).current_language or build.edition.original


@adapted
def on_pre_build(config):
    global build
    if i18n(config).building:  # an inner build of one language: read once already
        return
    languages = sorted(i18n(config).config.languages, key=lambda l: not l.default)
    settings = Settings([l.locale for l in languages if l.build], config.markdown_extensions, config.mdx_configs,
                        config.site_url or "/", Path(config.docs_dir).resolve(), Path(config.config_file_path).resolve(),
                        {l.locale: l.site_name or config.site_name for l in languages if l.build},
                        config.extra.get("repository"))
    build = Build(settings, config.theme.get_env().overlay(autoescape=True), serving)
    if build.problems and not serving:
        build.close()
        raise PluginError("The sources have problems (pax_silica.checker, as scripts/check_parity.py):\n"
                          + "\n".join(build.problems))


@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
@adapted
def on_files(files, config):
    lang, docs = language(config), Path(config.docs_dir).resolve()
    for file in files:   # our stylesheets and scripts (Material's come minified); the sources keep their comments
        minify = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}.get(Path(file.src_uri).suffix)
        if minify and file.src_uri.startswith("assets/") and file.abs_src_path and Path(file.abs_src_path).is_relative_to(docs):
            file.content_string = minify(file.content_string)
    generated = build.files(lang) | build.redirect_pages(lang, {f.dest_uri for f in files})
    for path, content in generated.items():
        if source := files.get_file_from_path(path):
            files.remove(source)    # the schema: published with this site's own $id
        files.append(File.generated(config, path, content=content))
    for paragraph in build.paragraph_pages(lang):
        file = File.generated(config, paragraph.source, content=paragraph.text)
        file.inclusion = InclusionLevel.NOT_IN_NAV     # reached from the paragraph, not the nav
        file.locale = file.locale_alternate_of = lang
        file.alternates = {other: file if other == lang else SimpleNamespace(url=url, page=None)
                           for other, url in paragraph.alternates.items()}
        files.append(file)
        i18n(config).i18n_files_per_language.setdefault(lang, []).append(file)   # read by its sitemap.xml
    return files


def page_language(page) -> str:
    """The locale mkdocs-static-i18n assigned to the page's file."""
    return getattr(page.file, "locale", None) or build.edition.original


@adapted
def on_page_content(html, page, config, files):
    content = build.page(page_language(page), page.url, page.meta, html)
    page.present_anchor_ids |= content.anchors       # MkDocs checks links to them
    if content.toc:
        title = next(iter(page.toc), None)
        if title is not None and title.level == 1:   # Markdown's toc nests the page's headings under its h1
            title.children += get_toc(content.toc).items
        else:
            page.toc.items += get_toc(content.toc).items
    return content.html


@adapted
def on_env(env, config, files):
    build.pages_rendered(language(config))
    env.globals.update(build.template_globals(language(config)))
    env.bytecode_cache = build.theme_templates    # the theme's templates compiled once, not once per language
    return env


@adapted
def on_page_context(context, page, config, nav):
    alternates = getattr(page.file, "alternates", None) or {}
    # The language selector leads to the page's counterpart (the i18n plugin
    # leaves the home pages on absolute paths that break under another base
    # URL); it sets ``config.extra.alternate`` as an attribute, which Jinja reads first.
    for entry in getattr(config.extra, "alternate", None) or config.extra.get("alternate", []):
        if entry["lang"] in alternates:
            entry["link"] = alternates[entry["lang"]].url
    found = build.page_context(page_language(page), page.url, page.meta,
                               {lang: file.url for lang, file in alternates.items()}, config.site_name)
    page.canonical_url = found.pop("canonical")
    context.update(found)
    return context


def on_template_context(context, template_name, config):
    """The 404 page's language selector leads to each language's home page
    (without this it would keep the links of the last page built)."""
    if template_name == NOT_FOUND and i18n(config).extra_alternate:
        config.extra.alternate = deepcopy(i18n(config).extra_alternate)
    return context


def on_post_template(output_content, template_name, config):
    """mkdocs-static-i18n builds every language into the same site_dir and MkDocs
    writes each build's 404.html to the root: a language other than the default
    gets its own <lang>/404.html, and the default's page stays at the root."""
    plugin = i18n(config)
    if template_name != NOT_FOUND or plugin.current_language == plugin.default_language:
        return output_content
    site = Path(config.site_dir)
    utils.write_file(output_content.encode("utf-8"), str(site / plugin.current_language / NOT_FOUND))
    default = site / NOT_FOUND  # written by the default language's build, which runs first
    return default.read_text(encoding="utf-8") if default.exists() else output_content


@event_priority(-200)  # after mkdocs-static-i18n has built every language and merged their search entries
@adapted
def on_post_build(config):
    if i18n(config).building:  # an inner build
        return
    for line in build.finish(Path(config.site_dir)):
        log.info(line)


def on_build_error(error):
    if build is not None:
        build.close()
