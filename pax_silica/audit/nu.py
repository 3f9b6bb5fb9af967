"""The HTML check: the Nu HTML Checker (vnu.jar, run with Java) on every
built HTML page; an error is a problem, a warning is only reported."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pax_silica.audit.tools import VNU_JAR


def check_html(site_dir: Path, vnu_jar: Path = VNU_JAR) -> tuple[list[str], list[str]]:
    """Errors of the Nu HTML Checker on every HTML page, and its warnings."""
    files = sorted(str(f) for f in site_dir.rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(vnu_jar), "--format", "json", "--exit-zero-always", *files],
                            capture_output=True, text=True)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        return [f"vnu.jar did not report: {result.stderr[-2000:]}"], []
    problems, warnings = [], []
    for m in messages:
        if m.get("type") == "info" and m.get("subType") != "warning":
            continue
        where = Path(unquote(urlsplit(m.get("url", "")).path))
        where = where.relative_to(site_dir) if where.is_relative_to(site_dir) else where
        line = (f"{where.as_posix()}:{m.get('lastLine', '?')}:{m.get('firstColumn', m.get('lastColumn', '?'))}:"
                f" {m.get('message')} [{' '.join((m.get('extract') or '').split())[:100]}]")
        (warnings if m.get("type") == "info" else problems).append(line)
    return problems, warnings
