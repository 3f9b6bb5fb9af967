"""`make serve` while a translator damages a source: the preview keeps
answering within seconds and shows every fault on the page itself; a build
of the same sources fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from pax_silica.audit.host import free_port




@pytest.fixture
def damaged_project(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "node_modules", "test-artifacts", "audit-report", "__pycache__"))
    ja = project / "docs" / "ja" / "declaration.md"
    ja.write_text(ja.read_text(encoding="utf-8").replace("{: #p9 }\n", "", 1), encoding="utf-8")
    return project


def get(url: str, deadline: float) -> str:
    """The page at ``url`` once the server answers; fails past the deadline."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)  # polling a server that is starting, not waiting blindly


def test_the_preview_shows_the_fault_and_keeps_answering_while_the_build_fails(damaged_project):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--no-livereload"], cwd=damaged_project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        started = time.monotonic()
        html = get(f"http://127.0.0.1:{port}/edition/ja/declaration/", started + 60)
        answered = time.monotonic() - started
        banner = BeautifulSoup(html, "html.parser").select_one(".md-banner .source-problems")
        assert banner is not None and banner.get("role") == "alert"
        problems = [li.get_text() for li in banner.select("li")]
        assert len(problems) == 1 and problems[0].startswith("docs/ja/declaration.md:")
        assert "paragraph without anchor: add {: #p9 }" in problems[0]
        assert "原稿に問題があります" in banner.get_text()
        english = get(f"http://127.0.0.1:{port}/edition/declaration/", started + 60)
        assert "paragraph without anchor" in english
        assert answered < 60
    finally:
        server.terminate()
        server.wait(timeout=20)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(damaged_project / "site")],
                            cwd=damaged_project, capture_output=True, text=True)
    assert result.returncode != 0 and "paragraph without anchor: add {: #p9 }" in result.stderr
