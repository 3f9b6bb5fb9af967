"""The built site: both documents in both languages, same anchors, right languages."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from conftest import DOCUMENTS, LANGUAGES, PAGES, SITE_URL, anchored_blocks, page_path, text_of


def japanese_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    japanese = [c for c in letters if unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA"))]
    return len(japanese) / len(letters)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_same_anchors_in_same_order_in_both_languages(soup, document):
    en = [i for i, _ in anchored_blocks(soup("en", f"{document}/"))]
    ja = [i for i, _ in anchored_blocks(soup("ja", f"{document}/"))]
    assert en == ja
    assert len(en) == len(set(en)), "an anchor appears twice"


def test_structure_of_the_documents(soup):
    for lang in LANGUAGES:
        statement = [i for i, _ in anchored_blocks(soup(lang, "joint-statement/"))]
        assert statement == ["title", "p1", "p2", "signed", "for-japan", "for-usa"]
        declaration = [i for i, _ in anchored_blocks(soup(lang, "declaration/"))]
        assert declaration == ["title"] + [f"p{n}" for n in range(1, 13)]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_anchored_block_is_in_the_page_language(soup, lang, document):
    for anchor, element in anchored_blocks(soup(lang, f"{document}/")):
        share = japanese_share(text_of(element))
        if lang == "ja":
            assert share > 0.8, f"{lang}/{document}#{anchor} is not Japanese: {element.get_text()[:60]}"
        else:
            assert share == 0, f"{lang}/{document}#{anchor} holds Japanese: {element.get_text()[:60]}"


def test_titles_and_signature_block(soup):
    assert soup("en", "joint-statement/").h1.get_text(strip=True) == \
        "Japan-U.S. Joint Statement on the Eve of the Pax Silica Summit"
    assert soup("ja", "joint-statement/").h1.get_text(strip=True) == "日米共同声明―パックス・シリカ・サミットを前に―"
    assert soup("en", "declaration/").h1.get_text(strip=True) == "Pax Silica Declaration"
    assert soup("ja", "declaration/").h1.get_text(strip=True) == "パックス・シリカ宣言"
    en = soup("en", "joint-statement/")
    assert text_of(en.find(id="for-japan")) == "For the Government of Japan"
    assert text_of(en.find(id="for-usa")) == "For the Government of the United States of America"
    assert "Washington" in en.find(id="signed").get_text()
    ja = soup("ja", "joint-statement/")
    assert text_of(ja.find(id="for-japan")) == "日本国政府のために"
    assert text_of(ja.find(id="for-usa")) == "アメリカ合衆国政府のために"
    assert "signature" in ja.find(id="signed")["class"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_html_lang_and_material_ui_language(soup, lang, page):
    page_soup = soup(lang, page)
    assert page_soup.html["lang"] == lang
    search_label = page_soup.select_one("label.md-search__icon, .md-search__input")
    placeholder = page_soup.select_one("input.md-search__input")["placeholder"]
    assert search_label is not None
    assert (placeholder == "検索") if lang == "ja" else (placeholder == "Search")


TRANSLATED = [f"{d}/" for d in DOCUMENTS] + [f"parallel/{d}/" for d in DOCUMENTS] + ["declaration/p9/", "joint-statement/p1/"]


@pytest.mark.parametrize("page", TRANSLATED)
def test_japanese_pages_of_the_translated_texts_say_the_english_is_the_original(soup, page):
    notice = soup("ja", page).select(".admonition.provisional")
    assert len(notice) == 1, f"ja/{page} has no provisional-translation notice"
    assert "仮訳" in notice[0].get_text() and "正文は英語" in notice[0].get_text()
    link = notice[0].find("a")["href"]
    here = f"https://x/{page_path('ja', page)}"
    assert urlsplit(urljoin(here, link)).path == f"/{page}"
    assert soup("en", page).select(".admonition.provisional") == []


@pytest.mark.parametrize("page", ["", "commitments/", "notes/", "about/"])
def test_pages_whose_text_is_the_editions_own_have_no_provisional_notice(soup, page):
    """Home, index, notes, about: the edition's own words, not the Government's translation."""
    assert soup("ja", page).select(".admonition.provisional") == []


def test_japanese_quoted_on_english_pages_is_marked_lang_ja(soup):
    notes = soup("en", "notes/")
    spans = notes.select("article [lang=ja]")
    assert any("日米共同声明―パックス・シリカ・サミットを前に―" in s.get_text() for s in spans)
    for text in notes.select_one("article").find_all(string=re.compile("[ぁ-んァ-ン一-龯]")):
        assert text.find_parent(attrs={"lang": "ja"}), f"Japanese without lang=ja: {text!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_hreflang_alternates_are_absolute_with_x_default(soup, lang, page):
    links = {l["hreflang"]: l["href"] for l in soup(lang, page).select("head link[rel=alternate][hreflang]")}
    assert links == {
        "en": SITE_URL + page_path("en", page),
        "ja": SITE_URL + page_path("ja", page),
        "x-default": SITE_URL + page_path("en", page),
    }
    canonical = soup(lang, page).select_one("head link[rel=canonical]")["href"]
    assert canonical == SITE_URL + page_path(lang, page)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_language_switcher_leads_to_the_counterpart_page(site, soup, lang, page):
    here = "https://x/" + page_path(lang, page)
    links = {a["hreflang"]: a["href"] for a in soup(lang, page).select("a.md-select__link")}
    assert set(links) == {"en", "ja"}
    for target_lang, href in links.items():
        target = urlsplit(urljoin(here, href)).path
        expected = "/" + page_path(target_lang, page)
        assert target in (expected, "/edition" + expected), (href, expected)


def test_sitemap_lists_both_languages_with_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(site / "sitemap.xml")
    urls = {u.find("s:loc", ns).text: u for u in tree.getroot().findall("s:url", ns)}
    for lang in LANGUAGES:
        for page in PAGES:
            loc = SITE_URL + page_path(lang, page)
            assert loc in urls, f"{loc} missing from sitemap.xml"
            alternates = {l.get("hreflang"): l.get("href") for l in urls[loc].findall("x:link", ns)}
            assert alternates == {l: SITE_URL + page_path(l, page) for l in LANGUAGES}


def test_nothing_is_loaded_from_another_host(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 2 * len(PAGES)
    from bs4 import BeautifulSoup
    for path in pages:
        page_soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
            for el in page_soup.find_all(tag):
                url = el.get(attr)
                if not url or (tag == "link" and el.get("rel") in (["canonical"], ["alternate"])):
                    continue
                assert not urlsplit(url).netloc and not url.startswith("//"), f"{path}: {tag} {url}"
        assert "fonts.googleapis" not in str(page_soup) and "fonts.gstatic" not in str(page_soup)


def test_notes_page_lists_every_correction_in_both_languages(soup):
    en_rows = soup("en", "notes/").select("article table tbody tr")
    ja_rows = soup("ja", "notes/").select("article table tbody tr")
    assert len(en_rows) == len(ja_rows) >= 9
    for rows in (en_rows, ja_rows):
        for row in rows:
            cells = row.find_all("td")
            assert cells[1].find("a"), "each correction links to its paragraph"
            assert cells[2].get_text(strip=True) != cells[3].get_text(strip=True)


@pytest.mark.parametrize("page", PAGES)
def test_footer_links_to_the_about_page_and_credits_material_in_the_page_language(site, soup, page):
    for lang, text in (("en", "About this edition · Made with Material for MkDocs"),
                       ("ja", "本版について · Material for MkDocs で作成")):
        footer = soup(lang, page).select_one(".md-copyright")
        assert " ".join(footer.get_text(" ").split()) == text
        about, credit = footer.find_all("a")
        assert (site / page_path(lang, page) / about["href"] / "index.html").resolve() == \
            (site / page_path(lang, "about/") / "index.html").resolve()
        assert credit.get("lang") == (None if lang == "en" else "en")


# The lines of every heading of a page, as Chromium sets them (a line starts
# where a character's box drops below the one before it).
HEADING_LINES = """() => [...document.querySelectorAll('article h1, article h2')].map(h => {
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT), lines = [];
    let top = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('.headerlink')) continue;
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const box = range.getClientRects()[0];
            if (!box) continue;
            if (top === null || box.top > top + 5) lines.push('');
            top = box.top; lines[lines.length - 1] += node.data[i];
        }
    }
    return lines.map(line => line.trim());
})"""


@pytest.mark.parametrize("page", ["", "parallel/declaration/", "parallel/joint-statement/", "joint-statement/"])
def test_japanese_headings_wrap_between_phrases_on_a_phone(chromium, base_url, page):
    """At 360 px the Japanese titles take two or three lines; they break
    between phrases (word-break: auto-phrase), never inside a word such as
    宣言: "パックス・シリカ宣 / 言：日英対照" is what the default gave."""
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    phone = context.new_page()
    phone.goto(f"{base_url}{page_path('ja', page)}")
    headings = phone.evaluate(HEADING_LINES)
    context.close()
    wrapped = [lines for lines in headings if len(lines) > 1]
    assert wrapped, headings                      # the case is real: the title wraps at this width
    for lines in wrapped:
        text, breaks = "".join(lines), {sum(map(len, lines[:n])) for n in range(1, len(lines))}
        for word in WHOLE_WORDS:
            for start in (i for i in range(len(text)) if text.startswith(word, i)):
                assert not breaks & set(range(start + 1, start + len(word))), (word, lines)
        assert not [line for line in lines[1:] if line[0] in "、。：」）ー"], lines


WHOLE_WORDS = ["宣言", "共同声明", "日英対照", "サミット", "パックス", "シリカ", "段落"]
