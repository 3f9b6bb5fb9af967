"""What a build does once every language is written to the site's folder:
the checker on the pages the generator rendered, one search index per
language, the sitemap, the typeset files (pax_silica.press) and the ledger's
verdict (pax_silica.addresses): a lost address fails the build, or under
``make serve`` is shown in the banner of every page.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bs4 import BeautifulSoup

from pax_silica import addresses, checker, exports, urls
from pax_silica.settings import SourceError


def finish(build, site_dir: Path) -> list[str]:
    """The checker on the pages the generator rendered, one search index
    per language, the sitemap, the typeset files; then every address of
    the ledger must still resolve. A problem fails the build or, under
    ``serving``, goes in every page's banner. The lines to log."""
    edition = build.edition
    rendered = [s for s in checker.sources(edition) if not any(p.document for p in checker.pages_of(edition, s).values())]
    report = checker.check_pages(edition, checker.Report(), rendered)
    if not report.ok and not build.serving:
        raise SourceError("The sources have problems (pax_silica.checker, as scripts/check_parity.py):\n"
                          + "\n".join(report.problems))
    rewrite_sitemap(site_dir / "sitemap.xml")
    merged = json.loads((site_dir / urls.SEARCH_INDEX).read_text(encoding="utf-8"))
    for lang, index in exports.split_search_index(merged, edition, build.strings).items():
        target = site_dir / edition.url(lang, urls.SEARCH_INDEX)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for path, data in (build.typeset | build.press.result()).items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_bytes(data)
    return keep_addresses(build, site_dir, report.problems)


def keep_addresses(build, site_dir: Path, problems: list[str]) -> list[str]:
    """Every address of the ledger still resolves on the site just written;
    the lost ones fail the build (or, serving, go in every page's banner
    with the ``problems`` of the rendered pages)."""
    site = addresses.published(site_dir, build.edition.languages)
    lost = addresses.lost(build.ledger, site, build.redirects, build.edition.languages, build.ledger_file, build.redirects_file)
    new = addresses.unrecorded(build.ledger, site)
    said = [f"{len(new)} new address{'es' * (len(new) != 1)}, not yet in {build.ledger_file} (make addresses "
            f"records them): {', '.join(new[:3])}{' …' if len(new) > 3 else ''}"] if new else []
    if lost and not build.serving:
        raise SourceError(f"Published addresses are lost ({build.ledger_file}; addresses are forever):\n" + "\n".join(lost))
    if problems + lost:
        show_on_pages(build, site_dir, problems + lost)
    return said + problems + lost


def show_on_pages(build, site_dir: Path, problems: list[str]) -> None:
    """Under ``make serve``: problems found once every page was written, in
    the banner of every page, as main.html shows the checker's."""
    for file in site_dir.rglob("*.html"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        announce, html = soup.select_one("[data-md-component=announce]"), soup.find("html")
        if announce is None or html is None:
            continue
        lang = html.get("lang") if html.get("lang") in build.strings else build.edition.original
        banner = build.render("edition/source-problems.html", lang, {"source_problems": problems})
        announce.clear()
        announce.append(BeautifulSoup(f'<aside class="md-banner"><div class="md-banner__inner md-grid md-typeset">'
                                      f'{banner}</div></aside>', "html.parser"))
        file.write_text(str(soup), encoding="utf-8")


def rewrite_sitemap(path: Path) -> None:
    """sitemap.xml without <changefreq>, and its .gz again, with the gzip header
    (name, date) the generator gave it, so the build stays reproducible."""
    path.write_text(exports.sitemap_without_change_frequency(path.read_text(encoding="utf-8")), encoding="utf-8")
    packed = Path(f"{path}.gz")
    with gzip.open(packed) as f:
        f.read()
        mtime = f.mtime
    with open(packed, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(packed), mode="wb", mtime=mtime) as gz:
        gz.write(path.read_bytes())
