"""The GitHub Pages workflow: tests before publishing, pinned actions, least permissions."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
PINNED = re.compile(r"^\s*(?:-\s+)?uses: (actions/[\w-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def steps(job):
    return yaml.safe_load(WORKFLOW.read_text())["jobs"][job]["steps"]


def test_every_action_is_pinned_by_commit_sha_with_its_version():
    lines = [line for line in WORKFLOW.read_text().splitlines() if "uses:" in line]
    assert [line for line in lines if not PINNED.match(line)] == []
    assert {PINNED.match(line).group(1) for line in lines} == {
        "actions/checkout", "actions/setup-python", "actions/configure-pages",
        "actions/upload-pages-artifact", "actions/deploy-pages"}


def test_runs_on_pushes_to_main_with_pages_permissions_one_at_a_time():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on` as true
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_tests_pass_before_the_site_is_built_for_its_address_and_uploaded():
    build = steps("build")
    runs = [step.get("run") for step in build]
    test, make = runs.index("make test"), runs.index("make build")
    upload = next(i for i, step in enumerate(build) if "upload-pages-artifact" in step.get("uses", ""))
    assert test < make < upload
    assert build[make]["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert build[make]["env"]["SITE_URL"].endswith("/")
    assert build[upload]["with"]["path"] == "site/"


def test_the_tests_run_before_anything_that_needs_pages_so_forks_get_their_results():
    build = steps("build")
    test = [step.get("run") for step in build].index("make test")
    pages = next(i for i, step in enumerate(build) if "configure-pages" in step.get("uses", ""))
    assert test < pages
