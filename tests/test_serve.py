"""`make serve` while a translator damages a source: the preview keeps
answering within seconds and shows every fault on the page itself; a build
of the same sources fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import threading
import urllib.request

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from pax_silica.audit.host import free_port


@pytest.fixture
def damaged_project(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "node_modules", "test-artifacts", "audit-report", "__pycache__", ".cache"))
    ja = project / "docs" / "ja" / "declaration.md"
    ja.write_text(ja.read_text(encoding="utf-8").replace("{: #p9 }\n", "", 1), encoding="utf-8")
    return project


def wait_until_serving(server: subprocess.Popen, timeout: float) -> list[str]:
    """Wait for MkDocs' "Serving on …" line (printed once the first build is
    done and the server listens); the lines printed until then. Fails past
    ``timeout`` seconds or if the server exits first."""
    lines: list[str] = []
    serving = threading.Event()

    def read():
        for line in server.stdout:
            lines.append(line)
            if "Serving on http://" in line:
                serving.set()
        serving.set()   # the server has exited

    threading.Thread(target=read, daemon=True).start()
    assert serving.wait(timeout) and server.poll() is None, "".join(lines)
    return lines


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_the_preview_shows_the_fault_and_keeps_answering_while_the_build_fails(damaged_project):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--no-livereload"], cwd=damaged_project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        started = time.monotonic()
        wait_until_serving(server, 60)
        html = get(f"http://127.0.0.1:{port}/edition/ja/declaration/")
        answered = time.monotonic() - started
        banner = BeautifulSoup(html, "html.parser").select_one(".md-banner .source-problems")
        assert banner is not None and banner.get("role") == "alert"
        problems = [li.get_text() for li in banner.select("li")]
        assert len(problems) == 1 and problems[0].startswith("docs/ja/declaration.md:")
        assert "paragraph without anchor: add {: #p9 }" in problems[0]
        assert "原稿に問題があります" in banner.get_text()
        english = get(f"http://127.0.0.1:{port}/edition/declaration/")
        assert "paragraph without anchor" in english
        assert answered < 60
    finally:
        server.terminate()
        server.wait(timeout=20)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(damaged_project / "site")],
                            cwd=damaged_project, capture_output=True, text=True)
    assert result.returncode != 0 and "paragraph without anchor: add {: #p9 }" in result.stderr
