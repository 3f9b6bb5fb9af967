"""Material's search in a real Chromium: Japanese words on the Japanese site,
English words on the English site, and a result that opens the paragraph."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, OTHER, in_view_and_highlighted, page_path
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


# --- phones and tablets: the full-screen search (below 960 px) ----------------

WIDTHS = [360, 768]


@pytest.fixture
def open_page(chromium, base_url):
    """open_page(width, lang, page) -> a page at that width, loaded, with the
    search opened as a reader opens it: the box on a desktop, the header's
    search icon on phones and tablets."""
    contexts = []

    def opened(width, lang, page="declaration/"):
        context = chromium.new_context(viewport={"width": width, "height": 800})
        contexts.append(context)
        tab = context.new_page()
        tab.goto(base_url + page_path(lang, page))
        tab.wait_for_load_state("networkidle")
        tab.locator(".md-header .search-button" if width < 960 else "input.md-search__input").click()
        tab.locator("input.md-search__input").wait_for(state="visible")
        return tab

    yield opened
    for context in contexts:
        context.close()


def results(page) -> list[list[str]]:
    """The links of each result (its page, then its sections), once there are results."""
    page.wait_for_function("() => document.querySelector('.md-search-result__list').children.length > 0")
    return page.eval_on_selector_all(".md-search-result__item",
                                     "items => items.map(item => [...item.querySelectorAll('a')].map(a => a.href))")


def typed(page, query):
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang, query", [("en", "AI economy"), ("ja", "AI経済")])
def test_a_hit_in_the_page_being_read_scrolls_to_it(open_page, base_url, width, lang, query):
    """Material locks the page's scrolling while its full-screen search is
    open and puts the old position back when it closes."""
    page = open_page(width, lang)
    typed(page, query)
    assert results(page)[0][1] == base_url + page_path(lang, "declaration/#p8")
    page.wait_for_function("() => document.body.hasAttribute('data-md-scrolllock')")   # the page is locked
    page.locator('.md-search-result__list a[href$="declaration/#p8"]').first.click()
    assert in_view_and_highlighted(page, "p8")


INSERTIONS = {
    # text that arrives with no key event at all
    "input method": "(text) => { const box = document.querySelector('input.md-search__input');"
                    " box.dispatchEvent(new CompositionEvent('compositionstart'));"
                    " box.value = text; box.dispatchEvent(new InputEvent('input', {isComposing: true, data: text}));"
                    " box.dispatchEvent(new CompositionEvent('compositionend', {data: text})) }",
    "paste": "(text) => { const box = document.querySelector('input.md-search__input'); box.value = text;"
             " box.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste', bubbles: true})) }",
    "drop": "(text) => { const box = document.querySelector('input.md-search__input'); box.value = text;"
            " box.dispatchEvent(new InputEvent('input', {inputType: 'insertFromDrop', bubbles: true})) }",
}


@pytest.mark.parametrize("how, lang, width", [(how, "en", 360) for how in [*INSERTIONS, "insert_text"]]
                         + [("input method", "ja", 360), ("insert_text", "ja", 768), ("paste", "en", 768)])
def test_text_inserted_without_key_events_is_searched(open_page, base_url, how, lang, width):
    query = {"en": "critical minerals", "ja": "重要鉱物"}[lang]
    expected = "declaration/#p3"
    page = open_page(width, lang)
    if how == "insert_text":
        page.keyboard.insert_text(query)   # Playwright: an input event, no key events
    else:
        page.evaluate(INSERTIONS[how], query)
    assert base_url + page_path(lang, expected) in sum(results(page), [])


# Paragraph numbers as people cite them: the reader's document first.
PARAGRAPH_QUERIES = ["p9", "P9", "p. 9", "¶ 9", "¶9", "para 9", "paragraph 9", "第9段落", "第９段落", "９段落"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_paragraph_number_leads_to_the_paragraph(open_page, base_url, width, lang):
    page = open_page(width, lang)
    expected = [[base_url + page_path(lang, "declaration/"), base_url + page_path(lang, "declaration/#p9")]]
    for query in PARAGRAPH_QUERIES:    # one after the other, the box emptied between them
        typed(page, "")
        page.wait_for_function("() => !document.querySelector('.md-search-result__list').children.length")
        typed(page, query)
        assert results(page) == expected, query
    page.keyboard.press("Enter")      # Material: Enter goes to the best result
    page.wait_for_url("**/declaration/#p9", wait_until="commit")   # same page: no load event
    assert in_view_and_highlighted(page, "p9")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page, first", [("joint-statement/", "joint-statement/"), ("declaration/", "declaration/"),
                                         ("parallel/declaration/", "declaration/"), ("", "joint-statement/")])
def test_a_paragraph_number_found_in_both_documents_the_readers_first(open_page, base_url, lang, page, first):
    tab = open_page(360, lang, page)
    typed(tab, "p2")
    found = [links[1] for links in results(tab)]
    second = "declaration/" if first == "joint-statement/" else "joint-statement/"
    assert found == [base_url + page_path(lang, first + "#p2"), base_url + page_path(lang, second + "#p2")]


# A query in the other language: found in the other language's index, marked and labelled.
OTHER_QUERIES = [("en", "経済安全保障", "declaration/#p12"), ("ja", "economic security", "declaration/#p12")]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang, query, expected", OTHER_QUERIES)
def test_a_query_in_the_other_language_finds_that_languages_text_labelled(open_page, base_url, width, lang, query, expected):
    from pax_silica.ui import STRINGS, read_strings

    other = OTHER[lang]
    ui = read_strings(STRINGS, list(LANGUAGES))[lang]
    label = ui["open"].format(language=ui["language_names"][other])   # "Japanese text", 英語の本文
    page = open_page(width, lang)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    typed(page, query)
    links = sum(results(page), [])
    assert base_url + page_path(other, expected) in links
    assert all(link.startswith(base_url) and (link.startswith(base_url + "ja/") == (other == "ja")) for link in links)
    items = page.eval_on_selector_all(".md-search-result__item", """items => items.map(item => ({
        label: item.querySelector('h1 .search-other').textContent,
        marked: [...item.querySelectorAll('h1, h2')].every(h => h.querySelector(':scope > [lang]'))
            && [...item.querySelectorAll('article p:not(.md-search-result__terms)')]   // Material's "Missing: …"
                .every(p => p.closest('.md-search-result__item [lang]')),
        lang: item.querySelector('h1 [lang]').lang}))""")
    assert items and all(item == {"label": label, "marked": True, "lang": other} for item in items)
    assert base_url + page_path(other, "search/search_index.json") in requests


@pytest.mark.parametrize("lang, query", [("en", "semiconductors"), ("ja", "半導体")])
def test_the_other_languages_index_loads_only_for_a_query_found_nowhere_else(chromium, base_url, lang, query):
    context = chromium.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    links = search(page, base_url, lang, query)
    context.close()
    assert links and all(link.startswith(base_url + page_path(lang, "")) for link in links)
    assert base_url + page_path(OTHER[lang], "search/search_index.json") not in requests
