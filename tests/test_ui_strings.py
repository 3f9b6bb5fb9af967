"""The interface strings: one file per language (pax_silica/strings/), the same
keys in each, read by the build, the templates and the exports."""

from __future__ import annotations

import shutil

import pytest

from conftest import LANGUAGES
from pax_silica.settings import SourceError
from pax_silica.ui import STRINGS, keys, read_strings


def test_every_language_has_every_string():
    strings = read_strings(STRINGS, list(LANGUAGES))
    assert keys(strings["en"]) == keys(strings["ja"])
    assert all(strings["ja"][key] for key in ("number_label", "citation", "not_found_title", "made_with"))


def test_a_string_missing_in_one_language_is_an_error_naming_the_file(tmp_path):
    folder = tmp_path / "strings"
    shutil.copytree(STRINGS, folder)
    ja = folder / "ja.yml"
    ja.write_text("\n".join(l for l in ja.read_text(encoding="utf-8").split("\n") if not l.startswith("copy_label:")),
                  encoding="utf-8")
    with pytest.raises(SourceError, match=r"strings/ja\.yml: no copy_label \(a string .*strings/en\.yml has\)"):
        read_strings(folder, list(LANGUAGES))


@pytest.mark.parametrize("page", ["declaration/", "parallel/declaration/", "commitments/"])
def test_japanese_pages_show_the_japanese_strings(soup, page):
    strings = read_strings(STRINGS, list(LANGUAGES))["ja"]
    text = soup("ja", page).select_one("article").get_text()
    expected = {"declaration/": strings["doc_links"], "parallel/declaration/": strings["parallel_heading"],
                "commitments/": strings["by_topic"]}[page]
    assert expected in text
    notice = soup("ja", page).select_one(".provisional")   # not on the index: its labels are ours (test_build.py)
    assert (notice is not None) == (page != "commitments/")
    assert notice is None or notice.get_text(strip=True).startswith(strings["provisional_title"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_parallel_column_labels_carry_the_pages_language(soup, lang):
    """A label in the page's language ("英語（正文）") is not marked as the
    language it names: it is typeset and read aloud in its own."""
    strings = read_strings(STRINGS, list(LANGUAGES))[lang]
    labels = soup(lang, "parallel/declaration/").select(".parallel-head span")
    assert [l.get_text() for l in labels if l.get_text()] == [strings["columns"][lang]] + [
        strings["columns"][other] for other in LANGUAGES if other != lang]
    for label in labels:
        assert (label.find_parent(attrs={"lang": True}) or {}).get("lang") == lang and not label.get("lang")


def test_a_string_written_twice_is_an_error_at_its_line(tmp_path):
    """YAML keeps the last of two equal keys silently: two engineers adding
    facts_signed to one file would change a string unseen."""
    folder = tmp_path / "strings"
    shutil.copytree(STRINGS, folder)
    en = folder / "en.yml"
    text = en.read_text(encoding="utf-8")
    en.write_text(text + "copy_label: Copy\n", encoding="utf-8")
    line = text.count("\n") + 1
    with pytest.raises(SourceError, match=rf"strings/en\.yml:{line}:1: 'copy_label' is written twice in the same mapping"):
        read_strings(folder, list(LANGUAGES))
