"""The whole audit (``run_audit``): build the site and the plain build, serve
them as a static host does, check every page and write the report.

The browser visits read the page weights from their host's log, so nothing
else may request from that host meanwhile; Lighthouse, the slowest check, runs
during the visits on a host of its own, with the site built again for that
host's URL (``lighthouse_on_own_host``)."""

from __future__ import annotations

import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from pathlib import Path

from pax_silica.audit.browser import chromium_browser
from pax_silica.audit.builds import PLAIN_PATH, SITE_PATH, build_plain_site, build_site
from pax_silica.audit.host import StaticHost, file_for, free_port, serve
from pax_silica.audit.lighthouse import check_lighthouse
from pax_silica.audit.links import check_links
from pax_silica.audit.nu import check_html
from pax_silica.audit.pages import discover_pages, document_pages, lighthouse_pages, page_name, paragraph_pages
from pax_silica.audit.report import Audit, write_report
from pax_silica.audit.visits import WEIGHT_BUDGET, visit_page, visit_problems


@contextmanager
def timed(durations: dict, name: str):
    """Add the time the block takes to ``durations`` as ``name``."""
    start = time.perf_counter()
    yield
    durations[name] = time.perf_counter() - start


def in_background(pool: ThreadPoolExecutor, durations: dict, name: str, function, *args) -> Future:
    """``function(*args)`` run by ``pool``, its time added to ``durations`` as ``name``."""
    def run():
        with timed(durations, name):
            return function(*args)
    return pool.submit(run)


def with_elapsed_time(log):
    """``log`` with the minutes and seconds since the audit began before each
    message, one message at a time (Lighthouse reports from its own thread)."""
    start, lock = time.perf_counter(), threading.Lock()

    def say(message: str) -> None:
        minutes, seconds = divmod(int(time.perf_counter() - start), 60)
        with lock:
            log(f"[{minutes}:{seconds:02}] {message}")
    return say


def run_audit(report_dir: Path, lighthouse: bool = True, budget: int = WEIGHT_BUDGET, log=print,
              browser=None) -> Audit:
    """Build, serve and check everything; write the report; return the audit.
    Progress goes to ``log``, a line at each step and page. ``browser``: a
    Chromium already launched with Playwright (the tests' own: one Playwright
    per process), else one is launched for the audit."""
    durations: dict[str, float] = {}
    log = with_elapsed_time(log)
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp, ThreadPoolExecutor(2) as meanwhile:
        root, port = Path(tmp) / "host", free_port()
        base_url, plain_url = f"http://127.0.0.1:{port}/{SITE_PATH}/", f"http://127.0.0.1:{port}/{PLAIN_PATH}/"
        site_dir, plain_dir = root / SITE_PATH, root / PLAIN_PATH
        log(f"building the site for {base_url}")
        with timed(durations, "build"):
            built = build_site(site_dir, base_url)
        if built.returncode:
            raise RuntimeError(f"the build failed:\n{built.stderr}")
        html = in_background(meanwhile, durations, "vnu (during the plain build and the links)", check_html, site_dir)
        with timed(durations, "plain build"):
            plain = build_plain_site(plain_dir, plain_url)
        pages = discover_pages(site_dir, base_url)
        audit = Audit(base_url, pages, document_pages(site_dir, base_url, pages),
                      paragraph_pages(site_dir, base_url, pages), durations=durations)
        if plain.returncode:
            audit.plain_notes.append(f"the plain build failed: {plain.stderr.strip()[-500:]}")
        log(f"{len(audit.pages)} pages: " + " ".join(page_name(p, base_url) for p in audit.pages))

        with timed(durations, "links"):
            audit.problems["links"] = check_links(site_dir, base_url, audit.external_links)
        log(f"links: {len(audit.problems['links'])} broken")
        audit.problems["html"], audit.vnu_warnings = html.result()
        log(f"vnu: {len(audit.problems['html'])} errors, {len(audit.vnu_warnings)} warnings")

        with serve(root, port) as server, (nullcontext(browser) if browser else chromium_browser()) as browser:
            if lighthouse:  # a port of its own, chosen while the visits' host holds this one
                scores = in_background(meanwhile, durations, "lighthouse (during the visits)",
                                       lighthouse_on_own_host, audit, Path(tmp) / "lighthouse-host", report_dir, log)
            log("a first visit of each page in Chromium (console, network, weight, axe)"
                + (", Lighthouse meanwhile on a host of its own" if lighthouse else ""))
            with timed(durations, "visits (console, network, weight, axe)"):
                check_visits(audit, browser, server, budget, log)
            with timed(durations, "visits of the plain build"):
                if not plain.returncode:
                    log("the plain build's pages, for comparison")
                    visit_plain(audit, browser, server, plain_dir, plain_url)
        if lighthouse:
            if not scores.done():
                log("waiting for Lighthouse")
            with timed(durations, "lighthouse after the visits"):
                audit.problems["lighthouse"], audit.lighthouse = scores.result()
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


def lighthouse_on_own_host(audit: Audit, root: Path, report_dir: Path, log=print) -> tuple[list[str], dict]:
    """``check_lighthouse`` on ``lighthouse_pages``, the site built again
    into ``root`` for, and served at, another port: the problems, and the
    scores by the page's URL in ``audit``."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{SITE_PATH}/"
    built = build_site(root / SITE_PATH, url)
    if built.returncode:
        raise RuntimeError(f"the build for Lighthouse failed:\n{built.stderr}")
    pages = [url + page[len(audit.base_url):]
             for page in lighthouse_pages(audit.pages, audit.paragraph_pages, audit.base_url)]
    with serve(root, port):
        problems, scores = check_lighthouse(pages, url, report_dir, log=log)
    return problems, {audit.base_url + page[len(url):]: page_scores for page, page_scores in scores.items()}
