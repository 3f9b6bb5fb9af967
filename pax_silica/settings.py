"""What the model needs from the site's configuration, read without MkDocs.

``Settings`` holds the languages (the original first), the Markdown
extensions with their options, the site's URL, the docs folder, the
configuration file, the site's name in every language and the repository
(where to report an error). The build makes it from MkDocs' loaded
configuration (overrides/hooks/edition.py);
scripts and tests read it from mkdocs.yml with ``read_settings``, which
understands the one MkDocs tag the file uses (``!ENV``) and adds the Markdown
extensions MkDocs always adds, so a page is rendered here as on the site.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# libyaml's loader where PyYAML has it (about 20 times faster), else PyYAML's own.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# MkDocs' MarkdownExtensions option always adds these (mkdocs/config/defaults.py).
BUILTIN_EXTENSIONS = ["toc", "tables", "fenced_code"]


def build_time() -> datetime.datetime:
    """The build's date and time, in UTC: ``SOURCE_DATE_EPOCH`` when set (the
    Makefile sets it to the last commit's time, so builds are reproducible),
    else the start of today, the day MkDocs dates its sitemap with (two builds
    of one day are the same)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    return datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.timezone.utc)


class SourceError(Exception):
    """A source the edition cannot read; the message names the file (and line)."""


@dataclass
class Settings:
    languages: list[str]                     # the original first
    extensions: list = field(default_factory=list)
    extension_configs: dict = field(default_factory=dict)
    site_url: str = "/"
    docs_dir: Path = Path("docs")
    config_file: Path = Path("mkdocs.yml")
    site_names: dict[str, str] = field(default_factory=dict)   # lang -> the site's name in it
    repository: str | None = None                              # extra.repository


class _ConfigLoader(yaml.SafeLoader):
    """YAML with MkDocs' ``!ENV`` tag: ``!ENV VAR`` or ``!ENV [VAR, …, default]``."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    items = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    for name in items[:-1] if len(items) > 1 else items:
        if name in os.environ:
            return os.environ[name]
    return items[-1] if len(items) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env)


def config_nodes(config_file: Path) -> yaml.Node | None:
    """mkdocs.yml as YAML nodes, which know their lines (None if unreadable:
    ``read_settings`` says why)."""
    try:
        return yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def read_settings(config_file: Path) -> Settings:
    """Settings from mkdocs.yml; ``SourceError`` when it cannot be read."""
    try:
        with open(config_file, "rb") as f:
            config = yaml.load(f, Loader=_ConfigLoader) or {}
    except OSError as e:
        raise SourceError(f"{config_file}: cannot read the MkDocs configuration: {e.strerror}")
    except yaml.YAMLError as e:
        raise SourceError(f"{config_file}: invalid MkDocs configuration: {e}")
    extensions, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        extensions.append(name)
        if options:
            configs[name] = options
    extensions += [name for name in BUILTIN_EXTENSIONS if name not in extensions]
    languages, names = ["en", "ja"], {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            listed = sorted((plugin["i18n"] or {}).get("languages") or [], key=lambda l: not l.get("default"))
            languages = [l["locale"] for l in listed if l.get("build", True)] or languages
            names = {l["locale"]: l.get("site_name") for l in listed}
    docs_dir = config_file.parent / config.get("docs_dir", "docs")
    return Settings(languages, extensions, configs, config.get("site_url") or "/", docs_dir, config_file,
                    {lang: names.get(lang) or config.get("site_name", "") for lang in languages},
                    (config.get("extra") or {}).get("repository"))


def repeated_key(node) -> yaml.Node | None:
    """The first key written twice in one mapping of a composed YAML document
    (YAML loaders keep the last one silently), or None."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in seen:
                return key
            seen.add(getattr(key, "value", None) if isinstance(key, yaml.ScalarNode) else id(key))
            found = repeated_key(value)
            if found is not None:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found = repeated_key(item)
            if found is not None:
                return found
    return None


def refuse_repeated_keys(node, shown) -> None:
    """``SourceError`` at the line of a key written twice in one mapping."""
    key = repeated_key(node)
    if key is not None:
        mark = key.start_mark
        raise SourceError(f"{shown}:{mark.line + 1}:{mark.column + 1}: {key.value!r} is written twice in the "
                          f"same mapping (the last one would silently win): keep one")
