"""Every piece of Material for MkDocs that overrides/ and edition.css copy,
guarded: when an upgrade of Material changes the original, a test here
fails and says what to take again. Material is in maintenance mode; these
copies are what a move to another theme or generator has to redo.

- A template copied whole (base.html, partials/*.html) must be Material's
  with exactly our change, so any change upstream shows.
- A block of base.html redone in overrides/main.html (site_meta, config) is
  pinned by the hash of Material's block as it was when we redid it.
- The icons drawn by edition.css are Material's SVG files, character for
  character."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import ROOT

MATERIAL = Path(__import__("material").__file__).parent / "templates"
OURS = ROOT / "overrides"


def template_body(path: Path) -> str:
    """A template without its leading {#- comment -#}."""
    return path.read_text(encoding="utf-8").split("-#}\n", 1)[1]


def block_of(template: str, name: str) -> str:
    """The text of ``{% block name %}…{% endblock %}`` (a block without nested blocks)."""
    start = template.index(f"{{% block {name} %}}") + len(f"{{% block {name} %}}")
    return template[start:template.index("{% endblock %}", start)]


def test_base_html_is_materials_without_autocomplete_on_the_toggles():
    """overrides/base.html shadows Material's: after an upgrade of Material,
    take the copy again from the new version and redo the change."""
    ours, theirs = template_body(OURS / "base.html"), template_body(MATERIAL / "base.html")
    start = ours.index("    <script>\n      /* In place of autocomplete")
    end = ours.index("</script>\n", start) + len("</script>\n")
    assert theirs.count(' autocomplete="off"') == 2
    assert ours[:start] + ours[end:] == theirs.replace(' autocomplete="off"', "")


# (partial, Material's text, ours): the copy is Material's with that one replacement
# (or, for a list of such pairs, with each of those replacements).
PARTIALS = [
    ("partials/search.html", 'role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    ("partials/alternate.html", 'hreflang="{{ alt.lang }}" class="md-select__link">',
     'hreflang="{{ alt.lang }}" lang="{{ alt.lang }}" target="_self"'
     '{% if alt.lang == config.theme.language %} aria-current="true"{% endif %} class="md-select__link">'),
    ("partials/copyright.html", [
        ('<div class="md-copyright">\n',
         '<div class="md-copyright">\n  <a class="md-copyright__about" href="{{ about_page | url }}">{{ ui.about_link }}</a> ·\n'),
        ('    Made with\n    <a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener">\n'
         '      Material for MkDocs\n    </a>\n',
         '    {% set link %}<a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener"'
         '{% if config.theme.language != "en" %} lang="en"{% endif %}>Material for MkDocs</a>{% endset %}\n'
         '    {{ ui.made_with.format(link=link) }}\n')], None),
    ("partials/toc.html", '{% endif %}\n',
     '{% endif %}\n{% if nav_item is defined %}\n  {% set title = ui.toc_in_menu.format(title=title) %}\n{% endif %}\n'),
    ("partials/toc-item.html", '    <nav class="md-nav" aria-label="{{ toc_item.title | striptags | e }}">\n',
     '    {% set section = toc_item.title | striptags %}\n'
     '    <nav class="md-nav" aria-label="{{ (ui.toc_in_menu.format(title=section) if nav_item is defined else section)'
     ' | e }}">\n'),
]


@pytest.mark.parametrize("partial, theirs_part, ours_part", PARTIALS, ids=[p[0] for p in PARTIALS])
def test_each_copied_partial_is_materials_with_our_one_change(partial, theirs_part, ours_part):
    ours, theirs = template_body(OURS / partial), template_body(MATERIAL / partial)
    expected = theirs
    for theirs_part, ours_part in (theirs_part if ours_part is None else [(theirs_part, ours_part)]):
        assert theirs_part in theirs, f"Material's {partial} changed: take it again and redo our change"
        expected = expected.replace(theirs_part, ours_part, 1)
    assert ours == expected, f"overrides/{partial} is not Material's + our change"


# Material's blocks of base.html that overrides/main.html redoes, as they were (9.8.2: the site_meta block names the version in its generator tag).
REDONE_BLOCKS = {"site_meta": "337bd3b09eec21c5", "config": "7e39d18735bd3517"}


@pytest.mark.parametrize("block", REDONE_BLOCKS)
def test_the_blocks_main_html_redoes_are_materials_as_they_were(block):
    theirs = block_of((MATERIAL / "base.html").read_text(encoding="utf-8"), block)
    assert hashlib.sha256(theirs.encode()).hexdigest()[:16] == REDONE_BLOCKS[block], (
        f"Material's {{% block {block} %}} changed: compare it with overrides/main.html's, then update the hash")
    assert f"{{% block {block} %}}" in (OURS / "main.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("icon", ["content-copy", "share-variant-outline", "link-variant"])
def test_the_icons_of_edition_css_are_materials(icon):
    svg = (MATERIAL / ".icons/material" / f"{icon}.svg").read_text(encoding="utf-8").strip()
    css = (ROOT / "docs/assets/stylesheets/edition.css").read_text(encoding="utf-8")
    assert f"url('data:image/svg+xml;charset=utf-8,{svg}')" in css
