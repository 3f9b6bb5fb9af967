"""Serving the built site on 127.0.0.1 and driving Debian's Chromium with Playwright."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

# Debian's Chromium; elsewhere any Chromium or Chrome: CHROMIUM=/usr/bin/google-chrome make test
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


def load_audit():
    """scripts/audit.py as a module: its static host is the one the tests use."""
    spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return module


audit = load_audit()
free_port = audit.free_port


def serve(root: Path, port: int):
    """A static host for ``root`` on 127.0.0.1:port, stopped on exit. It is the
    audit's: gzip, no redirect that adds a trailing slash, and for a missing
    path ``<first folder>/404.html`` with status 404, as GitHub Pages does."""
    return audit.serve(root, port)
