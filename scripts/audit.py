#!/usr/bin/env python3
"""Audit of the built site, every page of both languages.

    python scripts/audit.py [--report-dir audit-report] [--no-lighthouse]

Builds the site for http://127.0.0.1:PORT/edition/, serves it the way a static
host does (gzip with Content-Encoding, no redirect that adds a trailing slash,
the site's 404.html for a missing path) and runs one check per function:

- ``check_links``: every internal href/src of every HTML page, the sitemap's
  URLs included, resolves to a file, and each #fragment to an element id;
- ``check_html``: the Nu HTML Checker (vnu.jar) finds no error;
- ``check_visits``: each page, loaded in a fresh Chromium context, logs no
  console error, requests nothing outside the origin and nothing missing, has
  no axe-core violation of WCAG 2.1 A/AA (desktop and phone widths), in
  English downloads no Japanese-only asset and, for a document page, stays
  under the weight budget;
- ``check_lighthouse``: Lighthouse (mobile) scores 100 in accessibility, best
  practices and SEO.

The pages are those of the built site's sitemap.xml and its 404 pages. The
weight of each page is compared with a plain Material + mkdocs-static-i18n
build of the same sources (``build_plain_site``). The report (Markdown, and
Lighthouse's HTML reports) goes to --report-dir. Exit status 0 = no problem,
1 = problems, listed on standard output.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"
AXE_JS = NODE_MODULES / "axe-core/axe.min.js"
LIGHTHOUSE = NODE_MODULES / "lighthouse/cli/index.js"
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

SITE_PATH = "edition"            # served at http://127.0.0.1:PORT/edition/, like the real host
PLAIN_PATH = "plain"             # the plain Material build, beside it on the same host
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
LIGHTHOUSE_CATEGORIES = ["accessibility", "best-practices", "seo"]
WEIGHT_BUDGET = 80_000           # of a document page: bytes on the wire (gzip) of a first visit, all requests
# Assets that only a page of that language needs: an English page must not
# download Japanese search support (lunr.ja, TinySegmenter) or Japanese pages.
LANGUAGE_ONLY = {"ja": ("/ja/", "lunr.ja.", "tinyseg")}
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "image/svg+xml", "application/manifest+json")
QUIET_SECONDS = 0.5              # then a visit is over when the host has had no request this long


# --------------------------------------------------------------------------
# Building


def build_site(site_dir: Path, site_url: str, config_file: Path = ROOT / "mkdocs.yml",
               strict: bool = True) -> subprocess.CompletedProcess:
    """``mkdocs build`` of ``config_file`` into ``site_dir`` for ``site_url``."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config_file),
               "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)


def plain_config(site_url: str) -> dict:
    """mkdocs.yml reduced to what a plain Material + mkdocs-static-i18n site has:
    the same sources, nav, plugins and Markdown extensions; Material's defaults
    for the theme (Google Fonts included); no hooks, overrides, extra CSS or JS."""
    from mkdocs.utils.yaml import get_yaml_loader

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml.load(f, Loader=get_yaml_loader())
    plain = {key: config[key] for key in ("site_name", "site_description", "nav", "exclude_docs",
                                          "markdown_extensions", "plugins") if key in config}
    return {**plain, "site_url": site_url, "docs_dir": str(ROOT / config.get("docs_dir", "docs")),
            "theme": {"name": "material", "language": config["theme"].get("language", "en")}}


def build_plain_site(site_dir: Path, site_url: str) -> subprocess.CompletedProcess:
    """The plain build (``plain_config``) of the same sources, not strict."""
    config_file = site_dir.parent / "mkdocs-plain.yml"
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text(yaml.safe_dump(plain_config(site_url), allow_unicode=True), encoding="utf-8")
    return build_site(site_dir, site_url, config_file, strict=False)


# --------------------------------------------------------------------------
# Serving


