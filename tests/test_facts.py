"""A document's facts between its title and ¶ 1 (pax_silica.facts,
overrides/edition/facts.html), and where they come from: the source in
pax-silica.json, the notes and the About page, with the press release of the
Ministry of Foreign Affairs of Japan."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import DOCUMENTS, LANGUAGES, ROOT, page_path

MOFA = "https://www.mofa.go.jp/mofaj/press/release/pressit_000001_03107.html"
DATES = {("joint-statement", "en"): "11 December 2025", ("joint-statement", "ja"): "2025年12月11日",
         ("declaration", "en"): "12 December 2025", ("declaration", "ja"): "2025年12月12日"}
STATUS = {"en": "The original, in English", "ja": "日本国政府による仮訳（正文は英語）。"}


@pytest.fixture(scope="module")
def data():
    return yaml.safe_load((ROOT / "docs/commitments.yml").read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_facts_stand_between_the_title_and_the_first_paragraph(soup, data, lang, document):
    article = soup(lang, f"{document}/").select_one("article")
    blocks = [el for el in article.find_all(["h1", "p", "dl"], recursive=False)]
    names = [el.name if el.name != "p" else el.get("id") or el.get("class")[0] for el in blocks]
    assert names[:4] == ["h1", "doc-links", "dl", "p1"], names
    facts = article.select_one("dl.doc-facts")
    rows = {dt.get_text(): dt.find_next_sibling("dd") for dt in facts.select("dt")}
    about = data[document]
    signed, signatories, status, source = rows.values()
    assert DATES[document, lang] in signed.get_text() and about["signed"]["place"][lang] in signed.get_text()
    names = [s[lang] for s in about["signatories"]]
    assert signatories.get_text().startswith(("、" if lang == "ja" else ", ").join(names))
    note = signatories.select_one(".doc-facts-note")
    if document == "declaration":   # the signatories of the signing, not every country that has signed since
        assert ("12 December 2025" if lang == "en" else "2025年12月12日の署名時") in note.get_text()
        assert note.get_text() == about["signatories_note"][lang]
    else:
        assert note is None
    assert status.get_text() == STATUS[lang]
    link = source.find("a")
    assert link["href"] == MOFA and link["hreflang"] == "ja"
    assert ("Ministry of Foreign Affairs of Japan" if lang == "en" else "外務省") in link.get_text()
    assert source.find(string=True, recursive=False) == (" (in Japanese)" if lang == "en" else None)
    assert source.select_one(".doc-facts-url").get_text().strip() == MOFA   # printed, where links cannot be followed


def test_pax_silica_json_names_each_documents_type_and_source(site):
    export = json.loads((site / "pax-silica.json").read_text(encoding="utf-8"))
    for document in export["documents"]:
        assert document["source"] == {"publisher": {"en": "Ministry of Foreign Affairs of Japan", "ja": "外務省"},
                                      "kind": {"en": "press release", "ja": "報道発表"},
                                      "date": "2025-12-13", "language": "ja", "url": MOFA}
        assert document["type"]["en"] in ("Joint Statement", "Declaration")
    declaration = next(d for d in export["documents"] if d["id"] == "declaration")
    assert "12 December 2025" in declaration["signatories_note"]["en"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_notes_link_to_the_press_release(soup, lang):
    links = soup(lang, "notes/").select(f'article a[href="{MOFA}"]')
    assert len(links) == 1 and links[0]["hreflang"] == "ja"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_about_page_says_what_the_edition_is_and_where_to_report_an_error(site, soup, lang):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    issues = config["extra"]["repository"].rstrip("/") + "/issues"
    article = soup(lang, "about/").select_one("article")
    text = article.get_text()
    assert ("unofficial edition" if lang == "en" else "非公式の版") in text
    assert ("provisional translation" if lang == "en" else "仮訳") in text
    assert article.select_one(f'a[href="{MOFA}"]')["hreflang"] == "ja"
    report = article.select_one("h2#report").find_next("p")
    assert report.select_one(f'a[href="{issues}"]') is not None
    notes = report.select_one('a[href$="notes/#corrections"]')
    assert (site / page_path(lang, "about/") / notes["href"].split("#")[0] / "index.html").resolve() == \
        (site / page_path(lang, "notes/") / "index.html").resolve()
    toc = soup(lang, "about/").select('nav.md-nav--secondary a[href="#report"]')
    assert toc, "the generated section is in the table of contents"
    assert "licen" in text.lower() or "ライセンス" in text   # what is true of the edition's own work: none yet
