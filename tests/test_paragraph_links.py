"""Deep links in a real Chromium: paragraph numbers, arriving by link, the
language toggle that keeps the paragraph, Back, copy-link, keyboard, phones."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, DOCUMENTS, LANGUAGES, OTHER, in_view_and_highlighted, page_path, scroll_to_top_of_viewport, toggle_language


def anchors(soup, document):
    """The anchored paragraphs of a built document page (the en one: the same in ja)."""
    return [p["id"] for p in soup("en", f"{document}/").select("article p.para[id]")]


def test_every_paragraph_number_is_rendered_and_links_to_itself(soup):
    for lang in LANGUAGES:
        for document in DOCUMENTS:
            for para in soup(lang, f"{document}/").select("article p.para[id]"):
                number = para.select_one(".para-tools a.para-number")
                assert number["href"] == f"#{para['id']}"
                if para["id"].startswith("p"):
                    assert number.get_text() == f"¶ {para['id'][1:]}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_paragraph_link_lands_in_view_and_highlighted(browser_page, base_url, soup, lang, document):
    ids = anchors(soup, document)
    assert ids
    url = base_url + page_path(lang, f"{document}/")
    for anchor in ids:
        browser_page.goto(f"{url}#{anchor}")
        assert in_view_and_highlighted(browser_page, anchor), f"{url}#{anchor}"


def test_clicking_a_paragraph_number_highlights_it(browser_page, base_url):
    browser_page.goto(base_url + "declaration/")
    browser_page.click("#p3 .para-number")
    assert browser_page.url.endswith("/declaration/#p3")
    assert in_view_and_highlighted(browser_page, "p3")


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("start", LANGUAGES)
def test_toggle_keeps_the_paragraph_and_back_returns(browser_page, base_url, document, start):
    anchor = "p2" if document == "joint-statement" else "p8"
    origin = f"{base_url}{page_path(start, f'{document}/')}#{anchor}"
    browser_page.goto(origin)
    toggle_language(browser_page, OTHER[start])
    assert browser_page.url == f"{base_url}{page_path(OTHER[start], f'{document}/')}#{anchor}"
    assert browser_page.evaluate("document.documentElement.lang") == OTHER[start]
    assert in_view_and_highlighted(browser_page, anchor)
    toggle_language(browser_page, start)
    assert browser_page.url == origin
    assert in_view_and_highlighted(browser_page, anchor)
    browser_page.go_back()
    assert browser_page.url == f"{base_url}{page_path(OTHER[start], f'{document}/')}#{anchor}"
    assert in_view_and_highlighted(browser_page, anchor)


def test_toggle_from_a_scrolled_page_lands_on_the_paragraph_at_the_top(browser_page, base_url):
    browser_page.goto(base_url + "declaration/")
    scroll_to_top_of_viewport(browser_page, "p6")
    toggle_language(browser_page, "ja")
    assert browser_page.url == base_url + "ja/declaration/#p6"
    assert in_view_and_highlighted(browser_page, "p6")
    browser_page.go_back()
    assert browser_page.url == base_url + "declaration/"
    # the browser restores the scroll position: the reader is back on ¶ 6
    browser_page.wait_for_function("""() => {
        const box = document.getElementById('p6').getBoundingClientRect()
        return box.bottom > 0 && box.top < innerHeight / 2
    }""", timeout=5000)


def test_toggle_at_the_top_of_a_page_stays_at_the_top(browser_page, base_url):
    browser_page.goto(base_url + "ja/notes/")
    toggle_language(browser_page, "en")
    assert browser_page.url == base_url + "notes/"


def test_without_javascript_the_selector_still_leads_to_the_counterpart(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "declaration/")
    toggle_language(page, "ja")
    assert page.url == base_url + "ja/declaration/"
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_copy_link_copies_url_and_citation_and_confirms(browser_page, base_url, lang):
    browser_page.goto(base_url + page_path(lang, "declaration/"))
    browser_page.click("#p8 .para-copy")
    url = f"{base_url}{page_path(lang, 'declaration/')}#p8"
    expected = {"en": f"Pax Silica Declaration, ¶8 — {url}", "ja": f"パックス・シリカ宣言 第8段落 — {url}"}[lang]
    assert browser_page.evaluate("navigator.clipboard.readText()") == expected
    message = {"en": "Copied to clipboard", "ja": "コピーしました"}[lang]
    dialog = browser_page.locator(".md-dialog")
    dialog.wait_for(state="visible")
    assert message in dialog.inner_text()
    assert browser_page.get_attribute(".md-dialog__inner", "aria-live") == "polite"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_reaches_and_operates_the_copy_button(browser_page, base_url, lang):
    browser_page.goto(base_url + page_path(lang, "joint-statement/"))
    browser_page.focus("#p1 .para-number")
    browser_page.keyboard.press("Tab")
    assert "para-copy" in browser_page.evaluate("document.activeElement.className")
    name = {"en": "Copy link to paragraph 1", "ja": "第1段落へのリンクをコピー"}[lang]
    assert browser_page.get_by_role("button", name=name, exact=True).evaluate("el => el === document.activeElement")
    browser_page.keyboard.press("Enter")
    copied = browser_page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"{page_path(lang, 'joint-statement/')}#p1")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_shows_numbers_without_horizontal_scroll(chromium, base_url, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height, name in ((360, 740, "phone"), (1280, 900, "desktop")):
        context = chromium.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for document in DOCUMENTS:
            page.goto(f"{base_url}{page_path(lang, f'{document}/')}#p2")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            box = page.locator("#p2 .para-number").bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
            assert page.locator("#p2 .para-number").is_visible()
        page.goto(f"{base_url}{page_path(lang, 'declaration/')}#p8")
        page.screenshot(path=str(ARTIFACTS / f"declaration-{lang}-{name}.png"))
        context.close()


@pytest.mark.parametrize("forced_colors", ["none", "active"])
def test_the_tool_icons_are_drawn_also_in_high_contrast(chromium, base_url, forced_colors):
    """edition.css draws the icons as masks (one copy of each, Material's SVG):
    each button shows its own, also where high-contrast modes replace colours."""
    context = chromium.new_context(forced_colors=forced_colors)
    page = context.new_page()
    page.goto(base_url + "declaration/")
    icons, page_colour = page.evaluate("""() => [['.para-copy', '.para-page', '.sentence-copy'].map(selector => {
        const style = getComputedStyle(document.querySelector('#p8 ' + selector), '::before')
        return [style.maskImage || style.webkitMaskImage, parseFloat(style.width), style.backgroundColor]
    }), getComputedStyle(document.body).backgroundColor]""")
    context.close()
    assert len({mask for mask, _, _ in icons}) == 3, "each button its own icon"
    for mask, width, colour in icons:
        assert mask.startswith('url("data:image/svg+xml') and width > 10
        assert colour not in ("rgba(0, 0, 0, 0)", page_colour), "the icon would not show"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [360, 1280])
def test_the_tools_of_every_paragraph_stand_at_one_place_whatever_its_number(chromium, base_url, lang, width):
    """¶ 10-12 are wider than ¶ 1-9: their copy icons stood further right."""
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + page_path(lang, "declaration/"))
    places = page.eval_on_selector_all("article p.para", """paras => paras.map(p => [
        ...['.para-copy', '.para-page'].map(s => Math.round(p.querySelector(s).getBoundingClientRect().left)),
        Math.round(p.querySelector('.sentence').getClientRects()[0].left)])""")
    context.close()
    assert len(places) == 12 and len({tuple(place) for place in places}) == 1, places
