"""Reproducible builds: the same sources and SOURCE_DATE_EPOCH give the same
bytes in every file, and the Makefile takes SOURCE_DATE_EPOCH from git."""

from __future__ import annotations

import gzip
import os
import subprocess
from datetime import datetime, timezone

import pytest

from conftest import ROOT, build_site

EPOCH = 1765497600  # 2025-12-12 00:00 UTC; any fixed value
LASTMOD = "2025-12-12"


def files_of(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """Two builds of the sources into different folders, with different string
    hash seeds (so set and dict ordering that depends on it shows up); the
    second run from another folder, the configuration named by its absolute
    path (as a CI file may): the same site all the same."""
    sites = []
    for seed, folder, config, cwd in (("1", "one", "mkdocs.yml", None),
                                      ("2", "two/deeper", str(ROOT / "mkdocs.yml"), tmp_path_factory.mktemp("elsewhere"))):
        site = tmp_path_factory.mktemp("reproducible") / folder
        result = build_site(site, config=config, cwd=cwd, SOURCE_DATE_EPOCH=str(EPOCH), PYTHONHASHSEED=seed)
        assert result.returncode == 0, result.stderr
        sites.append(site)
    return sites


def test_two_builds_are_byte_identical(two_builds):
    one, two = (files_of(site) for site in two_builds)
    assert sorted(one) == sorted(two), "the two builds hold different files"
    differing = [name for name in one if one[name] != two[name]]
    assert differing == [], f"files that differ between two builds: {differing}"
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "404.html"} <= set(one)


def test_build_date_comes_from_source_date_epoch(two_builds):
    site = two_builds[0]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") > 0
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{LASTMOD}</lastmod>")
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == sitemap
    mtime = int.from_bytes(packed[4:8], "little")  # gzip header: MTIME
    assert datetime.fromtimestamp(mtime, timezone.utc).date().isoformat() == LASTMOD


def make_variable(name: str, **env) -> str:
    """The value the Makefile exports to its recipes."""
    environ = {k: v for k, v in os.environ.items() if k != name}
    result = subprocess.run(["make", "-s", "--eval", f"show: ; @echo $${name}", "show"],
                            cwd=ROOT, capture_output=True, text=True, env={**environ, **env}, check=True)
    return result.stdout.strip()


def test_makefile_takes_source_date_epoch_from_the_last_commit():
    last_commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout.strip()
    assert make_variable("SOURCE_DATE_EPOCH") == last_commit
    assert make_variable("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH="42") == "42"


def test_makefile_outside_git_takes_the_newest_source_file():
    sources = [p for d in ("docs", "overrides") for p in (ROOT / d).rglob("*")
               if p.is_file() and "__pycache__" not in p.parts]
    newest = max(int(p.stat().st_mtime) for p in sources)
    assert make_variable("SOURCE_DATE_EPOCH", GIT_DIR="/nonexistent") == str(newest)
