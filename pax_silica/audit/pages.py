"""Which pages the audit checks, and how it names them: every page of the
built site's sitemap.xml and its 404 pages, so that a new page is audited
without listing it; the document pages among them (held to the weight
budget), the pages of one paragraph, and those Lighthouse runs on."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from pax_silica.audit.host import file_for


def discover_pages(site_dir: Path, base_url: str) -> list[str]:
    """The URLs of the built site's pages: those of sitemap.xml, then every 404.html."""
    sitemap = BeautifulSoup((site_dir / "sitemap.xml").read_bytes(), "xml")
    pages = [loc.get_text(strip=True) for loc in sitemap.find_all("loc")]
    pages = [url for url in pages if url.startswith(base_url)]  # check_links reports the others
    pages += [base_url + p.relative_to(site_dir).as_posix() for p in sorted(site_dir.rglob("404.html"))]
    return pages


def pages_with(site_dir: Path, base_url: str, pages: list[str], test) -> list[str]:
    """The pages whose built HTML (parsed with lxml) passes ``test``."""
    def passes(url):
        file = file_for(site_dir, "/" + url[len(base_url):])
        return bool(file) and bool(test(BeautifulSoup(file.read_bytes(), "lxml")))
    return [url for url in pages if passes(url)]


def document_pages(site_dir: Path, base_url: str, pages: list[str]) -> list[str]:
    """The pages that hold a whole document: paragraph numbers (a.para-number,
    overrides/edition/document.html) and no pager between paragraphs' pages."""
    return pages_with(site_dir, base_url, pages, lambda page: page.select_one("article a.para-number")
                      and not page.select_one("article .paragraph-pager"))


def paragraph_pages(site_dir: Path, base_url: str, pages: list[str]) -> list[str]:
    """The pages of one numbered paragraph each (overrides/edition/paragraph.html)."""
    return pages_with(site_dir, base_url, pages, lambda page: page.select_one("article .paragraph-pager"))


def lighthouse_pages(pages: list[str], paragraph_pages: list[str], base_url: str) -> list[str]:
    """The pages Lighthouse runs on: every page but the 404 pages in one of
    its languages, the languages taken in turn from one page to the next (a
    page and its counterpart share a template and differ in text, which axe
    checks on every page in both), and of the pages of one paragraph (one
    template, 28 pages) the first in each language. Every page is still
    visited (axe, console, network, weight)."""
    sample = {language_of(url, base_url): url for url in reversed(paragraph_pages)}
    versions: dict[str, dict[str, str]] = {}     # a page without its language -> {language: URL}
    for url in pages:
        if not url.endswith("404.html") and url not in paragraph_pages:
            lang = language_of(url, base_url)
            versions.setdefault(url[len(base_url):].removeprefix(f"{lang}/"), {})[lang] = url
    chosen = {urls[sorted(urls)[turn % len(urls)]] for turn, urls in enumerate(versions.values())}
    return [url for url in pages if url in chosen or url in sample.values()]


def page_name(url: str, base_url: str) -> str:
    """A short name for a page: its path under the base URL ('/' for home)."""
    return "/" + url[len(base_url):] if url.startswith(base_url) else url


def language_of(url: str, base_url: str) -> str:
    """'ja' for pages under <base>/ja/, else 'en'."""
    return "ja" if url.startswith(base_url + "ja/") else "en"
