"""Adding a document or a language, on a copy of the project (MAINTAINING.md: "Adding
a document"): each missing piece is one clear PATH:LINE line and no
traceback; once every piece is there, the build succeeds and the newcomer
has every view the two documents and two languages have.

The copy holds mkdocs.yml, docs/, overrides/ and the pax_silica package (its
interface strings are in pax_silica/strings/), and is built there with
`python -m properdocs build --strict`, as in a clone (Python imports the copy's
package, the folder it runs in coming first)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from conftest import ROOT, edit, line_of, position_of

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

COPIED = ("mkdocs.yml", "docs", "overrides", "pax_silica")
PROBLEM = re.compile(r"^(docs|pax_silica|mkdocs\.yml)[^: ]*(:\d+){0,2}: \S")   # PATH[:LINE[:COL]]: message


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, copy / name)
    return copy


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", "site"],
                          cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def problems(result: subprocess.CompletedProcess) -> list[str]:
    """The build failed, without a traceback; the lines that name a place."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output and "KeyError" not in output, output
    found = [line.removeprefix("ERROR   -  ") for line in output.splitlines()
             if PROBLEM.match(line.removeprefix("ERROR   -  "))]
    assert found, output
    return found


def key_line(path: Path, key: str) -> int:
    """The line where a top-level key of a YAML file is written."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if line.startswith(key))


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


# --- a third document ------------------------------------------------------------

MEMO = {
    "en": """---
document: memo
description: A document that exists only in the tests of the edition, added to a copy of it to show how a third document joins.
---

# Memorandum for the Tests { #title }

