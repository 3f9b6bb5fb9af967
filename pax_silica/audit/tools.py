"""The audit's npm tools, at the exact versions of package.json and
package-lock.json, installed in node_modules/ by ``npm ci`` (``make audit``,
``make test``): axe-core, the Nu HTML Checker (vnu-jar, run with Java) and
Lighthouse (run with Node)."""

from __future__ import annotations

import json
from pathlib import Path

from pax_silica.audit.builds import ROOT

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"
AXE_JS = NODE_MODULES / "axe-core/axe.min.js"
LIGHTHOUSE = NODE_MODULES / "lighthouse/cli/index.js"
TOOLS = (VNU_JAR, AXE_JS, LIGHTHOUSE)


def missing_tools() -> list[Path]:
    """The tools that are not installed."""
    return [tool for tool in TOOLS if not tool.exists()]


def package_version(name: str) -> str:
    """The installed version of the npm package ``name``, or '?'."""
    try:
        return json.loads((NODE_MODULES / name / "package.json").read_text())["version"]
    except OSError:
        return "?"
