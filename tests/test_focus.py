"""Keyboard focus on a phone (360 px): no Tab stop lands on something off
screen (the closed navigation drawer, the closed search), and an opened
drawer takes focus as it should."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, page_path

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
