#!/usr/bin/env python3
"""Audit of the built site, every page of both languages.

    .venv/bin/python scripts/audit.py [--report-dir audit-report] [--no-lighthouse] [--budget BYTES]

Builds the site for http://127.0.0.1:PORT/edition/, serves it the way a static
host does (gzip with Content-Encoding, no redirect that adds a trailing slash,
the site's 404.html for a missing path) and checks every page of sitemap.xml
and the 404 pages: links and fragments, the Nu HTML Checker, console and
network of a first visit in Chromium, page weight, axe-core (WCAG 2.1 A/AA)
and Lighthouse (mobile). The code is the package pax_silica.audit, one module
per concern; this is its command line. The report (Markdown, and Lighthouse's
HTML reports) goes to --report-dir. Exit status 0 = no problem, 1 = problems,
listed on standard output, 2 = a tool is missing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from pax_silica.audit.builds import ROOT
from pax_silica.audit.report import CHECKS
from pax_silica.audit.run import run_audit
from pax_silica.audit.tools import missing_tools
from pax_silica.audit.visits import WEIGHT_BUDGET


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report-dir", type=Path, default=ROOT / "audit-report")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (faster)")
    parser.add_argument("--budget", type=int, default=WEIGHT_BUDGET, help="page weight budget in bytes")
    args = parser.parse_args()
    missing = missing_tools()
    if missing:
        print(f"{missing[0]} is missing: run `make audit` (npm ci) first")
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
