"""The Lighthouse check: Lighthouse (mobile, its default) in the audit's
Chromium scores 100 in accessibility, best practices and SEO on each page;
its HTML and JSON reports are kept beside the audit's report."""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pax_silica.audit.browser import CHROMIUM, CHROMIUM_ARGS
from pax_silica.audit.pages import page_name
from pax_silica.audit.tools import LIGHTHOUSE

LIGHTHOUSE_CATEGORIES = ["accessibility", "best-practices", "seo"]


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
    """The score of each category of a Lighthouse result, from 0 to 1."""
    return {name: category["score"] for name, category in report["categories"].items()}


def failed_audits(report: dict) -> list[str]:
    """The audits below 1 (not informative ones) of a Lighthouse result."""
    return [f"{audit['id']}: {audit['title']}" for audit in report["audits"].values()
            if audit.get("score") is not None and audit["score"] < 1
            and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]


def report_name(url: str, base_url: str) -> str:
    """The name of a page's Lighthouse reports in report_dir/lighthouse/: its path with dashes."""
    return page_name(url, base_url).strip("/").replace("/", "-") or "home"


def check_lighthouse(urls: list[str], base_url: str, report_dir: Path,
                     categories: list[str] = LIGHTHOUSE_CATEGORIES, jobs: int = 2, log=None) -> tuple[list[str], dict]:
    """Lighthouse on each URL (``jobs`` at a time): problems (a category below
    100, with its failing audits) and the scores by page; each page's scores
    to ``log`` as they come."""
    def run(url):
        return url, run_lighthouse(url, report_dir / "lighthouse" / report_name(url, base_url), categories)

    problems, scores = [], {}
    with ThreadPoolExecutor(jobs) as pool:
        for url, report in pool.map(run, urls):
            scores[url] = lighthouse_scores(report)
            if log:
                log(f"  lighthouse {len(scores)}/{len(urls)} {page_name(url, base_url)}: "
                    + " ".join(f"{c} {round(s * 100) if s is not None else '-'}" for c, s in scores[url].items()))
            below = [f"{c} {round(s * 100)}" for c, s in scores[url].items() if s is None or s < 1]
            if below:
                problems.append(f"{page_name(url, base_url)}: {', '.join(below)} — " + "; ".join(failed_audits(report)))
    return problems, scores
