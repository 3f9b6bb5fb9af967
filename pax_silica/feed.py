"""The edition's Atom feeds (RFC 4287), one per language: /feed.atom, /ja/feed.atom.

An entry for every signing of the register (pax_silica.register), every
correction of the texts (the table under "Corrections" in the notes,
docs/<lang>/notes.md) and every output of the edition (docs/changes.yml).
Each entry's id is a tag: URI (RFC 4151) that never changes
(``tag:pax-silica.github.io,2026-11-24:signing/ae``), its dates come from the
data (a signing's day, else its first source's; a correction's or output's
day in docs/changes.yml), never from the clock, and its link is absolute
(``…/status/#ae``). Every page announces its language's feed
(``<link rel="alternate" type="application/atom+xml">``, overrides/main.html).
``check`` reports what docs/changes.yml lacks or has too many of.
"""

from __future__ import annotations

import datetime
import posixpath
from pathlib import Path
from xml.etree import ElementTree as ET

from bs4 import BeautifulSoup

from pax_silica import register, urls
from pax_silica.model import Data, Edition, html_of, read_data
from pax_silica.settings import SourceError
from pax_silica.ui import long_date

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.atom"
CHANGES_FILE = "changes.yml"
NOTES = "notes.md"


def feed_path(edition: Edition, lang: str) -> str:
    return edition.url(lang, FEED_FILE)


def changes(edition: Edition) -> Data | None:
    """docs/changes.yml (None when missing; ``SourceError`` when unreadable)."""
    real = Path(edition.settings.docs_dir) / CHANGES_FILE
    if not real.is_file():
        return None
    shown = edition.data.path.with_name(CHANGES_FILE) if edition.data else real
    return read_data(real, shown, "tag, corrections and outputs")


def corrections(edition: Edition, lang: str) -> list[dict]:
    """The corrections table of the notes in ``lang``: [{number, where, href
    (site-relative), cells}], as the page renders it."""
    page = edition.pages.get(lang, {}).get(NOTES)
    if page is None:
        return []
    soup = BeautifulSoup(html_of(page, edition.settings), "html.parser")
    heading = soup.find(id="corrections")
    table = heading.find_next("table") if heading else None
    found = []
    for tr in table.find("tbody").find_all("tr") if table and table.find("tbody") else []:
        cells = [" ".join(td.get_text().split()) for td in tr.find_all("td")]   # as read, runs of space as one
        link = tr.find_all("td")[1].find("a", href=True) if len(cells) > 1 else None
        if cells and cells[0].isdigit():
            found.append({"number": int(cells[0]), "cells": cells,
                          "href": resolve(link["href"], page.source, page.url, lang, edition) if link else page.url})
    return found


def resolve(href: str, source: str, here: str, lang: str, edition: Edition) -> str:
    """A link of a Markdown page (``joint-statement.md#p1``, ``../../declaration/#p5``) as a site-relative URL."""
    path, _, fragment = href.partition("#")
    if path.endswith(".md"):
        url = urls.page_url(lang, posixpath.normpath(posixpath.join(posixpath.dirname(source), path)), edition.original)
    else:
        url = posixpath.normpath(posixpath.join(here, path)).lstrip("./") + ("/" if path.endswith("/") else "")
    return url + (f"#{fragment}" if fragment else "")


def source_text(source, lang: str, ui: dict) -> str:
    """"U.S. Department of State, 14 January 2026"; "Aletihad, undated"."""
    date = long_date(source.date, ui) if source.date else ui["status_undated"]
    return ui["status_source_link"].format(publisher=source.publisher[lang], date=date)


