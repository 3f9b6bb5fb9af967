"""Build-time additions to the edition, one function per concern.

- ``on_pre_build``: runs scripts/check_parity.py; the build fails when the
  languages do not share the same paragraph structure.
- ``hreflang_links``: absolute ``hreflang`` alternates (en, ja, x-default) for
  the ``<head>`` of every page, from the alternates that mkdocs-static-i18n
  attaches to each file (``page.file.alternates``).
- ``switcher_links``: the language selector of every page, the home pages
  included, links to the counterpart page by a relative URL (the i18n plugin
  leaves the home pages on absolute paths that break under another base URL).
- ``number_paragraphs``: on document pages, each anchored paragraph and
  signature line gets its number (a link to its own anchor) and a copy-link
  button carrying the paragraph's absolute URL and a citation in the page's
  language; Material's clipboard integration copies it and confirms.
- ``mark_languages`` (from texts.py) on every page: ``lang`` on runs of the
  other language, so Japanese quoted on an English page is typeset (and read
  aloud) as Japanese.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from texts import DEFAULT_LANGUAGE, mark_languages, page_language




def hreflang_links(page, config) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for every language version of ``page``."""
    alternates = getattr(page.file, "alternates", None) or {}
    links = [(lang, urljoin(config.site_url, f.url)) for lang, f in alternates.items()]
    default = dict(links).get(DEFAULT_LANGUAGE)
    if default:
        links.append(("x-default", default))
    return links


UI = {
    "en": {
        "number": "¶ {n}",
        "number_label": "Paragraph {n}: link to this paragraph",
        "copy_label": "Copy link to paragraph {n}",
        "citation": "{title}, ¶{n} — {url}",
        "lines": {"signed": "place and date of signature", "for-japan": "signature for Japan",
                  "for-usa": "signature for the United States"},
        "line_label": "{line}: link to this line",
        "line_copy_label": "Copy link to the {line}",
        "line_citation": "{title}, {line} — {url}",
    },
    "ja": {
        "number": "¶ {n}",
        "number_label": "第{n}段落（この段落へのリンク）",
        "copy_label": "第{n}段落へのリンクをコピー",
        "citation": "{title} 第{n}段落 — {url}",
        "lines": {"signed": "署名の日付・場所", "for-japan": "日本国政府の署名欄",
                  "for-usa": "アメリカ合衆国政府の署名欄"},
        "line_label": "{line}（この行へのリンク）",
        "line_copy_label": "{line}へのリンクをコピー",
        "line_citation": "{title} {line} — {url}",
    },
}
@functools.cache
def copy_icon() -> str:
    """Material's own content-copy icon, inlined."""
    import material

    return (Path(material.__file__).parent / "templates/.icons/material/content-copy.svg").read_text()


def number_paragraphs(html: str, page, config) -> str:
    """Paragraph numbers and copy-link buttons on a document page."""
    ui = UI[page_language(page)]
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find("h1")
    title = heading.get_text(strip=True) if heading else page.title  # the nav title is shorter
    icon = copy_icon()
    for para in soup.find_all("p", id=True):
        anchor = para["id"]
        url = urljoin(config.site_url, page.url) + "#" + anchor
        if anchor[1:].isdigit() and anchor.startswith("p"):
            n = anchor[1:]
            text, label = ui["number"].format(n=n), ui["number_label"].format(n=n)
            copy_label, cite = ui["copy_label"].format(n=n), ui["citation"].format(title=title, n=n, url=url)
        elif anchor in ui["lines"]:
            line = ui["lines"][anchor]
            text, label = "¶", ui["line_label"].format(line=line)
            copy_label = ui["line_copy_label"].format(line=line)
            cite = ui["line_citation"].format(title=title, line=line, url=url)
        else:
            continue
        tools = soup.new_tag("span", attrs={"class": "para-tools", "data-search-exclude": ""})
        number = soup.new_tag("a", attrs={"class": "para-number", "href": f"#{anchor}", "aria-label": label})
        number.string = text
        button = soup.new_tag("button", attrs={
            "class": "para-copy md-icon", "type": "button", "aria-label": copy_label,
            "title": copy_label, "data-clipboard-text": cite})
        button.append(BeautifulSoup(icon, "html.parser"))
        tools.extend([number, button])
        para.insert(0, tools)
        para["class"] = para.get("class", []) + ["para"]
    return str(soup)


def switcher_links(page, config) -> None:
    """Point each entry of ``extra.alternate`` at the page's counterpart file."""
    alternates = getattr(page.file, "alternates", None) or {}
    # The i18n plugin sets ``config.extra.alternate`` as an attribute (which
    # Jinja reads first), not always the ``extra["alternate"]`` key.
    for entry in getattr(config.extra, "alternate", None) or config.extra.get("alternate", []):
        if entry["lang"] in alternates:
            entry["link"] = alternates[entry["lang"]].url


def load_checker(root: Path):
    """scripts/check_parity.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("check_parity", root / "scripts" / "check_parity.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def on_pre_build(config):
    config_file = Path(config.config_file_path).resolve()  # relative with `mkdocs build -f FILE`
    root = config_file.parent
    report = load_checker(root).check(Path(config.docs_dir).resolve(), config_file, relative_to=root)
    if report.problems or report.fatal:
        raise PluginError("scripts/check_parity.py found problems in the sources:\n"
                          + "\n".join(report.problems + report.fatal))


def on_page_content(html, page, config, files):
    html = mark_languages(html, page_language(page))
    if page.meta.get("document"):
        html = number_paragraphs(html, page, config)
    return html


def on_page_context(context, page, config, nav):
    switcher_links(page, config)
    context["hreflang_links"] = hreflang_links(page, config)
    return context
