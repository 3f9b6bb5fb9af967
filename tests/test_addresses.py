"""Addresses forever (pax_silica/addresses.py): the ledger lists every
address the site publishes, a build that loses one fails, and a page or id
that moves keeps its old address through a redirect declared once."""

from __future__ import annotations

import functools
import posixpath
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, ROOT, build_site, copy_project, edit, in_view_and_highlighted
from pax_silica import addresses

LEDGER = ROOT / "docs" / addresses.LEDGER_FILE


def ledger():
    return addresses.read_ledger(LEDGER, LEDGER.relative_to(ROOT))


# --- the real site -------------------------------------------------------------

def test_the_ledger_lists_every_address_the_site_publishes(site):
    missing = addresses.unrecorded(ledger(), addresses.published(site, LANGUAGES))
    assert not missing, f"published, not in docs/addresses.txt (make addresses records them): {missing}"


@functools.cache
def read_page(file: Path) -> tuple[str | None, frozenset[str]]:
    """A built page as a browser reads it: where its meta refresh sends the
    reader (None: it does not), and its ids. Read once per file."""
    html = BeautifulSoup(file.read_bytes(), "lxml")
    refresh = html.find("meta", attrs={"http-equiv": "refresh"})
    return (refresh["content"].split("url=", 1)[1] if refresh else None,
            frozenset(e["id"] for e in html.find_all(id=True)))


def landing(site, address: str) -> str | None:
    """Where a browser lands when it follows ``address`` on the built site,
    found without pax_silica.addresses: the file, through every redirect page
    (its meta refresh, the fragment kept), then the id on the page it reaches;
    None where there is no such file or id, or the redirects loop."""
    seen = set()
    while address not in seen:
        seen.add(address)
        path, _, fragment = address.partition("#")
        file = site / path.lstrip("/")
        file = file / "index.html" if path.endswith("/") else file
        if not file.is_file():
            return None
        if file.suffix != ".html":
            return address if not fragment else None
        target, ids = read_page(file)
        if target is None:
            return address if not fragment or fragment in ids else None
        address = posixpath.normpath(posixpath.join(path if path.endswith("/") else posixpath.dirname(path), target))
        address = address + ("/" if target.endswith("/") else "") + (f"#{fragment}" if fragment else "")
    return None


def test_every_address_of_the_ledger_lands_on_the_real_site(site):
    """The build's own check (addresses.lost) fails a build that loses an
    address; this one follows each address as a browser does, on the site
    the tests built."""
    assert [a for a in ledger() if landing(site, a) is None] == []


def test_the_ledger_is_in_natural_order():
    listed = list(ledger())
    assert listed == sorted(listed, key=addresses.natural_key)


def test_make_addresses_adds_in_order_and_keeps_every_comment(site, tmp_path):
    """On a copy whose ledger lacks two addresses and has comments of its own
    (read_ledger accepts them anywhere): scripts/addresses.py puts the two
    back where natural order has them and leaves every other line as it was."""
    project = copy_project(tmp_path / "project")
    ledger_file = project / "docs" / addresses.LEDGER_FILE
    original = ledger_file.read_text(encoding="utf-8")
    commented = original.replace("\n/notes/\n", "\n# The notes: kept since the first edition.\n/notes/\n").replace(
        "\n/ja/\n", "\n#\n# The Japanese site\n/ja/\n") + "# the end\n"
    damaged = commented.replace("\n/notes/#sources\n", "\n").replace("\n/ja/declaration/#p9-s2\n", "\n")
    assert commented.count("\n") == damaged.count("\n") + 2
    ledger_file.write_text(damaged, encoding="utf-8")
    result = subprocess.run([sys.executable, str(project / "scripts" / "addresses.py"), "--site", str(site)],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "+ /notes/#sources" in result.stdout.splitlines() and "+ /ja/declaration/#p9-s2" in result.stdout.splitlines()
    written = ledger_file.read_text(encoding="utf-8")
    assert written == commented


def test_the_ledger_holds_every_kind_of_address_in_both_languages():
    listed = ledger()
    for address in ("/", "/ja/", "/declaration/", "/ja/declaration/#p9-s2", "/declaration/p8/", "/ja/declaration/p8/",
                    "/joint-statement/#for-japan", "/notes/#corrections", "/commitments/#topic-energy",
                    "/pax-silica.json", "/pax-silica.schema.json", "/downloads/pax-silica-declaration.ja.txt",
                    "/sitemap.xml", "/404.html", "/ja/404.html"):
        assert address in listed, address
    assert not [a for a in listed if a.startswith(("/assets/", "/search/", "/ja/search/")) or "#__" in a]


# --- on copies of the project --------------------------------------------------

def rename_declaration(project):
    """The Declaration's pages renamed in both languages, the nav and the
    links to them mended: a clean build but for the addresses."""
    for lang in ("en", "ja"):
        (project / "docs" / lang / "declaration.md").rename(project / "docs" / lang / "pax-silica-declaration.md")
        for page in (project / "docs" / lang).rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace("](declaration.md", "](pax-silica-declaration.md"), encoding="utf-8")
    edit(project / "mkdocs.yml", "Declaration: declaration.md", "Declaration: pax-silica-declaration.md")


