"""The Chromium that the audit and the browser tests drive: Debian's (never
Playwright's own download); elsewhere any Chromium or Chrome, named by the
environment variable CHROMIUM (``CHROMIUM=/usr/bin/google-chrome make test``).
Lighthouse runs the same one with the same arguments."""

from __future__ import annotations

import os
from contextlib import contextmanager

CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def chromium_browser():
    """Debian's Chromium driven by Playwright, each visit in a new context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
