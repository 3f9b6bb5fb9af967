"""README.md and MAINTAINING.md say no number that is not checked.

Every number in their prose (outside code) is either a **claim**, checked
here against the real build, the data or the tools (``CLAIMS``: the ledger's
addresses by kind, the files the build publishes, sizes, conversions per
build, the PDF/UA rules checked, pinned versions…), or a **fixed name**
(``FIXED``: a standard, a version of another project, an HTTP status), never
a count. A number that is neither fails ``test_every_number_is_a_claim_or_a_fixed_name``
with its file and line: check it here, or take it out of the prose. The
examples of messages the guides print are the tools' real output on damaged
copies of the sources.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Callable

import pytest
import yaml

from conftest import LANGUAGES, ROOT, edit, run_checker
from pax_silica import addresses

GUIDES = ("README.md", "MAINTAINING.md")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def prose(text: str) -> str:
    """``text`` with its code blanked out (fenced blocks, `code spans`,
    <autolinks>, the markers of ordered lists), offsets and lines kept."""
    def blank(match):
        return re.sub(r"[^\n]", " ", match.group(0))
    text = re.sub(r"^( *)```.*?^\1```", blank, text, flags=re.S | re.M)
    text = re.sub(r"`[^`]*`", blank, text)
    text = re.sub(r"<https?://[^>\s]+>", blank, text)
    return re.sub(r"^ *\d+\. ", blank, text, flags=re.M)


NUMBER = re.compile(r"(?<![\w/.-])\d+(?:[.,:]\d+)*(?![\w-]*\w)")   # not inside a word: i18n, UTF-8, A4, PDF/UA-1


def pattern(claim: str) -> re.Pattern:
    """A claim written with spaces where the prose may break its line."""
    return re.compile(claim.replace(" ", r"\s+"))


# --- what the claims are checked against ------------------------------------------

@dataclass
class Truth:
    site: Path | None

    @cached_property
    def edition(self):
        from pax_silica.model import read_edition
        from pax_silica.settings import read_settings
        return read_edition(read_settings(ROOT / "mkdocs.yml"), convert="documents")

    @cached_property
    def ledger_counts(self):
        ledger = addresses.read_ledger(ROOT / "docs" / addresses.LEDGER_FILE, addresses.LEDGER_FILE)
        return addresses.counts(ledger), len(ledger)

    def published(self, pattern_: str) -> list[Path]:
        assert self.site is not None, "needs the built site"
        return sorted(p for p in self.site.glob(pattern_) if p.is_file())

    @cached_property
    def pins(self) -> dict[str, str]:
        lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        return dict(line.split("==", 1) for line in lines if "==" in line and not line.startswith("#"))

    @cached_property
    def paragraphs(self) -> int:
        return len(self.edition.documents["declaration"][self.edition.original].paragraphs())

    @cached_property
    def dates(self) -> set[str]:
        """Every date of docs/commitments.yml (signatures, sources) and of the
        register, docs/signatories.yml, as the guides write them."""
        data = [yaml.safe_load((ROOT / "docs" / name).read_text(encoding="utf-8"))
                for name in ("commitments.yml", "signatories.yml")]
        found = set()

        def walk(value):
            if isinstance(value, date):
                found.add(f"{value.day} {MONTHS[value.month - 1]} {value.year}")
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
        walk(data)
        return found


def kb(paths: list[Path]) -> tuple[float, float]:
    sizes = [p.stat().st_size / 1000 for p in paths]
    assert sizes, "no file"
    return min(sizes), max(sizes)


def close(stated: str, real: float) -> bool:
    """A size in KB as the guides round it: within 5 % (or 1 KB) of the real one."""
    return abs(float(stated) - real) <= max(1.0, 0.05 * real)


@dataclass
class Claim:
    text: str                                   # the claim as the prose writes it, (\d+) for each number
    truth: Callable[[Truth], tuple]             # the true numbers, in order
    needs_site: bool = False
    sizes: bool = False                         # sizes in KB, compared with ``close``
    one_of: bool = False                        # truth gives the set of values the one number may be

    @property
    def regex(self) -> re.Pattern:
        return pattern(self.text)


def ledger_claim(truth: Truth) -> tuple:
    kinds, total = truth.ledger_counts
    ids = total - kinds["page"] - kinds["file"]
    return (total, kinds["page"], kinds["file"], ids, kinds["paragraph"], kinds["sentence"], kinds["title"],
            kinds["signature line"], kinds["topic"], kinds["document"], kinds["glossary term"],
            kinds["heading or section"])


def paragraph_pages(truth: Truth) -> int:
    return len([p for p in truth.published("**/index.html") if re.fullmatch(r"p\d+", p.parent.name)])


def tmx_units(truth: Truth) -> int:
    from lxml import etree
    [tmx] = truth.published("downloads/*.tmx")
    return len(etree.parse(str(tmx)).getroot().findall("body/tu"))


def cut_by_omegat(truth: Truth) -> int:
    """Units OmegaT's default English rules cut in two: "U.S." before a capital."""
    return sum(1 for unit in truth.edition.units() if re.search(r"U\.S\.\s+[A-Z]", unit.texts["en"]))


