"""The glossary (docs/glossary.yml, pax_silica/glossary.py): its occurrences as the
texts have them, its pages in both languages (alphabetical and gojūon order,
every occurrence a link to its sentence), the terms marked in pairs in the
parallel views, and in Chromium: hovering or focusing a term marks its
counterpart, and nothing moves. The checker's damage cases are in
tests/test_check_parity.py."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import DOCUMENTS, LANGUAGES, OTHER, ROOT, edit, page_path, run_checker
from pax_silica.glossary import collation_key, english_pattern, read_glossary
from pax_silica.model import read_edition
from pax_silica.settings import read_settings

MARKED = "rgb(255, 240, 168)"   # views.css: a term and its counterpart, hovered or focused


@pytest.fixture(scope="module")
def glossary():
    return read_glossary(read_edition(read_settings(ROOT / "mkdocs.yml"), convert="documents"))


def term(glossary, key):
    return next(t for t in glossary.terms if t.id == key)


def renderings_at(glossary, key) -> dict:
    return {o.unit.address: (o.rendering, o.free) for o in term(glossary, key).occurrences}


# --- the model -----------------------------------------------------------------

def test_gojuon_order_as_jis_x_4061_sorts():
    """The order of CLDR's Japanese collation chart (JIS X 4061), the
    reference: small kana before full size, seion before dakuon before
    handakuon, the long vowel mark as its vowel; a katakana reading sorts as
    its hiragana."""
    japanese = lambda word: collation_key(word, "ja")
    assert sorted(["が", "か", "ぁ", "あ", "ぱ", "は", "ば", "ゃ", "や"], key=japanese) == [
        "ぁ", "あ", "か", "が", "は", "ば", "ぱ", "ゃ", "や"]
    words = ["ぱん", "はん", "ばん", "ひよう", "ひょう", "かーど", "えーあい", "あい", "さふらん", "さぷらいちぇーん"]
    assert sorted(words, key=japanese) == ["あい", "えーあい", "かーど", "さぷらいちぇーん", "さふらん",
                                           "はん", "ばん", "ぱん", "ひょう", "ひよう"]
    assert japanese("サプライチェーン") == japanese("さぷらいちぇーん")


def test_a_katakana_reading_is_filed_under_its_kana_row(docs):
    """A reading may be written in katakana (the checker accepts it): the
    Japanese glossary files it in its row as the hiragana it stands for
    (サプライチェーン under さ行), never in a stray group of its own."""
    from pax_silica.glossary import read_glossary as read
    from pax_silica.ui import STRINGS, read_strings
    from pax_silica.glossary_views import glossary_view

    edit(docs / "glossary.yml", "{term: サプライチェーン, reading: さぷらいちぇーん}",
         "{term: サプライチェーン, reading: サプライチェーン}")
    assert run_checker(docs).returncode == 0
    settings = read_settings(ROOT / "mkdocs.yml")
    settings.docs_dir = docs
    edition = read_edition(settings, convert="documents")
    ui = read_strings(STRINGS, list(LANGUAGES))["ja"]
    groups = glossary_view(edition, read(edition), "ja", "ja/glossary/", ui)["groups"]
    ids = [g["id"] for g in groups]
    assert len(ids) == len(set(ids)), ids
    [group] = [g for g in groups if any(t.get("id") == "term-supply-chain" for t in g["terms"])]
    assert (group["initial"], group["id"]) == ("さ", "row-sa")
    assert ids == [f"row-{row}" for row in ("a", "ka", "sa", "ta", "na", "ha", "ma", "ya", "ra", "wa") if f"row-{row}" in ids]


def test_the_renderings_vary_where_the_translation_varies(glossary):
    """The issue's examples, found in the texts, not typed."""
    assert renderings_at(glossary, "trusted") == {"declaration#p7-s1": ("信頼できる", False),
                                                  "declaration#p8-s2": ("信頼できる", False),
                                                  "declaration#p11-s1": ("信頼性のある", False)}
    assert renderings_at(glossary, "reliable") == {"declaration#p2-s1": ("信頼性のある", False),
                                                   "declaration#p8-s1": ("信頼できる", False)}
    assert renderings_at(glossary, "investment-security") == {"declaration#p4-s1": ("投資に関する安全保障", True),
                                                              "declaration#p10-s1": ("投資安全保障", False)}
    assert renderings_at(glossary, "investment-security-practices") == {"declaration#p4-s1": ("投資に関する安全保障措置", False)}


def test_well_over_30_terms_covering_every_topic_of_the_index(glossary):
    assert len(glossary.terms) >= 90
    forms = " ".join(f.casefold() for t in glossary.terms for f in t.forms)
    topics = yaml.safe_load((ROOT / "docs" / "commitments.yml").read_text(encoding="utf-8"))["topics"]
    for names in topics.values():
        for word in names["en"].casefold().split():
            assert word == "and" or word in forms, f"the topic {names['en']!r}: no term holds {word!r}"