This is the first paragraph of a document that exists only in the tests.
It has two sentences.
{: #p1 }

This is the second paragraph.
{: #p2 }

For the Editors
{: #for-editors .signature }
""",
    "ja": """---
document: memo
description: 本版の試験の中にだけ存在する文書。三つ目の文書の加え方を示すため、本版の複製に加える。
---

# 試験用覚書 { #title }

これは、試験の中にだけ存在する文書の第1段落である。
この段落には二つの文がある。
{: #p1 }

これは第2段落である。
{: #p2 }

編集者のために
{: #for-editors .signature }
""",
}
MEMO_PARALLEL = {
    "en": "---\nparallel: memo\ndescription: The test memorandum in English and Japanese side by side, paragraph by paragraph, each row linkable.\n---\n\n"
          "# Memorandum: English and Japanese side by side { #parallel }\n\nEach row holds one paragraph in both languages.\n{: #about }\n",
    "ja": "---\nparallel: memo\ndescription: 試験用覚書の日本語と英語を段落ごとに対照して表示します。各行にリンクできます。\n---\n\n"
          "# 試験用覚書：日英対照 { #parallel }\n\n各行に一つの段落を日本語と英語で並べています。\n{: #about }\n",
}
MEMO_ENTRY = """  memo:
    short_title: {en: Memorandum, ja: 覚書}
    signed: {date: 2025-12-13, place: {en: "Tokyo, Japan", ja: 東京}}
    signatories:
      - {en: The Editors, ja: 編集者}
"""
MEMO_ENTRY_REST = """    type: {en: Memorandum, ja: 覚書}
    signature_lines:
      for-editors: {name: {en: signature for the editors, ja: 編集者の署名欄}, row: {en: Editors, ja: 編集者}}
    source:
      publisher: {en: The Editors, ja: 編集者}
      kind: {en: test fixture, ja: 試験用の資料}
      date: 2025-12-13
      language: en
      url: https://example.org/memo
"""
MEMO_PARAGRAPHS = """  memo:
    p1: {label: {en: The first paragraph, ja: 第1段落}, tags: [economic-security]}
    p2: {label: {en: The second paragraph, ja: 第2段落}, tags: [economic-security]}
"""


def add_memo_pages(project: Path, translate_nav: bool = True) -> None:
    for lang in ("en", "ja"):
        (project / "docs" / lang / "memo.md").write_text(MEMO[lang], encoding="utf-8")
    edit(project / "mkdocs.yml", "  - Declaration: declaration.md\n",
         "  - Declaration: declaration.md\n  - Memorandum: memo.md\n")
    if translate_nav:
        edit(project / "mkdocs.yml", "            Declaration: パックス・シリカ宣言\n",
             "            Declaration: パックス・シリカ宣言\n            Memorandum: 試験用覚書\n")


def test_a_third_documents_missing_pieces_are_each_one_line_naming_its_place(project):
    add_memo_pages(project, translate_nav=False)
    data = project / "docs" / "commitments.yml"
    found = problems(build(project))
    line, col = position_of(project / "mkdocs.yml", "Memorandum: memo.md")
    assert f"mkdocs.yml:{line}:{col}: nav title 'Memorandum' has no translation in the nav_translations of ja" in found
    paragraphs, en = line_of(data, "paragraphs:"), project / "docs" / "en" / "memo.md"
    for anchor, words in (("p1", "This is the first paragraph"), ("p2", "This is the second paragraph")):
        assert (f"docs/commitments.yml:{paragraphs}:1: memo #{anchor} has no label and tags here "
                f"(docs/en/memo.md:{line_of(en, words)})") in found
    assert f"docs/commitments.yml:{key_line(data, 'documents:')}:1: document 'memo' has no entry under documents:" in found
    for lang in ("en", "ja"):
        assert (f"docs/{lang}/parallel/memo.md:1:1: document 'memo' (docs/{lang}/memo.md) has no side-by-side page: "
                f"write it, with \"parallel: memo\" in its front matter, a title and an introduction") in found

    edit(data, "documents:\n", "documents:\n" + MEMO_ENTRY)   # short title, signature, signatories only
    edit(data, "paragraphs:\n", "paragraphs:\n" + MEMO_PARAGRAPHS)
    found = problems(build(project))
    memo = line_of(data, "  memo:")
    assert f"docs/commitments.yml:{memo}:1: memo: type has no text in en, ja" in found
    assert (f"docs/commitments.yml:{memo}:1: memo: signature line #for-editors (docs/en/memo.md) has no entry "
            f"under signature_lines: give it a name and a row, in every language") in found
    assert (f"docs/commitments.yml:{memo}:1: memo: source is missing: where the facts of signature are published "
            f"(publisher, kind, date, language, url)") in found
    assert len(found) == 6, found   # and the two side-by-side pages, and the nav title


def test_a_third_document_with_every_piece_gets_every_view(project):
    add_memo_pages(project)
    for lang in ("en", "ja"):
        (project / "docs" / lang / "parallel" / "memo.md").write_text(MEMO_PARALLEL[lang], encoding="utf-8")
    data = project / "docs" / "commitments.yml"
    edit(data, "documents:\n", "documents:\n" + MEMO_ENTRY + MEMO_ENTRY_REST)
    edit(data, "paragraphs:\n", "paragraphs:\n" + MEMO_PARAGRAPHS)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    for lang, prefix, title in (("en", "", "Memorandum for the Tests"), ("ja", "ja/", "試験用覚書")):
        memo = page(site, f"{prefix}memo")
        assert memo.h1.get_text() == title
        facts = memo.select_one("article dl.doc-facts").get_text()
        assert ("Tokyo, Japan" if lang == "en" else "東京") in facts
        assert memo.select_one("#p1 .para-copy")["data-clipboard-text"].endswith(f"/{prefix}memo/#p1")
        assert memo.select_one("#for-editors .para-copy")["aria-label"].endswith(
            "signature for the editors" if lang == "en" else "編集者の署名欄へのリンクをコピー")
        rows = page(site, f"{prefix}parallel/memo").select("article .parallel-row")
        assert [r["id"] for r in rows] == ["title", "p1", "p2", "for-editors"]
        assert rows[-1].select_one(".parallel-number").get_text() == ("Editors" if lang == "en" else "編集者")
        assert page(site, f"{prefix}memo/p2").select_one("article section.cite .cite-citation").get_text().endswith(
            f"/{prefix}memo/#p2")
        assert page(site, f"{prefix}commitments").select_one("#document-memo") is not None
        ris = (site / f"downloads/pax-silica-memo.{lang}.ris").read_text(encoding="utf-8")
        assert f"M3  - {'Memorandum' if lang == 'en' else '覚書'}\n" in ris
    export = json.loads((site / "pax-silica.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "pax-silica.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(export, schema, format_checker=jsonschema.FormatChecker())
    assert [d["id"] for d in export["documents"]] == ["memo", "joint-statement", "declaration"]


# --- a third language --------------------------------------------------------------

FRENCH = """        - locale: fr
          name: Français
          build: true
          site_name: Pax Silica — édition d’essai
"""


def add_french_pages(project: Path) -> None:
    edit(project / "mkdocs.yml", "\nnav:\n", "\n" + FRENCH.rstrip("\n") + "\n\nnav:\n")
    shutil.copytree(project / "docs" / "en", project / "docs" / "fr")


def in_french(value):
    """Every text given in English and Japanese also given "in French" (the English, for the test)."""
    if isinstance(value, dict):
        value = {k: in_french(v) for k, v in value.items()}
        return {**value, "fr": value["en"]} if {"en", "ja"} <= set(value) else value
    return [in_french(v) for v in value] if isinstance(value, list) else value


def test_a_third_language_is_added_one_clear_line_at_a_time(project):
    add_french_pages(project)
    strings = project / "pax_silica" / "strings"
    assert problems(build(project)) == [
        "pax_silica/strings/fr.yml: no interface strings for fr, a language mkdocs.yml builds: "
        "copy pax_silica/strings/en.yml to it and translate every string"]

    french = (strings / "en.yml").read_text(encoding="utf-8")
    french = french.replace("language_names: {en: English, ja: Japanese}",
                            "language_names: {en: anglais, ja: japonais, fr: français}")
    french = french.replace("columns: {en: English (original), ja: Japanese (provisional translation)}",
                            "columns: {en: anglais (original), ja: japonais (traduction provisoire), fr: français (essai)}")
    (strings / "fr.yml").write_text(french, encoding="utf-8")
    assert problems(build(project)) == [
        f"pax_silica/strings/en.yml:{key_line(strings / 'en.yml', 'columns:')}:1: columns names no fr: "
        f"give every language built its name in this language"]

    for lang, names in (("en", "fr: French (test)"), ("ja", "fr: フランス語（試験）")):
        path = strings / f"{lang}.yml"
        for key in ("columns", "language_names"):
            line = next(l for l in path.read_text(encoding="utf-8").split("\n") if l.startswith(f"{key}:"))
            edit(path, line, line.replace("}", f", {names.split(' ', 1)[0]} {names.split(' ', 1)[1]}}}"))
    assert problems(build(project)) == [     # en.yml's locales, copied: never en_US (nor a bare fr) on French pages
        f"pax_silica/strings/fr.yml:{key_line(strings / 'fr.yml', 'locale:')}:1: locale.open_graph 'en_US' is not a "
        f"locale of fr (fr_XX or fr-XX, XX its region): write this language's"]
    edit(strings / "fr.yml", "locale: {open_graph: en_US, translation_memory: en-US}",
         "locale: {open_graph: fr_FR, translation_memory: fr-FR}")
    edit(strings / "fr.yml", "citation_language: {bibtex: english, ris: English}",
         "citation_language: {bibtex: french, ris: French}")
    found = problems(build(project))
    data = project / "docs" / "commitments.yml"
    assert f"docs/commitments.yml:{line_of(data, '  economic-security:')}:1: topic 'economic-security' has no name in fr" in found
    assert (f"docs/commitments.yml:{line_of(data, 'short_title: {en: Declaration')}:1: "
            f"declaration: short_title has no text in fr") in found
    line, col = position_of(project / "mkdocs.yml", "Home: index.md")
    assert f"mkdocs.yml:{line}:{col}: nav title 'Home' has no translation in the nav_translations of fr" in found
    assert all(PROBLEM.match(line) for line in found)

    titles = re.findall(r"^\s+- ([^:\n]+):", (project / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n")[1], re.M)
    edit(project / "mkdocs.yml", FRENCH, FRENCH + "          nav_translations:\n" +
         "".join(f"            {title}: {title} (fr)\n" for title in titles))
    for path in (data, project / "docs" / "signatories.yml", project / "docs" / "changes.yml"):   # data, register, feed
        path.write_text(yaml.safe_dump(in_french(yaml.safe_load(path.read_text(encoding="utf-8"))), allow_unicode=True),
                        encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    declaration = page(site, "fr/declaration")
    assert declaration.html["lang"] == "fr" and declaration.select_one("#p9 .sentence") is not None
    hreflang = {link["hreflang"] for link in declaration.select('link[rel="alternate"][hreflang]')}
    assert hreflang == {"en", "ja", "fr", "x-default"}
    heads = [s.get_text() for s in page(site, "fr/parallel/declaration").select(".parallel-head span") if s.get_text()]
    assert heads == ["français (essai)", "anglais (original)", "japonais (traduction provisoire)"]
    assert (site / "fr/404.html").is_file() and (site / "downloads/pax-silica-declaration.fr.bib").is_file()
    export = json.loads((site / "pax-silica.json").read_text(encoding="utf-8"))
    jsonschema.validate(export, json.loads((site / "pax-silica.schema.json").read_text(encoding="utf-8")),
                        format_checker=jsonschema.FormatChecker())
    declaration = next(d for d in export["documents"] if d["id"] == "declaration")
    assert set(declaration["paragraphs"][8]["text"]) == {"en", "ja", "fr"}
    assert page(site, "fr/declaration").find("meta", property="og:locale")["content"] == "fr_FR"
    assert "language = {french}" in \
        (site / "downloads/pax-silica-declaration.fr.bib").read_text(encoding="utf-8")
    for pair, languages in (("en-ja", {"en-US", "ja-JP"}), ("en-fr", {"en-US", "fr-FR"})):   # one memory per translation
        tmx = etree.parse(str(site / f"downloads/pax-silica.{pair}.tmx"))
        assert {v.get(XML_LANG) for v in tmx.iter("tuv")} == languages, pair


def test_the_about_page_needs_the_repositorys_address(project):
    edit(project / "mkdocs.yml", "  repository: https://github.com/pax-silica/edition\n", "  repository:\n")
    assert problems(build(project)) == [
        f"mkdocs.yml:{key_line(project / 'mkdocs.yml', 'extra:')}:1: extra.repository is not set: the About page "
        f"(docs/en/about.md) says where to report an error (the repository's address)"]