def pdfua_coverage(truth: Truth) -> tuple:
    import pdfua
    coverage = pdfua.coverage()
    return coverage.covered, coverage.total


def png_size(truth: Truth) -> tuple:
    sizes = {tuple(int.from_bytes(p.read_bytes()[16 + 4 * i:20 + 4 * i], "big") for i in range(2))
             for p in truth.published("previews/*.png")}
    assert len(sizes) == 1, sizes
    return sizes.pop()


def pdf_sizes(truth: Truth) -> tuple:
    en, ja, both = (truth.published(f"downloads/*.{key}.pdf") for key in ("en", "ja", "en-ja"))
    return (*kb(en), *kb(ja), *kb(both))


def node_package_major(name: str) -> Callable[[Truth], tuple]:
    def major(truth: Truth) -> tuple:
        version = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"][name]
        return (version.split(".")[0],)
    return major


def weight_budget(truth: Truth) -> tuple:
    from pax_silica.audit.visits import WEIGHT_BUDGET
    return (f"{WEIGHT_BUDGET:,}",)


def title_limit(truth: Truth) -> tuple:
    from pax_silica.views import TITLE_LIMIT
    return (TITLE_LIMIT,)


def colours(truth: Truth) -> tuple:
    from pax_silica.previews import COLOURS
    return (COLOURS,)


def python_floor(truth: Truth) -> tuple:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return (re.search(r'requires-python = ">=([\d.]+)"', text).group(1),)


def signed_since(truth: Truth) -> tuple:
    """How many have signed the Declaration since, and the register's date (pax_silica.register)."""
    from pax_silica import register
    from pax_silica.ui import STRINGS, long_date, read_strings
    found = register.read(truth.edition)
    signed = truth.edition.about("declaration")["signed"]["date"]
    return len(found.since(signed)), long_date(found.as_at, read_strings(STRINGS, ["en", "ja"])["en"])


def pin(package: str) -> Callable[[Truth], tuple]:
    return lambda truth: (truth.pins[package],)