def test_every_occurrence_stands_in_both_sentences(glossary):
    for t in glossary.terms:
        for occurrence in t.occurrences:
            english, japanese = occurrence.unit.texts["en"], occurrence.unit.texts["ja"]
            assert any(english_pattern(f).search(english) for f in t.forms)
            assert occurrence.rendering in japanese
            start, end = occurrence.spans["ja"]
            assert japanese[start:end] == occurrence.rendering


# --- the pages -------------------------------------------------------------------

def entries(page_soup):
    return page_soup.select("article h3.glossary-term[id]")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_per_language_with_an_anchor_per_term(soup, glossary, lang):
    page = soup(lang, "glossary/")
    assert [h["id"] for h in entries(page)] == [t.anchor for t in glossary.sorted(lang)]
    assert page.html["lang"] == lang
    nav = [a.get_text(strip=True) for a in page.select(".md-nav--primary .md-nav__link")]
    assert {"en": "Glossary", "ja": "用語集"}[lang] in nav


def test_the_japanese_page_is_in_gojuon_order_of_its_readings(soup, glossary):
    page = soup("ja", "glossary/")
    readings = [h.find_next("dl").find("dd").get_text().split("・")[0] for h in entries(page)]
    assert readings == sorted(readings, key=lambda reading: collation_key(reading, "ja"))
    assert entries(page)[0].get_text() == "アメリカ合衆国政府"
    groups = [(h["id"], h.get_text()) for h in page.select("article h2[id^=row-]")]
    assert groups[:3] == [("row-a", "あ行"), ("row-ka", "か行"), ("row-sa", "さ行")]


def test_the_japanese_page_files_each_other_rendering_under_its_own_reading(soup):
    """調整 (ちょうせい), the Declaration's rendering of "coordination", is under た行 too, leading to 連携・調整."""
    page = soup("ja", "glossary/")
    see = next(p for p in page.select("article p.glossary-see") if p.select_one(".glossary-rendering").get_text() == "調整")
    assert see.find_previous("h2").get_text() == "た行"
    assert see.a["href"] == "#term-coordination" and page.find(id="term-coordination") is not None
    assert see.find("span", lang="en").get_text() == "coordination"
    readings = [p.get_text().split("（")[1].split("）")[0] for p in page.select("article p.glossary-see")]
    assert "ちょうせい" in readings and not soup("en", "glossary/").select("p.glossary-see")


