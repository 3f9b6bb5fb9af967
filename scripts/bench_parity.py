#!/usr/bin/env python3
"""Benchmark the parity checker (pax_silica.checker, as scripts/check_parity.py): the real docs/, and generated corpora of
N pages x 2 languages x 20 paragraphs (N = 100 and 1,000), as medians of runs.

    .venv/bin/python scripts/bench_parity.py [--runs 5]

Prints each time and the growth from 100 to 1,000 pages (10.0 is linear)."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pax_silica.checker import check_folder

REPO = Path(__file__).resolve().parent.parent
EN = "We recognize that a reliable supply chain is indispensable to our mutual economic security, number {n}."
JA = "我々は、信頼性のあるサプライチェーンが我々相互の経済安全保障に不可欠であることを認識する（第{n}段落）。"


def make_corpus(root: Path, pages: int, paragraphs: int = 20) -> Path:
    docs = root / "docs"
    for lang, sentence in (("en", EN), ("ja", JA)):
        (docs / lang).mkdir(parents=True)
        for page in range(pages):
            body = [f"---\ndocument: page-{page}\n---\n\n# Page {page} {{ #title }}\n"]
            body += [f"{sentence.format(n=n)}\n{{: #p{n} }}\n" for n in range(1, paragraphs + 1)]
            (docs / lang / f"page-{page:04d}.md").write_text("\n".join(body), encoding="utf-8")
    return docs


def median_time(docs: Path, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = check_folder(docs, REPO / "mkdocs.yml")
        times.append(time.perf_counter() - start)
        assert not report.problems and not report.fatal, report.problems[:3] + report.fatal[:3]
    return statistics.median(times), min(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    real = median_time(REPO / "docs", args.runs)
    print(f"real docs/ (14 pages):      median {real[0]*1000:7.1f} ms  (min {real[1]*1000:.1f}, max {real[2]*1000:.1f})")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for pages in (100, 1000):
            docs = make_corpus(Path(tmp) / str(pages), pages)
            results[pages] = median_time(docs, max(3, args.runs // 2) if pages == 1000 else args.runs)
            m, lo, hi = results[pages]
            print(f"{pages:>5} pages x 2 x 20 paras: median {m:7.2f} s   (min {lo:.2f}, max {hi:.2f})"
                  f"  {m / (pages * 2) * 1000:.2f} ms/page")
    growth = results[1000][0] / results[100][0]
    print(f"growth 100 -> 1,000 pages: x{growth:.1f} (linear is x10.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
