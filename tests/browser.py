"""Serving the built site on 127.0.0.1 and driving Debian's Chromium with Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

# Debian's Chromium; elsewhere any Chromium or Chrome: CHROMIUM=/usr/bin/google-chrome make test
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class PagesHandler(QuietHandler):
    """Like GitHub Pages: a missing path gets ``not_found`` (the site's 404.html), status 404."""

    def __init__(self, *args, not_found: Path, **kwargs):
        self.not_found = not_found
        super().__init__(*args, **kwargs)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(root: Path, port: int, not_found: Path | None = None):
    """A static host for ``root`` on 127.0.0.1:port, stopped on exit; with
    ``not_found``, a missing path is answered with that page (as GitHub Pages does)."""
    handler = (functools.partial(PagesHandler, not_found=not_found, directory=str(root)) if not_found
               else functools.partial(QuietHandler, directory=str(root)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
