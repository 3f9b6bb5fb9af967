"""Addresses forever: every address the site publishes, the ledger that keeps
them, and the redirects that keep the ones that moved.

An **address** is a site-relative URL written from the site's root, as a
reader links to it: a page (``/declaration/``, ``/ja/declaration/p8/``), an
id on a page (``/declaration/#p9-s2``) or a published file
(``/pax-silica.json``). The theme's own files (``assets/``, the search index)
and ids (``__drawer``…) are not addresses: they change with the theme.

- The **ledger**, ``docs/addresses.txt``, lists every address ever
  published, one per line, in natural order. ``make addresses`` adds what the
  site publishes now (it never removes a line); a build in which an address
  of the ledger no longer resolves fails, one line per lost address
  (``lost``); tests/test_addresses.py fails while the site publishes an
  address the ledger lacks (``unrecorded``).
- **Redirects**, ``docs/redirects.yml``, keep an address that moved:
  ``old: new``, written as the original language's addresses and made in
  every language (``/notes/: /about/`` is also ``/ja/notes/: /ja/about/``).
  A page that moved gets a static redirect page at its old address
  (``redirect_pages``; it carries the reader's ``#fragment``); an id that
  moved gets an empty element with the old id at the new one (``keep_moved_ids``
  in pax_silica.views). Followed from any old address, the redirects must
  land on a published address: a redirect page publishes none of its own,
  and a loop lands nowhere (``follow``, ``lost``).

Nothing here imports MkDocs: the build adapts it (overrides/hooks/edition.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from lxml import etree

from pax_silica import urls
from pax_silica.settings import FAST_LOADER, SourceError

LEDGER_FILE = "addresses.txt"
REDIRECTS_FILE = "redirects.yml"
NOT_ADDRESSES = ("/assets/", "/search/")     # the theme's files: renamed with every release
THEME_IDS = "__"                             # Material's own ids: __drawer, __search, __config…
LEDGER_HEADER = """\
# Every address this site has published, one per line: pages, the ids a reader
# can link to on them, and files. Addresses are forever: a build in which one
# of these no longer resolves fails. `make addresses` adds the new ones (it
# never removes a line); a page or id that moves is declared in redirects.yml.
"""


def natural_key(address: str) -> tuple:
    """A page, then its ids; /declaration/#p2 before /declaration/#p10."""
    def natural(text):
        return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]
    page, _, id = address.partition("#")
    return natural(page), natural(id)


def page_of(address: str) -> str:
    return address.split("#", 1)[0]


# --- what the site publishes -----------------------------------------------

def address_of(path: str) -> str:
    """The address of a site file: 'ja/declaration/index.html' -> '/ja/declaration/'."""
    if path == "index.html" or path.endswith("/index.html"):
        return "/" + path[:-len("index.html")]
    return "/" + path


def is_redirect(root) -> bool:
    return bool(root.xpath("//head/meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']"))


def published(site_dir: Path, languages: list[str]) -> set[str]:
    """Every address of a built site: each file (a folder's index.html as
    the folder), and each id a reader can link to on its HTML pages; not the
    theme's files, in any language's folder, and not the redirect pages,
    which publish nothing of their own: an address is kept through one only
    if the redirects lead on to a published address (``lost``)."""
    found = set()
    parser = etree.HTMLParser()
    for file in site_dir.rglob("*"):
        if not file.is_file():
            continue
        address = address_of(file.relative_to(site_dir).as_posix())
        if in_original(address, languages).startswith(NOT_ADDRESSES):
            continue
        if file.suffix == ".html":
            root = etree.fromstring(file.read_bytes(), parser)
            if root is not None and is_redirect(root):
                continue
            if root is not None:
                found |= {f"{address}#{id}" for id in root.xpath("//@id") if not id.startswith(THEME_IDS)}
        found.add(address)
    return found


