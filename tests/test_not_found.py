"""The "page not found" pages: /404.html in English, /ja/404.html in Japanese,
each leading back to the documents, and whole (styled, nothing failing) when a
host serves them for a missing URL at any depth, as GitHub Pages does."""

from __future__ import annotations

import json
import unicodedata
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ARTIFACTS, OTHER, build_site
from pax_silica.audit.host import free_port, serve

BASE = "/edition/"  # the path of site_url, by default and as served in the tests
TITLE = {"en": "Page not found", "ja": "ページが見つかりません"}
LINKS = {  # the documents in the page's language, and the other language's home
    "en": {"/edition/": "Home", "/edition/joint-statement/": "Joint Statement",
           "/edition/declaration/": "Declaration"},
    "ja": {"/edition/ja/": "ホーム", "/edition/ja/joint-statement/": "日米共同声明",
           "/edition/ja/declaration/": "パックス・シリカ宣言"},
}
INDIGO = "rgb(64, 81, 181)"  # Material's indigo primary: its stylesheets are applied


def not_found_page(site, lang) -> BeautifulSoup:
    path = site / ("404.html" if lang == "en" else "ja/404.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def japanese_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    japanese = [c for c in letters if unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA"))]
    return len(japanese) / len(letters)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_each_language_has_its_own_404_page(site, lang):
    page = not_found_page(site, lang)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == TITLE[lang]
    assert page.title.get_text().startswith(TITLE[lang])
    assert page.select_one("input.md-search__input")["placeholder"] == ("検索" if lang == "ja" else "Search")
    article = page.select_one("article")
    own = "".join(t for t in article.find_all(string=True) if not t.find_parent(attrs={"lang": OTHER[lang]}))
    share = japanese_share(own)
    assert share > 0.8 if lang == "ja" else share == 0, own
    assert page.select_one('meta[name=robots]')["content"] == "noindex"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_404_page_leads_to_the_documents_and_the_other_language(site, lang):
    article = not_found_page(site, lang).select_one("article")
    links = {a["href"]: a.get_text(strip=True) for a in article.find_all("a")}
    for href, text in LINKS[lang].items():
        assert links.get(href) == text, (href, links)
    other = OTHER[lang]
    to_other = article.select_one(f'[lang={other}] a[hreflang={other}]')
    assert to_other["href"] == (BASE if other == "en" else BASE + "ja/")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_404_language_selector_leads_to_the_home_pages(site, lang):
    selector = not_found_page(site, lang).select("a.md-select__link")
    assert {a["hreflang"]: a["href"] for a in selector} == {"en": BASE, "ja": BASE + "ja/"}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_404_search_uses_its_languages_index(site, lang):
    config = json.loads(not_found_page(site, lang).select_one("script#__config").string)
    assert config["base"] == (BASE if lang == "en" else BASE + "ja/")
    assert (site / config["base"][len(BASE):] / "search" / "search_index.json").is_file()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_404_asset_and_link_urls_work_at_any_depth(site, lang):
    """Every local URL is an absolute path under site_url's path, to a file that exists."""
    page = not_found_page(site, lang)
    urls = [el.get("href") or el.get("src") for el in page.select("[href], [src]")]
    local = [u for u in urls if not urlsplit(u).scheme and not u.startswith("#")]
    assert len(local) > 10
    for url in local:
        assert url.startswith(BASE), url
        path = urlsplit(urljoin("http://host/a/b/c/", url)).path[len(BASE):]
        target = site / path
        assert (target / "index.html").is_file() if path.endswith("/") or not path else target.is_file(), url


@pytest.fixture(scope="module", params=["SITE_URL set", "default site_url"])
def pages_host(request, site, tmp_path_factory):
    """The site on a host that answers a missing path with /edition/404.html
    (GitHub Pages): built for http://127.0.0.1:PORT/edition/, or the default build."""
    port = free_port()
    root = tmp_path_factory.mktemp("pages")
    url = f"http://127.0.0.1:{port}/edition/"
    if request.param == "SITE_URL set":
        result = build_site(root / "edition", SITE_URL=url)
        assert result.returncode == 0, result.stderr
    else:
        (root / "edition").symlink_to(site)  # site_url https://pax-silica.github.io/edition/
    with serve(root, port):
        yield url


@pytest.mark.parametrize("missing, lang", [
    ("a/b/c/", "en"), ("declaration/p8", "en"), ("ja/no/such/page.html", "en"), ("ja/404.html", "ja"),
])
def test_404_page_is_whole_at_any_depth_in_the_browser(chromium, pages_host, missing, lang):
    page = chromium.new_page()
    failures = []
    page.on("requestfailed", lambda r: failures.append(f"{r.url}: {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and r.url != pages_host + missing
            and failures.append(f"{r.url}: {r.status}"))
    page.on("pageerror", lambda e: failures.append(f"script error: {e}"))
    try:
        response = page.goto(pages_host + missing)
        page.wait_for_load_state("networkidle")
        assert response.status == (200 if missing == "ja/404.html" else 404)
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator("article h1").inner_text() == TITLE[lang]
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert header == INDIGO
        font = "Noto Sans CJK JP" if lang == "ja" else "Segoe UI"  # from edition.css
        assert font in page.evaluate("getComputedStyle(document.body).fontFamily")
        assert failures == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"404-{lang}-{missing.replace('/', '_')}.png")
        with page.expect_navigation():
            page.locator("article").get_by_role("link", exact=True,      # not "Status of the Declaration"
                                                name=LINKS[lang][f"/edition/{'ja/' if lang == 'ja' else ''}declaration/"]).click()
        assert page.url == pages_host + ("ja/" if lang == "ja" else "") + "declaration/"
        assert page.locator("article p#p12").count() == 1
    finally:
        page.close()


@pytest.mark.parametrize("missing, query, found", [("a/b/c/", "supply", "/edition/declaration/")])
def test_search_works_from_the_404_page(chromium, pages_host, missing, query, found):
    """Material's search worker and index load from the absolute base. (Japanese:
    test_404_search_uses_its_languages_index; a query typed into the Japanese
    search as soon as a page is loaded is at times dropped, on every page.)"""
    page = chromium.new_page()
    try:
        page.goto(pages_host + missing)
        page.wait_for_load_state("networkidle")  # the index is loaded
        page.locator(".md-search__input").click()
        page.keyboard.type(query)
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(timeout=10_000)
        hrefs = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
        assert found in hrefs
    finally:
        page.close()
