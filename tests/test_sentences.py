"""Sentence anchors (#p<N>-s<M>): written in the source (one sentence per line),
checked by the checker, rendered in both languages, kept by the language
toggle, marked in the parallel view, copied as a citation, in the JSON export."""

from __future__ import annotations

import json

import pytest

from conftest import DOCUMENTS, LANGUAGES, OTHER, ROOT, assert_reports, edit, line_of, page_path, run_checker, toggle_language
from pax_silica.model import read_edition
from pax_silica.settings import read_settings


@pytest.fixture(scope="module")
def edition():
    return read_edition(read_settings(ROOT / "mkdocs.yml"))


def sentences_of(soup, lang, document):
    return soup(lang, f"{document}/").select("article p.para > .sentence")


# --- the built site ----------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_24_sentences_each_its_own_element_holding_exactly_its_text(soup, edition, lang):
    found = []
    for document in DOCUMENTS:
        for span in sentences_of(soup, lang, document):
            paragraph = span.find_parent("p")
            assert span["id"].startswith(paragraph["id"] + "-s"), "a sentence sits in its own paragraph"
            block = edition.documents[document][lang].block(paragraph["id"])
            expected = block.sentences[int(span["data-s"]) - 1]
            assert span["id"] == expected.anchor
            assert span.get_text() == expected.text   # the copy button adds no text
            found.append((document, span["id"]))
    assert len(found) == 24 and len(set(found)) == 24


def test_the_same_sentence_anchors_in_both_languages(soup):
    for document in DOCUMENTS:
        en, ja = ([s["id"] for s in sentences_of(soup, lang, document)] for lang in LANGUAGES)
        assert en == ja


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_paragraph_reads_as_before_its_sentences_were_marked(soup, edition, lang):
    """Japanese sentences are joined with nothing, English ones with one space."""
    for document in DOCUMENTS:
        for block in edition.documents[document][lang].paragraphs():
            para = soup(lang, f"{document}/").find(id=block.anchor)
            text = "".join(s.get_text() for s in para.select(".sentence"))
            joined = " ".join(s.text for s in block.sentences) if lang == "en" else "".join(s.text for s in block.sentences)
            assert "".join(text.split()) == "".join(joined.split())
            assert "\n" not in para.get_text()
            if lang == "ja":
                assert " " not in para.get_text().removeprefix(f"¶ {block.number}")


def test_every_paragraph_has_at_most_the_eight_sentences_the_css_can_pair(edition):
    assert max(len(b.sentences) for docs in edition.documents.values() for b in docs["en"].paragraphs()) <= 8


def test_the_export_carries_each_sentence_with_its_anchor_and_urls(site, edition):
    export = json.loads((site / "pax-silica.json").read_text(encoding="utf-8"))
    count = 0
    for document in export["documents"]:
        for paragraph in document["paragraphs"]:
            for sentence in paragraph["sentences"]:
                count += 1
                assert sentence["url"]["ja"].endswith(f"/ja/{document['id']}/#{sentence['anchor']}")
                for lang in LANGUAGES:
                    block = edition.documents[document["id"]][lang].block(paragraph["anchor"])
                    assert sentence["text"][lang] == block.sentences[sentence["number"] - 1].text
    assert count == 24


def test_plain_text_downloads_keep_one_line_per_paragraph(site):
    text = (site / "downloads/pax-silica-declaration.ja.txt").read_text(encoding="utf-8")
    nine = next(line for line in text.split("\n") if line.startswith("[9] "))
    assert nine.count("。") == 3


# --- the checker: damage to the sentences --------------------------------------

def lines_of_paragraph(path, anchor):
    text = path.read_text(encoding="utf-8")
    chunk = next(c for c in text.split("\n\n") if c.strip().endswith(f"{{: #{anchor} }}"))
    return chunk.strip("\n").split("\n")[:-1]


def test_a_sentence_lost(docs):
    ja = docs / "ja" / "declaration.md"
    second = lines_of_paragraph(ja, "p9")[1]
    edit(ja, second + "\n", "")
    start = line_of(ja, lines_of_paragraph(ja, "p9")[0])
    assert_reports(run_checker(docs), f"docs/ja/declaration.md:{start}:1: ¶9 has 2 sentences, "
                                      "docs/en/declaration.md ¶9 has 3")