def declare(project, line: str) -> None:
    redirects = project / "docs" / addresses.REDIRECTS_FILE
    redirects.write_text(redirects.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


@pytest.mark.slow   # builds of its own
def test_a_page_renamed_without_a_redirect_fails_the_build_naming_its_old_address(tmp_path):
    project = copy_project(tmp_path / "project")
    rename_declaration(project)
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    for address in ("/declaration/", "/ja/declaration/", "/declaration/#p9-s2", "/ja/declaration/#title"):
        line = addresses.read_ledger(project / "docs" / addresses.LEDGER_FILE, "x")[address]
        assert (f"docs/addresses.txt:{line}:1: {address} is no longer published: nothing is published at "
                f"{addresses.page_of(address)}. Keep it: put it back, or declare where it went in "
                f"docs/redirects.yml (/declaration/: /its/new/address/)") in lines
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def moved(tmp_path_factory, chromium):
    """A copy whose Declaration moved to /pax-silica-declaration/ with its
    redirect declared, built for and served at http://127.0.0.1:PORT/edition/."""
    from pax_silica.audit.host import free_port, serve

    root = tmp_path_factory.mktemp("moved")
    project = copy_project(root / "project")
    rename_declaration(project)
    declare(project, "/declaration/: /pax-silica-declaration/")
    port = free_port()
    url = f"http://127.0.0.1:{port}/edition/"
    result = build_site(root / "host" / "edition", project, SITE_URL=url)
    assert result.returncode == 0, result.stderr
    with serve(root / "host", port):
        yield url, root / "host" / "edition"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_with_the_redirect_declared_the_old_address_and_its_fragment_land_on_the_new_page(moved, chromium, lang):
    url, _ = moved
    prefix = "" if lang == "en" else "ja/"
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{url}{prefix}declaration/#p3")
        page.wait_for_url(f"{url}{prefix}pax-silica-declaration/#p3")
        assert in_view_and_highlighted(page, "p3")
        page.goto(f"{url}{prefix}declaration/")
        page.wait_for_url(f"{url}{prefix}pax-silica-declaration/")
        assert page.locator("h1#title").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_redirect_page_works_without_javascript_and_is_not_indexed(moved, chromium, lang):
    url, site = moved
    prefix = "" if lang == "en" else "ja/"
    html = BeautifulSoup((site / prefix / "declaration" / "index.html").read_bytes(), "lxml")
    assert html.html["lang"] == lang
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert html.find("link", rel="canonical")["href"] == f"{url}{prefix}pax-silica-declaration/"
    assert html.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../pax-silica-declaration/"
    assert html.select_one("body a")["href"] == "../pax-silica-declaration/"
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{url}{prefix}declaration/")
        page.wait_for_url(f"{url}{prefix}pax-silica-declaration/")
    finally:
        context.close()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{url}{prefix}declaration/<" not in sitemap and f"{url}{prefix}pax-silica-declaration/<" in sitemap
    index = (site / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"declaration/' not in index


@pytest.mark.slow   # builds of its own
def test_an_id_removed_from_a_page_fails_naming_it_and_a_declared_move_keeps_it(tmp_path):
    project = copy_project(tmp_path / "project")
    for lang in ("en", "ja"):
        notes = project / "docs" / lang / "notes.md"
        notes.write_text(notes.read_text(encoding="utf-8").replace("{ #sources }", "{ #texts }"), encoding="utf-8")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    lost = [line for line in result.stderr.splitlines() if "is no longer published" in line]
    assert len(lost) == 2
    assert [line.split(": ", 1)[1] for line in lost] == [
        f"{a} is no longer published: no id \"sources\" on {a.split('#')[0]}. Keep it: put it back, or declare "
        f"where it went in docs/redirects.yml (/notes/#sources: /notes/#its-new-id)"
        for a in sorted(("/notes/#sources", "/ja/notes/#sources"), key=lambda a: ledger()[a])]
    declare(project, "/notes/#sources: /notes/#texts")
    result = build_site(tmp_path / "site", project)
    assert result.returncode == 0, result.stderr
    for lang in ("", "ja/"):
        heading = BeautifulSoup((tmp_path / "site" / lang / "notes" / "index.html").read_bytes(), "lxml").find(id="texts")
        assert heading.find(id="sources", class_="moved-id") is not None


@pytest.mark.slow   # builds of its own
def test_a_redirect_that_leads_nowhere_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    declare(project, "/notes/#sources: /notes/#nowhere")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    line = (project / "docs" / addresses.REDIRECTS_FILE).read_text(encoding="utf-8").count("\n")
    assert (f"docs/redirects.yml:{line}:1: /notes/#sources redirects to /notes/#nowhere, which the site does not "
            f"publish") in result.stderr.splitlines()


@pytest.mark.slow   # builds of its own
def test_a_redirect_loop_fails_the_build_naming_its_lines(tmp_path):
    """/old-a/ -> /old-b/ -> /old-a/: two redirect pages that refresh into
    each other publish nothing; each line of the loop is reported."""
    project = copy_project(tmp_path / "project")
    declare(project, "/old-a/: /old-b/")
    declare(project, "/old-b/: /old-a/")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0, "a redirect loop passed the build"
    last = (project / "docs" / addresses.REDIRECTS_FILE).read_text(encoding="utf-8").count("\n")
    lines = result.stderr.splitlines()
    assert (f"docs/redirects.yml:{last - 1}:1: /old-a/ redirects to /old-b/, which leads back to /old-a/: "
            f"a loop (/old-a/ → /old-b/ → /old-a/)") in lines, result.stderr
    assert (f"docs/redirects.yml:{last}:1: /old-b/ redirects to /old-a/, which leads back to /old-b/: "
            f"a loop (/old-b/ → /old-a/ → /old-b/)") in lines
    assert "Traceback" not in result.stderr


def test_a_redirect_page_publishes_no_address(tmp_path):
    """A redirect page is no page of the site: an address that leads to one
    (and no further) is lost, as a loop's are."""
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text('<!doctype html><h1 id="title">About</h1>', encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "index.html").write_text(
        '<!doctype html><head><meta http-equiv="refresh" content="0; url=../about/"></head>'
        '<body id="redirect"><a href="../about/">About</a></body>', encoding="utf-8")
    assert addresses.published(tmp_path, list(LANGUAGES)) == {"/about/", "/about/#title"}
    redirects = [addresses.Redirect("/old/", "/new/", "en", 1), addresses.Redirect("/new/", "/old/", "en", 2)]
    assert addresses.lost({"/old/": 5}, {"/about/"}, redirects, list(LANGUAGES), "addresses.txt", "redirects.yml") == [
        "redirects.yml:1:1: /old/ redirects to /new/, which leads back to /old/: a loop (/old/ → /new/ → /old/)",
        "redirects.yml:2:1: /new/ redirects to /old/, which leads back to /new/: a loop (/new/ → /old/ → /new/)"]


@pytest.mark.slow   # builds of its own
@pytest.mark.parametrize("name, text, message", [
    (addresses.LEDGER_FILE, "/declaration/\nnotes/\n", "docs/addresses.txt:2:1: 'notes/' is not an address: "
                                                       "one per line, from the site's root, e.g. /declaration/#p9-s2"),
    (addresses.LEDGER_FILE, "/declaration/\n/declaration/\n", "docs/addresses.txt:2:1: /declaration/ is listed twice "
                                                              "(first at line 1)"),
    (addresses.REDIRECTS_FILE, "/notes/: about/\n", "docs/redirects.yml:1:1: expected old: new, both addresses from "
                                                    "the site's root, e.g. /notes/: /about/notes/"),
    (addresses.REDIRECTS_FILE, "/ja/notes/: /ja/about/\n", "docs/redirects.yml:1:1: /ja/notes/: write the original "
                                                           "language's address (en); it is redirected in every language"),
    (addresses.REDIRECTS_FILE, "/notes/: [\n", "docs/redirects.yml:2:1: invalid YAML"),
])
def test_a_bad_ledger_or_redirect_is_one_clear_line(tmp_path, name, text, message):
    project = copy_project(tmp_path / "project")
    (project / "docs" / name).write_text(text, encoding="utf-8")
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert any(line.split(" - ", 1)[-1].strip().startswith(message) for line in result.stderr.splitlines()), result.stderr
    assert before == {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}


@pytest.mark.slow   # builds of its own
def test_a_new_page_fails_the_test_until_make_addresses_records_it(tmp_path):
    project = copy_project(tmp_path / "project")
    for lang, title in (("en", "Reading guide"), ("ja", "読み方")):
        (project / "docs" / lang / "guide.md").write_text(f"# {title} {{ #title }}\n\nText.\n", encoding="utf-8")
    script = [sys.executable, str(project / "scripts" / "addresses.py")]
    check = subprocess.run(script + ["--check"], capture_output=True, text=True, cwd=project)   # builds the site
    assert check.returncode == 1, check.stdout + check.stderr
    assert "+ /guide/" in check.stdout.splitlines() and "+ /ja/guide/#title" in check.stdout.splitlines()
    assert (project / "docs" / addresses.LEDGER_FILE).read_bytes() == LEDGER.read_bytes()   # --check writes nothing
    assert build_site(tmp_path / "site", project).returncode == 0      # one build for the two runs below
    record = subprocess.run(script + ["--site", str(tmp_path / "site")], capture_output=True, text=True, cwd=project)
    assert record.returncode == 0, record.stdout + record.stderr
    check = subprocess.run(script + ["--check", "--site", str(tmp_path / "site")], capture_output=True, text=True,
                           cwd=project)
    assert check.returncode == 0, check.stdout
    recorded = addresses.read_ledger(project / "docs" / addresses.LEDGER_FILE, "x")
    assert {"/guide/", "/ja/guide/", "/guide/#title"} <= set(recorded) and set(ledger()) <= set(recorded)


# --- another generator ---------------------------------------------------------

@pytest.mark.slow   # builds of its own
def test_mkdocs_builds_the_same_site_as_properdocs_but_for_the_generator_tag(site, tmp_path):
    """MkDocs 1.6.1, the second generator, builds the same site as ProperDocs
    (which builds it: make build, make serve, the tests' ``site``): every
    file identical but the <meta name="generator"> of the HTML pages. Run
    from the folder above the project (-f <project>/mkdocs.yml): the same."""
    result = build_site(tmp_path / "site", generator="mkdocs", config=f"{ROOT.name}/mkdocs.yml", cwd=ROOT.parent)
    assert result.returncode == 0, result.stderr
    theirs = tmp_path / "site"
    ours_files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert ours_files == sorted(p.relative_to(theirs) for p in theirs.rglob("*") if p.is_file())
    differ = []
    for path in ours_files:
        a, b = (site / path).read_bytes(), (theirs / path).read_bytes()
        if a == b:
            continue
        if path.suffix == ".html":
            generators = [BeautifulSoup(x, "lxml").find("meta", attrs={"name": "generator"}) for x in (a, b)]
            tags = [f'<meta name="generator" content="{g["content"]}">'.encode() if g else None for g in generators]
            if all(tags) and a.replace(tags[0], b"") == b.replace(tags[1], b""):
                assert "ProperDocs" in generators[0]["content"] and "mkdocs-1.6.1" in generators[1]["content"]
                continue
        differ.append(str(path))
    assert not differ, f"MkDocs builds these differently: {differ}"


def test_every_address_of_the_ledger_lands_after_the_declaration_moved(moved):
    """On the copy whose Declaration moved with its redirect declared, every
    old address still lands somewhere, most through a redirect page: what the
    build checked with the redirects (without them, 64 would be lost)."""
    _, site = moved
    through_a_redirect = [a for a in ledger() if landing(site, a) not in (None, a)]
    assert [a for a in ledger() if landing(site, a) is None] == []
    assert all(addresses.page_of(a).endswith(("/declaration/", "/ja/declaration/")) for a in through_a_redirect)
    assert len(through_a_redirect) == len([a for a in ledger() if addresses.page_of(a) in ("/declaration/", "/ja/declaration/")])


def test_the_link_checker_follows_the_redirect_pages(moved):
    """Links to the old address (the notes link to ../ja/declaration/#p5 as a
    URL) resolve through the redirect page; a fragment the new page lacks is
    reported as such. The redirect pages themselves are valid links."""
    from pax_silica.audit.links import check_links

    url, site = moved
    assert 'href="../ja/declaration/#p5"' in (site / "notes" / "index.html").read_text(encoding="utf-8")
    assert check_links(site, url) == []
    (site / "broken.html").write_text('<!doctype html><a href="declaration/#p99">x</a>', encoding="utf-8")
    try:
        assert check_links(site, url) == [f"broken.html: declaration/#p99 -> redirected to {url}pax-silica-declaration/#p99: "
                                          "no element with id 'p99' in pax-silica-declaration/index.html"]
    finally:
        (site / "broken.html").unlink()


def test_the_redirect_pages_are_valid_html(moved, tmp_path):
    """The Nu HTML Checker (as the audit runs it on every HTML file) finds no
    error in the redirect pages, the only pages the real site lacks today."""
    import shutil

    from pax_silica.audit.nu import check_html

    _, site = moved
    for lang in ("", "ja/"):
        (tmp_path / lang).mkdir(parents=True, exist_ok=True)
        shutil.copy(site / lang / "declaration" / "index.html", tmp_path / lang / "index.html")
    problems, _ = check_html(tmp_path)
    assert problems == []
