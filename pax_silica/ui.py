"""The interface's strings, one file per language: pax_silica/strings/<lang>.yml.

Read by the build (which hands them to every template as ``ui``), the views
and the exports; every language must have the same keys.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from pax_silica.settings import FAST_LOADER, SourceError, refuse_repeated_keys

STRINGS = Path(__file__).resolve().parent / "strings"


# Strings that name each language of the edition, keyed by language: every
# strings file has one entry per language built.
BY_LANGUAGE = ("columns", "language_names")


def read_strings(folder: Path, languages: list[str], shown: Path | None = None) -> dict[str, dict]:
    """{lang: strings}; ``SourceError`` (one line, naming the file and, where
    it can, the line) for a missing file, bad YAML, keys that one language has
    and another lacks, or a language the keyed strings (BY_LANGUAGE) leave
    out. Messages name the folder as ``shown`` (e.g. relative to the project)."""
    shown = shown or folder
    strings, lines = {}, {}
    for lang in languages:
        path = shown / f"{lang}.yml"
        if not (folder / f"{lang}.yml").is_file():
            raise SourceError(f"{path}: no interface strings for {lang}, a language mkdocs.yml builds: "
                              f"copy {shown / f'{languages[0]}.yml'} to it and translate every string")
        try:
            text = (folder / f"{lang}.yml").read_text(encoding="utf-8")
            node = yaml.compose(text, Loader=FAST_LOADER)
            strings[lang] = yaml.load(text, Loader=FAST_LOADER) or {}
        except OSError as e:
            raise SourceError(f"{path}: cannot read the interface strings: {e.strerror}")
        except UnicodeDecodeError as e:
            raise SourceError(f"{path}: invalid UTF-8 at byte offset {e.start}")
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
            raise SourceError(f"{path}:{where}: invalid YAML: {getattr(e, 'problem', None) or e}")
        if not isinstance(strings[lang], dict):
            raise SourceError(f"{path}:1:1: expected a mapping of string names to strings")
        refuse_repeated_keys(node, path)
        lines[lang] = {k.value: k.start_mark.line + 1 for k, _ in (node.value if node is not None else [])}
    reference = languages[0]
    for lang in languages[1:]:
        for missing, have in ((keys(strings[reference]) - keys(strings[lang]), reference),
                              (keys(strings[lang]) - keys(strings[reference]), lang)):
            if missing:
                lacking = lang if have == reference else reference
                raise SourceError(f"{shown / f'{lacking}.yml'}: no {', '.join(sorted(missing))} "
                                  f"(a string {shown / f'{have}.yml'} has)")
    for lang in languages:
        for key in BY_LANGUAGE:
            named = strings[lang].get(key) if isinstance(strings[lang].get(key), dict) else {}
            missing = [l for l in languages if not named.get(l)]
            if missing:
                raise SourceError(f"{shown / f'{lang}.yml'}:{lines[lang].get(key, 1)}:1: {key} names no "
                                  f"{', '.join(missing)}: give every language built its name in this language")
    for lang in languages:
        for key, locale in (strings[lang].get("locale") or {}).items():
            if not re.fullmatch(rf"{re.escape(lang)}[-_][A-Z]{{2}}", str(locale)):
                raise SourceError(f"{shown / f'{lang}.yml'}:{lines[lang].get('locale', 1)}:1: locale.{key} {locale!r} is "
                                  f"not a locale of {lang} ({lang}_XX or {lang}-XX, XX its region): write this language's")
    return strings


def keys(strings: dict, prefix: str = "") -> set[str]:
    """Every key, nested ones as a.b (those of the keyed strings, BY_LANGUAGE, excepted)."""
    found = set()
    for key, value in strings.items():
        if isinstance(value, dict) and key not in BY_LANGUAGE:
            found |= keys(value, f"{prefix}{key}.")
        else:
            found.add(prefix + key)
    return found


def long_date(date: datetime.date, ui: dict) -> str:
    """'12 December 2025', '2025年12月12日'."""
    return ui["date"].format(day=date.day, month=date.month, month_name=f"{date:%B}", year=date.year)
