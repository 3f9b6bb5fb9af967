#!/usr/bin/env python3
"""Prove that every language of the edition has the same paragraph structure.

    .venv/bin/python scripts/check_parity.py [DOCS_DIR] [--config mkdocs.yml]   (default: docs)

The checks are pax_silica.checker's (the build runs the same ones): every
page of DOCS_DIR/<lang>/ rendered with the Markdown extensions of mkdocs.yml,
compared across languages block by block, and DOCS_DIR/commitments.yml.

Output: one ``PATH:LINE:COL: message`` line per problem, then a summary.
Exit status: 0 clean, 1 problems found, 2 could not check. Never writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pax_silica.checker import check_folder

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs_dir", nargs="?", default="docs", type=Path, help="default: docs")
    parser.add_argument("--config", type=Path, default=None,
                        help="mkdocs.yml to take markdown_extensions and languages from "
                             "(default: beside DOCS_DIR, else this repository's)")
    args = parser.parse_args(argv)
    config = args.config or next(p for p in (args.docs_dir.parent / "mkdocs.yml", REPO / "mkdocs.yml")
                                 if p.is_file() or p.parent == REPO)
    try:
        report = check_folder(args.docs_dir, config)
    except Exception as e:  # a bug of ours, not the user's: still one clear line
        print(f"check_parity: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    for line in report.problems:
        print(line)
    for line in report.fatal:
        print(line, file=sys.stderr)
    if report.fatal:
        print(f"check_parity: could not check ({len(report.fatal)} unreadable input"
              f"{'s' if len(report.fatal) != 1 else ''}), {len(report.problems)} problem(s) found")
        return 2
    if report.problems:
        print(f"check_parity: {len(report.problems)} problem(s) in {args.docs_dir}")
        return 1
    print(f"check_parity: OK, {report.pages} pages in {args.docs_dir} have the same structure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
