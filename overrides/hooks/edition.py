"""Build-time additions to the edition, one function per concern.

- ``on_pre_build``: runs scripts/check_parity.py; the build fails when the
  languages do not share the same paragraph structure.
- ``hreflang_links``: absolute ``hreflang`` alternates (en, ja, x-default) for
  the ``<head>`` of every page, from the alternates that mkdocs-static-i18n
  attaches to each file (``page.file.alternates``).
- ``switcher_links``: the language selector of every page, the home pages
  included, links to the counterpart page by a relative URL (the i18n plugin
  leaves the home pages on absolute paths that break under another base URL).
- ``mark_languages``: ``lang`` on runs of the other language inside a page, so
  Japanese quoted on an English page is typeset (and read aloud) as Japanese.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString
from mkdocs.exceptions import PluginError

DEFAULT_LANGUAGE = "en"  # the original; also the x-default alternate

# A Japanese phrase: Han, kana, CJK and full-width punctuation, with the Latin
# or Cyrillic letters that stand inside it ("ドナルド・J・トランプ", "ロジстиクス").
_JA = r"[\u2015\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_JAPANESE_RUN = re.compile(rf"{_JA}(?:[\u2026A-Za-z0-9.\u0400-\u04ff]*{_JA})*\u2026?")
# An English phrase inside Japanese text: two or more Latin words.
_ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z0-9.,'\"/-]*(?:[ ]+[A-Za-z0-9.,'\"/-]+)+")
_SKIP = {"code", "pre", "script", "style"}


def page_language(page) -> str:
    """The locale mkdocs-static-i18n assigned to the page's file."""
    return getattr(page.file, "locale", DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE


def hreflang_links(page, config) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for every language version of ``page``."""
    alternates = getattr(page.file, "alternates", None) or {}
    links = [(lang, urljoin(config.site_url, f.url)) for lang, f in alternates.items()]
    default = dict(links).get(DEFAULT_LANGUAGE)
    if default:
        links.append(("x-default", default))
    return links


def switcher_links(page, config) -> None:
    """Point each entry of ``extra.alternate`` at the page's counterpart file."""
    alternates = getattr(page.file, "alternates", None) or {}
    # The i18n plugin sets ``config.extra.alternate`` as an attribute (which
    # Jinja reads first), not always the ``extra["alternate"]`` key.
    for entry in getattr(config.extra, "alternate", None) or config.extra.get("alternate", []):
        if entry["lang"] in alternates:
            entry["link"] = alternates[entry["lang"]].url


def mark_languages(html: str, lang: str) -> str:
    """Wrap runs of the other language in ``<span lang=…>``."""
    other, pattern = ("ja", _JAPANESE_RUN) if lang == "en" else ("en", _ENGLISH_RUN)
    soup = BeautifulSoup(html, "html.parser")
    for text in list(soup.find_all(string=True)):
        if not isinstance(text, NavigableString) or type(text) is not NavigableString:
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


def load_checker(root: Path):
    """scripts/check_parity.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("check_parity", root / "scripts" / "check_parity.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def on_pre_build(config):
    root = Path(config.config_file_path).parent
    report = load_checker(root).check(Path(config.docs_dir), Path(config.config_file_path), relative_to=root)
    if report.problems or report.fatal:
        raise PluginError("scripts/check_parity.py found problems in the sources:\n"
                          + "\n".join(report.problems + report.fatal))


def on_page_content(html, page, config, files):
    return mark_languages(html, page_language(page))


def on_page_context(context, page, config, nav):
    switcher_links(page, config)
    context["hreflang_links"] = hreflang_links(page, config)
    return context
