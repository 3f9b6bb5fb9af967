#!/usr/bin/env python3
"""`make serve`: the site with live reload, and the build's Python kept true.

Runs ``properdocs serve`` (or ``--generator mkdocs``) on the project's
mkdocs.yml: it rebuilds on every change to docs/, overrides/ and the
interface strings (pax_silica/strings/), and the browser reloads. A
generator loads the build's Python (overrides/hooks/edition.py and the
pax_silica package it uses) once per process, so an edit there would not
reach the pages; this script watches those files and restarts the server
when one changes: every module, the typesetting workers and their engines
start afresh, as in `make build`. (Reloading the changed modules in place
would leave older objects, classes and the workers' copies behind.) The
browser reloads once the new server has built the site.

    .venv/bin/python scripts/serve.py [--dev-addr 127.0.0.1:8000] [--generator properdocs]
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

ROOT = Path(__file__).resolve().parent.parent
PYTHON = [ROOT / "pax_silica", ROOT / "overrides" / "hooks"]    # the build's Python: a change restarts the server
QUIET = 0.3                                                      # s without another change before the restart


class Changes(FileSystemEventHandler):
    """Sets ``changed`` to the first Python file changed under ``PYTHON``."""

    def __init__(self):
        self.changed: str | None = None
        self.event = threading.Event()

    def on_any_event(self, event):
        if event.event_type not in ("created", "modified", "moved", "deleted"):   # not a read (opened, closed)
            return
        for path in (getattr(event, "src_path", ""), getattr(event, "dest_path", "")):
            if path and str(path).endswith(".py") and "__pycache__" not in str(path) and not event.is_directory:
                self.changed = self.changed or str(Path(path).relative_to(ROOT))
                self.event.set()


def start(generator: str, address: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", generator, "serve", "-f", "mkdocs.yml", "--dev-addr", address,
                             "--livereload", "--watch-theme", "--watch", "pax_silica/strings"], cwd=ROOT)


def stop(server: subprocess.Popen, interrupted: bool = False) -> None:
    """As Ctrl-C does: the generator removes its temporary site and ends.
    ``interrupted``: Ctrl-C has reached it already (the terminal sends it to
    every process of the command); it is given a moment first."""
    for signal_, timeout in ((None, 5 if interrupted else 0), (signal.SIGINT, 20), (signal.SIGKILL, None)):
        if server.poll() is not None:
            return
        if signal_:
            server.send_signal(signal_)
        try:
            server.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            continue


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    parser.add_argument("--generator", default="properdocs", choices=["properdocs", "mkdocs"])
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))     # stop the server too (finally)
    changes, observer = Changes(), Observer()
    for folder in PYTHON:
        observer.schedule(changes, str(folder), recursive=True)
    observer.start()
    server = start(args.generator, args.dev_addr)
    try:
        while True:
            changes.event.wait()
            time.sleep(QUIET)
            changes.event.clear()
            print(f"{changes.changed} changed: restarting the server, so that the build runs the new code",
                  file=sys.stderr, flush=True)
            changes.changed = None
            stop(server)
            server = start(args.generator, args.dev_addr)
    except KeyboardInterrupt:
        stop(server, interrupted=True)
        return 0
    finally:
        stop(server)
        observer.stop()


if __name__ == "__main__":
    sys.exit(main())
