"""What the edition takes from Material for MkDocs' internals, in one place.

Material is in maintenance mode: each internal used here is a cost when the
site moves. ``search_worker`` finds the search worker's hashed file name in
the installed theme (overrides/main.html loads it through our own worker);
tests/test_theme_overrides.py notices when a template we copied changes
upstream.
"""

from __future__ import annotations

from pathlib import Path

import material

TEMPLATES = Path(material.__file__).resolve().parent / "templates"
SEARCH_WORKERS = TEMPLATES / "assets/javascripts/workers"


def search_worker() -> str:
    """The file name of Material's search worker, e.g. search.a7633da7.min.js."""
    found = sorted(p.name for p in SEARCH_WORKERS.glob("search.*.min.js"))
    if len(found) != 1:
        raise LookupError(f"expected one search worker in {SEARCH_WORKERS}, found {found or 'none'}")
    return found[0]