def timestamp(date: datetime.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def entries(edition: Edition, lang: str, ui: dict, data: Data) -> list[dict]:
    """Every entry of the feed in ``lang``, newest first."""
    tag, found = data.values["tag"], []
    status = register.read(edition)
    if status is not None:
        title = edition.documents[status.document][lang].title.text
        for p in status.signings():
            sources = [status.sources[k] for k in p.sources]
            day = p.date or min((s.date for s in sources if s.date), default=status.as_at)   # when it was first reported
            said = ui["feed_signing_summary"].format(
                date=long_date(p.date, ui) if p.date else ui["status_not_stated"],
                place=(p.place or {}).get(lang, ui["status_not_stated"]), by=(p.by or {}).get(lang, ui["status_not_stated"]))
            cited = ui["facts_separator"].join(source_text(s, lang, ui) + (ui["status_press"] if s.kind == "press" else "")
                                               for s in sources)
            found.append({"id": f"tag:{tag}:signing/{p.key}", "date": day, "kind": "signing",
                          "title": ui["feed_signing_title"].format(name=p.name[lang], title=title),
                          "summary": said + ui["feed_sources"].format(sources=cited),
                          "link": edition.absolute(edition.url(lang, "status/") + f"#{p.key}")})
    dates = data.values.get("corrections") or {}
    for row in corrections(edition, lang):
        number, cells = row["number"], row["cells"]
        if not isinstance(dates.get(number), datetime.date):
            continue
        found.append({"id": f"tag:{tag}:correction/{number}", "date": dates[number], "kind": "correction",
                      "title": ui["feed_correction_title"].format(n=number, where=cells[1]),
                      "summary": ui["feed_correction_summary"].format(extraction=cells[2], edition=cells[3], why=cells[4]),
                      "link": edition.absolute(row["href"]),
                      "related": edition.absolute(edition.url(lang, urls.NOTES_PAGE) + "#corrections")})
    for output in data.values.get("outputs") or []:
        url = output["url"]
        page = url == "" or url.endswith("/") or "/#" in url
        found.append({"id": f"tag:{tag}:output/{output['id']}", "date": output["date"], "kind": "output",
                      "title": output["title"][lang], "summary": output["summary"][lang],
                      "link": edition.absolute(edition.url(lang, url) if page else url)})
    return sorted(found, key=lambda e: (e["date"], e["id"]), reverse=True)


def feed(edition: Edition, lang: str, strings: dict[str, dict], site_name: str, data: Data) -> str:
    ui = strings[lang]
    found = entries(edition, lang, ui, data)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})

    def add(parent, name: str, text: str | None = None, **attributes) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
        element.text = text
        return element

    add(root, "id", f"tag:{data.values['tag']}:feed/{lang}")
    add(root, "title", ui["feed_title"].format(site_name=site_name))
    add(root, "subtitle", ui["feed_subtitle"])
    add(root, "updated", timestamp(max(e["date"] for e in found)) if found else timestamp(datetime.date(1970, 1, 1)))
    author = add(root, "author")
    add(author, "name", site_name)
    add(author, "uri", edition.absolute(edition.url(lang, "")))
    add(root, "link", rel="self", type="application/atom+xml", href=edition.absolute(feed_path(edition, lang)))
    add(root, "link", rel="alternate", type="text/html", hreflang=lang, href=edition.absolute(edition.url(lang, "")))
    for other in edition.languages:
        if other != lang:
            add(root, "link", rel="alternate", type="application/atom+xml", hreflang=other,
                href=edition.absolute(feed_path(edition, other)))
    for entry in found:
        element = add(root, "entry")
        add(element, "id", entry["id"])
        add(element, "title", entry["title"])
        add(element, "published", timestamp(entry["date"]))
        add(element, "updated", timestamp(entry["date"]))
        add(element, "link", rel="alternate", type="text/html", hreflang=lang, href=entry["link"])
        if entry.get("related"):
            add(element, "link", rel="related", type="text/html", hreflang=lang, href=entry["related"])
        add(element, "category", term=entry["kind"], label=ui["feed_kinds"][entry["kind"]])
        add(element, "summary", entry["summary"])
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def feeds(edition: Edition, strings: dict[str, dict], site_names: dict[str, str]) -> dict[str, str]:
    """{site-relative path: Atom document} for every language (none without docs/changes.yml)."""
    data = changes(edition)
    if data is None:
        return {}
    return {feed_path(edition, lang): feed(edition, lang, strings, site_names[lang], data) for lang in edition.languages}


def check(edition: Edition, report) -> None:
    """docs/changes.yml: its tag; a date for every correction of the notes in
    every language and for nothing else; each output's id, date, address,
    and title and summary in every language."""
    try:
        data = changes(edition)
    except SourceError as e:
        report.fatal.append(str(e))
        return
    if data is None:
        return

    def add(keys: tuple, message: str) -> None:
        report.add(data.path, *data.position_of(*keys), message)

    values = data.values
    if not (isinstance(values.get("tag"), str) and "," in values["tag"]):
        add(("tag",), "tag must be the feeds' tag: authority and date, e.g. pax-silica.github.io,2026-11-24")
    dates = values.get("corrections") if isinstance(values.get("corrections"), dict) else {}
    for number, date in dates.items():
        if not isinstance(date, datetime.date):
            add(("corrections", number), f"correction {number}: its date must be written YYYY-MM-DD")
    for lang in edition.languages:
        numbers = {row["number"] for row in corrections(edition, lang)}
        path = edition.pages.get(lang, {}).get(NOTES)
        for number in sorted(numbers - set(dates)):
            add(("corrections",), f"correction {number} of {path.path if path else NOTES} has no date here "
                                  f"(the day it was made)")
        for number in sorted(set(dates) - numbers):
            if path is not None:
                add(("corrections", number), f"correction {number} is not in the corrections of {path.path}")
    seen = set()
    for index, output in enumerate(values.get("outputs") or []):
        output = output if isinstance(output, dict) else {}
        where = ("outputs", index)
        name = output.get("id")
        if not (isinstance(name, str) and register.KEY.fullmatch(name)) or name in seen:
            add(where, f"output {index + 1}: id must be a key (lower case, hyphens) given to no other output")
        seen.add(name)
        if not isinstance(output.get("date"), datetime.date):
            add(where, f"output {name}: date must be written YYYY-MM-DD")
        if not isinstance(output.get("url"), str):
            add(where, f"output {name}: url must be the address it leads to (a page of the English site, or a file)")
        for key in ("title", "summary"):
            value = output.get(key) if isinstance(output.get(key), dict) else {}
            missing = [l for l in edition.languages if not (isinstance(value.get(l), str) and value[l].strip())]
            if missing:
                add(where, f"output {name}: {key} has no text in {', '.join(missing)}")
