#!/usr/bin/env python3
"""Benchmark of the site against a plain Material + mkdocs-static-i18n build of
the same sources (pax_silica.audit.builds' ``build_plain_site``), as medians of runs
with min and max:

- build time, the site and the plain build (built in turns), and their
  ratio (the goal: at most 3 times); and the site
  against itself with its hooks replaced by a stub that gives the templates
  only what they read (the interface strings, the search worker's name):
  what our build-time Python costs;
- the build's work, counted in one build of each: Markdown conversions and
  BeautifulSoup parses (the site reads each source once, parses each page
  once);
- first-visit weight (gzip bytes on the wire, all requests) of each document
  page, the site's and the plain build's, and their ratio;
- the parity checker's time on docs/;
- the PDF editions and the preview images: the time to set them as a build
  does (no cache), with one process and with one per core (pax_silica.press),
  and the bytes of each;
- ``make serve``: the first build, then the reload after one edit of one
  source (a sentence of docs/en/declaration.md), with the typesetting cache
  (median of as many edits as runs; the goal: under 3 s);
- Lighthouse mobile Performance of each document page (median of 3).

    .venv/bin/python scripts/bench_site.py [--runs 5] [--lighthouse-runs 3] [--no-browser]
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

import bench_parity  # scripts/bench_parity.py: this script's folder is the first on Python's path
from pax_silica import press
from pax_silica.audit.browser import chromium_browser
from pax_silica.audit.builds import PLAIN_PATH, ROOT, SITE_PATH, build_plain_site, build_site, plain_config
from pax_silica.audit.host import free_port, serve
from pax_silica.audit.lighthouse import report_name, run_lighthouse
from pax_silica.audit.pages import discover_pages, document_pages, page_name
from pax_silica.audit.visits import visit_page


def spread(values: list[float]) -> tuple[float, float, float]:
    """(median, min, max)."""
    return statistics.median(values), min(values), max(values)


def timed_builds(build, site_dir: Path, url: str, runs: int) -> list[float]:
    times = []
    for run in range(runs):
        start = time.perf_counter()
        result = build(site_dir / str(run), url)
        times.append(time.perf_counter() - start)
        if result.returncode:
            raise RuntimeError(result.stderr)
    return times


STUB_HOOK = """\
from pax_silica.material import search_worker
from pax_silica.ui import STRINGS as FOLDER, read_strings

STRINGS = read_strings(FOLDER, ["en", "ja"])


def on_env(env, config, files):
    env.globals.update(ui=STRINGS[config.theme["language"]], search_worker=search_worker())
    return env
"""


def stubbed_config(folder: Path) -> Path:
    """mkdocs.yml with its hooks replaced by STUB_HOOK, written into ``folder``."""
    from mkdocs.utils.yaml import get_yaml_loader

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "stub_hook.py").write_text(STUB_HOOK, encoding="utf-8")
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml.load(f, Loader=get_yaml_loader())
    config.update(hooks=[str(folder / "stub_hook.py")], docs_dir=str(ROOT / "docs"),
                  theme={**config["theme"], "custom_dir": str(ROOT / "overrides")})
    config.pop("site_url", None)   # !ENV in the original: the builds set SITE_URL
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return folder / "mkdocs.yml"


def build_stubbed(site_dir: Path, url: str) -> subprocess.CompletedProcess:
    return build_site(site_dir, url, stubbed_config(site_dir.parent / "stub"), strict=False)


COUNT_WORK = """\
import collections, json, sys
import bs4, markdown
from properdocs.__main__ import cli
counts = collections.Counter()
def counted(name, function):
    def wrapper(*args, **kwargs):
        counts[name] += 1
        return function(*args, **kwargs)
    return wrapper
markdown.Markdown.convert = counted("markdown conversions", markdown.Markdown.convert)
bs4.BeautifulSoup.__init__ = counted("BeautifulSoup parses", bs4.BeautifulSoup.__init__)
try:
    cli(["build", "--quiet", "-f", sys.argv[1], "--site-dir", sys.argv[2]], standalone_mode=False)
finally:
    print(json.dumps(counts))