CLAIMS = [
    Claim(r"The ledger holds (\d+) addresses: (\d+) pages, (\d+) files and (\d+) ids \((\d+) paragraphs, "
          r"(\d+) sentences, (\d+) titles, (\d+) signature lines, (\d+) topics, (\d+) documents of the index, "
          r"(\d+) glossary terms, (\d+) headings, sections and other ids", ledger_claim),
    Claim(r"the (\d+) document sources", lambda t: (sum(len(d) for d in t.edition.documents.values()),)),
    Claim(r"the (\d+) PDFs", lambda t: (len(t.published("downloads/*.pdf")),), needs_site=True),
    Claim(r"\.pdf` \((\d+)\), linked", lambda t: (len(t.published("downloads/*.pdf")),), needs_site=True),
    Claim(r"the (\d+) preview images", lambda t: (len(t.published("previews/*.png")),), needs_site=True),
    Claim(r"image for every page\*\* \((\d+)\)", lambda t: (len(t.published("previews/*.png")),), needs_site=True),
    Claim(r"\((\d+) in all\)", lambda t: (paragraph_pages(t),), needs_site=True),
    Claim(r"of the (\d+) pages of one paragraph", lambda t: (paragraph_pages(t),), needs_site=True),
    Claim(r"\((\d+) files\), each with title",
          lambda t: (len(t.published("downloads/*.bib") + t.published("downloads/*.ris")
                         + t.published("downloads/*.csl.json")),), needs_site=True),
    Claim(r"of both documents \((\d+)\)", lambda t: (tmx_units(t),), needs_site=True),
    Claim(r"the default rules (\d+) of the (\d+) units match",
          lambda t: (tmx_units(t) - cut_by_omegat(t), tmx_units(t)), needs_site=True),
    Claim(r"and all (\d+) match", lambda t: (tmx_units(t),), needs_site=True),
    Claim(r"Liberation Serif \((\d+)–(\d+) KB a PDF\), Japanese in Noto Serif CJK JP \((\d+)–(\d+) KB, "
          r"bilingual (\d+)–(\d+) KB", pdf_sizes, needs_site=True, sizes=True),
    Claim(r"PNG of (\d+)–(\d+) KB", lambda t: kb(t.published("previews/*.png")), needs_site=True, sizes=True),
    Claim(r"(\d+) × (\d+)", png_size, needs_site=True),
    Claim(r"(\d+)-colour", colours),
    Claim(r"package: (\d+) of PDF/UA-1's (\d+) machine-checkable rules", pdfua_coverage),
    Claim(r"at most (\d+) characters", title_limit),
    Claim(r"at most ([\d,]+) bytes", weight_budget),
    Claim(r"Lighthouse \((\d+)\.x", node_package_major("lighthouse")),
    Claim(r"Python ([\d.]+)\+", python_floor),
    Claim(r'then "(\d+) more since \(as at (\d+ \w+ \d{4})\)"', signed_since),
    Claim(r"\*\*MkDocs ([\d.]+)\*\* stays installed", pin("mkdocs")),
    Claim(r"has had no release since ([\d.]+)", pin("mkdocs")),
    Claim(r"[Tt]he day\s+MkDocs ([\d.]+) stops", pin("mkdocs")),
    Claim(r"\*\*Material for MkDocs ([\d.]+)\*\*", pin("mkdocs-material")),
    Claim(r"\*\*mkdocs-static-i18n ([\d.]+)\*\*", pin("mkdocs-static-i18n")),
    Claim(r"pymdown-extensions ([\d.]+), pinned", pin("pymdown-extensions")),
    Claim(r"properdocs==([\d.]+)", pin("properdocs")),
    # a paragraph named in prose is one of the Declaration's (the tour follows ¶ 8)
    Claim(r"¶ ?(\d+)(?!\d)", lambda t: {str(n) for n in range(1, t.paragraphs + 1)}, one_of=True),
    # a date is one of docs/commitments.yml (signatures, sources)
    Claim(r"(\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4})", lambda t: t.dates, one_of=True),
    Claim(r"Washington, D\.C\., (\w+ \d{4})\)", lambda t: {d.split(" ", 1)[1] for d in t.dates}, one_of=True),
]
# Numbers the guides name, not count: standards, other projects' versions and dates, HTTP statuses.
FIXED = [
    r"TMX 1\.4b", r"TBX v3", r"ISO 30042:2019", r"JIS X 4061", r"ISO 3166", r"RFC 4180", r"RFC 4287", r"OmegaT 3\.6", r"\(3\.6\)", r"MultiTerm 2024", r"100% matches",
    r"WCAG 2\.1", r"404", r"below 960 px",                       # Material's breakpoint for the full-screen search
    r"Lighthouse 13 needs Node 22", r"100 in accessibility",     # what the audit asks of Lighthouse (a score of 1)
    r"MkDocs 1\.x", r"\(August 2024\)", r"MkDocs 2\.0\*\* \(pre-releases in 2026\)", r"May 5, 2027",
    r"Today \(0\.1\.x\)", r"its 0\.1 releases", r"falls back to 0\.0\.73",
    r"Exit status 0 = clean, 1 = problems, 2 = could not check",   # tests/test_check_parity.py
    r"Exit status 0 = no problem, 1 = problems",                   # tests/test_audit.py
    r'"p9", "¶ 9", "para 9", "paragraph 9", 第9段落',               # how people cite ¶ 9 (tests/test_search.py)
    r"パックス・シリカ宣言 第9段落第2文",
]
SLOW_CLAIM = Claim(r"Per build: (\d+) Markdown conversions and (\d+) HTML parses", lambda t: conversions())


