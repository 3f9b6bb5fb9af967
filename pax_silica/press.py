"""The typesetting of one build: every PDF edition and preview image as a
job, set in parallel while the rest of the build goes on.

    press = Press(Cache.off())                   # make build, the tests
    press = Press(Cache(ROOT / CACHE, fingerprint()))   # make serve
    found, jobs = pdf.jobs(..., press.cache)      # what the cache lacks, as jobs
    press.start(jobs)                             # returns at once
    files = found | press.result()                # {site path: bytes}, when needed

A ``Job`` is the HTML to set and what else goes into its file (a PDF's link
descriptions; a sheet of preview cards is rastered to one PNG per card).
``Press`` sets the jobs in a pool of processes, one per core the build may
use (``workers``): WeasyPrint holds Python's lock while it lays out a page, so
only processes set two files at once. The workers are forked from a server
process that has imported the engines once (multiprocessing's forkserver;
spawn where there is none): under ``make serve`` a rebuild starts its
workers at no cost, and the build's own process never imports WeasyPrint
(pax_silica.typeset, which the workers run). As multiprocessing asks, a
script that runs a build in its own process must guard its top level
(``if __name__ == "__main__":``): a worker imports the script again
(``python -m properdocs``, as the Makefile runs it, is not imported again).

``Cache`` keeps each file by the SHA-256 of everything that goes into it: its
HTML, its descriptions and flags, the code that sets it (this module,
typeset.py, pdf.py, previews.py) and the engines (WeasyPrint, pydyf, Pango,
HarfBuzz, PDFium, Pillow, the fonts fontconfig has: ``typeset.engine``). Only
``make serve`` uses one (.cache/typeset/, git-ignored; ``make clean`` removes
it): it sets again only what changed. ``make build`` and the tests set
every file afresh.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

CACHE = ".cache/typeset"             # under the project's root; make serve only
CACHE_LIMIT = 2000                   # files kept; the oldest go first
CODE = [Path(__file__).with_name(name) for name in ("press.py", "typeset.py", "pdf.py", "previews.py")]
ENGINES = ["pax_silica.typeset"]     # what the workers import once


class TypesetError(Exception):
    """WeasyPrint warned or failed: the message says what."""


@dataclass(frozen=True)
class Job:
    paths: tuple[str, ...]           # a PDF's site path, or one PNG's per card of the sheet
    html: str
    descriptions: tuple[tuple[str, str], ...] = ()   # (URL, its description) of a PDF's links
    tagged: bool = True              # a PDF/UA-1 edition; False: a sheet of cards, rastered
    size: tuple[int, int] = (0, 0)   # a card's pixels
    colours: int = 0                 # the PNGs' palette
    keys: tuple[str | None, ...] = ()   # one per path: the cache's key (None without a cache)


@functools.cache
def fingerprint() -> str:
    """The code and the engines that set the files (imports WeasyPrint), as
    this process and its workers run them: read once (pax_silica is not
    reloaded; make serve restarts when it changes)."""
    from pax_silica import typeset

    code = hashlib.sha256(b"".join(path.read_bytes() for path in CODE)).hexdigest()
    return f"{typeset.engine()}\0{code}"


class Cache:
    """Typeset files by the hash of everything that goes into them (see the
    module's doc), in ``folder``; ``Cache.off()`` keeps nothing."""

    def __init__(self, folder: Path | None, fingerprint: str = ""):
        self.folder, self.fingerprint = folder, fingerprint

    @classmethod
    def off(cls) -> Cache:
        return cls(None)

    def key(self, *parts: str) -> str | None:
        if self.folder is None:
            return None
        return hashlib.sha256("\0".join((self.fingerprint,) + parts).encode("utf-8")).hexdigest()

    def get(self, key: str | None) -> bytes | None:
        path = self.folder / key if key and self.folder else None
        if path is None or not path.is_file():
            return None
        path.touch()     # used: the last to go
        return path.read_bytes()

    def put(self, key: str | None, data: bytes) -> None:
        if key and self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f"{key}.tmp"
            temporary.write_bytes(data)
            temporary.replace(self.folder / key)

    def prune(self, limit: int = CACHE_LIMIT) -> None:
        """Keep the ``limit`` files used last."""
        if self.folder and self.folder.is_dir():
            files = sorted(self.folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
            for path in files[limit:]:
                path.unlink(missing_ok=True)


def workers() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _context():
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(ENGINES)
    return context


def warm() -> None:
    """Start the server process that imports the engines, in the background:
    called as early as the build can, so that the workers are ready sooner."""
    context = _context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        threading.Thread(target=forkserver.ensure_running, name="press-warm", daemon=True).start()


class Press:
    """Sets jobs in a pool of processes, in the background (see the module's doc)."""

    def __init__(self, cache: Cache, processes: int | None = None):
        self.cache, self.processes = cache, processes or workers()
        self._pool: ProcessPoolExecutor | None = None
        self._opening: threading.Thread | None = None
        self._pending: list[tuple[Job, Future]] = []
        self._error: BaseException | None = None

    def start(self, jobs: list[Job]) -> None:
        """Set ``jobs``, the longest first (a sheet of cards, then the longest
        HTML), so that the workers end together; returns at once. The first
        call opens the pool from a thread: its workers may wait for the
        server process to import the engines."""
        jobs = sorted(jobs, key=lambda job: (job.tagged, -len(job.paths), -len(job.html)))
        if not jobs:
            return
        if self._opening is None:
            self._opening = threading.Thread(target=self._open, args=(jobs,), name="press", daemon=True)
            self._opening.start()
        else:
            self._opening.join()
            self._submit(jobs)

    def _open(self, jobs: list[Job]) -> None:
        try:
            self._pool = ProcessPoolExecutor(self.processes, mp_context=_context())
            self._submit(jobs)
        except BaseException as e:   # raised by result()
            self._error = e

    def _submit(self, jobs: list[Job]) -> None:
        if self._pool is not None:
            self._pending += [(job, self._pool.submit(_set, job)) for job in jobs]

    def result(self) -> dict[str, bytes]:
        """{site path: bytes} of every job, once set (a job's error is raised here)."""
        if self._opening is not None:
            self._opening.join()
        found = {}
        try:
            if self._error is not None:
                raise self._error
            for job, future in self._pending:
                for path, key, data in zip(job.paths, job.keys or (None,) * len(job.paths), future.result(),
                                           strict=True):
                    self.cache.put(key, data)
                    found[path] = data
        finally:
            self.close()
        self.cache.prune()
        return found

    def close(self) -> None:
        """No more jobs: the workers end (what is not begun is dropped)."""
        if self._opening is not None:
            self._opening.join()
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        self._pending, self._pool = [], None


def _set(job: Job) -> list[bytes]:
    """In a worker: the job's files (the engines are imported there, not here)."""
    from pax_silica.typeset import set_job

    return set_job(job)


def set_all(jobs: list[Job], found: dict[str, bytes] | None = None, cache: Cache | None = None) -> dict[str, bytes]:
    """Set ``jobs`` and wait: {site path: bytes}, with ``found`` (the tests, the benchmark)."""
    press = Press(cache or Cache.off())
    press.start(jobs)
    return (found or {}) | press.result()
