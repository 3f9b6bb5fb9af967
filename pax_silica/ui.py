"""The interface's strings, one file per language: pax_silica/strings/<lang>.yml.

Read by the build (which hands them to every template as ``ui``), the views
and the exports; every language must have the same keys.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from pax_silica.settings import FAST_LOADER, SourceError

STRINGS = Path(__file__).resolve().parent / "strings"


def read_strings(folder: Path, languages: list[str]) -> dict[str, dict]:
    """{lang: strings}; ``SourceError`` for a missing file, bad YAML or keys
    that one language has and another lacks."""
    strings = {}
    for lang in languages:
        path = folder / f"{lang}.yml"
        try:
            strings[lang] = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER) or {}
        except OSError as e:
            raise SourceError(f"{path}: cannot read the interface strings: {e.strerror}")
        except yaml.YAMLError as e:
            raise SourceError(f"{path}: invalid YAML: {e}")
    reference = languages[0]
    for lang in languages[1:]:
        for missing, have in ((keys(strings[reference]) - keys(strings[lang]), reference),
                              (keys(strings[lang]) - keys(strings[reference]), lang)):
            if missing:
                lacking = lang if have == reference else reference
                raise SourceError(f"{folder / f'{lacking}.yml'}: no {', '.join(sorted(missing))} "
                                  f"(a string {folder / f'{have}.yml'} has)")
    return strings


def keys(strings: dict, prefix: str = "") -> set[str]:
    """Every key, nested ones as a.b (the language names of ``columns`` excepted)."""
    found = set()
    for key, value in strings.items():
        if isinstance(value, dict) and key not in ("columns", "open", "open_label"):
            found |= keys(value, f"{prefix}{key}.")
        else:
            found.add(prefix + key)
    return found


def long_date(date: datetime.date, ui: dict) -> str:
    """'12 December 2025', '2025年12月12日'."""
    return ui["date"].format(day=date.day, month=date.month, month_name=f"{date:%B}", year=date.year)
