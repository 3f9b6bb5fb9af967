"""What every page says of itself and what the build says: titles, meta
descriptions short enough for a result page, one host, a quiet build."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, build_site, page_path

SITE_NAMES = {"en": "Pax Silica — Bilingual Edition", "ja": "パックス・シリカ 日英対訳版"}
DESCRIPTION_LIMIT = {"en": 160, "ja": 120}   # characters a result page shows


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_home_page_is_titled_with_the_site_name_alone(soup, lang):
    assert soup(lang, "").select_one("title").get_text() == SITE_NAMES[lang]


def html_pages(site):
    """Every HTML page of the built site (404 pages included), as (path, soup)."""
    return [(path.relative_to(site).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "lxml"))
            for path in sorted(site.rglob("*.html"))]


def test_every_page_has_a_meta_description_that_fits_a_result_page(site):
    """Every page, the paragraphs' pages and the 404 pages too: at most 160
    characters (120 in Japanese, whose characters are wider), at least 50."""
    pages = html_pages(site)
    assert len(pages) > 40
    for path, page in pages:
        lang = page.html["lang"]
        description = page.select_one('head meta[name="description"]')["content"]
        assert 50 <= len(description) <= DESCRIPTION_LIMIT[lang], f"{path}: {len(description)} characters: {description}"
        assert page.select_one('head meta[property="og:description"]') is None or \
            page.select_one('head meta[property="og:description"]')["content"] == description, path


TITLE_LIMIT = 70   # html-validate's long-title; what a result page shows


def test_every_title_fits_70_characters_in_one_style(site):
    """The page's title, " — ", the site's name (never Material's " - "); the
    home pages the site's name alone; a paragraph's page its number and words."""
    pages = html_pages(site)
    assert len(pages) > 40
    for path, page in pages:
        lang = page.html["lang"]
        title = page.select_one("head title").get_text()
        assert len(title) <= TITLE_LIMIT, f"{path}: {len(title)} characters: {title}"
        assert " - " not in title and " | " not in title, f"{path}: {title}"
        if re.search(r"(^|/)p[1-9][0-9]*/index\.html$", path):
            assert title == page.select_one('meta[property="og:title"]')["content"], path   # the paragraph's own
        elif path in ("index.html", f"{lang}/index.html"):
            assert title == SITE_NAMES[lang], path
        else:
            assert title.endswith(" — " + SITE_NAMES[lang]) and len(title) > len(SITE_NAMES[lang]) + 3, f"{path}: {title}"


def test_the_sitemap_claims_no_change_frequency(site):
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    assert len(root) > 40 and not root.findall(".//{http://www.sitemaps.org/schemas/sitemap/0.9}changefreq")


@pytest.fixture(scope="module")
def other_host(tmp_path_factory):
    site = tmp_path_factory.mktemp("other-host")
    result = build_site(site, SITE_URL="https://example.org/texts/")
    assert result.returncode == 0, result.stderr
    return site, result


def test_a_build_for_another_address_names_no_other_host(other_host):
    site, _ = other_host
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".bib", ".ris"):
            text = path.read_text(encoding="utf-8")
            assert "pax-silica.github.io" not in text, path.relative_to(site)
    assert '"$id": "https://example.org/texts/pax-silica.schema.json"' in (site / "pax-silica.schema.json").read_text()


def test_the_build_prints_only_its_progress(other_host):
    _, result = other_host
    lines = [l for l in (result.stdout + result.stderr).splitlines() if l.strip()]
    assert lines and all(l.startswith("INFO") for l in lines), lines
    assert not [l for l in lines if "unrecognized" in l or "not included in the" in l or "Did you mean" in l]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_table_has_a_caption_in_the_pages_language(soup, lang, page):
    for table in soup(lang, page).select("article table"):
        caption = table.find("caption", recursive=False)
        assert caption is not None and caption.get_text(strip=True), f"{lang}/{page}"
        assert not caption.find_parent(attrs={"lang": lambda l: l and l != lang})


LANDMARKS = "nav, aside, main, header, footer, [role=navigation], [role=search], [role=region], [role=complementary], " \
            "section[aria-label], section[aria-labelledby]"


def landmark_name(page, element) -> str | None:
    if element.get("aria-labelledby"):
        return " ".join(page.find(id=i).get_text(" ", strip=True) for i in element["aria-labelledby"].split())
    return element.get("aria-label")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES + ("declaration/p9/",))
def test_no_two_landmarks_of_a_page_share_a_role_and_name(soup, lang, page):
    """As IBM's Equal Access checker and pa11y require (Material repeats the
    table of contents in the navigation drawer, named "… (menu)" there)."""
    html = soup(lang, page)
    seen = [(el.get("role") or el.name, landmark_name(html, el)) for el in html.select(LANDMARKS)]
    assert len(seen) == len(set(seen)), sorted(x for x in seen if seen.count(x) > 1)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES + ("declaration/p9/index.html", "404.html"))
def test_no_page_shows_an_empty_banner_above_its_header(site, lang, page):
    """Material shows its announcement bar (a dark strip above the header)
    whenever the announce block renders anything; ours has something to say
    only under `make serve` with damaged sources."""
    file = site / page_path(lang, page if page.endswith(".html") else page + "index.html")
    html = BeautifulSoup(file.read_bytes(), "lxml")
    assert html.select_one("header.md-header") is not None
    assert html.select_one('[data-md-component="announce"] .md-banner') is None
