"""The audit (pax_silica.audit; scripts/audit.py, also `make audit`) on the real site: no problem
in any check. And each check on a small site broken on purpose, to see that
it reports what it is there to find."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, to_terminal
from pax_silica.audit.host import Served, free_port, serve
from pax_silica.audit.lighthouse import check_lighthouse
from pax_silica.audit.links import check_links
from pax_silica.audit.nu import check_html
from pax_silica.audit.pages import page_name
from pax_silica.audit.report import CHECKS
from pax_silica.audit.run import run_audit
from pax_silica.audit.tools import TOOLS
from pax_silica.audit.visits import SEARCH_READY, VIEWPORTS, Visit, visit_page, visit_problems



@pytest.fixture(scope="module")
def result(chromium, request):
    """The whole audit of the real site; the report goes to audit-report/.
    In the session's Chromium (Playwright's sync API runs once per process).
    It takes minutes: its progress goes to the terminal as it runs, past
    pytest's capture (the way pytest's own live logging writes)."""
    for tool in TOOLS:
        assert tool.exists(), f"{tool} is missing: `make test` installs it (npm ci)"
    return run_audit(ROOT / "audit-report", lighthouse=True, log=to_terminal(request.config, "audit"), browser=chromium)




@pytest.mark.parametrize("check", list(CHECKS))
def test_the_site_passes(result, check):
    assert result.problems[check] == [], f"{CHECKS[check]}:\n" + "\n".join(result.problems[check])


def test_every_page_of_the_built_site_is_audited(result):
    pages = [page_name(url, result.base_url) for url in result.pages]
    for page in ("/", "/declaration/", "/joint-statement/", "/notes/", "/404.html",
                 "/ja/", "/ja/declaration/", "/ja/joint-statement/", "/ja/notes/"):
        assert page in pages
    assert {page_name(url, result.base_url) for url in result.documents} == {
        "/declaration/", "/joint-statement/", "/ja/declaration/", "/ja/joint-statement/"}
    assert set(result.visits) == set(result.pages)
    paragraphs = {page_name(url, result.base_url) for url in result.paragraph_pages}
    assert len(paragraphs) == 28 and "/declaration/p8/" in paragraphs and "/ja/joint-statement/p2/" in paragraphs
    sampled = {url for url in result.lighthouse if url in result.paragraph_pages}   # one template: one per language
    assert len(sampled) == 2 and {url.startswith(result.base_url + "ja/") for url in sampled} == {True, False}
    others = {url for url in result.pages if not url.endswith("404.html") and url not in result.paragraph_pages}
    in_one_language = {page_name(url, result.base_url).removeprefix("/ja") for url in set(result.lighthouse) - sampled}
    assert in_one_language == {page_name(url, result.base_url).removeprefix("/ja") for url in others}   # every page,
    assert len(set(result.lighthouse) - sampled) == len(in_one_language)                                # once,
    assert {url.startswith(result.base_url + "ja/") for url in set(result.lighthouse) - sampled} == {True, False}  # both
    assert all(score == 1 for scores in result.lighthouse.values() for score in scores.values())
    assert (ROOT / "audit-report" / "report.md").exists()


def test_the_plain_build_is_measured_for_comparison(result):
    assert result.plain_visits, result.plain_notes
    for url, plain in result.plain_visits.items():
        assert plain.weight > 0 and result.visits[url].weight > 0


# --------------------------------------------------------------------------
# Each check on a site broken on purpose

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head><body><main>{body}</main></body></html>"""


@pytest.fixture
def broken_site(tmp_path) -> Path:
    """host/edition/: a home page with good and broken links, a document with #p1, an asset."""
    site = tmp_path / "host" / "edition"
    (site / "declaration").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "app.js").write_text("console.log('app')")
    (site / "declaration" / "index.html").write_text(PAGE.format(title="Declaration", body='<p id="p1">One</p>'))
    (site / "index.html").write_text(PAGE.format(title="Home", body="""
        <p><a href="declaration/">fine</a> <a href="declaration/#p1">fine</a> <a href="#top">fine</a>
           <a href="https://example.org/">another host</a> <a href="mailto:a@example.org">mail</a></p>
        <p><a href="declaration">no slash</a> <a href="declaration/#p9">no such paragraph</a>
           <a href="/elsewhere/">outside the site</a></p>
        <script src="assets/app.js"></script><script src="assets/missing.js"></script>""").replace(
        "</head>", '<link rel="canonical" href="https://example.org/edition/">'
                   '<meta property="og:image" content="http://127.0.0.1:1/edition/previews/gone.png"></head>'))
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>http://127.0.0.1:1/edition/</loc></url><url><loc>http://127.0.0.1:1/edition/gone/</loc></url></urlset>")
    return site


def test_link_checker_reports_each_broken_link_and_fragment(broken_site):
    external = []
    problems = check_links(broken_site, "http://127.0.0.1:1/edition/", external)
    assert problems == [
        "index.html: https://example.org/edition/ -> not on this site (http://127.0.0.1:1/edition/)",
        "index.html: declaration -> no such file (a folder: the link needs a trailing slash)",
        "index.html: declaration/#p9 -> no element with id 'p9' in declaration/index.html",
        "index.html: /elsewhere/ -> outside the site",
        "index.html: assets/missing.js -> no such file",
        "index.html: http://127.0.0.1:1/edition/previews/gone.png -> no such file",
        "sitemap.xml: http://127.0.0.1:1/edition/gone/ -> no such file",
    ]
    assert external == ["https://example.org/"]


