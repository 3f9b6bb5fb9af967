"""`make serve` tells the truth. While a translator damages a source, the
preview keeps answering within seconds and shows every fault on the page
itself (a build of the same sources fails). What is served is what a build of
the sources and code as they are now would make: a changed description of
a PDF's links reaches the served PDF (the typesetting cache is keyed by all
that goes into a file), and an edit of the build's Python reaches the pages
and the PDFs (the server restarts: scripts/serve.py)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import time
import threading
import urllib.error
import urllib.request

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, copy_project, edit
from pax_silica.audit.host import free_port


@pytest.fixture
def damaged_project(tmp_path):
    project = copy_project(tmp_path / "project")
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


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def get(url: str) -> str:
    return fetch(url).decode("utf-8")


def serving(project) -> subprocess.Popen:
    """`make serve` of ``project`` (with this project's .venv) on a free port
    of 127.0.0.1 (``server.port``), in a process group of its own. The copy's
    make never reinstalls that .venv (-o: its stamp taken as current), which
    would point its editable pax_silica at the copy, deleted after the test."""
    port = free_port()
    venv = ROOT / ".venv"
    server = subprocess.Popen(["make", "-s", "-o", str(venv / ".installed-from-requirements"), "serve", f"VENV={venv}",
                               f"DEV_ADDR=127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    server.port = port
    return server


def stop(server: subprocess.Popen) -> None:
    """Ctrl-C, as in the terminal: to make, the server and its workers."""
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def eventually(read, expected, timeout: float = 120):
    """``read()`` once it returns ``expected`` (the server rebuilds or restarts
    meanwhile: a page may be missing for a moment); fails past ``timeout``."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            last = read()
        except (urllib.error.URLError, ConnectionError, pypdf.errors.PdfReadError):
            last = None
        if last == expected:
            return last
        time.sleep(0.5)
    raise AssertionError(f"still {last!r}, not {expected!r}, after {timeout} s")


def banner_of(html: str) -> list[str]:
    banner = BeautifulSoup(html, "html.parser").select_one(".md-banner .source-problems")
    assert banner is not None and banner.get("role") == "alert"
    return [li.get_text() for li in banner.select("li")]


def test_the_preview_shows_the_fault_and_keeps_answering_while_the_build_fails(damaged_project):
    server = serving(damaged_project)
    port = server.port
    try:
        started = time.monotonic()
        wait_until_serving(server, 60)
        html = get(f"http://127.0.0.1:{port}/edition/ja/declaration/")
        answered = time.monotonic() - started
        problems = banner_of(html)
        assert len(problems) == 1 and problems[0].startswith("docs/ja/declaration.md:")
        assert "paragraph without anchor: add {: #p9 }" in problems[0]
        assert "原稿に問題があります" in html
        english = get(f"http://127.0.0.1:{port}/edition/declaration/")
        assert "paragraph without anchor" in english
        assert answered < 60
    finally:
        stop(server)
    result = build_site(damaged_project / "site", damaged_project)
    assert result.returncode != 0 and "paragraph without anchor: add {: #p9 }" in result.stderr


def test_the_preview_shows_a_lost_address_and_a_pages_fault_on_every_page_while_the_build_fails(tmp_path):
    """An id removed from the notes (in both languages, so the checker is
    content), and a paragraph the Japanese About page has and the English one
    lacks (found once the generator has rendered the page): the preview
    answers and every page lists the two lost addresses and the fault; the
    build fails on them."""
    project = copy_project(tmp_path / "project")
    for lang in ("en", "ja"):
        notes = project / "docs" / lang / "notes.md"
        notes.write_text(notes.read_text(encoding="utf-8").replace("{ #sources }", "{ #texts }"), encoding="utf-8")
    about = project / "docs" / "ja" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n余分な段落です。\n", encoding="utf-8")
    server = serving(project)
    try:
        wait_until_serving(server, 60)
        for page in ("declaration/", "ja/notes/", "ja/declaration/p8/"):
            problems = banner_of(get(f"http://127.0.0.1:{server.port}/edition/{page}"))
            lost = [p for p in problems if p.startswith("docs/addresses.txt:")]
            assert sorted(p.split(": ", 1)[1].split(" is no longer")[0] for p in lost) == \
                ["/ja/notes/#sources", "/notes/#sources"], problems
            assert [p for p in problems if p not in lost] and \
                all(p.startswith("docs/ja/about.md:") for p in problems if p not in lost), problems
        assert "原稿に問題があります" in get(f"http://127.0.0.1:{server.port}/edition/ja/")
    finally:
        stop(server)
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0 and "docs/ja/about.md:" in result.stderr


def link_descriptions(pdf: bytes) -> set[str]:
    """The descriptions (/Contents) of a PDF's link annotations."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return {annot.get_object().get("/Contents") for page in reader.pages for annot in page.get("/Annots") or []}


def twitter_card(html: str) -> str:
    return BeautifulSoup(html, "html.parser").find("meta", attrs={"name": "twitter:card"})["content"]


def test_what_is_served_follows_the_strings_and_the_code_as_they_are_now(tmp_path):
    """1. A PDF's link descriptions are not in any HTML: a new wording in the
    strings reaches the served PDF all the same (the cache's key holds them).
    2. An edit of the build's Python, in the module that makes a page's tags
    and in the one that finishes a PDF (its output only: same HTML), reaches
    the served page and PDF: the server restarts on it."""
    project = copy_project(tmp_path / "project")
    server = serving(project)
    base = f"http://127.0.0.1:{server.port}/edition/"
    pdf = f"{base}downloads/pax-silica-declaration.en.pdf"
    described = lambda: sorted(d for d in link_descriptions(fetch(pdf)) if d and ("¶9 " in d or "Paragraph 9 " in d))
    try:
        lines = wait_until_serving(server, 180)
        assert described() == [f"Paragraph 9 on the web: {base}declaration/#p9"]
        edit(project / "pax_silica" / "strings" / "en.yml", '"Paragraph {n} on the web: {url}"',
             '"¶{n} of the text on the web: {url}"')
        eventually(described, [f"¶9 of the text on the web: {base}declaration/#p9"])

        assert twitter_card(get(base)) == "summary_large_image"
        edit(project / "pax_silica" / "citations.py", '"summary_large_image" if image', '"summary_large_image_x" if image')
        edit(project / "pax_silica" / "typeset.py", "pydyf.String(descriptions[uri.string])",
             'pydyf.String(descriptions[uri.string] + " (set anew)")')
        eventually(lambda: twitter_card(get(base)), "summary_large_image_x")
        eventually(described, [f"¶9 of the text on the web: {base}declaration/#p9 (set anew)"])
        assert any("changed: restarting the server" in line for line in lines), "".join(lines)
    finally:
        stop(server)
