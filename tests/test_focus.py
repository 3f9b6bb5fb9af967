"""Keyboard focus on a phone (360 px): no Tab stop lands on something off
screen (the closed navigation drawer, the closed search), and an opened
drawer takes focus as it should."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, OTHER, page_path

ON_SCREEN = """() => {
    const el = document.activeElement, box = el.getBoundingClientRect(), style = getComputedStyle(el)
    return [el.outerHTML.slice(0, 80), box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth
            && box.bottom > 0 && box.top < innerHeight && style.visibility === 'visible']
}"""


@pytest.fixture
def phone(chromium, base_url):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["joint-statement/", "commitments/"])
def test_the_first_30_tab_stops_on_a_phone_are_all_on_screen(phone, base_url, lang, page):
    phone.goto(base_url + page_path(lang, page))
    off_screen = []
    for _ in range(30):
        phone.keyboard.press("Tab")
        element, visible = phone.evaluate(ON_SCREEN)
        if not visible:
            off_screen.append(element)
    assert off_screen == []


def test_an_open_drawer_takes_focus_and_a_closed_one_gives_it_back(phone, base_url):
    phone.goto(base_url + "joint-statement/")
    phone.click("label.md-header__button[for=__drawer]")
    link = phone.locator(".md-sidebar--primary a.md-nav__link", has_text="Declaration").first
    link.wait_for(state="visible")
    link.focus()
    assert phone.evaluate(ON_SCREEN)[1]
    phone.mouse.click(340, 400)   # on the overlay beside the drawer: it closes
    phone.wait_for_function("() => getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'hidden'")


STATE = """() => ({search: document.getElementById('__search').checked, y: Math.round(scrollY),
                 active: document.activeElement.matches('button.search-button') ? 'search button'
                       : document.activeElement.matches('input.md-search__input') ? 'search box' : 'other'})"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_tab_through_the_header_of_a_scrolled_page_opens_nothing_and_stays_on_screen(phone, base_url, lang):
    """Tabbing into the hidden search box opened the full-screen search; the
    next Tab landed on a link far above (the page locked while it was open)."""
    phone.goto(base_url + page_path(lang, "declaration/#p10"))
    phone.wait_for_load_state("networkidle")
    phone.focus(".md-skip")
    for _ in range(8):
        phone.keyboard.press("Tab")
        element, visible = phone.evaluate(ON_SCREEN)
        assert visible, element
        assert not phone.evaluate(STATE)["search"], f"{element} opened the search"


@pytest.mark.parametrize("key", ["Tab", "Shift+Tab", "Escape"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_button_opens_the_search_and_the_search_gives_the_focus_back(phone, base_url, lang, key):
    phone.goto(base_url + page_path(lang, "declaration/#p10"))
    phone.wait_for_load_state("networkidle")
    button = phone.locator(".md-header button.search-button")
    assert button.get_attribute("aria-label") == phone.locator("input.md-search__input").get_attribute("aria-label")
    y = phone.evaluate("Math.round(scrollY)")
    button.focus()
    phone.keyboard.press("Enter")
    phone.wait_for_function("() => document.body.hasAttribute('data-md-scrolllock')")   # open, the page locked
    assert phone.evaluate(STATE) == {"search": True, "y": 0, "active": "search box"}
    phone.keyboard.type("AI")
    phone.keyboard.press(key)
    phone.wait_for_function("() => !document.body.hasAttribute('data-md-scrolllock')")
    assert phone.evaluate(STATE) == {"search": False, "y": y, "active": "search button"}
    assert phone.evaluate(ON_SCREEN)[1]


# --- the language menu -----------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["", "declaration/", "declaration/p9/", "parallel/declaration/", "404.html"])
def test_the_language_menu_marks_the_readers_language(site, lang, page):
    from bs4 import BeautifulSoup

    path = site / page_path(lang, page) / ("" if page.endswith(".html") else "index.html")
    links = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select("a.md-select__link")
    assert {link["hreflang"]: link.get("aria-current") for link in links} == {
        other: "true" if other == lang else None for other in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_menu_shows_the_current_language_and_focus_by_more_than_colour(chromium, base_url, lang):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + page_path(lang, "declaration/"))
    page.locator(".md-header .md-select > button").focus()
    styles = """(el) => { const s = getComputedStyle(el);
        return {weight: s.fontWeight, mark: s.boxShadow, outline: s.outlineStyle + ' ' + s.outlineWidth} }"""
    links = {other: page.locator(f"a.md-select__link[hreflang={other}]") for other in LANGUAGES}
    before = {other: link.evaluate(styles) for other, link in links.items()}
    page.keyboard.press("Tab")                      # to the first link of the menu
    focused = page.evaluate("document.activeElement.hreflang")
    after = links[focused].evaluate(styles)
    context.close()
    assert int(before[lang]["weight"]) >= 700 and int(before[OTHER[lang]]["weight"]) < 700
    assert before[lang]["mark"] != "none" and before[OTHER[lang]]["mark"] == "none"
    assert before[focused]["outline"].startswith("none") and not after["outline"].startswith("none")
    assert after["outline"].split()[1] != "0px"
