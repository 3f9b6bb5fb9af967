"""What an audit found (``Audit``, its problems by check of ``CHECKS``) and its
report in Markdown (``write_report``): each page's weight beside the plain
Material build's, what a document page downloads, the Lighthouse scores with
a link to each HTML report, every problem and how long each step took."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from pathlib import Path

from pax_silica.audit.browser import CHROMIUM
from pax_silica.audit.lighthouse import report_name
from pax_silica.audit.pages import language_of, page_name
from pax_silica.audit.tools import package_version
from pax_silica.audit.visits import WEIGHT_BUDGET, Visit

CHECKS = {
    "links": "Links and fragments",
    "html": "Nu HTML Checker",
    "axe": "axe-core, WCAG 2.1 A/AA",
    "console": "Console errors",
    "network": "Network: outside the origin, missing",
    "weight": "Page weight budget",
    "languages": "Assets of the other language",
    "lighthouse": "Lighthouse (mobile)",
}


@dataclass
class Audit:
    """The pages audited and what each check found (``problems``: none when ``ok``)."""
    base_url: str
    pages: list[str]
    documents: list[str] = field(default_factory=list)
    paragraph_pages: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=lambda: {check: [] for check in CHECKS})
    visits: dict[str, Visit] = field(default_factory=dict)
    plain_visits: dict[str, Visit] = field(default_factory=dict)
    plain_notes: list[str] = field(default_factory=list)
    external_links: list[str] = field(default_factory=list)
    vnu_warnings: list[str] = field(default_factory=list)
    lighthouse: dict[str, dict] = field(default_factory=dict)
    durations: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())


def write_report(audit: Audit, path: Path, lighthouse: bool, budget: int = WEIGHT_BUDGET) -> None:
    """The audit as Markdown: summary, weights, Lighthouse scores, problems, durations."""
    name = functools.partial(page_name, base_url=audit.base_url)
    lines = [f"# Site audit, {time.strftime('%Y-%m-%d %H:%M')}", "",
             f"The site built for `{audit.base_url}`, served with gzip and without trailing-slash redirects. "
             f"{len(audit.pages)} pages, from sitemap.xml and the 404 pages. Tools: axe-core {package_version('axe-core')}, "
             f"vnu-jar {package_version('vnu-jar')}, Lighthouse {package_version('lighthouse')}, Chromium at {CHROMIUM}.", "",
             "| check | problems |", "| --- | --- |"]
    for check, title in CHECKS.items():
        if check == "lighthouse" and not lighthouse:
            lines.append(f"| {title} | not run |")
        else:
            lines.append(f"| {title} | {len(audit.problems[check])} |")
    lines += ["", f"Links to other hosts (not checked, offline): {', '.join(sorted(set(audit.external_links))) or 'none'}.", "",
              f"Nu HTML Checker warnings (not failures): {len(audit.vnu_warnings) or 'none'}", ""]
    lines += [f"- {warning}" for warning in audit.vnu_warnings]
    lines += ["", "## Page weight (first visit, all requests, gzip bytes on the wire)", "",
              f"Budget of a document page (*): {budget:,} bytes. Plain: Material's defaults + mkdocs-static-i18n, "
              "the same sources (its Google Fonts requests are blocked: there is no network).", "",
              "| page | requests | bytes | plain Material | ratio |", "| --- | ---: | ---: | ---: | ---: |"]
    for url, visit in audit.visits.items():
        plain = audit.plain_visits.get(url)
        lines.append(f"| `{name(url)}`{' *' if url in audit.documents else ''} | {len(visit.served)} | {visit.weight:,} | "
                     + (f"{plain.weight:,} | {visit.weight / plain.weight:.2f} |" if plain else "– | – |"))
    for lang in ("en", "ja"):
        url = next((u for u in audit.documents if language_of(u, audit.base_url) == lang), None)
        if url:
            lines += ["", f"What `{name(url)}` downloads:", "", "| request | status | bytes |", "| --- | ---: | ---: |"]
            lines += [f"| `{s.path}` | {s.status} | {s.bytes:,} |" for s in audit.visits[url].served]
    if audit.plain_notes:
        lines += ["", "The plain build (for information):", ""] + [f"- {note}" for note in audit.plain_notes]
    if audit.lighthouse:
        categories = list(next(iter(audit.lighthouse.values())))
        lines += ["", "## Lighthouse (mobile)", "", "| page | " + " | ".join(categories) + " | report |",
                  "| --- |" + " ---: |" * len(categories) + " --- |"]
        for url, scores in audit.lighthouse.items():
            report = f"lighthouse/{report_name(url, audit.base_url)}.report.html"
            lines.append(f"| `{name(url)}` | " + " | ".join(str(round((s or 0) * 100)) for s in scores.values())
                         + f" | [{report}]({report}) |")
    lines += ["", "## Problems", ""]
    for check, title in CHECKS.items():
        for problem in audit.problems[check]:
            lines.append(f"- **{title}**: {problem}")
    if audit.ok:
        lines.append("None.")
    lines += ["", "## Durations", ""] + [f"- {step}: {seconds:.1f} s" for step, seconds in audit.durations.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
