"""Shared fixtures: the real site, built once per test session with --strict."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"  # screenshots and PDFs of the browser tests, git-ignored
LANGUAGES = ("en", "ja")
OTHER = {"en": "ja", "ja": "en"}      # the other language of each
DOCUMENTS = ("joint-statement", "declaration")
PAGES = ("", "joint-statement/", "declaration/", "parallel/joint-statement/", "parallel/declaration/",
         "commitments/", "notes/", "about/")


def build_site(site_dir: Path, project: Path = ROOT, generator: str = "properdocs", config: str = "mkdocs.yml",
               cwd: Path | None = None, **env) -> subprocess.CompletedProcess:
    """`properdocs build --strict -f mkdocs.yml` of the real sources (or of a
    copy of the project) into ``site_dir``, run in the project as `make build`
    runs it; ``generator="mkdocs"`` builds with MkDocs 1.6.1, the second
    generator; ``config`` and ``cwd``: another path to mkdocs.yml, from another folder."""
    return subprocess.run(
        [sys.executable, "-m", generator, "build", "--strict", "-f", config, "--site-dir", str(site_dir)],
        cwd=cwd or project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


def make_dry_run(target: str, project: Path = ROOT) -> str:
    """What `make TARGET` would run (`make -n`), as a reader's own shell would
    print it, also under `make test` (no sub-make's MAKEFLAGS, no directory lines)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    return subprocess.run(["make", "-n", "--no-print-directory", "-C", str(project), target], capture_output=True,
                          text=True, check=True, env=env).stdout


def copy_project(destination: Path) -> Path:
    """A copy of the project (sources, templates, configuration, scripts) to change."""
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "node_modules", "test-artifacts", "audit-report", "__pycache__", "*.egg-info", ".cache"))
    return destination


# Modules whose every test needs builds of its own or the audit's tools.
SLOW_MODULES = {"test_audit", "test_reproducible", "test_serve", "test_print", "test_not_found", "test_adding",
                "test_omegat"}
BROWSER_FIXTURES = {"chromium", "browser_page", "base_url", "host", "engine"}


def pytest_report_header(config):
    """The browser engines and their versions (tests/test_engines.py)."""
    from engines import versions
    return versions()


def pytest_collection_modifyitems(items):
    """Mark ``slow`` every test in Chromium or on a served site, and those of
    SLOW_MODULES, so that `make test-fast` (pytest -m "not slow") is the
    quick loop: the model, the checker, the built site's HTML."""
    for item in items:
        if item.module.__name__ in SLOW_MODULES or BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


def page_path(lang: str, page: str) -> str:
    """Site-relative URL path of a page, e.g. ('ja', 'declaration/') -> 'ja/declaration/'."""
    return page if lang == "en" else f"ja/{page}"


@pytest.fixture(scope="session")
def soup(site):
    """soup(lang, page) -> the parsed HTML of a built page."""
    cache: dict[tuple[str, str], BeautifulSoup] = {}

    def load(lang: str, page: str) -> BeautifulSoup:
        if (lang, page) not in cache:
            html = (site / page_path(lang, page) / "index.html").read_text(encoding="utf-8")
            cache[lang, page] = BeautifulSoup(html, "lxml")
        return cache[lang, page]

    return load


@dataclass
class Host:
    """The site built for ``url`` and served there: its folder and the static host (with its log)."""
    url: str
    site: Path
    server: object


@pytest.fixture(scope="session")
def host(tmp_path_factory):
    """The site built for, and served at, http://127.0.0.1:PORT/edition/ (like the real host)."""
    from pax_silica.audit.host import free_port, serve

    port = free_port()
    url = f"http://127.0.0.1:{port}/edition/"
    root = tmp_path_factory.mktemp("host")
    result = build_site(root / "edition", SITE_URL=url)
    assert result.returncode == 0, result.stderr
    with serve(root, port) as server:
        yield Host(url, root / "edition", server)


@pytest.fixture(scope="session")
def base_url(host):
    return host.url


@pytest.fixture(scope="session")
def chromium():
    """The session's one Chromium (Playwright's sync API runs once per process):
    the browser tests' and the audit's."""
    from pax_silica.audit.browser import chromium_browser

    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def browser_page(chromium, base_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.split("/edition")[0])
    page = context.new_page()
    yield page
    context.close()


# --- helpers shared by the test modules ----------------------------------------

SITE_URL = "https://pax-silica.github.io/edition/"  # the default of !ENV SITE_URL


def anchored_blocks(page_soup):
    """(id, element) of every paragraph-level block that carries an anchor."""
    article = page_soup.select_one("article.md-content__inner")
    return [(el["id"], el) for el in article.find_all(["p", "h1"], id=True)]