def test_the_english_page_is_in_alphabetical_order(soup):
    headwords = [h.get_text() for h in entries(soup("en", "glossary/"))]
    assert headwords == sorted(headwords, key=str.casefold) and headwords[0] == "advanced manufacturing"
    assert [h["id"] for h in soup("en", "glossary/").select("article h2[id^=letter-]")][:3] == ["letter-a", "letter-b", "letter-c"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_occurrence_links_to_its_sentence_in_the_pages_language(soup, glossary, lang):
    page = soup(lang, "glossary/")
    documents = {doc: soup(lang, f"{doc}/") for doc in DOCUMENTS}
    for t in glossary.terms:
        heading = page.find(id=t.anchor)
        entry = heading.find_next("dl")
        links = entry.select("dd a[href]")
        assert len(links) == len(t.occurrences) + len(t.omissions), t.id
        for link in links:
            match = re.fullmatch(r"\.\./(declaration|joint-statement)/#([a-z0-9-]+)", link["href"])
            assert match, link["href"]
            target = documents[match.group(1)].find(id=match.group(2))
            assert target is not None, link["href"]
            text = target.get_text()
            if lang == "en":
                assert any(english_pattern(f).search(text) for f in t.forms), (t.id, link["href"])
            rendering = link.find_parent("dd").select_one(".glossary-rendering")
            if rendering is not None and lang == "ja":
                assert rendering.get_text() in text, (t.id, link["href"])


def test_the_notes_mark_the_other_languages_words(soup):
    note = soup("en", "glossary/").find(id="term-trusted").find_next("dl").find_all("dd")[-1]
    assert [s.get_text() for s in note.select("span[lang=ja]")][:2] == ["信頼できる", "信頼性のある"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_translators_files_are_linked_from_the_home_and_parallel_pages(site, soup, lang):
    files = ("downloads/pax-silica.en-ja.tmx", "downloads/pax-silica-glossary.tbx",
             "downloads/pax-silica-glossary.en-ja.utf8")
    for page in ("", "parallel/declaration/", "parallel/joint-statement/", "glossary/"):
        hrefs = [a["href"] for a in soup(lang, page).select("article a[href]")]
        for file in files:
            assert (site / file).is_file()
            assert any(h.endswith(file) for h in hrefs), (lang, page, file)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_glossary_page_does_not_link_to_itself(soup, lang):
    page = soup(lang, "glossary/")
    assert not [a for a in page.select("article a[href]") if a["href"] in ("", "./", ".", "#")]
    assert len(page.select("article p")) == len(set(p.get_text() for p in page.select("article p"))), \
        "no paragraph said twice"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_entries_line_up_in_one_column_at_desktop_width(browser_page, base_url, lang):
    browser_page.set_viewport_size({"width": 1280, "height": 900})
    browser_page.goto(f"{base_url}{page_path(lang, 'glossary/')}")
    lefts = browser_page.evaluate("() => [...document.querySelectorAll('dl.glossary-entry dd')].map(d => d.getBoundingClientRect().x)")
    assert len(lefts) > 96 and len(set(lefts)) == 1, sorted(set(lefts))
    wrapped = browser_page.evaluate("""() => [...document.querySelectorAll('dl.glossary-entry dt')]
        .filter(d => { const r = document.createRange(); r.selectNodeContents(d);
                       return new Set([...r.getClientRects()].map(b => Math.round(b.bottom))).size > 1 })
        .map(d => d.textContent)""")
    assert wrapped == [], "a label wraps in its column"


# --- the parallel views ------------------------------------------------------------

def css_rules_for_terms() -> int:
    css = (ROOT / "docs/assets/stylesheets/views.css").read_text(encoding="utf-8")
    return len(re.findall(r'\.parallel-row:has\(\[data-t="(\d+)"\]', css))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_terms_are_marked_in_pairs_in_the_parallel_view(soup, glossary, lang, document):
    page = soup(lang, f"parallel/{document}/")
    glossary_page = soup(lang, "glossary/")
    by_anchor = {t.anchor: t for t in glossary.terms}
    pairs = 0
    for row in page.select(".parallel-row"):
        marks = {}
        for cell in row.select(".parallel-cell"):
            for mark in cell.select("a.term"):
                marks.setdefault(mark["data-t"], {})[cell["lang"]] = mark
        for number, pair in marks.items():
            assert set(pair) == {"en", "ja"}, (row["id"], number)
            assert pair["en"]["href"] == pair["ja"]["href"]
            anchor = pair["en"]["href"].split("#")[1]
            assert glossary_page.find(id=anchor) is not None
            t = by_anchor[anchor]
            assert any(f.casefold() == pair["en"].get_text().casefold() for f in t.forms)
            words = {r.term for r in t.renderings} | set(t.otherwise.values())
            assert pair["ja"].get_text() in words
        assert len(marks) <= css_rules_for_terms(), "views.css marks up to that many terms a row"
        pairs += len(marks)
    assert pairs >= {"declaration": 100, "joint-statement": 40}[document]


def test_the_marks_change_no_text(soup, glossary):
    edition = read_edition(read_settings(ROOT / "mkdocs.yml"), convert="documents")
    for lang in LANGUAGES:
        for document in DOCUMENTS:
            for cell in soup(lang, f"parallel/{document}/").select(".parallel-cell"):
                block = edition.documents[document][cell["lang"]].block(cell.find_parent(class_="parallel-row")["id"])
                if block.sentences:
                    assert [s.get_text() for s in cell.select(".sentence")] == [s.text for s in block.sentences]
                else:
                    assert cell.p.get_text() == block.text


# --- in Chromium ---------------------------------------------------------------------

def backgrounds(page, number: str) -> list[str]:
    return page.evaluate("""(n) => [...document.querySelectorAll('#p8 .parallel-cell')].map(cell =>
        getComputedStyle(cell.querySelector(`a.term[data-t="${n}"]`)).backgroundColor)""", number)


def boxes(page) -> list:
    return page.evaluate("""() => [...document.querySelectorAll('#p8 a.term, #p8 .parallel-cell, #p9')]
        .map(el => { const b = el.getBoundingClientRect(); return [b.x, b.y, b.width, b.height] })""")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hovering_a_term_marks_its_counterpart_and_nothing_moves(browser_page, base_url, lang):
    browser_page.goto(f"{base_url}{page_path(lang, 'parallel/declaration/')}#p8")
    before = boxes(browser_page)
    assert backgrounds(browser_page, "2") == ["rgba(0, 0, 0, 0)"] * 2
    term = browser_page.locator(f"#p8 .parallel-cell[lang={OTHER[lang]}] a.term[data-t='2']")
    box = term.bounding_box()
    browser_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    browser_page.wait_for_function("() => getComputedStyle(document.querySelector(\"#p8 a.term[data-t='2']\")).backgroundColor !== 'rgba(0, 0, 0, 0)'")
    assert backgrounds(browser_page, "2") == [MARKED] * 2
    assert backgrounds(browser_page, "1") == ["rgba(0, 0, 0, 0)"] * 2, "only the hovered pair"
    assert boxes(browser_page) == before, "no layout shift"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_focusing_a_term_with_the_keyboard_marks_its_counterpart(browser_page, base_url, lang):
    browser_page.goto(f"{base_url}{page_path(lang, 'parallel/declaration/')}#p8")
    browser_page.locator(f"#p8 .parallel-cell[lang={lang}] a.term[data-t='1']").focus()
    browser_page.keyboard.press("Tab")          # to the next term of the sentence, as a keyboard moves
    focused = browser_page.evaluate("() => [document.activeElement.dataset.t, document.activeElement.closest('.parallel-cell').lang]")
    assert focused == ["2", lang]
    assert backgrounds(browser_page, "2") == [MARKED] * 2
    assert backgrounds(browser_page, "3") == ["rgba(0, 0, 0, 0)"] * 2
