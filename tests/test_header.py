"""The header on a phone: the site's name shown whole, not cut with an ellipsis."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, page_path

SHOWN_WHOLE = """() => {
    const name = document.querySelector('.md-header__topic > .md-ellipsis')
    const box = name.getBoundingClientRect(), range = document.createRange()
    range.selectNodeContents(name)
    const lines = [...range.getClientRects()]
    return [name.textContent.trim(), lines.length > 0 && lines.every(line =>
        line.left >= box.left - 0.5 && line.right <= box.right + 0.5     // not cut at the end of a line
        && (line.top + line.bottom) / 2 > box.top && (line.top + line.bottom) / 2 < box.bottom)]   // nor a line clipped
    // (a line's middle, not its edges: a Japanese font's boxes are taller than the lines)
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [320, 360, 412])
def test_the_site_name_is_shown_whole_on_a_phone(chromium, base_url, lang, width):
    context = chromium.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(base_url + page_path(lang, ""))
    name, whole = page.evaluate(SHOWN_WHOLE)
    context.close()
    assert name in ("Pax Silica — Bilingual Edition", "パックス・シリカ 日英対訳版")
    assert whole, f"{name!r} is cut at {width} px"