def test_two_sentences_merged(docs):
    en = docs / "en" / "declaration.md"
    first, second = lines_of_paragraph(en, "p8")
    edit(en, first + "\n" + second, first + " " + second)
    ja = docs / "ja" / "declaration.md"
    start = line_of(ja, lines_of_paragraph(ja, "p8")[0])
    assert_reports(run_checker(docs), f"docs/ja/declaration.md:{start}:1: ¶8 has 2 sentences, "
                                      "docs/en/declaration.md ¶8 has 1")


def test_a_sentence_split_in_two(docs):
    ja = docs / "ja" / "declaration.md"
    edit(ja, "重要インフラを保護するため、", "重要インフラを保護するため、\n")
    line = line_of(ja, "我々は、不当なアクセス")
    start = line_of(ja, lines_of_paragraph(ja, "p9")[0])
    assert_reports(run_checker(docs),
                   f"docs/ja/declaration.md:{line}:1: ¶9, sentence 3 does not end as a Japanese sentence ends "
                   "(with 。): …'は支配から機微技術と重要インフラを保護するため、'; "
                   "one sentence per line, the next sentence on the next line",
                   f"docs/ja/declaration.md:{start}:1: ¶9 has 4 sentences, docs/en/declaration.md ¶9 has 3")


def test_a_sentence_moved_to_the_next_paragraph(docs):
    en = docs / "en" / "declaration.md"
    last = lines_of_paragraph(en, "p2")[-1]
    edit(en, "\n" + last + "\n{: #p2 }\n\n", "\n{: #p2 }\n\n" + last + "\n")
    p2, p3 = (line_of(en, lines_of_paragraph(en, a)[0]) for a in ("p2", "p3"))
    result = run_checker(docs)
    ja2, ja3 = (line_of(docs / "ja" / "declaration.md", lines_of_paragraph(docs / "ja" / "declaration.md", a)[0])
                for a in ("p2", "p3"))
    assert_reports(result, f"docs/ja/declaration.md:{ja2}:1: ¶2 has 2 sentences, docs/en/declaration.md ¶2 has 1",
                   f"docs/ja/declaration.md:{ja3}:1: ¶3 has 2 sentences, docs/en/declaration.md ¶3 has 3")
    assert p2 < p3


# --- in Chromium ---------------------------------------------------------------

def hover_start_of(page, selector) -> None:
    """Move the pointer onto the first letters of an inline element (the centre
    of a sentence that wraps may lie over another sentence)."""
    page.locator(selector).scroll_into_view_if_needed()
    box = page.evaluate("(s) => { const r = document.querySelector(s).getClientRects()[0]; "
                        "return [r.left + 12, r.top + r.height / 2] }", selector)
    page.mouse.move(*box)


def sentence_in_view_and_marked(page, anchor) -> bool:
    return page.evaluate("""(id) => {
        const el = document.getElementById(id)
        const box = el.getBoundingClientRect()
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom
        const para = el.closest('p')
        const mark = getComputedStyle(el).backgroundColor
        return el.matches(':target') && box.top >= header - 1 && box.bottom <= innerHeight
            && mark !== 'rgba(0, 0, 0, 0)' && mark !== getComputedStyle(para).backgroundColor
    }""", anchor)


@pytest.mark.parametrize("start", LANGUAGES)
def test_a_sentence_link_lands_marked_and_the_toggle_keeps_it(browser_page, base_url, start):
    origin = f"{base_url}{page_path(start, 'declaration/')}#p9-s2"
    browser_page.goto(base_url + page_path(start, "declaration/"))
    browser_page.goto(origin)
    assert sentence_in_view_and_marked(browser_page, "p9-s2")
    toggle_language(browser_page, OTHER[start])
    assert browser_page.url == f"{base_url}{page_path(OTHER[start], 'declaration/')}#p9-s2"
    assert sentence_in_view_and_marked(browser_page, "p9-s2")
    browser_page.go_back()
    assert browser_page.url == origin
    assert sentence_in_view_and_marked(browser_page, "p9-s2")


@pytest.mark.parametrize("lang, citation", [
    ("en", "Pax Silica Declaration, ¶9, second sentence — {url}#p9-s2"),
    ("ja", "パックス・シリカ宣言 第9段落第2文 — {url}#p9-s2"),
])
def test_the_sentence_button_copies_a_citation_in_the_readers_language(browser_page, base_url, lang, citation):
    url = base_url + page_path(lang, "declaration/")
    browser_page.goto(url)
    hover_start_of(browser_page, "#p9-s2")
    button = browser_page.locator("#p9-s2 > .sentence-copy")
    button.click()
    browser_page.wait_for_function("() => document.querySelector('.md-dialog--active') !== null")
    assert browser_page.evaluate("navigator.clipboard.readText()") == citation.format(url=url)