def file_for(site_dir: Path, url_path: str) -> Path | None:
    """The file a static host serves for ``url_path`` (relative to the site's
    root), or None. A folder is served as its index.html only when the path
    ends with a slash: ``declaration`` is missing, ``declaration/`` is not."""
    parts = [part for part in unquote(url_path).split("/") if part]
    if any(part in (".", "..") for part in parts):
        return None
    file = site_dir.joinpath(*parts)
    if url_path.endswith("/") or not parts:
        file = file / "index.html"
    return file if file.is_file() else None


@dataclass
class Served:
    path: str
    status: int
    bytes: int          # body bytes on the wire (gzip when compressed)
    encoding: str


class StaticHost(http.server.ThreadingHTTPServer):
    """A static host for ``root``: gzip for text types, no trailing-slash
    redirect, ``<first folder>/404.html`` with status 404 for a missing path
    (as GitHub Pages serves a project's 404 page). Every response is logged."""

    daemon_threads = True

    def __init__(self, root: Path, port: int):
        super().__init__(("127.0.0.1", port), StaticHandler)
        self.root = root
        self.log: list[Served] = []
        self.in_flight = 0
        self.last_activity = time.monotonic()
        self.lock = threading.Lock()

    def wait_until_quiet(self, quiet: float = QUIET_SECONDS, timeout: float = 20.0) -> None:
        """Return once no request has started or been in flight for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                idle = self.in_flight == 0 and time.monotonic() - self.last_activity >= quiet
            if idle:
                return
            time.sleep(0.05)


@functools.lru_cache(maxsize=512)
def gzipped(path: Path, mtime: float) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class StaticHandler(http.server.BaseHTTPRequestHandler):
    server: StaticHost

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.respond(send_body=False)

    def do_GET(self):
        self.respond(send_body=True)

    def respond(self, send_body: bool) -> None:
        with self.server.lock:
            self.server.in_flight += 1
            self.server.last_activity = time.monotonic()
        try:
            path = urlsplit(self.path).path
            file, status = file_for(self.server.root, path), 200
            if file is None:
                first = path.strip("/").split("/")[0]
                file, status = file_for(self.server.root, f"/{first}/404.html"), 404
            if file is None:
                body, kind, encoding = b"Not found", "text/plain", ""
            else:
                kind = content_type(file)
                compress = kind.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", "")
                body = gzipped(file, file.stat().st_mtime) if compress else file.read_bytes()
                encoding = "gzip" if compress else ""
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            if send_body:
                self.wfile.write(body)
            self.server.log.append(Served(path, status, len(body) if send_body else 0, encoding))
        finally:
            with self.server.lock:
                self.server.in_flight -= 1
                self.server.last_activity = time.monotonic()


def content_type(file: Path) -> str:
    kind = {".js": "text/javascript", ".json": "application/json", ".map": "application/json",
            ".xml": "application/xml", ".webmanifest": "application/manifest+json"}.get(file.suffix)
    kind = kind or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(root: Path, port: int):
    """``StaticHost`` for ``root`` on 127.0.0.1:port, stopped on exit."""
    server = StaticHost(root, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------
# Pages


def discover_pages(site_dir: Path, base_url: str) -> list[str]:
    """The URLs of the built site's pages: those of sitemap.xml, then every 404.html."""
    sitemap = BeautifulSoup((site_dir / "sitemap.xml").read_bytes(), "xml")
    pages = [loc.get_text(strip=True) for loc in sitemap.find_all("loc")]
    pages = [url for url in pages if url.startswith(base_url)]  # check_links reports the others
    pages += [base_url + p.relative_to(site_dir).as_posix() for p in sorted(site_dir.rglob("404.html"))]
    return pages


def document_pages(site_dir: Path, base_url: str, pages: list[str]) -> list[str]:
    """The pages that hold a document: those with paragraph numbers (a.para-number,
    rendered by overrides/hooks/edition.py on pages whose front matter names a document)."""
    def has_numbers(url):
        file = file_for(site_dir, "/" + url[len(base_url):])
        return file and BeautifulSoup(file.read_bytes(), "lxml").select_one("article a.para-number")
    return [url for url in pages if has_numbers(url)]


