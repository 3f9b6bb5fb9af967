"""A document's facts, in one language: what is shown between its title and
¶ 1 on the page and on the printed first page, and what any other edition of
it (a PDF) states about it.

``facts(edition, doc, lang, ui)`` gives its title, the place and date of
signature, its signatories (with the note saying when the list is that of the
signing only), the status of the text in that language (the original, or the
Government of Japan's provisional translation) and where these facts are
published (the press release of the Ministry of Foreign Affairs of Japan);
for the document whose status the register keeps (docs/signatories.yml:
pax_silica.status), how many have signed it since, as at the register's
date, with a link to its status page. Everything comes from the document's entry in docs/commitments.yml and the
interface strings (pax_silica/strings/<lang>.yml); nothing here is invented.

``check_prose`` holds the edition's own pages (home, notes, about:
``PROSE_WITH_FACTS``) to the same data: every date they write is one of docs/commitments.yml's, and a
line that links to a document page and names its signatories or counts its
paragraphs names them all and counts them right.
"""

from __future__ import annotations

import calendar
import datetime
import re

from pax_silica import urls
from pax_silica.model import Edition
from pax_silica.status import since as signed_since
from pax_silica.ui import long_date


def facts(edition: Edition, doc: str, lang: str, ui: dict) -> dict:
    """The facts of ``doc`` in ``lang``, as strings ready to show, and as
    rows (label, text) in the order the page shows them."""
    about, document = edition.about(doc), edition.documents[doc][lang]
    signed, source = about["signed"], about["source"]
    date, place = long_date(signed["date"], ui), signed["place"][lang]
    signatories = [name[lang] for name in about["signatories"]]
    note = (about.get("signatories_note") or {}).get(lang)
    original = lang == edition.original
    status = ui["facts_original"] if original else ui["provisional_note"]
    source_text = ui["facts_source_text"].format(publisher=source["publisher"][lang], kind=source["kind"][lang],
                                                 date=long_date(source["date"], ui))
    in_language = "" if source["language"] == lang else \
        ui["facts_in_language"].format(language=ui["language_names"][source["language"]])
    return {
        "title": document.title.text,
        "date": signed["date"], "date_text": date, "place": place,
        "signed": ui["facts_signed_text"].format(date=date, place=place),
        "signatories": signatories,
        "signatories_text": ui["author_separator"].join(signatories),
        "signatories_note": note,
        "since": since_from(edition, doc, lang, ui, document.url),    # "N more since (as at DATE)", or None
        "original": original,
        "status": status,
        "source": {"text": source_text, "in_language": in_language, "url": source["url"], "lang": source["language"]},
        "labels": {key: ui[f"facts_{key}"] for key in ("signed", "signatories", "status", "source")},
    }


def since_from(edition: Edition, doc: str, lang: str, ui: dict, here: str) -> dict | None:
    """How many have signed ``doc`` since its signing, with a link to its
    status from the page at ``here`` (None: no one, or no register)."""
    later = signed_since(edition, doc, lang, ui)
    return later and {**later, "href": urls.relative(later["url"], here)}


def names(items: list[str], ui: dict) -> str:
    """'Japan, United States and Australia'; '日本、米国、豪州'."""
    if len(items) < 2:
        return "".join(items)
    return ui["facts_separator"].join(items[:-1]) + ui["facts_last_separator"] + items[-1]


def fact_sentences(edition: Edition, doc: str, lang: str, ui: dict, note: bool = True, since: bool = True) -> list[str]:
    """The same facts as sentences, for what is set as running text (a
    PDF's first page, a link-preview card): where and when, by whom, then
    the note on the signatories (unless ``note`` is false), then how many
    have signed since, if any (unless ``since`` is false: a PDF sets it
    with its link, ``facts(…)["since"]``)."""
    known = facts(edition, doc, lang, ui)
    sentences = [ui["facts_signed_sentence"].format(place=known["place"], date=known["date_text"]),
                 ui["facts_signatories_sentence"].format(signatories=names(known["signatories"], ui))]
    if note and known["signatories_note"]:
        sentences.append(known["signatories_note"])
    if since and known["since"]:
        sentences.append(ui["facts_since_sentence"].format(since=known["since"]["text"]))
    return sentences


# The edition's own pages that state the documents' facts in prose.
PROSE_WITH_FACTS = ("index.md", "notes.md", "about.md")


def date_pattern(ui: dict) -> re.Pattern:
    """A date as ``ui["date"]`` writes it: 12 December 2025, 2025年12月12日."""
    fields = {"day": r"(?P<day>\d{1,2})", "month": r"(?P<month>\d{1,2})", "year": r"(?P<year>\d{4})",
              "month_name": "(?P<month_name>" + "|".join(calendar.month_name[1:]) + ")"}
    return re.compile(re.sub(r"\\\{(\w+)\\\}", lambda m: fields[m.group(1)], re.escape(ui["date"])))


def count_pattern(ui: dict) -> re.Pattern:
    return re.compile(re.escape(ui["paragraph_count"]).replace(r"\{count\}", r"(?P<count>\w+)"), re.IGNORECASE)


def check_prose(edition: Edition, strings: dict[str, dict], report) -> None:
    """The facts the edition's own pages state in prose, against the data
    (``report``: PATH:LINE:COL for each that disagrees)."""
    known = {}
    for doc in edition.documents:
        about = edition.about(doc)
        known.update({about["signed"]["date"]: f"{doc} signed", about["source"]["date"]: f"{doc}'s source"})
    for lang, pages in edition.pages.items():
        ui = strings[lang]
        dates, counts = date_pattern(ui), count_pattern(ui)
        words = [str(w).casefold() for w in ui["number_words"]]
        shown = ", ".join(long_date(d, ui) for d in sorted(known))
        for page in pages.values():
            if page.source not in PROSE_WITH_FACTS:
                continue
            for number, line in enumerate(page.text.split("\n"), 1):
                for match in dates.finditer(line):
                    written = match.groupdict()
                    month = written.get("month") or list(calendar.month_name).index(written["month_name"])
                    try:
                        date = datetime.date(int(written["year"]), int(month), int(written["day"]))
                    except ValueError:
                        date = None
                    if date not in known:
                        report.add(page.path, number, match.start() + 1, f"{match.group(0)} is no date of "
                                   f"{edition.data.path} ({shown}): correct the date, or the data")
                for doc, docs in edition.documents.items():
                    if lang not in docs or f"]({docs[lang].page.source})" not in line:
                        continue
                    check_line_facts(edition, doc, lang, page.path, number, line, counts, words, report)


def check_line_facts(edition, doc, lang, path, number, line, counts, words, report) -> None:
    """A line that links to ``doc``'s page: the paragraphs it counts, the signatories it names."""
    paragraphs = len(edition.documents[doc][lang].paragraphs())
    for match in counts.finditer(line):
        count = match.group("count").casefold()
        stated = int(count) if count.isdigit() else words.index(count) if count in words else None
        if stated != paragraphs:
            report.add(path, number, match.start() + 1, f"{match.group(0)!r}: {doc} has {paragraphs} numbered "
                                                        f"paragraphs ({edition.documents[doc][lang].page.path})")
    names = [name[lang] for name in edition.about(doc)["signatories"]]
    named = [name for name in names if name in line]
    if 1 < len(named) < len(names):      # a list of them (one name alone may be a word: 日本語)
        missing = [name for name in names if name not in named]
        report.add(path, number, line.index(named[0]) + 1, f"names {doc}'s signatories without "
                                                           f"{', '.join(missing)} ({edition.data.path})")
