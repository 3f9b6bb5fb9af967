"""The link check: every internal href/src of every built HTML page (the PDFs
and other downloads included), its link preview's og:url and og:image, and
every URL of sitemap.xml, is a file on a static host without trailing-slash
redirects (``host.file_for``), and each #fragment an element id there."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from pax_silica.audit.host import file_for

# Attributes that hold URLs, by element.
URL_ATTRIBUTES = {"a": ["href"], "area": ["href"], "link": ["href"], "script": ["src"], "img": ["src", "srcset"],
                  "source": ["src", "srcset"], "iframe": ["src"], "audio": ["src"], "video": ["src", "poster"],
                  "track": ["src"], "embed": ["src"], "object": ["data"], "form": ["action"]}
NOT_CHECKED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")
# <meta property=…> whose content is a URL of this site: what a link preview fetches.
URL_PROPERTIES = ("og:url", "og:image")


def urls_in_page(soup: BeautifulSoup) -> list[str]:
    """Every URL that an element of the page links to or loads."""
    urls = []
    for element in soup.find_all(list(URL_ATTRIBUTES)):
        for attribute in URL_ATTRIBUTES[element.name]:
            value = element.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                urls += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
            else:
                urls.append(value.strip())
    return urls


def refresh_target(soup: BeautifulSoup) -> str | None:
    """The URL a redirect page sends the reader to (<meta http-equiv=refresh>)."""
    meta = soup.find("meta", attrs={"http-equiv": lambda v: v and v.lower() == "refresh"})
    _, _, url = (meta.get("content") or "").partition(";") if meta else ("", "", "")
    url = url.strip()
    return url[4:].strip() if url.lower().startswith("url=") else (url or None)


def own_urls(soup: BeautifulSoup) -> set[str]:
    """The page's absolute URLs that must be on this site: canonical,
    hreflang alternates, and the link preview's page and image (og:url,
    og:image)."""
    own = {link["href"] for link in soup.select("link[rel~=canonical][href], link[rel~=alternate][hreflang][href]")}
    return own | {meta["content"].strip() for meta in soup.find_all("meta", property=URL_PROPERTIES, content=True)}


def check_links(site_dir: Path, base_url: str, external: list[str] | None = None) -> list[str]:
    """Broken internal links: a URL under ``base_url`` (absolute or relative)
    whose file is missing on a host without trailing-slash redirects, or whose
    #fragment is no element id of the target page. Covers every HTML page and
    the URLs (loc, hreflang alternates) of sitemap.xml, which like canonical
    and hreflang links must be on this site. A 404 page is served at any
    depth, so its links are resolved from a page three folders down. Other
    URLs on other hosts are appended to ``external`` (not checked: offline)."""
    @cache
    def read(file: Path) -> tuple[set[str], str | None]:
        """A page's ids (and named anchors), and where it redirects to if it is a redirect page."""
        soup = BeautifulSoup(file.read_bytes(), "lxml")
        ids = {el["id"] for el in soup.find_all(id=True)} | {a["name"] for a in soup.find_all("a", attrs={"name": True})}
        return ids, refresh_target(soup)

    base = urlsplit(base_url)

    def problem_with(url: str, on_this_site: bool = False, hops: int = 0) -> str | None:
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            if on_this_site:
                return f"not on this site ({base_url})"
            if external is not None:
                external.append(url)
            return None
        if not parts.path.startswith(base.path):
            return "outside the site"
        path = parts.path[len(base.path) - 1:]  # from the site's root, with its leading "/"
        target = file_for(site_dir, path)
        if target is None:
            folder = file_for(site_dir, path + "/")
            return "no such file" + (" (a folder: the link needs a trailing slash)" if folder else "")
        fragment = unquote(parts.fragment)
        moved_to = read(target)[1] if target.suffix == ".html" else None
        if moved_to and hops < 8:
            # A redirect page (docs/redirects.yml): the reader lands on its target, with the fragment.
            landing = urljoin(url, moved_to) + (f"#{parts.fragment}" if parts.fragment else "")
            problem = problem_with(landing, True, hops + 1)
            return f"redirected to {landing}: {problem}" if problem else None
        # "top" needs no element: browsers scroll to the top (HTML, "find a potential indicated element").
        if fragment and fragment != "top" and target.suffix == ".html" and fragment not in read(target)[0]:
            return f"no element with id {fragment!r} in {target.relative_to(site_dir).as_posix()}"
        return None

    problems = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        page_url = base_url + (relative[:-len("index.html")] if file.name == "index.html" else relative)
        if file.name == "404.html":
            page_url = urljoin(page_url, "any/missing/page/")
        soup = BeautifulSoup(file.read_bytes(), "lxml")
        own = own_urls(soup)
        found = urls_in_page(soup)
        for href in found + sorted(own - set(found)):
            if href.lower().startswith(NOT_CHECKED_SCHEMES):
                continue
            problem = problem_with(urljoin(page_url, href), on_this_site=href in own)
            if problem:
                problems.append(f"{relative}: {href} -> {problem}")
    sitemap = BeautifulSoup((site_dir / "sitemap.xml").read_bytes(), "xml")
    for url in [loc.get_text(strip=True) for loc in sitemap.find_all("loc")] + \
               [link["href"] for link in sitemap.find_all("link", href=True)]:
        problem = problem_with(url, on_this_site=True)
        if problem:
            problems.append(f"sitemap.xml: {url} -> {problem}")
    return problems
