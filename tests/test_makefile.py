"""The Makefile installs what its targets need: each target's apt step, as
`make -n` prints it, run on a machine that lacks the tools (a PATH without
them and an apt-get that only notes what it is asked to install)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import make_dry_run

APT_GET = """#!/bin/sh
[ "$1" = install ] && echo "$@" >> "$APT_LOG"
exit 0
"""


def packages_installed_by(target: str, missing: set[str], tmp_path: Path) -> str:
    """What `make TARGET` asks apt-get to install (or says to install) on a
    machine where the commands ``missing`` are not found."""
    commands = make_dry_run(target)
    fake = tmp_path / "bin"
    fake.mkdir()
    for folder in os.environ["PATH"].split(os.pathsep):
        for tool in Path(folder).glob("*") if Path(folder).is_dir() else []:
            if tool.name not in missing and not (fake / tool.name).exists():
                (fake / tool.name).symlink_to(tool)
    (fake / "apt-get").unlink(missing_ok=True)
    (fake / "apt-get").write_text(APT_GET)
    (fake / "apt-get").chmod(0o755)
    log = tmp_path / "apt.log"
    said = []
    for line in commands.splitlines():
        if "apt-get" not in line:     # the recipes that install; not the tests themselves
            continue
        result = subprocess.run(["/bin/sh", "-c", line], capture_output=True, text=True,
                                env={**os.environ, "PATH": str(fake), "APT_LOG": str(log)})
        said.append(result.stdout)
    return (log.read_text() if log.exists() else "") + "".join(said)


@pytest.mark.parametrize("target", ["test-fast", "test"])
def test_the_tests_targets_install_poppler_which_reads_the_pdfs_back(tmp_path, target):
    """test_pdf.py and test_previews.py run pdftotext and pdffonts outside
    the slow marker: `make test-fast` needs poppler-utils as `make test` does."""
    assert "poppler-utils" in packages_installed_by(target, {"pdftotext", "pdffonts"}, tmp_path)


def test_the_build_installs_nothing_the_machine_has(tmp_path):
    assert packages_installed_by("build", set(), tmp_path) == ""


def test_the_venv_brings_what_pip_needs_to_build_pyicu(tmp_path):
    """PyICU (the glossary's collation) is built by pip against Debian's ICU."""
    wanted = packages_installed_by("test-fast", {"pkg-config", "g++"}, tmp_path)
    assert {"libicu-dev", "pkg-config", "g++"} <= set(wanted.split())