def kind(address: str) -> str:
    """What an address is, for counting: page, file, or the kind of id."""
    page, _, id = address.partition("#")
    if not id:
        return "page" if page.endswith("/") else "file"
    for name, pattern in (("paragraph", r"p\d+"), ("sentence", r"p\d+-s\d+"), ("title", r"title"),
                          ("signature line", r"signed|for-.+"),
                          ("topic", r"topic-.+"), ("document", r"document-.+"), ("glossary term", r"term-.+")):
        if re.fullmatch(pattern, id):
            return name
    return "heading or section"


def counts(addresses) -> Counter:
    return Counter(kind(a) for a in addresses)


# --- the ledger ----------------------------------------------------------------

def read_ledger(path: Path, shown: Path) -> dict[str, int]:
    """{address: line} of the ledger; ``SourceError`` (PATH:LINE) for a line
    that is not an address or repeats one."""
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SourceError(f"{shown}: cannot read the address ledger: {e}")
    ledger: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        address = line.strip()
        if is_comment(address):
            continue
        if not address.startswith("/") or any(c.isspace() for c in address):
            raise SourceError(f"{shown}:{number}:1: {address!r} is not an address: one per line, "
                              f"from the site's root, e.g. /declaration/#p9-s2")
        if address in ledger:
            raise SourceError(f"{shown}:{number}:1: {address} is listed twice (first at line {ledger[address]})")
        ledger[address] = number
    return ledger


def is_comment(line: str) -> bool:
    line = line.strip()
    return not line or line == "#" or line.startswith("# ")


def ledger_text(text: str, new) -> str:
    """The ledger ``text`` (empty: a new ledger, with its header) with the
    addresses ``new`` added, each where natural order puts it; every line it
    has, comments included, stays as it is."""
    lines = text.splitlines(keepends=True) if text else [LEDGER_HEADER]
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for address in sorted(set(new), key=natural_key):
        key = natural_key(address)
        top = next((i for i, line in enumerate(lines) if not is_comment(line)), len(lines))   # below the header
        at = next((i for i, line in enumerate(lines) if not is_comment(line) and natural_key(line.strip()) > key),
                  len(lines))
        while at > top and at < len(lines) and is_comment(lines[at - 1]) and lines[at - 1].strip():
            at -= 1      # before the comment that heads the address it comes before
        lines.insert(at, address + "\n")
    return "".join(lines)


def unrecorded(ledger: dict[str, int], site: set[str]) -> list[str]:
    """What the site publishes and the ledger lacks, in order."""
    return sorted(site - set(ledger), key=natural_key)


# --- redirects -----------------------------------------------------------------

@dataclass(frozen=True)
class Redirect:
    old: str      # an address in one language
    new: str
    lang: str
    line: int     # in redirects.yml

    @property
    def is_page(self) -> bool:
        return "#" not in self.old