def page_name(url: str, base_url: str) -> str:
    """A short name for a page: its path under the base URL ('/' for home)."""
    return "/" + url[len(base_url):] if url.startswith(base_url) else url


def language_of(url: str, base_url: str) -> str:
    """'ja' for pages under <base>/ja/, else 'en'."""
    return "ja" if url.startswith(base_url + "ja/") else "en"


# --------------------------------------------------------------------------
# Links and fragments

# Attributes that hold URLs, by element.
URL_ATTRIBUTES = {"a": ["href"], "area": ["href"], "link": ["href"], "script": ["src"], "img": ["src", "srcset"],
                  "source": ["src", "srcset"], "iframe": ["src"], "audio": ["src"], "video": ["src", "poster"],
                  "track": ["src"], "embed": ["src"], "object": ["data"], "form": ["action"]}
NOT_CHECKED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


def urls_in_page(soup: BeautifulSoup) -> list[str]:
    """Every URL that an element of the page links to or loads."""
    urls = []
    for element in soup.find_all(list(URL_ATTRIBUTES)):
        for attribute in URL_ATTRIBUTES[element.name]:
            value = element.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                urls += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
            else:
                urls.append(value.strip())
    return urls


def check_links(site_dir: Path, base_url: str, external: list[str] | None = None) -> list[str]:
    """Broken internal links: a URL under ``base_url`` (absolute or relative)
    whose file is missing on a host without trailing-slash redirects, or whose
    #fragment is no element id of the target page. Covers every HTML page and
    the URLs (loc, hreflang alternates) of sitemap.xml, which like canonical
    and hreflang links must be on this site. A 404 page is served at any
    depth, so its links are resolved from a page three folders down. Other
    URLs on other hosts are appended to ``external`` (not checked: offline)."""
    ids: dict[Path, set[str]] = {}

    def ids_of(file: Path) -> set[str]:
        if file not in ids:
            soup = BeautifulSoup(file.read_bytes(), "lxml")
            ids[file] = {el["id"] for el in soup.find_all(id=True)} | {a["name"] for a in soup.find_all("a", attrs={"name": True})}
        return ids[file]

    base = urlsplit(base_url)

    def problem_with(url: str, on_this_site: bool = False) -> str | None:
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            if on_this_site:
                return f"not on this site ({base_url})"
            if external is not None:
                external.append(url)
            return None
        if not parts.path.startswith(base.path):
            return "outside the site"
        path = parts.path[len(base.path) - 1:]  # from the site's root, with its leading "/"
        target = file_for(site_dir, path)
        if target is None:
            folder = file_for(site_dir, path + "/")
            return "no such file" + (" (a folder: the link needs a trailing slash)" if folder else "")
        fragment = unquote(parts.fragment)
        # "top" needs no element: browsers scroll to the top (HTML, "find a potential indicated element").
        if fragment and fragment != "top" and target.suffix == ".html" and fragment not in ids_of(target):
            return f"no element with id {fragment!r} in {target.relative_to(site_dir).as_posix()}"
        return None

    problems = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        page_url = base_url + (relative[:-len("index.html")] if file.name == "index.html" else relative)
        if file.name == "404.html":
            page_url = urljoin(page_url, "any/missing/page/")
        soup = BeautifulSoup(file.read_bytes(), "lxml")
        own = {link["href"] for link in soup.select("link[rel~=canonical][href], link[rel~=alternate][hreflang][href]")}
        for href in urls_in_page(soup):
            if href.lower().startswith(NOT_CHECKED_SCHEMES):
                continue
            problem = problem_with(urljoin(page_url, href), on_this_site=href in own)
            if problem:
                problems.append(f"{relative}: {href} -> {problem}")
    sitemap = BeautifulSoup((site_dir / "sitemap.xml").read_bytes(), "xml")
    for url in [loc.get_text(strip=True) for loc in sitemap.find_all("loc")] + \
               [link["href"] for link in sitemap.find_all("link", href=True)]:
        problem = problem_with(url, on_this_site=True)
        if problem:
            problems.append(f"sitemap.xml: {url} -> {problem}")
    return problems


