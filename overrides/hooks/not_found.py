"""One "page not found" page per language: /404.html and /ja/404.html.

mkdocs-static-i18n builds every language into the same site_dir, one after the
other, and MkDocs writes each build's 404.html to the root: the Japanese build
(the last) would overwrite the English page. Here the page of any language
other than the default is written to ``<locale>/404.html`` instead, and the
English page already at the root is handed back to MkDocs unchanged.

The language selector of the 404 page leads to each language's home page:
without this it would keep the links of the last page built before it.
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from mkdocs import utils

NOT_FOUND = "404.html"


def on_template_context(context, template_name, config):
    i18n = config.plugins.get("i18n")
    if template_name == NOT_FOUND and i18n and i18n.extra_alternate:
        config.extra.alternate = deepcopy(i18n.extra_alternate)  # the home pages
    return context


def on_post_template(output_content, template_name, config):
    i18n = config.plugins.get("i18n")
    if template_name != NOT_FOUND or not i18n or i18n.current_language == i18n.default_language:
        return output_content
    site = Path(config.site_dir)
    utils.write_file(output_content.encode("utf-8"), str(site / i18n.current_language / NOT_FOUND))
    default = site / NOT_FOUND  # written by the default language's build, which runs first
    return default.read_text(encoding="utf-8") if default.exists() else output_content