def text_of(element) -> str:
    """The text of a paragraph without its number and copy button."""
    return "".join(s for s in element.find_all(string=True) if not s.find_parent(class_="para-tools")).strip()


def to_terminal(config, prefix: str):
    """A log that writes each message on a line of its own to the terminal
    while pytest captures the test's output; silent if there is no terminal
    reporter (pytest -p no:terminal)."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    worker = hasattr(config, "workerinput")    # a pytest-xdist worker: its reporter's output goes nowhere, its stderr to the terminal

    def log(message: str) -> None:
        if reporter is None:
            return
        with capture.global_and_fixture_disabled() if capture else nullcontext():
            if worker:
                print(f"{prefix} {message}", file=sys.stderr, flush=True)
            else:
                reporter.write_line(f"{prefix} {message}")
    return log


# --- the checker on damaged copies of the sources

CHECKER = ROOT / "scripts" / "check_parity.py"


def run_checker(docs: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), docs.name, "--config", str(ROOT / "mkdocs.yml")],
                          capture_output=True, text=True, cwd=docs.parent)


@pytest.fixture
def docs(tmp_path) -> Path:
    """A copy of the real docs/ to damage."""
    copy = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", copy)
    return copy


def position_of(path: Path, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the first occurrence of ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def line_of(path: Path, needle: str) -> int:
    return position_of(path, needle)[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def assert_reports(result, *lines: str, status: int = 1) -> None:
    out = result.stdout.splitlines()
    assert result.returncode == status, result.stdout + result.stderr
    for expected in lines:
        assert expected in out, f"expected line {expected!r} in:\n{result.stdout}"
    assert "Traceback" not in result.stdout + result.stderr


# --- Japanese line breaking in set text (the PDF editions, the preview cards), as pdftotext extracts it

# Japanese line breaking (JIS X 4051, kinsoku shori): what may not start a
# line (closing brackets and quotes, the comma and full stops, the middle
# dot, small kana, the prolonged sound mark, iteration marks, inseparable
# ellipses) and what may not end one (opening brackets and quotes).
NOT_AT_LINE_START = frozenset(
    "、。，．,.：；？！)]}）〕］｝〉》」』】〙〗〟’”｠»"
    "・ー゛゜ヽヾゝゞ々〻…‥"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ")
NOT_AT_LINE_END = frozenset("([{（〔［｛〈《「『【〘〖〝‘“｟«")


def line_break_faults(lines: list[str]) -> list[str]:
    """The lines of set text (as a PDF's text extraction gives them) that
    break Japanese line-breaking rules: one that starts with a mark that may
    not start a line (、。」 or a small kana…), or one that ends with a mark
    that may not end one (「（…), each as ``line N: "…"``. Blank lines are
    skipped; leading and trailing spaces are not text."""
    faults = []
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text:
            continue
        if text[0] in NOT_AT_LINE_START:
            faults.append(f"line {number} starts with {text[0]}: {text!r}")
        if text[-1] in NOT_AT_LINE_END:
            faults.append(f"line {number} ends with {text[-1]}: {text!r}")
    return faults


# --- in Chromium

IN_VIEW_AND_HIGHLIGHTED = """(id) => {
    const el = document.getElementById(id)
    const box = el.getBoundingClientRect()
    const header = document.querySelector('.md-header').getBoundingClientRect().bottom
    return el.matches(':target') && box.top >= header - 1 && box.top < innerHeight
        && getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)'
}"""


def in_view_and_highlighted(page, anchor, timeout: float = 5000) -> bool:
    """Whether the block ``anchor`` is (or, within ``timeout`` ms, comes to
    be) the page's target, below the sticky header, in view and marked."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(IN_VIEW_AND_HIGHLIGHTED, arg=anchor, timeout=timeout)
        return True
    except PlaywrightTimeout:
        return False


def toggle_language(page, lang):
    """Open the language selector and follow a link, as a reader's pointer does.
    The pointer is moved, not Playwright's hover(), which first "scrolls into
    view" the sticky header's selector and so moves the page under it (Back
    would then restore that moved position)."""
    box = page.locator(".md-header .md-select").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    link = page.locator(f"a.md-select__link[hreflang={lang}]")
    link.wait_for(state="visible")
    box = link.bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_load_state()


def scroll_to_top_of_viewport(page, anchor):
    """Scroll so that the block ``anchor`` starts just below the sticky header."""
    page.evaluate("""(id) => {
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom
        scrollTo(0, document.getElementById(id).getBoundingClientRect().top + scrollY - header - 2)
    }""", anchor)
