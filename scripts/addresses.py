#!/usr/bin/env python3
"""Record every address the site publishes in the ledger, docs/addresses.txt.

    .venv/bin/python scripts/addresses.py            (make addresses)
    .venv/bin/python scripts/addresses.py --check    write nothing; exit 1 if some are missing
    .venv/bin/python scripts/addresses.py --site DIR use a site already built

Builds the site (``properdocs build --strict`` into a temporary folder), then adds
to the ledger every address it publishes that the ledger lacks, and prints
how many there are of each kind. It never removes a line: addresses are
forever (a build that loses one fails; a page or id that moves is declared in
docs/redirects.yml). Exit status: 0 done (or, with --check, nothing missing),
1 addresses missing (--check) or the build failed, 2 the ledger cannot be read.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from pax_silica import addresses
from pax_silica.settings import SourceError, read_settings

REPO = Path(__file__).resolve().parent.parent
LEDGER = REPO / "docs" / addresses.LEDGER_FILE


def build(site_dir: Path) -> bool:
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml", "--strict", "--quiet", "--site-dir", str(site_dir)],
                            cwd=REPO, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode:
        print(result.stderr.strip() or result.stdout.strip(), file=sys.stderr)
        print("addresses: the build failed; the ledger is unchanged", file=sys.stderr)
    return result.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if addresses are missing")
    parser.add_argument("--site", type=Path, help="a site built already (default: build one)")
    args = parser.parse_args(argv)
    shown = LEDGER.relative_to(REPO)
    try:
        ledger = addresses.read_ledger(LEDGER, shown)
        languages = read_settings(REPO / "mkdocs.yml").languages
    except SourceError as e:
        print(e, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = args.site or Path(tmp) / "site"
        if not args.site and not build(site_dir):
            return 1
        site = addresses.published(site_dir, languages)
    missing = addresses.unrecorded(ledger, site)
    for address in missing:
        print(f"+ {address}")
    print(f"{len(site)} addresses published: " + ", ".join(f"{n} {k}" for k, n in sorted(addresses.counts(site).items())))
    if args.check:
        print(f"{len(missing)} not in {shown}" + (": make addresses records them" if missing else ""))
        return 1 if missing else 0
    if missing or not LEDGER.exists():
        text = LEDGER.read_text(encoding="utf-8") if LEDGER.exists() else ""
        LEDGER.write_text(addresses.ledger_text(text, missing), encoding="utf-8")
    print(f"{shown}: {len(ledger) + len(missing)} addresses ({len(missing)} added)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
