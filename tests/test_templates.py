"""The views' templates (overrides/edition/) escape what they are given, by
Jinja's own autoescaping: text from the sources or the data with quotes, <
and & comes out as written in the page, the PDF's outline and the link-preview
card; only the HTML the model renders is marked safe."""

from __future__ import annotations

import subprocess

import pypdf
import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from conftest import ROOT, build_site, copy_project, edit
from pax_silica import press, previews
from pax_silica.model import read_edition
from pax_silica.settings import read_settings
from pax_silica.typeset import typeset
from pax_silica.ui import STRINGS, read_strings

LABEL = 'Countering "non-market" <practices> & dumping'
OLD = '"Non-market practices, overcapacity and dumping; protecting sensitive technologies"'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy whose label of the Declaration's ¶ 9 holds quotes, < and &, built."""
    root = tmp_path_factory.mktemp("escaping")
    project = copy_project(root / "project")
    edit(project / "docs" / "commitments.yml", OLD, "'" + LABEL + "'")
    result = build_site(root / "site", project)
    assert result.returncode == 0, result.stderr
    return project, root / "site"


pytestmark = pytest.mark.slow   # a build of its own


def test_the_label_is_as_written_in_the_index_and_on_the_paragraphs_page(built):
    _, site = built
    index = BeautifulSoup((site / "commitments" / "index.html").read_bytes(), "lxml")
    entries = [li.get_text(" ", strip=True) for li in index.select("#by-document ~ ul li")]
    assert any(LABEL in entry for entry in entries), entries
    page = BeautifulSoup((site / "declaration" / "p9" / "index.html").read_bytes(), "lxml")
    alt = page.find("meta", property="og:image:alt")["content"]
    assert alt.endswith(f"¶ 9: {LABEL}"), alt


def test_the_label_is_as_written_in_the_pdf_outline(built):
    _, site = built
    for key in ("en", "en-ja"):
        reader = pypdf.PdfReader(site / "downloads" / f"pax-silica-declaration.{key}.pdf")
        [_, children] = reader.outline
        assert f"¶ 9 {LABEL}" in [item.title for item in children], key


def test_the_label_is_as_written_on_the_card(built, tmp_path):
    """The published card is, byte for byte, the card set from its view by a
    template that escapes (Jinja's autoescape), whose text pdftotext reads back
    with the label as written."""
    project, site = built
    edition = read_edition(read_settings(project / "mkdocs.yml"), convert="documents")
    names = {"en": "Pax Silica — Bilingual Edition", "ja": "パックス・シリカ 日英対訳版"}
    [card] = [c for c in previews.document_cards(edition, read_strings(STRINGS, ["en", "ja"]), names)
              if c.path == "previews/declaration-p9.en.png"]
    assert card.view["heading"] == LABEL
    template = Environment(loader=FileSystemLoader(project / "overrides"), autoescape=True).get_template(
        "edition/preview.html")
    html = template.render(cards=[card.view])
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(typeset(html, tagged=False))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert LABEL in " ".join(text.split())
    _, jobs = previews.jobs([card], lambda views: template.render(cards=views), press.Cache.off())
    assert press.set_all(jobs)[card.path] == (site / card.path).read_bytes()
