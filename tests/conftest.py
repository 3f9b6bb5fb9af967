"""Shared fixtures: the real site, built once per test session with --strict."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "ja")
DOCUMENTS = ("joint-statement", "declaration")
PAGES = ("", "joint-statement/", "declaration/", "parallel/joint-statement/", "parallel/declaration/",
         "commitments/", "notes/")


def build_site(site_dir: Path, **env) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the real sources into ``site_dir``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


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


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    """The site built for, and served at, http://127.0.0.1:PORT/edition/ (like the real host)."""
    from browser import free_port, serve

    port = free_port()
    url = f"http://127.0.0.1:{port}/edition/"
    root = tmp_path_factory.mktemp("host")
    result = build_site(root / "edition", SITE_URL=url)
    assert result.returncode == 0, result.stderr
    with serve(root, port):
        yield url


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, base_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.split("/edition")[0])
    page = context.new_page()
    yield page
    context.close()
