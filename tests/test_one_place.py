"""One place for each rule, read from the code itself (its syntax tree, not
its text): no document is named in the code (MAINTAINING.md, "Adding a
document"), no language is compared by its code outside the strings and the
data, a paragraph page's address is made by urls.py only, the build date is
read by settings.py only, and the views load no typesetting engine."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

CODE = sorted((ROOT / "pax_silica").rglob("*.py")) + [ROOT / "overrides" / "hooks" / "edition.py"]


def constants(path):
    """Every string constant of a module but its docstrings, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def where(path, line):
    return f"{path.relative_to(ROOT)}:{line}"


def test_no_document_is_named_in_the_code():
    data = yaml.safe_load((ROOT / "docs" / "commitments.yml").read_text(encoding="utf-8"))
    names = {name for about in data["documents"].values() for name in about["short_title"].values()}
    titles = []
    for lang in ("en", "ja"):
        for doc in data["documents"]:
            heading = next(l for l in (ROOT / "docs" / lang / f"{doc}.md").read_text(encoding="utf-8").split("\n")
                           if l.startswith("# "))
            titles.append(heading[2:].split("{")[0].strip())
    found = [f"{where(path, line)}: {value!r}" for path in CODE for line, value in constants(path)
             if any(title in value for title in titles) or value.strip() in names]
    assert not found, found


@pytest.mark.parametrize("module", ["glossary.py", "glossary_checks.py", "views.py", "glossary_views.py", "citations.py", "translation_memory.py", "termbase.py"])
def test_no_language_is_compared_by_its_code(module):
    path = ROOT / "pax_silica" / module
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [where(path, node.lineno) for node in ast.walk(tree) if isinstance(node, ast.Compare)
             for side in [node.left, *node.comparators] if isinstance(side, ast.Constant) and side.value in ("en", "ja")]
    tables = [where(path, node.lineno) for node in ast.walk(tree) if isinstance(node, ast.Dict)
              and {k.value for k in node.keys if isinstance(k, ast.Constant)} >= {"en", "ja"}]
    assert not found and not tables, found + tables


def test_a_paragraph_pages_address_is_made_by_urls_only():
    found = [f"{where(path, node.lineno)}" for path in CODE if path.name != "urls.py"
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.Constant) and v.value in ("/p", "-p")
                                                         for v in node.values)]
    assert not found, found


def test_the_build_date_is_read_in_one_place():
    found = [path.relative_to(ROOT).as_posix() for path in CODE for _, value in constants(path) if value == "SOURCE_DATE_EPOCH"]
    assert found == ["pax_silica/settings.py"], found


def test_the_views_load_no_typesetting_engine():
    """views.py lists the PDFs and links to them; WeasyPrint is loaded only
    where a PDF or an image is set."""
    result = subprocess.run([sys.executable, "-c", "import sys, pax_silica.views; print('weasyprint' in sys.modules)"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_line_break_measure_is_the_tests_own():
    import pax_silica.languages

    assert not hasattr(pax_silica.languages, "line_break_faults")