def test_the_sentence_buttons_are_reachable_by_keyboard_and_named(browser_page, base_url):
    browser_page.goto(base_url + "ja/declaration/#p9")
    browser_page.focus("#p9 .para-page")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("""() => {
        const el = document.activeElement
        return [el.closest('.sentence').id, getComputedStyle(el).opacity]
    }""")
    assert focused == ["p9-s1", "1"]
    name = "第9段落第1文へのリンクをコピー"  # its accessible name (aria-label; Material makes the title a tooltip)
    assert browser_page.get_by_role("button", name=name, exact=True).evaluate("el => el === document.activeElement")


def test_copying_a_whole_japanese_paragraph_gives_its_text_without_stray_spaces(browser_page, base_url, edition):
    browser_page.goto(base_url + "ja/declaration/")
    copied = browser_page.evaluate("""() => {
        const range = document.createRange()
        const sentences = document.querySelectorAll('#p9 .sentence')
        range.setStartBefore(sentences[0]); range.setEndAfter(sentences[sentences.length - 1])
        getSelection().removeAllRanges(); getSelection().addRange(range)
        return getSelection().toString()
    }""")
    assert copied == edition.documents["declaration"]["ja"].block("p9").text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_parallel_view_marks_a_linked_sentence_in_both_columns_and_pairs_on_hover(browser_page, base_url, lang):
    browser_page.goto(f"{base_url}{page_path(lang, 'parallel/declaration/')}#p9-s2")
    marked = """(s) => [...document.querySelectorAll('#p9 .parallel-cell')].map(cell =>
        getComputedStyle(cell.querySelector(`[data-s="${s}"]`)).backgroundColor)"""
    both, others = browser_page.evaluate(marked, "2"), browser_page.evaluate(marked, "1")
    assert both[0] == both[1] != "rgba(0, 0, 0, 0)" and others == ["rgba(0, 0, 0, 0)"] * 2
    hover_start_of(browser_page, f"#p9 .parallel-cell[lang={OTHER[lang]}] [data-s='3']")
    hovered = browser_page.evaluate(marked, "3")
    assert hovered[0] == hovered[1] != "rgba(0, 0, 0, 0)"


# --- the copy buttons cover no word ---------------------------------------------

COVERED_WORDS = """(button) => {
    /* The words (text boxes, line by line) that the shown button, or a tooltip, covers. */
    const covers = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5
    const shown = [button, ...document.querySelectorAll('.md-tooltip2--active, .md-tooltip--active')]
        .map(el => el.getBoundingClientRect())
    const covered = [], walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim()) continue
        const range = document.createRange()
        range.selectNodeContents(node)
        for (const line of range.getClientRects())
            if (shown.some(box => covers(box, line))) covered.push(node.textContent.trim().slice(0, 30))
    }
    return [getComputedStyle(button).opacity, covered]
}"""


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["declaration/", "parallel/declaration/"])
def test_a_shown_sentence_button_covers_no_word(chromium, base_url, width, lang, page):
    """On hover (a pointer over the sentence's first letters) and on keyboard
    focus, every sentence's button shows and covers no word, nor does a tooltip."""
    context = chromium.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.goto(base_url + page_path(lang, page))
    sentences = tab.eval_on_selector_all("article .sentence", "els => els.length")
    assert sentences >= 18   # the Declaration has 18
    problems = []
    for i in range(sentences):
        selector = f"article .sentence >> nth={i}"
        tab.locator(selector).scroll_into_view_if_needed()
        box = tab.evaluate("(i) => { const r = document.querySelectorAll('article .sentence')[i].getClientRects()[0];"
                           " return [r.left + 6, r.top + r.height / 2] }", i)
        tab.mouse.move(*box)
        button = tab.locator(selector).locator(".sentence-copy")
        for how in ("hover", "focus"):
            if how == "focus":
                tab.mouse.move(0, 0)
                tab.keyboard.press("Shift")        # a keyboard user: focus shows as :focus-visible
                button.focus()
            opacity, covered = button.evaluate(COVERED_WORDS)
            if opacity != "1" or covered:
                problems.append((i, how, opacity, covered))
    context.close()
    assert problems == []
