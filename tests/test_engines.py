"""The reader's journeys in every engine the edition's readers use: Chromium,
Firefox ESR and WebKitGTK (tests/engines.py), at a phone's width (390 px) and a
desktop's (1280 px), each engine one browser session on the session's built
site (conftest.py: host). After every test: no console error, and no request
the host answered with an error. `pytest -k firefox` runs one engine's."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, IN_VIEW_AND_HIGHLIGHTED, LANGUAGES, OTHER, page_path, to_terminal
from engines import ENGINES, Chromium, Firefox, WebKit, observing_handler
from pax_silica.audit.pages import discover_pages
from pax_silica.audit.visits import SEARCH_READY

# Firefox asks for the host root's /favicon.ico when a page comes back from its
# back-forward cache, whatever icon the page links: test_back_asks_for_no_missing_icon.
FIREFOX_GUESS = "/favicon.ico"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
SHOTS = ARTIFACTS / "engines"


@pytest.fixture(scope="session", params=ENGINES)
def engine(request, host):
    """One browser session of each engine, for all its tests (pytest runs each
    engine's tests together)."""
    log = to_terminal(request.config, "engines:")
    if request.param == "chromium":
        engine = Chromium(request.getfixturevalue("chromium"), host.url)
    elif request.param == "firefox":
        engine = Firefox()
    else:
        handler = host.server.RequestHandlerClass
        host.server.RequestHandlerClass = observing_handler(handler)
        request.addfinalizer(lambda: setattr(host.server, "RequestHandlerClass", handler))
        engine = WebKit(host.url)
    log(f"{engine.version}")
    engine.first_request = len(host.server.log)     # what the host served this session from here on
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield engine
    engine.close()


@pytest.fixture(params=WIDTHS)
def width(request, engine):
    """The viewport of a phone or a desktop; the width in pixels."""
    engine.resize(*WIDTHS[request.param])
    return WIDTHS[request.param][0]


@pytest.fixture(autouse=True)
def no_error(request):
    """Every test in every engine: no console error and no request that failed."""
    if "engine" not in request.fixturenames:
        yield
        return
    engine, host = request.getfixturevalue("engine"), request.getfixturevalue("host")
    engine.console_errors()
    start = len(host.server.log)
    yield
    errors = engine.console_errors()
    failed = [f"{s.status} {s.path}" for s in host.server.log[start:] if s.status >= 400 and s.path != FIREFOX_GUESS]
    assert not errors and not failed, f"{engine.name}: console {errors}, failed requests {failed}"


def url(host, lang, page):
    return host.url + page_path(lang, page)


def fresh(engine, host, address):
    """Open ``address`` as a reader following a link from elsewhere does: a
    new document, also when the page shown is the same with another #fragment
    (then from the site's 404 page: after a page came back from Firefox's
    back-forward cache, puppeteer loses a navigation to about:blank)."""
    if engine.url.split("#")[0] == address.split("#")[0]:
        engine.goto(host.url + "404.html")
    engine.goto(address)


def shoot(engine, name):
    """A screenshot under test-artifacts/engines/, once the header's transitions are over."""
    engine.wait("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=2)
    engine.screenshot(SHOTS / f"{engine.name}-{name}.png")


SENTENCE_MARKED = """(id) => {
    const el = document.getElementById(id)
    const box = el.getClientRects()[0]
    const header = document.querySelector('.md-header').getBoundingClientRect().bottom
    const mark = getComputedStyle(el).backgroundColor
    return el.matches(':target') && box.top >= header - 1 && box.bottom <= innerHeight
        && mark !== 'rgba(0, 0, 0, 0)' && mark !== getComputedStyle(el.closest('p')).backgroundColor
}"""


# --- the journeys ------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_deep_link_to_a_paragraph_and_to_a_sentence_lands_below_the_header_marked(engine, width, host, lang):
    fresh(engine, host, url(host, lang, "declaration/#p8"))
    assert engine.wait(IN_VIEW_AND_HIGHLIGHTED, "p8"), f"{engine.name} {width}: ¶ 8 not in view and marked"
    fresh(engine, host, url(host, lang, "declaration/#p9-s2"))
    assert engine.wait(SENTENCE_MARKED, "p9-s2"), f"{engine.name} {width}: ¶ 9, sentence 2 not in view and marked"
    shoot(engine, f"declaration-{lang}-{width}-p9-s2")


def open_language_menu_and_follow(engine, lang):
    """Point at the header's language selector, as a reader's pointer does, and follow ``lang``'s link."""
    engine.move(*engine.centre(".md-header .md-select"))
    link = f"a.md-select__link[hreflang={lang}]"
    assert engine.wait("(s) => getComputedStyle(document.querySelector(s)).visibility === 'visible'", link), \
        f"{engine.name}: the language menu did not open"
    engine.follow(*engine.evaluate("""(s) => { const r = document.querySelector(s).getBoundingClientRect()
        return [r.left + r.width / 2, r.top + r.height / 2] }""", link))


def test_the_language_toggle_keeps_paragraph_8_both_ways_and_back_returns(engine, width, host):
    origin = url(host, "en", "declaration/#p8")
    fresh(engine, host, origin)
    open_language_menu_and_follow(engine, "ja")
    assert engine.url == url(host, "ja", "declaration/#p8")
    assert engine.evaluate("() => document.documentElement.lang") == "ja"
    assert engine.wait(IN_VIEW_AND_HIGHLIGHTED, "p8"), f"{engine.name} {width}: ¶ 8 lost in Japanese"
    open_language_menu_and_follow(engine, "en")
    assert engine.url == origin
    assert engine.wait(IN_VIEW_AND_HIGHLIGHTED, "p8"), f"{engine.name} {width}: ¶ 8 lost back in English"
    engine.back()
    assert engine.url == url(host, "ja", "declaration/#p8")
    assert engine.wait(IN_VIEW_AND_HIGHLIGHTED, "p8"), f"{engine.name} {width}: Back did not return to ¶ 8"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_side_by_side_row_and_the_counterparts_marked_on_hover(engine, width, host, lang):
    fresh(engine, host, url(host, lang, "parallel/declaration/#p9-s2"))
    assert engine.wait("""() => { const row = document.getElementById('p9').getBoundingClientRect()
        const above = [...document.querySelectorAll('.md-header, .parallel-head')].map(e => e.getBoundingClientRect().bottom)
        return row.top >= Math.max(...above) - 1 && row.top < innerHeight / 2 }"""), \
        f"{engine.name} {width}: the row of ¶ 9 not at the top, below the header (and the column heads)"
    cells = engine.evaluate("""() => [...document.querySelectorAll('#p9 .parallel-cell')].map(cell => {
        const box = cell.getBoundingClientRect(); return [cell.lang, box.top, box.bottom] })""")
    assert [lang for lang, _, _ in cells] == [lang, OTHER[lang]]
    (_, top1, bottom1), (_, top2, _) = cells
    assert abs(top1 - top2) < 2 if width > 1000 else top2 >= bottom1 - 1, "side by side on a desktop, stacked on a phone"
    marked = """(s) => [...document.querySelectorAll('#p9 .parallel-cell')].map(cell =>
        getComputedStyle(cell.querySelector(`.sentence[data-s="${s}"]`)).backgroundColor)"""
    second, first = engine.evaluate(marked, "2"), engine.evaluate(marked, "1")
    assert second[0] == second[1] != "rgba(0, 0, 0, 0)" and first == ["rgba(0, 0, 0, 0)"] * 2
    shoot(engine, f"parallel-{lang}-{width}-p9-s2")
    engine.move(*engine.centre(f"#p9 .parallel-cell[lang={OTHER[lang]}] .sentence[data-s='3']", line=0, dx=14))
    third = engine.wait(f"() => {{ const m = ({marked})('3'); return m[0] === m[1] && m[0] !== 'rgba(0, 0, 0, 0)' && m }}")
    assert third, f"{engine.name} {width}: hovering sentence 3 in one column does not mark it in the other"
    term = f"#p8 .parallel-cell[lang={lang}] a.term[data-t='1']"
    engine.move(*engine.centre(term))
    assert engine.wait("""(s) => { const [a, b] = document.querySelectorAll('#p8 a.term[data-t="1"]')
        const colour = getComputedStyle(b).backgroundColor
        return getComputedStyle(a).backgroundColor === colour && colour !== 'rgba(0, 0, 0, 0)' }""", term), \
        f"{engine.name} {width}: hovering a term does not mark its counterpart"


SEARCHES = [("ja", "重要鉱物", "declaration/#p3"), ("en", "critical minerals", "declaration/#p3"),
            ("en", "p9", "declaration/#p9"), ("ja", "第9段落", "declaration/#p9")]


@pytest.mark.parametrize("lang, query, expected", SEARCHES)
def test_search_in_japanese_in_english_and_by_paragraph_number(engine, width, host, lang, query, expected):
    fresh(engine, host, url(host, lang, "declaration/"))
    assert engine.wait(SEARCH_READY, timeout=15), f"{engine.name}: search not ready"
    engine.click(*engine.centre(".md-header .search-button" if width < 960 else "input.md-search__input"))
    assert engine.wait("() => document.activeElement === document.querySelector('input.md-search__input')")
    engine.type(query)
    number = query[0] in "p第"     # a paragraph number: that paragraph first
    found = """(expected, first) => { const links = [...document.querySelectorAll('.md-search-result__list a')]
        .map(a => a.href); return (first ? links[1] === expected : links.includes(expected)) && links }"""
    links = engine.wait(found, url(host, lang, expected), number, timeout=10)
    assert links, f"{engine.name} {width}: {query!r} -> " + str(engine.evaluate(
        "() => [...document.querySelectorAll('.md-search-result__list a')].map(a => a.href)"))
    if number:
        shoot(engine, f"search-{lang}-{width}")


COPIED = """() => { window.__copied = []
    document.addEventListener('copy', e => __copied.push(e.target.value !== undefined ? e.target.value : getSelection().toString()), true) }"""
CONFIRMED = """() => { const dialog = document.querySelector('.md-dialog')
    return dialog.classList.contains('md-dialog--active') && [dialog.textContent.trim(), window.__copied] }"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_copy_buttons_copy_the_citation_and_confirm(engine, width, host, lang):
    page = url(host, lang, "declaration/")
    message = {"en": "Copied to clipboard", "ja": "コピーしました"}[lang]
    citations = {"en": [f"Pax Silica Declaration, ¶8 — {page}#p8",
                        f"Pax Silica Declaration, ¶9, second sentence — {page}#p9-s2"],
                 "ja": [f"パックス・シリカ宣言 第8段落 — {page}#p8", f"パックス・シリカ宣言 第9段落第2文 — {page}#p9-s2"]}[lang]
    fresh(engine, host, page)
    engine.evaluate(COPIED)
    engine.click(*engine.centre("#p8 .para-copy"))
    assert engine.wait(CONFIRMED) == [message, citations[:1]], engine.name
    engine.evaluate("() => { document.querySelector('.md-dialog').classList.remove('md-dialog--active'); window.__copied = [] }")
    sentence = engine.centre("#p9-s2", line=0, dx=14)
    if engine.evaluate("() => matchMedia('(hover: none)').matches"):
        engine.click(*sentence)     # a touch screen (and headless Firefox, which has no pointer): a tap shows it
    else:
        engine.move(*sentence)      # the button shows on hover
    assert engine.wait("() => getComputedStyle(document.querySelector('#p9-s2 > .sentence-copy')).opacity === '1'")
    engine.click(*engine.centre("#p9-s2 > .sentence-copy"))
    assert engine.wait(CONFIRMED) == [message, citations[1:]], engine.name


@pytest.mark.parametrize("engine", ["firefox", "webkit"], indirect=True)
def test_every_page_without_console_error_or_failed_request(engine, host):
    """A visit of every page of the site, until its search is ready and the
    host is quiet (no_error checks what the engine logged and the host served).
    Chromium's visits are the audit's (tests/test_audit.py: console, network)."""
    engine.resize(*WIDTHS["desktop"])
    pages = discover_pages(host.site, host.url)
    assert len(pages) >= 40
    slow = []
    for page in pages:
        engine.goto(page)
        if not engine.wait(SEARCH_READY, timeout=15):
            slow.append(page)
    host.server.wait_until_quiet(0.3)
    assert not slow, f"{engine.name}: search not ready on {slow}"


# --- where the engines differed (issue 26): the same in each now ---------------------

def test_the_glossary_terms_of_the_side_by_side_view_are_underlined_dotted(engine, host):
    """WebKit dropped `text-decoration: underline dotted var(…)` whole (a
    shorthand it does not take with a var()): no underline at all."""
    fresh(engine, host, url(host, "en", "parallel/declaration/"))
    styles = engine.evaluate("""() => { const probe = document.body.appendChild(document.createElement('span'))
        probe.style.color = 'var(--md-default-fg-color--lighter)'
        const colour = getComputedStyle(probe).color; probe.remove()
        return [...new Set([...document.querySelectorAll('.parallel a.term')].map(a => { const s = getComputedStyle(a)
            return [s.textDecorationLine, s.textDecorationStyle, s.textDecorationColor === colour].join(' ') }))] }""")
    assert styles == ["underline dotted true"], f"{engine.name}: {styles}"


FULL_WIDTH = """(selectors) => selectors.map(selector => {
    /* Kana and 、。 in the elements, by their advance: each run of kana on a
       line (its width over as many ems of its font size, less letter-spacing;
       a run, as WebKit rounds a box to whole pixels), and each 、。 from its
       left to the next character's (not before another bracket or
       punctuation, nor last on its line: CSS may set those half-width). */
    const kana = /[\\u3041-\\u3096\\u30a1-\\u30fa\\u30fc]/, stop = /[、。]/, punctuation = /[\\s「」『』（）〔〕【】〈〉《》・：、。]/
    const range = document.createRange(), narrow = []
    let count = 0
    const boxes = (node, i, j) => { range.setStart(node, i); range.setEnd(node, j); return range.getClientRects() }
    for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const style = getComputedStyle(node.parentElement)
            const em = parseFloat(style.fontSize) + (parseFloat(style.letterSpacing) || 0)
            const measure = (i, n, width) => {
                count += n
                if (Math.abs(width - n * em) > Math.max(2, 0.04 * n * em))    // WebKit: whole pixels
                    narrow.push(`${node.data.slice(i, i + n)}: ${(width / em).toFixed(2)} em for ${n}`)
            }
            for (let i = 0; i < node.length;) {
                if (kana.test(node.data[i])) {
                    let j = i
                    while (j < node.length && kana.test(node.data[j])) j++
                    const run = boxes(node, i, j)
                    if (run.length === 1) measure(i, j - i, run[0].width)
                    i = j
                    continue
                }
                if (stop.test(node.data[i]) && i + 1 < node.length && !punctuation.test(node.data[i + 1])) {
                    const [it] = boxes(node, i, i + 1), [next] = boxes(node, i + 1, i + 2)
                    if (it && next && Math.abs(it.top - next.top) < 1) measure(i, 1, next.left - it.left)
                }
                i++
            }
        }
    }
    return [selector, count, narrow.length, narrow.slice(0, 4)]
})"""


@pytest.mark.parametrize("page, selectors", [("ja/declaration/", [".md-header", ".md-nav--primary", "article"]),
                                             ("parallel/declaration/", ["article [lang=ja]"])])
def test_japanese_kana_and_punctuation_are_set_at_full_width(engine, width, host, page, selectors):
    """Material asks body, input and aside for the fonts' "kern" feature: Firefox
    then kerned kana (カ 0.93 em) and set 、。 half-width outside the article."""
    fresh(engine, host, host.url + page)
    measured = engine.evaluate(FULL_WIDTH, selectors)
    assert all(count > 0 for _, count, _, _ in measured), measured
    assert [narrow for _, _, narrow, _ in measured] == [0] * len(selectors), f"{engine.name} {width}: {measured}"


FIRST_LINE = """(id) => { const el = document.getElementById(id)
    const header = document.querySelector('.md-header').getBoundingClientRect().bottom
    return [el.getClientRects()[0].top - header, parseFloat(getComputedStyle(el).scrollMarginTop) - header] }"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_linked_sentence_opens_with_its_first_line_as_far_below_the_header_in_every_engine(engine, width, host, lang):
    """Its scroll margin below the header: WebKit scrolled ¶ 9's second sentence to 11-17 px under it, Chromium 36."""
    fresh(engine, host, url(host, lang, "declaration/#p9-s2"))
    assert engine.wait(SENTENCE_MARKED, "p9-s2")
    gap, expected = engine.evaluate(FIRST_LINE, "p9-s2")
    assert abs(gap - expected) <= 4, f"{engine.name} {width}: {gap:.1f} px below the header, not {expected:.0f}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_sentence_button_stands_at_the_height_of_the_sentences_first_line(engine, width, host, lang):
    """The button is the sentence's first child, out of the flow: a block's
    static position put it beside the sentence's second line."""
    fresh(engine, host, url(host, lang, "declaration/"))
    misplaced = engine.evaluate("""() => [...document.querySelectorAll('article .sentence')].flatMap(sentence => {
        const line = sentence.getClientRects()[0], button = sentence.querySelector('.sentence-copy').getBoundingClientRect()
        const middle = (button.top + button.bottom) / 2
        return middle > line.top && middle < line.bottom ? [] : [`${sentence.id}: ${Math.round(middle - line.top)} px below its first line's top`]
    })""")
    assert misplaced == [], f"{engine.name} {width}: {misplaced}"