def read_redirects(path: Path, shown: Path, languages: list[str]) -> list[Redirect]:
    """The redirects of redirects.yml, made in every language (the original
    first); ``SourceError`` (PATH:LINE) for one that is not old: new."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=FAST_LOADER)
    except (OSError, UnicodeDecodeError) as e:
        raise SourceError(f"{shown}: cannot read the redirects: {e}")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise SourceError(f"{shown}:{mark.line + 1 if mark else 1}:1: invalid YAML: {getattr(e, 'problem', None) or e}")
    if root is None or (isinstance(root, yaml.ScalarNode) and not root.value):
        return []
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(f"{shown}:1:1: expected old: new lines, e.g. /notes/: /about/notes/")
    redirects, seen = [], {}
    for key, value in root.value:
        line = key.start_mark.line + 1
        old, new = key.value, value.value if isinstance(value, yaml.ScalarNode) else None
        problem = None
        if not (isinstance(key, yaml.ScalarNode) and old.startswith("/")) or not (new and new.startswith("/")):
            problem = "expected old: new, both addresses from the site's root, e.g. /notes/: /about/notes/"
        elif old == new:
            problem = f"{old} redirects to itself"
        elif "#" not in old and "#" in new:
            problem = f"a page ({old}) moves to a page ({page_of(new)}), which keeps the reader's #fragment"
        elif old in seen:
            problem = f"{old} is redirected twice (first at line {seen[old]})"
        elif urls.language_of(old[1:], languages) != languages[0]:
            problem = f"{old}: write the original language's address ({languages[0]}); it is redirected in every language"
        if problem:
            raise SourceError(f"{shown}:{line}:1: {problem}")
        seen[old] = line
        for lang in languages:
            redirects.append(Redirect(in_language(lang, old, languages[0]), in_language(lang, new, languages[0]),
                                      lang, line))
    return redirects


def in_language(lang: str, address: str, original: str) -> str:
    return "/" + urls.in_language(lang, address[1:], original)


def redirect_pages(redirects: list[Redirect], lang: str) -> dict[str, Redirect]:
    """{site file to write: redirect} for the pages of ``lang`` that moved."""
    return {r.old[1:] + ("index.html" if r.old.endswith("/") else ""): r
            for r in redirects if r.is_page and r.lang == lang}


def moved_ids(redirects: list[Redirect], page: str) -> list[Redirect]:
    """The ids that moved away from ``page`` (an address)."""
    return [r for r in redirects if not r.is_page and page_of(r.old) == page]


# --- keeping them --------------------------------------------------------------

def follow(address: str, redirects: list[Redirect]) -> list[str]:
    """The addresses a reader who follows ``address`` passes through, through
    page redirects (which carry the fragment) and id redirects, ``address``
    first and where they land last; a loop ends where it comes back."""
    pages = {r.old: r.new for r in redirects if r.is_page}
    ids = {r.old: r.new for r in redirects if not r.is_page}
    chain = [address]
    while True:
        page, sep, fragment = address.partition("#")
        if address in ids:
            address = ids[address]
        elif page in pages:
            address = pages[page] + sep + fragment
        else:
            return chain
        chain.append(address)
        if address in chain[:-1]:
            return chain


def loops(chain: list[str]) -> bool:
    return chain[-1] in chain[:-1]


def in_original(address: str, languages: list[str]) -> str:
    """The original language's address of ``address``: '/ja/notes/' -> '/notes/'."""
    lang = urls.language_of(address[1:], languages)
    return address if lang == languages[0] else address[len(lang) + 1:]


def lost(ledger: dict[str, int], site: set[str], redirects: list[Redirect], languages: list[str],
         shown: Path, redirects_shown: Path) -> list[str]:
    """One line per address of the ledger that no longer resolves (and per
    redirect that leads nowhere), saying how to keep it."""
    problems = []
    for address, line in ledger.items():     # in the ledger's order (read_ledger keeps it)
        chain = follow(address, redirects)
        landing = chain[-1]
        if landing in site or loops(chain):     # a loop is reported once, at its redirect
            continue
        page, original = page_of(landing), in_original(address, languages)
        via = f" (redirected to {landing})" if landing != address else ""
        if page not in site:
            why, example = f"nothing is published at {page}{via}", f"{page_of(original)}: /its/new/address/"
        else:
            why, example = (f"no id \"{landing.partition('#')[2]}\" on {page}{via}",
                            f"{original}: {page_of(in_original(landing, languages))}#its-new-id")
        problems.append(f"{shown}:{line}:1: {address} is no longer published: {why}. Keep it: put it back, "
                        f"or declare where it went in {redirects_shown} ({example})")
    reported = set()
    for redirect in redirects:
        chain = follow(redirect.old, redirects)
        if redirect.line in reported or chain[-1] in site:
            continue
        reported.add(redirect.line)
        if loops(chain):
            problems.append(f"{redirects_shown}:{redirect.line}:1: {redirect.old} redirects to {redirect.new}, "
                            f"which leads back to {chain[-1]}: a loop ({' → '.join(chain)})")
        else:
            problems.append(f"{redirects_shown}:{redirect.line}:1: {redirect.old} redirects to {redirect.new}, "
                            f"which the site does not publish")
    return problems
