"""First visits of a page in Chromium, and what they show wrong: console
errors, requests outside the origin or for missing files, the page weight
(gzip bytes on the wire, every request until search is ready), assets of the
other language, and axe-core's WCAG 2.1 A/AA violations at desktop and phone
widths."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pax_silica.audit.host import Served, StaticHost
from pax_silica.audit.pages import language_of
from pax_silica.audit.tools import AXE_JS

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
WEIGHT_BUDGET = 80_000           # of a document page: bytes on the wire (gzip) of a first visit, all requests
# Assets that only a page of that language needs: an English page must not
# download Japanese search support (lunr.ja, TinySegmenter) or Japanese pages.
LANGUAGE_ONLY = {"ja": ("/ja/", "lunr.ja.", "tinyseg")}
# Material's search is ready (its worker has loaded the index and, for
# Japanese, the segmenter) when the result pane's "Initializing search" turns
# into the placeholder "Type to start searching"; true on a page without search.
SEARCH_READY = """() => {
    const meta = document.querySelector(".md-search-result__meta")
    const config = document.getElementById("__config")
    return !meta || !config
        || meta.textContent.trim() === JSON.parse(config.textContent).translations["search.result.placeholder"]
}"""


@dataclass
class Visit:
    """What a first visit of ``url`` requested and reported."""
    url: str
    served: list[Served] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    axe_violations: list[str] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return sum(s.bytes for s in self.served)


def visit_page(browser, url: str, server: StaticHost, axe: bool = True) -> Visit:
    """Load ``url`` as a first visit (new context: empty cache) and wait until
    search is ready and the host is quiet (the search worker and its index
    come after ``load``).
    Requests outside the origin are recorded and aborted. With ``axe``,
    axe-core then runs at the desktop and phone widths."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    visit = Visit(url)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    context = browser.new_context(viewport=VIEWPORTS["desktop"])

    def route(r):
        if r.request.url.startswith(origin + "/"):
            r.continue_()
        else:
            visit.outside_requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and visit.console_errors.append(f"{m.text} ({m.location.get('url', '')})"))
    page.on("pageerror", lambda e: visit.console_errors.append(f"uncaught: {e}"))
    server.log.clear()
    try:
        page.goto(url, wait_until="load")
        try:
            page.wait_for_function(SEARCH_READY, timeout=20_000)
        except PlaywrightTimeout:
            visit.console_errors.append("search was not ready 20 s after load")
        server.wait_until_quiet()
        visit.served = list(server.log)
        if axe:
            page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
            for name, size in VIEWPORTS.items():
                page.set_viewport_size(size)
                visit.axe_violations += [f"{name}: {v}" for v in run_axe(page)]
    finally:
        context.close()
    return visit


def run_axe(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page, one line per rule."""
    violations = page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
        return result.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))}))
    }""", WCAG_TAGS)
    return [f"{v['id']} ({v['help']}): {', '.join(v['nodes'][:5])}" for v in violations]


def visit_problems(visit: Visit, base_url: str, budget: int | None = WEIGHT_BUDGET) -> dict[str, list[str]]:
    """What a visit shows wrong, by check: console, network, weight, axe."""
    lang = language_of(visit.url, base_url)
    base_path = urlsplit(base_url).path
    foreign = [s.path for other, markers in LANGUAGE_ONLY.items() if other != lang
               for s in visit.served if any(m in s.path[len(base_path) - 1:] for m in markers)]
    over = budget and visit.weight > budget
    return {
        "console": visit.console_errors,
        "network": [f"outside the origin: {u}" for u in visit.outside_requests]
                   + [f"{s.status}: {s.path}" for s in visit.served if s.status >= 400],
        "weight": [f"{visit.weight:,} bytes, {visit.weight - budget:,} over the budget of {budget:,}: "
                   + ", ".join(f"{s.path} {s.bytes:,}" for s in sorted(visit.served, key=lambda s: -s.bytes))]
                  if over else [],
        "languages": [f"downloads an asset of another language: {p}" for p in foreign],
        "axe": visit.axe_violations,
    }