LINES = """(selector) => {
    /* The text of each line of the element, by the boxes of its characters. */
    const lines = [], range = document.createRange()
    const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode())
        for (let i = 0; i < node.length; i++) {
            range.setStart(node, i); range.setEnd(node, i + 1)
            const box = range.getClientRects()[0]
            if (!box || !box.width) continue          // a space where a line breaks
            const last = lines[lines.length - 1]
            if (!last || box.top >= last.bottom - 1) lines.push({bottom: box.bottom, text: ''})
            lines[lines.length - 1].text += node.data[i]
        }
    return lines.map(line => line.text.trim())
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_line_of_the_glossarys_index_opens_with_a_separator(engine, width, host, lang):
    fresh(engine, host, url(host, lang, "glossary/"))
    lines = engine.evaluate(LINES, "article .glossary-groups")
    assert lines and not [line for line in lines if line.startswith("·")], f"{engine.name} {width}: {lines}"
    split = engine.evaluate("() => [...document.querySelectorAll('article .glossary-groups a')]"
                            ".filter(a => a.getClientRects().length > 1).map(a => a.textContent)")
    assert split == [], f"{engine.name} {width}: {split} cut across lines ({lines})"


def test_back_asks_for_no_missing_icon(request, engine, host):
    """A page that comes back from the back-forward cache asks for no icon the
    site lacks. Firefox does, whatever the page links: its LinkHandlerChild
    (browser/actors/LinkHandlerChild.sys.mjs) forgets the page's icon on
    pagehide and, on a pageshow without the <link>'s events again, guesses
    /favicon.ico at the host's root, outside a site served at /edition/."""
    if engine.name == "firefox":
        request.applymarker(pytest.mark.xfail(strict=True, reason="Firefox guesses /favicon.ico at the host's root"
                                              " for a page from its back-forward cache"))
    fresh(engine, host, url(host, "en", "declaration/#p8"))
    open_language_menu_and_follow(engine, "ja")
    engine.evaluate("() => addEventListener('pageshow', event => { window.__restored = event.persisted })")
    start = len(host.server.log)
    open_language_menu_and_follow(engine, "en")
    engine.back()
    host.server.wait_until_quiet(0.5)
    restored = engine.evaluate("() => window.__restored")
    to_terminal(request.config, "engines:")(f"{engine.name}: Back {'from the back-forward cache' if restored else 'loaded the page again'}")
    assert [s.path for s in host.server.log[start:] if s.status >= 400] == []
    # Firefox asks once a session (it remembers the failure): also in the journeys before this test
    assert [s.path for s in host.server.log[engine.first_request:] if s.path == FIREFOX_GUESS] == []
