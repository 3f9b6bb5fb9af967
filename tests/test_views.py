"""The generated views on the real build: parallel pages and the index of commitments."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import ARTIFACTS, DOCUMENTS, LANGUAGES, OTHER, ROOT, anchored_blocks, in_view_and_highlighted, page_path, scroll_to_top_of_viewport, text_of, toggle_language


def rows(soup, lang, document):
    return soup(lang, f"parallel/{document}/").select("article .parallel .parallel-row")


def resolve(site, page_url: str, href: str):
    """(file, fragment) that ``href`` on the page at ``page_url`` leads to in the built site."""
    target = urlsplit(urljoin("http://host/" + page_url, href))
    path = target.path.lstrip("/")
    assert path.endswith("/") or "." in path.rsplit("/", 1)[-1], f"{href}: no trailing slash"
    return site / (path + "index.html" if path.endswith("/") or not path else path), target.fragment


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_parallel_rows_follow_the_sources_anchors_in_order(soup, lang, document):
    single = [anchor for anchor, _ in anchored_blocks(soup("en", f"{document}/"))]
    assert [row["id"] for row in rows(soup, lang, document)] == single


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_each_cell_is_the_single_language_paragraph_in_its_own_language(soup, lang, document):
    for row in rows(soup, lang, document):
        cells = row.select(".parallel-cell")
        assert [c["lang"] for c in cells] == [lang, OTHER[lang]], "the page's language comes first"
        for cell in cells:
            page = dict(anchored_blocks(soup(cell["lang"], f"{document}/")))
            assert cell.p.get_text() == text_of(page[row["id"]]), f"{lang} {document} #{row['id']} ({cell['lang']})"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_each_row_shows_its_number_and_links_to_both_single_language_paragraphs(site, soup, lang, document):
    page_url = page_path(lang, f"parallel/{document}/")
    for row in rows(soup, lang, document):
        number = row.select_one("a.parallel-number")
        assert number["href"] == f"#{row['id']}"
        if row["id"].startswith("p"):
            assert row["id"][1:] in number.get_text()
        links = row.select("a.parallel-source")
        assert [a["hreflang"] for a in links] == [lang, OTHER[lang]]
        for a in links:
            file, fragment = resolve(site, page_url, a["href"])
            assert file == site / page_path(a["hreflang"], f"{document}/") / "index.html"
            assert fragment == row["id"]


def test_document_pages_link_to_their_parallel_view_text_pdfs_and_index(site, soup):
    for lang in LANGUAGES:
        for document in DOCUMENTS:
            links = soup(lang, f"{document}/").select("article p.doc-links a")
            targets = [resolve(site, page_path(lang, f"{document}/"), a["href"])[0] for a in links]
            assert targets == [site / page_path(lang, f"parallel/{document}/") / "index.html",
                               site / f"downloads/pax-silica-{document}.{lang}.txt",
                               site / f"downloads/pax-silica-{document}.{lang}.pdf",
                               site / f"downloads/pax-silica-{document}.en-ja.pdf",
                               site / page_path(lang, "commitments/") / "index.html"]
            assert all(t.is_file() for t in targets)
            assert [a.get("type") for a in links][2:4] == ["application/pdf"] * 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_lists_every_paragraph_with_links_to_it_and_its_parallel_row(site, soup, lang):
    index = soup(lang, "commitments/")
    page_url = page_path(lang, "commitments/")
    by_document = {document: index.select_one(f"#document-{document}").find_next("ul") for document in DOCUMENTS}
    for document in DOCUMENTS:
        anchors = [p["id"] for p in soup("en", f"{document}/").select("article p.para[id^=p]")]
        entries = by_document[document].find_all("li", recursive=False)
        assert len(entries) == len(anchors)
        for anchor, entry in zip(anchors, entries):
            links = [resolve(site, page_url, a["href"]) for a in entry.find_all("a")]
            assert (site / page_path(lang, f"{document}/") / "index.html", anchor) in links
            assert (site / page_path(lang, f"parallel/{document}/") / "index.html", anchor) in links


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_groups_paragraphs_by_topic_as_the_data_file_says(soup, lang):
    data = yaml.safe_load((ROOT / "docs/commitments.yml").read_text(encoding="utf-8"))
    index = soup(lang, "commitments/")
    for topic, names in data["topics"].items():
        expected = {(doc, anchor) for doc, entries in data["paragraphs"].items()
                    for anchor, entry in entries.items() if topic in entry["tags"]}
        heading = index.select_one(f"h3#topic-{topic}")
        assert heading is not None and heading.get_text(strip=True) == names[lang]
        listed = set()
        for a in heading.find_next("ul").select("li > a:first-child"):
            path, _, anchor = a["href"].partition("#")
            listed.add((path.strip("./").split("/")[-1], anchor))
        assert listed == expected, topic


def test_japanese_index_is_in_japanese_with_japanese_punctuation(soup):
    entry = soup("ja", "commitments/").select_one("#document-declaration").find_next("li")
    text = entry.get_text()
    assert text.startswith("宣言 第1段落：") and "（日英対照・段落のページ）" in text and "テーマ：" in text


# --- in Chromium ------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_parallel_view_on_a_phone_stacks_the_texts_without_horizontal_scroll(chromium, base_url, lang):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url + page_path(lang, "parallel/declaration/#p8"))
    assert in_view_and_highlighted(page, "p8")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"parallel-declaration-{lang}-360.png"))
    layout = page.evaluate("""() => {
        const [first, second] = document.querySelectorAll('#p8 .parallel-cell')
        return {scroll: document.documentElement.scrollWidth, width: innerWidth,
                stacked: second.getBoundingClientRect().top >= first.getBoundingClientRect().bottom}
    }""")
    context.close()
    assert layout["scroll"] <= layout["width"]
    assert layout["stacked"]


def test_parallel_view_on_a_desktop_sets_the_texts_side_by_side_at_the_linked_row(browser_page, base_url):
    browser_page.goto(base_url + "parallel/declaration/#p8")
    assert in_view_and_highlighted(browser_page, "p8")
    tops = browser_page.eval_on_selector_all("#p8 .parallel-cell", "els => els.map(e => e.getBoundingClientRect().top)")
    assert len(tops) == 2 and abs(tops[0] - tops[1]) < 2


def test_language_toggle_on_the_parallel_view_keeps_the_row(browser_page, base_url):
    browser_page.goto(base_url + "parallel/declaration/#p8")
    toggle_language(browser_page, "ja")
    assert browser_page.url == base_url + "ja/parallel/declaration/#p8"
    assert browser_page.eval_on_selector("#p8 .parallel-cell", "e => e.lang") == "ja"


def test_language_toggle_on_a_scrolled_parallel_view_keeps_the_row_at_the_top(browser_page, base_url):
    browser_page.goto(base_url + "ja/parallel/declaration/")
    scroll_to_top_of_viewport(browser_page, "p5")
    toggle_language(browser_page, "en")
    assert browser_page.url == base_url + "parallel/declaration/#p5"


# --- the notes' table of corrections on a phone ----------------------------------

TABLE_LAYOUT = """() => {
    const table = document.querySelector('article table')
    const wrap = table.closest('.md-typeset__scrollwrap') || table
    const width = table.getBoundingClientRect().width
    const headings = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim())
    const rows = [...table.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(td => ({
        width: td.getBoundingClientRect().width, top: td.getBoundingClientRect().top,
        before: getComputedStyle(td, '::before').content, label: td.dataset.label})))
    return {page: document.documentElement.scrollWidth, viewport: innerWidth, width, headings, rows,
            scrolls: wrap.scrollWidth > wrap.clientWidth + 1 || table.scrollWidth > table.clientWidth + 1}
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_table_of_corrections_reads_row_by_row_on_a_phone_and_as_a_table_on_a_desktop(chromium, base_url, lang):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url + page_path(lang, "notes/#corrections"))
    phone = page.evaluate(TABLE_LAYOUT)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("article table tbody tr").nth(7).screenshot(path=str(ARTIFACTS / f"notes-table-{lang}-360.png"))
    tree = page.locator("article table").aria_snapshot()
    page.set_viewport_size({"width": 1280, "height": 900})
    desktop = page.evaluate(TABLE_LAYOUT)
    context.close()
    assert phone["page"] <= phone["viewport"] and not phone["scrolls"], "no sideways scroll"
    assert len(phone["rows"]) == 10 and len(phone["headings"]) == 5
    for cells in phone["rows"]:
        assert all(c["width"] >= 0.9 * phone["width"] for c in cells), "each cell a line of the row's block"
        assert [c["top"] for c in cells] == sorted(c["top"] for c in cells)
        for heading, cell in zip(phone["headings"], cells):
            assert cell["label"] == heading and (heading in cell["before"] or heading == "#"), cell
    roles = re.findall(r"^\s*- '?(columnheader|cell)\b", tree, re.M)   # YAML quotes a name with ": "
    assert roles.count("columnheader") == 5 and roles.count("cell") == 50, "still a table to a screen reader"
    for cells in desktop["rows"]:
        assert len({round(c["top"]) for c in cells}) == 1, "side by side on a desktop"
        assert all(c["before"] in ("none", "normal") for c in cells)
