"""Material's search in a real Chromium: Japanese words on the Japanese site,
English words on the English site, and a result that opens the paragraph."""

from __future__ import annotations

import pytest

from conftest import in_view_and_highlighted, page_path
from pax_silica.material import search_worker

WORKER = search_worker()  # Material's, by its hashed name
QUERIES = [
    # (language, query, anchor of a paragraph that must be among the results)
    ("ja", "重要鉱物", "declaration/#p3"),
    ("ja", "サプライチェーン", "declaration/#p6"),
    ("ja", "半導体", "declaration/#p5"),
    ("ja", "信頼できるパートナー", "declaration/#p8"),
    ("ja", "データセンター", "declaration/#p11"),
    ("en", "critical minerals", "declaration/#p3"),
    ("en", "supply chain", "declaration/#p6"),
    ("en", "semiconductors", "declaration/#p5"),
    ("en", "trusted partners", "declaration/#p8"),
]


def search(page, base_url, lang, query) -> list[str]:
    """Type ``query`` into the search of the language's declaration page; the result links."""
    page.goto(base_url + page_path(lang, "declaration/"))
    page.wait_for_load_state("networkidle")   # the worker has its index
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")   # a keyup, as when an input method commits the text
    page.wait_for_function("() => document.querySelector('.md-search-result__list').children.length > 0")
    return page.eval_on_selector_all(".md-search-result__list a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("lang, query, expected", QUERIES)
def test_search_finds_the_paragraph(browser_page, base_url, lang, query, expected):
    links = search(browser_page, base_url, lang, query)
    assert base_url + page_path(lang, expected) in links, links
    assert all(link.startswith(base_url + page_path(lang, "")) for link in links)
    if lang == "en":
        assert not any("/ja/" in link for link in links), "English search found Japanese pages"


@pytest.mark.parametrize("lang, query, anchor", [("ja", "重要鉱物", "p3"), ("en", "critical minerals", "p3")])
def test_a_result_opens_the_page_at_the_paragraph(browser_page, base_url, lang, query, anchor):
    search(browser_page, base_url, lang, query)
    result = browser_page.locator(f'.md-search-result__list a[href$="declaration/#{anchor}"]').first
    with browser_page.expect_navigation():
        result.click()
    assert browser_page.url.endswith(page_path(lang, f"declaration/#{anchor}"))
    assert in_view_and_highlighted(browser_page, anchor)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_search_code_loads_on_the_first_query_and_english_never_loads_japanese(chromium, base_url, lang):
    context = chromium.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + page_path(lang, "declaration/"))
    page.wait_for_load_state("networkidle")
    on_load = list(requests)
    links = search(page, base_url, lang, "重要鉱物" if lang == "ja" else "energy")
    context.close()
    assert base_url + page_path(lang, "search/search_index.json") in on_load
    assert not [url for url in on_load if f"/workers/{WORKER}" in url or "/lunr/" in url], "loaded before any search"
    assert any(f"/workers/{WORKER}" in url for url in requests) and links
    japanese = [url for url in requests if "tinyseg" in url or "lunr.ja" in url]
    assert bool(japanese) == (lang == "ja")
    if lang == "en":
        assert not [url for url in requests if "/ja/" in url]


# Phrases: the paragraph where the query's words stand together ranks first,
# ahead of paragraphs that hold them apart (7 of these 12 ranked right before
# the search worker re-ranked results, 12 after).
PHRASES = [
    ("en", "AI economy", "declaration/#p8"),              # ¶3: "AI" … "world economy"
    ("en", "supply chain security", "declaration/#p6"),
    ("en", "trusted partners", "declaration/#p8"),
    ("en", "fair competition", "declaration/#p9"),        # ¶8: "fair market practices"
    ("en", "information networks", "declaration/#p11"),   # ¶5: "information connectivity and network"
    ("en", "reliable partners", "declaration/#p8"),
    ("ja", "公正な競争", "declaration/#p9"),               # ¶8: 公正な市場慣行
    ("ja", "AI経済", "declaration/#p8"),                  # ¶3: AI … 世界経済
    ("ja", "重要インフラ", "declaration/#p9"),             # ¶3: 重要鉱物 … インフラ
    ("ja", "信頼できるパートナー", "declaration/#p8"),
    ("ja", "情報ネットワーク", "declaration/#p11"),        # ¶5: 情報の連結性とネットワーク
    ("ja", "経済安全保障協力", "joint-statement/#p1"),      # the Declaration has 経済安全保障 and 協力 apart
]


def first_result(page, base_url, lang, query) -> list[str]:
    """Type ``query`` as soon as the page is there (no wait for the index):
    the first result's links, its page first."""
    page.goto(base_url + page_path(lang, "declaration/"), wait_until="domcontentloaded")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_function("() => document.querySelector('.md-search-result__list').children.length > 0")
    return page.eval_on_selector(".md-search-result__item", "el => [...el.querySelectorAll('a')].map(a => a.href)")


@pytest.mark.parametrize("lang, query, expected", PHRASES)
def test_the_paragraph_that_holds_the_phrase_ranks_first(browser_page, base_url, lang, query, expected):
    links = first_result(browser_page, base_url, lang, query)
    assert links[:2] == [base_url + page_path(lang, expected.split("#")[0]), base_url + page_path(lang, expected)], links