def test_host_compresses_and_adds_no_trailing_slash(broken_site):
    port = free_port()
    with serve(broken_site.parent, port):
        def get(path):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Accept-Encoding": "gzip"})
            return urllib.request.urlopen(request)

        with get("/edition/declaration/") as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == (broken_site / "declaration/index.html").read_bytes()
        with pytest.raises(urllib.error.HTTPError) as missing:
            get("/edition/declaration")
        assert missing.value.code == 404


def test_nu_html_checker_reports_an_invalid_page(tmp_path):
    (tmp_path / "index.html").write_text(PAGE.format(
        title="Invalid", body='<input type="checkbox" autocomplete="off" id="a"><p id="a">Twice the same id</p>'))
    problems, _ = check_html(tmp_path)
    assert any(p.startswith("index.html:") and "autocomplete" in p for p in problems), problems
    assert any("Duplicate ID" in p for p in problems), problems


BAD_PAGE = PAGE.format(title="Bad", body="""
    <p style="color:#bbb">Grey on white, too pale to read.</p>
    <img src="https://example.org/logo.png">
    <script>console.error("boom"); fetch("missing.json")</script>""")


def test_a_visit_reports_console_errors_outside_requests_missing_files_and_axe(chromium, tmp_path):
    (tmp_path / "edition").mkdir()
    (tmp_path / "edition" / "index.html").write_text(BAD_PAGE)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/edition/"
    with serve(tmp_path, port) as server:
        visit = visit_page(chromium, base_url, server)
    problems = visit_problems(visit, base_url, budget=100)
    assert any("boom" in p for p in problems["console"]), problems
    assert "outside the origin: https://example.org/logo.png" in problems["network"]
    assert "404: /edition/missing.json" in problems["network"]
    assert problems["weight"] and problems["weight"][0].startswith(f"{visit.weight:,} bytes")
    assert {p.split(" ")[1] for p in problems["axe"]} >= {"color-contrast", "image-alt"}


def test_english_pages_must_not_download_japanese_assets():
    visit = Visit("http://h/edition/notes/", served=[
        Served("/edition/notes/", 200, 10, "gzip"),
        Served("/edition/assets/javascripts/lunr/min/lunr.ja.min.js", 200, 10, "gzip"),
        Served("/edition/ja/search/search_index.json", 200, 10, "gzip")])
    assert visit_problems(visit, "http://h/edition/")["languages"] == [
        "downloads an asset of another language: /edition/assets/javascripts/lunr/min/lunr.ja.min.js",
        "downloads an asset of another language: /edition/ja/search/search_index.json"]
    japanese = Visit("http://h/edition/ja/notes/", served=visit.served)
    assert visit_problems(japanese, "http://h/edition/")["languages"] == []


def test_lighthouse_reports_a_page_below_100(tmp_path):
    (tmp_path / "edition").mkdir()
    (tmp_path / "edition" / "index.html").write_text(BAD_PAGE)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/edition/"
    with serve(tmp_path, port):
        problems, scores = check_lighthouse([base_url], base_url, tmp_path / "report", ["accessibility"])
    assert scores[base_url]["accessibility"] < 1
    assert problems and "color-contrast" in problems[0] and "image-alt" in problems[0]


# --------------------------------------------------------------------------
# Material templates copied into overrides/ (their copies are guarded in test_theme_overrides.py): what the changes are for


def test_back_closes_the_drawer_as_autocomplete_off_did(browser_page, base_url):
    browser_page.set_viewport_size(VIEWPORTS["phone"])
    browser_page.goto(base_url + "declaration/")
    browser_page.click("label.md-header__button[for=__drawer]")
    assert browser_page.evaluate("document.getElementById('__drawer').checked")
    with browser_page.expect_navigation():
        browser_page.click(".md-nav--primary a[href$='notes/']")
    browser_page.go_back()
    assert browser_page.url == base_url + "declaration/"
    assert not browser_page.evaluate("document.getElementById('__drawer').checked")


def test_hreflang_alternates_are_back_once_material_has_started(browser_page, base_url):
    """overrides/main.html hides them from Material's setupAlternate only while it starts."""
    requests = []
    browser_page.on("request", lambda request: requests.append(request.url))
    browser_page.goto(base_url + "ja/declaration/")
    browser_page.wait_for_function(SEARCH_READY)
    hreflang = browser_page.evaluate(
        "[...document.querySelectorAll('head link[rel=alternate][hreflang]')].map(l => l.hreflang)")
    assert sorted(hreflang) == ["en", "ja", "x-default"]
    assert not [url for url in requests if url.endswith("sitemap.xml")]


def test_the_audits_progress_reaches_the_terminal_past_pytests_capture(pytester):
    """`make test` printed nothing for minutes while the audit ran: its log
    goes to the terminal as it comes, and what the test prints stays captured."""
    pytester.makepyfile(test_progress="""
        from conftest import to_terminal

        def test_long(request):
            to_terminal(request.config, "audit")("[0:01] links: 0 broken")
            print("captured, not shown")
    """)
    result = pytester.runpytest_inprocess("-q")
    assert result.ret == 0
    assert "audit [0:01] links: 0 broken" in result.outlines
    assert "captured, not shown" not in result.stdout.str()
