"""The build, whatever runs it: ProperDocs by default (make build, make serve,
the deploy workflow), MkDocs 1.6.1 as the second generator; any path to the
configuration (-f mkdocs.yml as CI files and editors write it, an absolute
path, a path from another folder), with messages that name files relative to
the project.

The whole builds are elsewhere, each compared byte for byte with another:
ProperDocs with -f mkdocs.yml in the project builds the tests' ``site``
(conftest.py); MkDocs, run from the folder above with -f <project>/mkdocs.yml,
builds the same site but the generator tag (tests/test_addresses.py);
ProperDocs, run from another folder with the absolute path, builds the same
bytes (tests/test_reproducible.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, make_dry_run

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def commands(target: str) -> list[str]:
    """The commands `make TARGET` would run (the package checks left out)."""
    return [line for line in make_dry_run(target).splitlines() if "apt" not in line and line.strip()]


def test_make_build_and_make_serve_run_properdocs():
    assert commands("build")[-1] == ".venv/bin/python -m properdocs build --strict -f mkdocs.yml --site-dir site"
    assert commands("serve")[-1] == ".venv/bin/python scripts/serve.py --generator properdocs --dev-addr 127.0.0.1:8000"


def test_make_clean_removes_the_typesetting_cache():
    assert ".cache" in commands("clean")[-1].split()


def test_the_generators_are_pinned_and_mkdocs_2_is_refused():
    pins = {line.split("==")[0]: line.split("==")[1] for line in (ROOT / "requirements.txt").read_text().splitlines()
            if "==" in line}
    assert pins["properdocs"] == "1.6.7" and pins["mkdocs"] == "1.6.1" and pins["mkdocs-material"] == "9.8.2"
    wanted = (ROOT / "requirements.in").read_text().splitlines()
    assert {"properdocs==1.6.7", "mkdocs==1.6.1", "mkdocs<2", "mkdocs-material==9.8.2", "weasyprint>=70,<71"} <= set(wanted)


def build(generator: str, config: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", generator, "build", "--strict", "-f", config, "--site-dir", "site"],
                          cwd=cwd, capture_output=True, text=True, env=ENV)


@pytest.mark.slow   # builds of its own (they stop at the check)
@pytest.mark.parametrize("generator, config, where", [
    ("properdocs", "mkdocs.yml", "project"), ("mkdocs", "mkdocs.yml", "project"),
    ("mkdocs", "project/mkdocs.yml", "above"), ("properdocs", "ABSOLUTE", "elsewhere")])
def test_a_fault_is_named_relative_to_the_project_whatever_the_path(tmp_path, generator, config, where):
    damaged = copy_project(tmp_path / "project")
    ja = damaged / "docs" / "ja" / "declaration.md"
    ja.write_text(ja.read_text(encoding="utf-8").replace("{: #p9 }\n", "", 1), encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    cwd = {"project": damaged, "above": tmp_path, "elsewhere": tmp_path / "elsewhere"}[where]
    config = str(damaged / "mkdocs.yml") if config == "ABSOLUTE" else config
    result = build(generator, config, cwd)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    faults = [line.split(" - ", 1)[-1].strip() for line in result.stderr.splitlines() if "#p9" in line]
    assert faults and all(line.startswith("docs/ja/declaration.md:") for line in faults), result.stderr
