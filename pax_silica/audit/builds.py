"""Building the site for the audit: the edition itself (``build_site``) and,
to compare page weights with, a plain Material + mkdocs-static-i18n build of
the same sources (``build_plain_site``).

Both are served from one folder by ``host.serve``: the edition under
``SITE_PATH``, the plain build beside it under ``PLAIN_PATH``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]  # the repository: mkdocs.yml, docs/, node_modules/
SITE_PATH = "edition"            # served at http://127.0.0.1:PORT/edition/, like the real host
PLAIN_PATH = "plain"             # the plain Material build, beside it on the same host


def build_site(site_dir: Path, site_url: str, config_file: Path = ROOT / "mkdocs.yml",
               strict: bool = True) -> subprocess.CompletedProcess:
    """``properdocs build`` (as `make build`) of ``config_file`` into ``site_dir`` for ``site_url``."""
    command = [sys.executable, "-m", "properdocs", "build", "--quiet", "-f", str(config_file),
               "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)


def plain_config(site_url: str) -> dict:
    """mkdocs.yml reduced to what a plain Material + mkdocs-static-i18n site has:
    the same sources, nav, plugins and Markdown extensions; Material's defaults
    for the theme (Google Fonts included); no hooks, overrides, extra CSS or JS."""
    from mkdocs.utils.yaml import get_yaml_loader

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml.load(f, Loader=get_yaml_loader())
    plain = {key: config[key] for key in ("site_name", "site_description", "nav", "exclude_docs",
                                          "markdown_extensions", "plugins") if key in config}
    return {**plain, "site_url": site_url, "docs_dir": str(ROOT / config.get("docs_dir", "docs")),
            "theme": {"name": "material", "language": config["theme"].get("language", "en")}}


def build_plain_site(site_dir: Path, site_url: str) -> subprocess.CompletedProcess:
    """The plain build (``plain_config``) of the same sources, not strict."""
    config_file = site_dir.parent / "mkdocs-plain.yml"
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text(yaml.safe_dump(plain_config(site_url), allow_unicode=True), encoding="utf-8")
    return build_site(site_dir, site_url, config_file, strict=False)