"""


def build_work(config_file: Path, site_dir: Path, url: str) -> dict[str, int]:
    """Markdown conversions and BeautifulSoup parses in one build of ``config_file``."""
    result = subprocess.run([sys.executable, "-c", COUNT_WORK, str(config_file), str(site_dir)], cwd=ROOT,
                            capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url})
    return json.loads(result.stdout.strip().splitlines()[-1])


def typesetting_times(runs: int, site_dir: Path, url: str) -> dict[str, tuple]:
    """Spreads of the wall-clock time of setting the site's PDFs and preview
    images as a build does (pax_silica.pdf.jobs, pax_silica.previews.jobs, no
    cache, in pax_silica.press's workers), with one worker and with one per
    core; the cards' titles are the h1s of a build."""
    from jinja2 import Environment, FileSystemLoader

    from pax_silica import pdf, press, previews
    from pax_silica.model import read_edition
    from pax_silica.settings import read_settings
    from pax_silica.ui import STRINGS, read_strings

    settings = read_settings(ROOT / "mkdocs.yml")
    names = settings.site_names
    edition = read_edition(settings, convert="documents")
    strings = read_strings(STRINGS, edition.languages)
    templates = Environment(loader=FileSystemLoader(ROOT / "overrides"), autoescape=True)   # as the build's
    pdf_html = lambda view, lang: templates.get_template("edition/pdf.html").render(ui=strings[lang], **view)
    card_html = lambda views: templates.get_template("edition/preview.html").render(ui=strings[views[0]["lang"]],
                                                                                   cards=views)
    timed_builds(build_site, site_dir, url, 1)
    titles = {p.url: " ".join(BeautifulSoup((site_dir / "0" / p.url / "index.html").read_bytes(),
                                            "lxml").h1.get_text().split())
              for pages in edition.pages.values() for p in pages.values() if not p.document}
    cards = previews.document_cards(edition, strings, names) + previews.page_cards(edition, strings, names, titles)
    jobs = {"pdf": pdf.jobs(edition, strings, names, pdf_html, press.Cache.off())[1],
            "images": previews.jobs(cards, card_html, press.Cache.off())[1]}
    jobs["all"] = jobs["pdf"] + jobs["images"]
    times = {}
    for name, processes in (("pdf", 1), ("images", 1), ("all", 1), ("all", press.workers())):
        spent = []
        for run in range(runs):
            pool = press.Press(press.Cache.off(), processes)
            pool.start(jobs[name][:1])     # the workers started and the engines imported, not timed
            pool.result()
            start = time.perf_counter()
            pool = press.Press(press.Cache.off(), processes)
            pool.start(jobs[name])
            pool.result()
            spent.append(time.perf_counter() - start)
        times[name, processes] = spread(spent)
    return times


def serve_reload(folder: Path, runs: int, timeout: float = 300) -> tuple[float, list[float]]:
    """(first build, reloads after one edit each) of `make serve`
    (scripts/serve.py, ProperDocs) on a copy of the project, in seconds: until
    the server says "Serving on", then from each edit of one sentence (a new
    wording each time) to its "Reloading browsers" (the typesetting cache
    sets again only what the edit changed)."""
    project = folder / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "node_modules", "test-artifacts", "audit-report", "__pycache__", ".cache"))
    lines: queue.Queue[str] = queue.Queue()
    server = subprocess.Popen([sys.executable, "scripts/serve.py", "--dev-addr", f"127.0.0.1:{free_port()}"],
                              cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout], daemon=True).start()

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + timeout
        while True:
            line = lines.get(timeout=max(deadline - time.monotonic(), 0.1))
            if text in line:
                return

    try:
        start = time.perf_counter()
        wait_for("Serving on")
        first = time.perf_counter() - start
        source = project / "docs" / "en" / "declaration.md"
        text = source.read_text(encoding="utf-8")
        reloads = []
        for run in range(runs):
            time.sleep(1)
            start = time.perf_counter()
            source.write_text(text.replace("for our peoples.", f"for all our peoples ({run + 1}).", 1), encoding="utf-8")
            wait_for("Reloading browsers")
            reloads.append(time.perf_counter() - start)
        return first, reloads
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true", help="stop before the sizes, weights and Lighthouse")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        root, port = Path(tmp) / "host", free_port()
        base_url = f"http://127.0.0.1:{port}/{SITE_PATH}/"
        plain_url = f"http://127.0.0.1:{port}/{PLAIN_PATH}/"

        ours, plain = [], []
        for run in range(args.runs):    # in turns, so that the others' load weighs on both alike
            ours += timed_builds(build_site, Path(tmp) / "builds" / str(run), base_url, 1)
            plain += timed_builds(build_plain_site, Path(tmp) / "plain-builds" / str(run), plain_url, 1)
        ours, plain = spread(ours), spread(plain)
        print(f"build time (median of {args.runs}, min-max; ProperDocs; {press.workers()} cores):")
        print(f"  site        {ours[0]:6.2f} s  ({ours[1]:.2f}-{ours[2]:.2f})")
        print(f"  plain build {plain[0]:6.2f} s  ({plain[1]:.2f}-{plain[2]:.2f})")
        print(f"  ratio       x{ours[0] / plain[0]:.2f}  (goal: at most x3)")
        stubbed = spread(timed_builds(build_stubbed, Path(tmp) / "stubbed-builds", base_url, args.runs))
        print(f"  the site with its hooks stubbed {stubbed[0]:6.2f} s  ({stubbed[1]:.2f}-{stubbed[2]:.2f}):"
              f" the hooks cost x{ours[0] / stubbed[0]:.2f}")

        plain_file = Path(tmp) / "work" / "mkdocs-plain.yml"
        plain_file.parent.mkdir(parents=True)
        plain_file.write_text(yaml.safe_dump(plain_config(plain_url), allow_unicode=True), encoding="utf-8")
        print("build work (one build):")
        for name, config_file in (("site", ROOT / "mkdocs.yml"), ("plain build", plain_file)):
            work = build_work(config_file, Path(tmp) / "work" / name, base_url)
            print(f"  {name:12}" + ", ".join(f"{count} {what}" for what, count in sorted(work.items())))

        checker = bench_parity.median_time(bench_parity.REPO / "docs", args.runs)
        print(f"parity checker on docs/: {checker[0] * 1000:.1f} ms  ({checker[1] * 1000:.1f}-{checker[2] * 1000:.1f})")

        typeset = typesetting_times(args.runs, Path(tmp) / "typeset-builds", base_url)
        cores = press.workers()
        print(f"the PDFs and preview images, wall clock (median of {args.runs}, min-max; pax_silica.press, no cache):")
        for (name, processes), what in ((("pdf", 1), "the 6 PDF editions, one process"),
                                         (("images", 1), "the 46 preview images, one process"),
                                         (("all", 1), "all of them, one process"),
                                         (("all", cores), f"all of them, {cores} processes")):
            median, low, high = typeset[name, processes]
            print(f"  {what:38} {median:6.2f} s  ({low:.2f}-{high:.2f})")
        first, reloads = serve_reload(Path(tmp) / "serve", args.runs)
        reload = spread(reloads)
        print(f"make serve: first build {first:.2f} s (empty cache); reload after editing one sentence, median of "
              f"{args.runs}: {reload[0]:.2f} s ({reload[1]:.2f}-{reload[2]:.2f}; goal: under 3 s)")
        if args.no_browser:
            return 0

        build_site(root / SITE_PATH, base_url)
        sizes = {p.relative_to(root / SITE_PATH).as_posix(): p.stat().st_size
                 for folder in ("downloads", "previews") for p in sorted((root / SITE_PATH / folder).glob("*.p[dn][fg]"))}
        print("PDF editions, bytes:")
        for name, size in sizes.items():
            if name.endswith(".pdf"):
                print(f"  {name:48} {size:>9,}")
        pngs = sorted((size, name) for name, size in sizes.items() if name.endswith(".png"))
        print(f"preview images ({len(pngs)}), bytes: median {statistics.median(s for s, _ in pngs):,.0f},"
              f" smallest {pngs[0][0]:,} ({pngs[0][1]}), largest {pngs[-1][0]:,} ({pngs[-1][1]})")
        for size, name in pngs:
            print(f"  {name:48} {size:>9,}")
        build_plain_site(root / PLAIN_PATH, plain_url)
        pages = discover_pages(root / SITE_PATH, base_url)
        documents = document_pages(root / SITE_PATH, base_url, pages)
        with serve(root, port) as server, chromium_browser() as browser:
            print(f"first-visit weight, gzip bytes (median of {args.runs}, min-max):")
            for url in documents:
                plain_page = plain_url + url[len(base_url):]
                weights = spread([visit_page(browser, url, server, axe=False).weight for _ in range(args.runs)])
                plain_weights = spread([visit_page(browser, plain_page, server, axe=False).weight
                                        for _ in range(args.runs)])
                print(f"  {page_name(url, base_url):24} {weights[0]:>9,.0f} ({weights[1]:,.0f}-{weights[2]:,.0f})"
                      f"  plain {plain_weights[0]:>9,.0f} ({plain_weights[1]:,.0f}-{plain_weights[2]:,.0f})"
                      f"  ratio {weights[0] / plain_weights[0]:.2f}")

            print(f"Lighthouse mobile Performance (median of {args.lighthouse_runs}, min-max):")
            for url in documents:
                scores, name = [], report_name(url, base_url)
                for run in range(args.lighthouse_runs):
                    report = run_lighthouse(url, Path(tmp) / "lighthouse" / f"{name}-{run}", ["performance"])
                    scores.append(report["categories"]["performance"]["score"] * 100)
                median, low, high = spread(scores)
                print(f"  {page_name(url, base_url):24} {median:5.0f}  ({low:.0f}-{high:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