def guide(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def covered(text: str) -> list[tuple[int, int]]:
    spans = []
    for regex in [c.regex for c in [*CLAIMS, SLOW_CLAIM]] + [pattern(f) for f in FIXED]:
        spans += [m.span() for m in regex.finditer(text)]
    return spans


# --- the tests --------------------------------------------------------------------------

def test_the_readme_is_a_ten_minute_read():
    assert len(guide("README.md").splitlines()) <= 200
    for heading in ("## Two commands", "## Publishing", "## Where things are", "## The ten-minute tour"):
        assert heading in guide("README.md").splitlines(), heading
    assert "MAINTAINING.md" in guide("README.md")


@pytest.mark.parametrize("name", GUIDES)
def test_every_number_is_a_claim_or_a_fixed_name(name):
    text = guide(name)
    plain = prose(text)
    spans = covered(text)
    unchecked = [f"{name}:{line_of(text, m.start())}: {m.group(0)} in {text[max(0, m.start() - 40):m.end() + 20]!r}"
                 for m in NUMBER.finditer(plain) if not any(a <= m.start() and m.end() <= b for a, b in spans)]
    assert not unchecked, ("numbers neither checked (CLAIMS in tests/test_readme.py) nor names (FIXED): check them "
                           "or take them out of the prose:\n" + "\n".join(unchecked))


def test_every_claim_is_made():
    made = "\n".join(guide(name) for name in GUIDES)
    unused = [c.text for c in [*CLAIMS, SLOW_CLAIM] if not c.regex.search(made)]
    assert not unused, f"claims no guide makes any more (remove them from CLAIMS): {unused}"


def check_claims(claims: list[Claim], truth: Truth) -> list[str]:
    wrong = []
    for name in GUIDES:
        text = guide(name)
        for claim in claims:
            for match in claim.regex.finditer(text):
                stated = tuple(" ".join(s.split()) for s in match.groups())     # a claim broken over two lines
                where = f"{name}:{line_of(text, match.start())}: {' '.join(match.group(0).split())!r}"
                if claim.one_of:
                    allowed = claim.truth(truth)
                    if stated[0] not in allowed:
                        wrong.append(f"{where}: says {stated[0]}, which is not one of {sorted(allowed)}")
                    continue
                real = claim.truth(truth)
                if claim.sizes:
                    ok = all(close(s, r) for s, r in zip(stated, real, strict=True))
                    real = tuple(f"{r:.1f}" for r in real)
                else:
                    real = tuple(str(r) for r in real)
                    ok = stated == real
                if not ok:
                    wrong.append(f"{where}: says {', '.join(stated)}; the real numbers are {', '.join(real)}")
    return wrong


def test_the_claims_about_the_data_are_true():
    assert check_claims([c for c in CLAIMS if not c.needs_site], Truth(None)) == []


def test_the_claims_about_the_build_are_true(site):
    assert check_claims([c for c in CLAIMS if c.needs_site], Truth(site)) == []


COUNTING_BUILD = """
import collections, sys
import bs4, markdown
counts = collections.Counter()
def counting(name, original):
    def call(self, *args, **kwargs):
        counts[name] += 1
        return original(self, *args, **kwargs)
    return call
markdown.Markdown.convert = counting("markdown", markdown.Markdown.convert)
bs4.BeautifulSoup.__init__ = counting("html", bs4.BeautifulSoup.__init__)
from properdocs.__main__ import cli
try:
    cli(["build", "--strict", "--quiet", "-f", "mkdocs.yml", "--site-dir", sys.argv[1]])
except SystemExit as e:
    if e.code:
        raise
print(counts["markdown"], counts["html"])
"""


def conversions() -> tuple[int, int]:
    """Markdown conversions and BeautifulSoup parses of one build (properdocs
    build in a process of its own, with both counted; the typesetting's
    workers parse nothing)."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run([sys.executable, "-c", COUNTING_BUILD, str(Path(tmp) / "site")], cwd=ROOT,
                                capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    markdown_, html = result.stdout.split()
    return int(markdown_), int(html)


@pytest.mark.slow   # a build of its own
def test_the_conversions_per_build_are_counted():
    assert check_claims([SLOW_CLAIM], Truth(None)) == []


# --- the examples of messages are the tools' real output -------------------------

def example(name: str, start: str, holding: str) -> str:
    """The line of a guide's example that begins with ``start`` and holds ``holding``."""
    lines = [line.strip() for line in guide(name).splitlines() if line.strip().startswith(start) and holding in line]
    assert len(lines) == 1, f"{name}: one example beginning {start!r}, found {lines}"
    return lines[0]


def test_the_checkers_example_is_its_output_without_p9(docs):
    ja = docs / "ja" / "declaration.md"
    text = ja.read_text(encoding="utf-8")
    anchor = text.index("{: #p9 }")
    start = text.rindex("\n\n", 0, anchor)
    ja.write_text(text[:start] + text[anchor + len("{: #p9 }"):], encoding="utf-8")
    assert example("MAINTAINING.md", "docs/ja/declaration.md:", "is missing") in run_checker(docs).stdout.splitlines()


def test_the_glossarys_example_is_its_output_without_a_rendering(docs):
    edit(docs / "ja" / "declaration.md", "過剰生産能力や", "過剰な生産や")
    line = example("MAINTAINING.md", "docs/ja/declaration.md:", "holds no rendering of 'overcapacity'")
    assert line in run_checker(docs).stdout.splitlines()


def test_the_ledgers_example_is_its_output_without_an_id(site):
    ledger_file = ROOT / "docs" / addresses.LEDGER_FILE
    ledger = addresses.read_ledger(ledger_file, Path("docs") / addresses.LEDGER_FILE)
    published = addresses.published(site, list(LANGUAGES)) - {"/notes/#sources"}
    lost = addresses.lost(ledger, published, [], list(LANGUAGES), Path("docs/addresses.txt"),
                          Path("docs/redirects.yml"))
    assert example("MAINTAINING.md", "docs/addresses.txt:", "/notes/#sources") in lost
