"""What the edition knows of its languages.

Runs of the other language inside a page's HTML get their own ``lang``
(``mark_languages``; ``language_runs`` cuts a plain text so for a template),
and sentences are joined as each language joins them (``sentence_separator``).

Japanese quoted on an English page is typeset (and read aloud) as Japanese,
and an English phrase inside Japanese text as English. ``mark_languages``
works in place on a parsed page, so a page is parsed once.

"""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag

# A Japanese phrase: Han, kana, CJK and full-width punctuation, with the Latin
# or Cyrillic letters that stand inside it ("ドナルド・J・トランプ", "ロジстиクス").
_JA = r"[\u2015\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_JAPANESE_RUN = re.compile(rf"{_JA}(?:[\u2026A-Za-z0-9.\u0400-\u04ff]*{_JA})*\u2026?")
# An English phrase inside Japanese text: two or more Latin words.
_ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z0-9.,'\"/-]*(?:[ ]+[A-Za-z0-9.,'\"/-]+)+")
_SKIP = {"code", "pre", "script", "style"}
# Written without spaces between sentences (and words).
_NO_SPACES = ("ja", "zh", "ko")


# How a sentence ends, by language: its full stop, then closing quotes or brackets.
SENTENCE_ENDS = {
    "en": (re.compile(r"[.!?][\"'”’)\]]*$"), "an English sentence ends (with . ? or !)"),
    "ja": (re.compile(r"[。！？][」』）)]*$"), "a Japanese sentence ends (with 。)"),
}


def sentence_separator(lang: str) -> str:
    """What stands between two sentences of ``lang``: a space, or nothing in Japanese."""
    return "" if lang.split("-")[0] in _NO_SPACES else " "


def language_runs(text: str, lang: str) -> list[tuple[str, str | None]]:
    """``text`` of a ``lang`` page cut into runs: (run, None) in ``lang``,
    (run, other) for a run of the other language: Japanese in a language
    written with spaces, English in one written without."""
    other, pattern = ("ja", _JAPANESE_RUN) if sentence_separator(lang) else ("en", _ENGLISH_RUN)
    runs, last = [], 0
    for match in pattern.finditer(text):
        runs += [(text[last:match.start()], None), (match.group(0), other)]
        last = match.end()
    runs.append((text[last:], None))
    return [(run, language) for run, language in runs if run]


def mark_languages(root: Tag, lang: str) -> None:
    """Wrap runs of the other language in ``<span lang=…>``, in place (the
    runs of ``language_runs``)."""
    for text in list(root.find_all(string=True)):
        if type(text) is not NavigableString:  # comments, doctypes: not text
            continue
        if any(p.name in _SKIP or p.get("lang") for p in text.parents if p.name):
            continue
        runs = language_runs(str(text), lang)
        if any(language for _, language in runs):
            pieces = []
            for run, language in runs:
                if language:
                    span = Tag(name="span", attrs={"lang": language})
                    span.string = run
                    run = span
                pieces.append(run)
            text.replace_with(*pieces)