# --------------------------------------------------------------------------
# Nu HTML Checker


def check_html(site_dir: Path, vnu_jar: Path = VNU_JAR) -> tuple[list[str], list[str]]:
    """Errors of the Nu HTML Checker on every HTML page, and its warnings."""
    files = sorted(str(f) for f in site_dir.rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(vnu_jar), "--format", "json", "--exit-zero-always", *files],
                            capture_output=True, text=True)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        return [f"vnu.jar did not report: {result.stderr[-2000:]}"], []
    problems, warnings = [], []
    for m in messages:
        if m.get("type") == "info" and m.get("subType") != "warning":
            continue
        where = Path(unquote(urlsplit(m.get("url", "")).path))
        where = where.relative_to(site_dir) if where.is_relative_to(site_dir) else where
        line = (f"{where.as_posix()}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}:"
                f" {m.get('message')} [{' '.join((m.get('extract') or '').split())[:100]}]")
        (warnings if m.get("type") == "info" else problems).append(line)
    return problems, warnings


# --------------------------------------------------------------------------
# Visits in Chromium: console, network, weight, axe-core


@dataclass
class Visit:
    url: str
    served: list[Served] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    axe_violations: list[str] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return sum(s.bytes for s in self.served)


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


def visit_page(browser, url: str, server: StaticHost, axe: bool = True) -> Visit:
    """Load ``url`` as a first visit (new context: empty cache) and wait until
    search is ready and the host is quiet (the search worker and its index
    come after ``load``).
    Requests outside the origin are recorded and aborted. With ``axe``,
    axe-core then runs at the desktop and phone widths."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    visit = Visit(url)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    context = browser.new_context(viewport=VIEWPORTS["desktop"])

    def route(r):
        if r.request.url.startswith(origin + "/"):
            r.continue_()
        else:
            visit.outside_requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and visit.console_errors.append(f"{m.text} ({m.location.get('url', '')})"))
    page.on("pageerror", lambda e: visit.console_errors.append(f"uncaught: {e}"))
    server.log.clear()
    try:
        page.goto(url, wait_until="load")
        try:
            page.wait_for_function(SEARCH_READY, timeout=20_000)
        except PlaywrightTimeout:
            visit.console_errors.append("search was not ready 20 s after load")
        server.wait_until_quiet()
        visit.served = list(server.log)
        if axe:
            page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
            for name, size in VIEWPORTS.items():
                page.set_viewport_size(size)
                visit.axe_violations += [f"{name}: {v}" for v in run_axe(page)]
    finally:
        context.close()
    return visit


# Material's search is ready (its worker has loaded the index and, for
# Japanese, the segmenter) when the result pane's "Initializing search" turns
# into the placeholder "Type to start searching"; true on a page without search.
SEARCH_READY = """() => {
    const meta = document.querySelector(".md-search-result__meta")
    const config = document.getElementById("__config")
    return !meta || !config
        || meta.textContent.trim() === JSON.parse(config.textContent).translations["search.result.placeholder"]
}"""


def run_axe(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page, one line per rule."""
    violations = page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
        return result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))}))
    }""", WCAG_TAGS)
    return [f"{v['id']} ({v['help']}): {', '.join(v['nodes'][:5])}" for v in violations]


def visit_problems(visit: Visit, base_url: str, budget: int | None = WEIGHT_BUDGET) -> dict[str, list[str]]:
    """What a visit shows wrong, by check: console, network, weight, axe."""
    lang = language_of(visit.url, base_url)
    base_path = urlsplit(base_url).path
    foreign = [s.path for other, markers in LANGUAGE_ONLY.items() if other != lang
               for s in visit.served if any(m in s.path[len(base_path) - 1:] for m in markers)]
    over = budget and visit.weight > budget
    return {
        "console": visit.console_errors,
        "network": [f"outside the origin: {u}" for u in visit.outside_requests]
                   + [f"{s.status}: {s.path}" for s in visit.served if s.status >= 400],
        "weight": [f"{visit.weight:,} bytes, {visit.weight - budget:,} over the budget of {budget:,}: "
                   + ", ".join(f"{s.path} {s.bytes:,}" for s in sorted(visit.served, key=lambda s: -s.bytes))]
                  if over else [],
        "languages": [f"downloads an asset of another language: {p}" for p in foreign],
        "axe": visit.axe_violations,
    }


# --------------------------------------------------------------------------
# Lighthouse


def run_lighthouse(url: str, output: Path, categories: list[str]) -> dict:
    """Lighthouse (mobile, its default) on ``url`` in Debian's Chromium: the
    JSON result; ``output``.report.html and .report.json are written."""
    output.parent.mkdir(parents=True, exist_ok=True)
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output=html",
               f"--output-path={output}", f"--only-categories={','.join(categories)}", "--disable-full-page-screenshot",
               "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS])]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    report = output.with_name(output.name + ".report.json")
    if result.returncode or not report.exists():
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def lighthouse_scores(report: dict) -> dict[str, float]:
    return {name: category["score"] for name, category in report["categories"].items()}


def failed_audits(report: dict) -> list[str]:
    """The audits below 1 (not informative ones) of a Lighthouse result."""
    return [f"{audit['id']}: {audit['title']}" for audit in report["audits"].values()
            if audit.get("score") is not None and audit["score"] < 1
            and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]


def check_lighthouse(urls: list[str], base_url: str, report_dir: Path,
                     categories: list[str] = LIGHTHOUSE_CATEGORIES, jobs: int = 2) -> tuple[list[str], dict]:
    """Lighthouse on each URL (``jobs`` at a time): problems (a category below
    100, with its failing audits) and the scores by page."""
    def run(url):
        name = page_name(url, base_url).strip("/").replace("/", "-") or "home"
        return url, run_lighthouse(url, report_dir / "lighthouse" / name, categories)

    problems, scores = [], {}
    with ThreadPoolExecutor(jobs) as pool:
        for url, report in pool.map(run, urls):
            scores[url] = lighthouse_scores(report)
            below = [f"{c} {round(s * 100)}" for c, s in scores[url].items() if s is None or s < 1]
            if below:
                problems.append(f"{page_name(url, base_url)}: {', '.join(below)} — " + "; ".join(failed_audits(report)))
    return problems, scores


# --------------------------------------------------------------------------
# The whole audit


CHECKS = {
    "links": "Links and fragments",
    "html": "Nu HTML Checker",
    "axe": "axe-core, WCAG 2.1 A/AA",
    "console": "Console errors",
    "network": "Network: outside the origin, missing",
    "weight": "Page weight budget",
    "languages": "Assets of the other language",
    "lighthouse": "Lighthouse (mobile)",
}


@dataclass
class Audit:
    base_url: str
    pages: list[str]
    documents: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=lambda: {check: [] for check in CHECKS})
    visits: dict[str, Visit] = field(default_factory=dict)
    plain_visits: dict[str, Visit] = field(default_factory=dict)
    plain_notes: list[str] = field(default_factory=list)
    external_links: list[str] = field(default_factory=list)
    vnu_warnings: list[str] = field(default_factory=list)
    lighthouse: dict[str, dict] = field(default_factory=dict)
    durations: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())


@contextmanager
def timed(durations: dict, name: str):
    start = time.perf_counter()
    yield
    durations[name] = time.perf_counter() - start


def run_audit(report_dir: Path, lighthouse: bool = True, budget: int = WEIGHT_BUDGET, log=print) -> Audit:
    """Build, serve and check everything; write the report; return the audit."""
    durations: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        root, port = Path(tmp) / "host", free_port()
        base_url, plain_url = f"http://127.0.0.1:{port}/{SITE_PATH}/", f"http://127.0.0.1:{port}/{PLAIN_PATH}/"
        site_dir, plain_dir = root / SITE_PATH, root / PLAIN_PATH
        log(f"building the site for {base_url}")
        with timed(durations, "build"):
            built = build_site(site_dir, base_url)
        if built.returncode:
            raise RuntimeError(f"the build failed:\n{built.stderr}")
        with timed(durations, "plain build"):
            plain = build_plain_site(plain_dir, plain_url)
        pages = discover_pages(site_dir, base_url)
        audit = Audit(base_url, pages, document_pages(site_dir, base_url, pages), durations=durations)
        if plain.returncode:
            audit.plain_notes.append(f"the plain build failed: {plain.stderr.strip()[-500:]}")
        log(f"{len(audit.pages)} pages: " + " ".join(page_name(p, base_url) for p in audit.pages))

        with timed(durations, "links"):
            audit.problems["links"] = check_links(site_dir, base_url, audit.external_links)
        log(f"links: {len(audit.problems['links'])} broken")
        with timed(durations, "vnu"):
            audit.problems["html"], audit.vnu_warnings = check_html(site_dir)
        log(f"vnu: {len(audit.problems['html'])} errors, {len(audit.vnu_warnings)} warnings")

        with serve(root, port) as server, chromium_browser() as browser:
            with timed(durations, "visits (console, network, weight, axe)"):
                check_visits(audit, browser, server, budget, log)
            with timed(durations, "visits of the plain build"):
                if not plain.returncode:
                    visit_plain(audit, browser, server, plain_dir, plain_url)
            if lighthouse:
                with timed(durations, "lighthouse"):
                    lighthouse_pages = [u for u in audit.pages if not u.endswith("404.html")]
                    audit.problems["lighthouse"], audit.lighthouse = check_lighthouse(lighthouse_pages, base_url, report_dir)
                log(f"lighthouse: {len(audit.problems['lighthouse'])} pages below 100")
    write_report(audit, report_dir / "report.md", lighthouse, budget)
    return audit


def check_visits(audit: Audit, browser, server: StaticHost, budget: int, log) -> None:
    """``visit_page`` on every page; its problems into ``audit.problems``
    (the weight budget is that of the document pages)."""
    base_url = audit.base_url
    for url in audit.pages:
        visit = audit.visits[url] = visit_page(browser, url, server)
        for check, found in visit_problems(visit, base_url, budget if url in audit.documents else None).items():
            audit.problems[check] += [f"{page_name(url, base_url)}: {p}" for p in found]
        log(f"  {page_name(url, base_url):32} {visit.weight:>8,} B  {len(visit.served):>2} requests"
            f"  axe {len(visit.axe_violations)}  console {len(visit.console_errors)}")


def visit_plain(audit: Audit, browser, server: StaticHost, plain_dir: Path, plain_url: str) -> None:
    """The same pages (but 404s) in the plain build, for their weight; what
    fails there (Google Fonts, offline; Material's sitemap requests) is noted."""
    for url in audit.pages:
        relative = url[len(audit.base_url):]
        if relative.endswith("404.html") or not file_for(plain_dir, "/" + relative):
            continue
        visit = audit.plain_visits[url] = visit_page(browser, plain_url + relative, server, axe=False)
        audit.plain_notes += [f"{page_name(url, audit.base_url)}: {problem}" for problem in visit.outside_requests
                              + [f"{s.status}: {s.path}" for s in visit.served if s.status >= 400]]


# --------------------------------------------------------------------------
# Report


def package_version(name: str) -> str:
    try:
        return json.loads((NODE_MODULES / name / "package.json").read_text())["version"]
    except OSError:
        return "?"


def write_report(audit: Audit, path: Path, lighthouse: bool, budget: int = WEIGHT_BUDGET) -> None:
    """The audit as Markdown: summary, weights, Lighthouse scores, problems, durations."""
    name = functools.partial(page_name, base_url=audit.base_url)
    lines = [f"# Site audit, {time.strftime('%Y-%m-%d %H:%M')}", "",
             f"The site built for `{audit.base_url}`, served with gzip and without trailing-slash redirects. "
             f"{len(audit.pages)} pages, from sitemap.xml and the 404 pages. Tools: axe-core {package_version('axe-core')}, "
             f"vnu-jar {package_version('vnu-jar')}, Lighthouse {package_version('lighthouse')}, Chromium at {CHROMIUM}.", "",
             "| check | problems |", "| --- | --- |"]
    for check, title in CHECKS.items():
        if check == "lighthouse" and not lighthouse:
            lines.append(f"| {title} | not run |")
        else:
            lines.append(f"| {title} | {len(audit.problems[check])} |")
    lines += ["", f"Links to other hosts (not checked, offline): {', '.join(sorted(set(audit.external_links))) or 'none'}.", "",
              f"Nu HTML Checker warnings (not failures): {len(audit.vnu_warnings) or 'none'}", ""]
    lines += [f"- {warning}" for warning in audit.vnu_warnings]
    lines += ["", "## Page weight (first visit, all requests, gzip bytes on the wire)", "",
              f"Budget of a document page (*): {budget:,} bytes. Plain: Material's defaults + mkdocs-static-i18n, "
              "the same sources (its Google Fonts requests are blocked: there is no network).", "",
              "| page | requests | bytes | plain Material | ratio |", "| --- | ---: | ---: | ---: | ---: |"]
    for url, visit in audit.visits.items():
        plain = audit.plain_visits.get(url)
        lines.append(f"| `{name(url)}`{' *' if url in audit.documents else ''} | {len(visit.served)} | {visit.weight:,} | "
                     + (f"{plain.weight:,} | {visit.weight / plain.weight:.2f} |" if plain else "– | – |"))
    for lang in ("en", "ja"):
        url = next((u for u in audit.documents if language_of(u, audit.base_url) == lang), None)
        if url:
            lines += ["", f"What `{name(url)}` downloads:", "", "| request | status | bytes |", "| --- | ---: | ---: |"]
            lines += [f"| `{s.path}` | {s.status} | {s.bytes:,} |" for s in audit.visits[url].served]
    if audit.plain_notes:
        lines += ["", "The plain build (for information):", ""] + [f"- {note}" for note in audit.plain_notes]
    if audit.lighthouse:
        categories = list(next(iter(audit.lighthouse.values())))
        lines += ["", "## Lighthouse (mobile)", "", "| page | " + " | ".join(categories) + " | report |",
                  "| --- |" + " ---: |" * len(categories) + " --- |"]
        for url, scores in audit.lighthouse.items():
            report = "lighthouse/" + (name(url).strip("/").replace("/", "-") or "home") + ".report.html"
            lines.append(f"| `{name(url)}` | " + " | ".join(str(round((s or 0) * 100)) for s in scores.values())
                         + f" | [{report}]({report}) |")
    lines += ["", "## Problems", ""]
    for check, title in CHECKS.items():
        for problem in audit.problems[check]:
            lines.append(f"- **{title}**: {problem}")
    if audit.ok:
        lines.append("None.")
    lines += ["", "## Durations", ""] + [f"- {step}: {seconds:.1f} s" for step, seconds in audit.durations.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report-dir", type=Path, default=ROOT / "audit-report")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (faster)")
    parser.add_argument("--budget", type=int, default=WEIGHT_BUDGET, help="page weight budget in bytes")
    args = parser.parse_args()
    for tool in (VNU_JAR, AXE_JS, LIGHTHOUSE):
        if not tool.exists():
            print(f"{tool} is missing: run `make audit` (npm ci) first")
            return 2
    if args.report_dir.exists():
        shutil.rmtree(args.report_dir)
    start = time.perf_counter()
    audit = run_audit(args.report_dir, lighthouse=not args.no_lighthouse, budget=args.budget)
    for check, title in CHECKS.items():
        for problem in audit.problems[check]:
            print(f"{title}: {problem}")
    total = sum(len(p) for p in audit.problems.values())
    print(f"{'OK' if audit.ok else 'FAILED'}: {total} problems on {len(audit.pages)} pages in "
          f"{time.perf_counter() - start:.0f} s; report: {args.report_dir / 'report.md'}")
    return 0 if audit.ok else 1


if __name__ == "__main__":
    sys.exit(main())
