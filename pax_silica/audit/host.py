"""The static host that the audit and the browser tests serve the built site
with, on 127.0.0.1, as GitHub Pages serves it: gzip with Content-Encoding for
text types; no redirect that adds a trailing slash (``…/declaration`` is
missing, ``…/declaration/`` is its index.html); ``<first folder>/404.html``
with status 404 for a missing path. Every response is logged, so that a visit
can be weighed in bytes on the wire.

    with serve(root, free_port()) as host: ...
"""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "image/svg+xml", "application/manifest+json")
QUIET_SECONDS = 0.5              # then a visit is over when the host has had no request this long


def file_for(site_dir: Path, url_path: str) -> Path | None:
    """The file a static host serves for ``url_path`` (relative to the site's
    root), or None. A folder is served as its index.html only when the path
    ends with a slash: ``declaration`` is missing, ``declaration/`` is not."""
    parts = [part for part in unquote(url_path).split("/") if part]
    if any(part in (".", "..") for part in parts):
        return None
    file = site_dir.joinpath(*parts)
    if url_path.endswith("/") or not parts:
        file = file / "index.html"
    return file if file.is_file() else None


def content_type(file: Path) -> str:
    """The Content-Type a static host sends for ``file`` (text in UTF-8)."""
    kind = {".js": "text/javascript", ".json": "application/json", ".map": "application/json",
            ".xml": "application/xml", ".webmanifest": "application/manifest+json"}.get(file.suffix)
    kind = kind or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


@dataclass
class Served:
    """One response of the host, as logged."""
    path: str
    status: int
    bytes: int          # body bytes on the wire (gzip when compressed)
    encoding: str


class StaticHost(http.server.ThreadingHTTPServer):
    """A static host for ``root``: gzip for text types, no trailing-slash
    redirect, ``<first folder>/404.html`` with status 404 for a missing path
    (as GitHub Pages serves a project's 404 page). Every response is logged."""

    daemon_threads = True

    def __init__(self, root: Path, port: int):
        super().__init__(("127.0.0.1", port), StaticHandler)
        self.root = root
        self.log: list[Served] = []
        self.in_flight = 0
        self.last_activity = time.monotonic()
        self.lock = threading.Condition()   # notified when a request starts or ends

    def wait_until_quiet(self, quiet: float = QUIET_SECONDS, timeout: float = 20.0) -> None:
        """Return once no request has started or been in flight for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while (now := time.monotonic()) < deadline:
                if self.in_flight:
                    self.lock.wait(deadline - now)
                elif now - self.last_activity >= quiet:
                    return
                else:
                    self.lock.wait(self.last_activity + quiet - now)


@functools.lru_cache(maxsize=512)
def gzipped(path: Path, mtime: float) -> bytes:
    """The file compressed as the host sends it (cached while it is unchanged)."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class StaticHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of ``StaticHost``: the file, its 404 page or 'Not found'."""

    server: StaticHost

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.respond(send_body=False)

    def do_GET(self):
        self.respond(send_body=True)

    def respond(self, send_body: bool) -> None:
        with self.server.lock:
            self.server.in_flight += 1
            self.server.last_activity = time.monotonic()
            self.server.lock.notify_all()
        try:
            path = urlsplit(self.path).path
            file, status = file_for(self.server.root, path), 200
            if file is None:
                first = path.strip("/").split("/")[0]
                file, status = file_for(self.server.root, f"/{first}/404.html"), 404
            if file is None:
                body, kind, encoding = b"Not found", "text/plain", ""
            else:
                kind = content_type(file)
                compress = kind.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", "")
                body = gzipped(file, file.stat().st_mtime) if compress else file.read_bytes()
                encoding = "gzip" if compress else ""
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            if send_body:
                self.wfile.write(body)
            self.server.log.append(Served(path, status, len(body) if send_body else 0, encoding))
        finally:
            with self.server.lock:
                self.server.in_flight -= 1
                self.server.last_activity = time.monotonic()
                self.server.lock.notify_all()


def free_port() -> int:
    """A TCP port of 127.0.0.1 that is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(root: Path, port: int):
    """``StaticHost`` for ``root`` on 127.0.0.1:port, stopped on exit."""
    server = StaticHost(root, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
