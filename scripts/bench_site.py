#!/usr/bin/env python3
"""Benchmark of the site against a plain Material + mkdocs-static-i18n build of
the same sources (scripts/audit.py's ``build_plain_site``), as medians of runs
with min and max:

- build time, the site and the plain build, and their ratio;
- first-visit weight (gzip bytes on the wire, all requests) of each document
  page, the site's and the plain build's, and their ratio;
- the parity checker's time on docs/;
- Lighthouse mobile Performance of each document page (median of 3).

    python scripts/bench_site.py [--runs 5] [--lighthouse-runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import audit  # noqa: E402
import bench_parity  # noqa: E402


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        root, port = Path(tmp) / "host", audit.free_port()
        base_url = f"http://127.0.0.1:{port}/{audit.SITE_PATH}/"
        plain_url = f"http://127.0.0.1:{port}/{audit.PLAIN_PATH}/"

        ours = spread(timed_builds(audit.build_site, Path(tmp) / "builds", base_url, args.runs))
        plain = spread(timed_builds(audit.build_plain_site, Path(tmp) / "plain-builds", plain_url, args.runs))
        print(f"build time (median of {args.runs}, min-max):")
        print(f"  site        {ours[0]:6.2f} s  ({ours[1]:.2f}-{ours[2]:.2f})")
        print(f"  plain build {plain[0]:6.2f} s  ({plain[1]:.2f}-{plain[2]:.2f})")
        print(f"  ratio       x{ours[0] / plain[0]:.2f}")

        checker = bench_parity.median_time(bench_parity.REPO / "docs", args.runs)
        print(f"parity checker on docs/: {checker[0] * 1000:.1f} ms  ({checker[1] * 1000:.1f}-{checker[2] * 1000:.1f})")

        audit.build_site(root / audit.SITE_PATH, base_url)
        audit.build_plain_site(root / audit.PLAIN_PATH, plain_url)
        pages = audit.discover_pages(root / audit.SITE_PATH, base_url)
        documents = audit.document_pages(root / audit.SITE_PATH, base_url, pages)
        with audit.serve(root, port) as server, audit.chromium_browser() as browser:
            print(f"first-visit weight, gzip bytes (median of {args.runs}, min-max):")
            for url in documents:
                plain_page = plain_url + url[len(base_url):]
                weights = spread([audit.visit_page(browser, url, server, axe=False).weight for _ in range(args.runs)])
                plain_weights = spread([audit.visit_page(browser, plain_page, server, axe=False).weight
                                        for _ in range(args.runs)])
                print(f"  {audit.page_name(url, base_url):24} {weights[0]:>9,.0f} ({weights[1]:,.0f}-{weights[2]:,.0f})"
                      f"  plain {plain_weights[0]:>9,.0f} ({plain_weights[1]:,.0f}-{plain_weights[2]:,.0f})"
                      f"  ratio {weights[0] / plain_weights[0]:.2f}")

            print(f"Lighthouse mobile Performance (median of {args.lighthouse_runs}, min-max):")
            for url in documents:
                scores, name = [], audit.page_name(url, base_url).strip("/").replace("/", "-")
                for run in range(args.lighthouse_runs):
                    report = audit.run_lighthouse(url, Path(tmp) / "lighthouse" / f"{name}-{run}", ["performance"])
                    scores.append(report["categories"]["performance"]["score"] * 100)
                median, low, high = spread(scores)
                print(f"  {audit.page_name(url, base_url):24} {median:5.0f}  ({low:.0f}-{high:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
