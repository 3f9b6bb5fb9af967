"""The Declaration's status, as the edition publishes it (the register:
pax_silica.register).

- ``page_view``: the status page (overrides/edition/status.html, on the page
  whose front matter says ``status: true``): the count and the "as at" date
  in its first sentence, the timeline (pax_silica.timeline), the signings in
  date order (one row per participant, its id the participant's key, the
  same in every language, with a copy-link button), those that take part
  without signing, the notes, the sources with their words, the data files.
- ``since``: what a document's facts say after its signatories: "N more
  since (as at DATE)", linking to the page (pax_silica.facts).
- ``export``: the register in pax-silica.json (``status``).
- ``csv_file``: the register as CSV, both languages in one file.
- ``files``: every file the status adds to the site: the CSV, the timelines
  as SVG and the Atom feeds (pax_silica.feed).
"""

from __future__ import annotations

import csv
import datetime
import io

from pax_silica import feed, register, timeline, urls
from pax_silica.model import Edition
from pax_silica.register import Participant, Register
from pax_silica.ui import long_date

STATUS_PAGE = "status/"
CSV_FILE = "downloads/pax-silica-declaration-status.csv"
TIMELINE_FILE = "downloads/pax-silica-declaration-timeline.{lang}.svg"


def page_url(edition: Edition, lang: str, key: str | None = None) -> str:
    """The status page in ``lang`` (site-relative), at a participant's row."""
    return edition.url(lang, STATUS_PAGE) + (f"#{key}" if key else "")


def since(edition: Edition, doc: str, lang: str, ui: dict) -> dict | None:
    """"N more since (as at DATE)" for the document whose status the register
    is, with the status page's URL (site-relative and absolute); None for
    any other document, or when no one has signed since."""
    found = register.read(edition)
    signed = (edition.about(doc).get("signed") or {}).get("date")
    if found is None or found.document != doc or not signed or found.as_at is None:
        return None
    later = found.since(signed)
    if not later:
        return None
    text = ui["status_since"].format(count=len(later), date=long_date(found.as_at, ui))
    return {"text": text, "count": len(later), "url": page_url(edition, lang),
            "absolute": edition.absolute(page_url(edition, lang))}


def source_links(found: Register, keys: list[str], lang: str, here: str, ui: dict) -> list[dict]:
    """Each source as the page links it: its publisher and date, "press
    report" where it is one, and its place in the page's list of sources."""
    links = []
    for key in keys:
        source = found.sources[key]
        links.append({"href": source.url, "hreflang": source.language, "key": key,
                      "text": feed.source_text(source, lang, ui),
                      "press": ui["status_press"] if source.kind == "press" else ""})
    return links


def _or_unknown(value: dict | None, lang: str, ui: dict) -> dict:
    return {"text": value[lang], "known": True} if value else {"text": ui["status_not_stated"], "known": False}


def row(edition: Edition, found: Register, p: Participant, lang: str, here: str, ui: dict) -> dict:
    url = edition.absolute(page_url(edition, lang, p.key))
    name = p.name[lang]
    return {"id": p.key, "name": name, "iso": p.iso,
            "date": {"text": long_date(p.date, ui), "known": True, "iso": p.date.isoformat()} if p.date else
            _or_unknown(None, lang, ui),
            "place": _or_unknown(p.place, lang, ui), "by": _or_unknown(p.by, lang, ui),
            "role": p.role.get(lang) if p.role else None,
            "sources": source_links(found, p.sources, lang, here, ui),
            "copy_label": ui["status_copy_label"].format(name=name),
            "citation": ui["status_citation"].format(name=name, url=url),
            "link_label": ui["status_row_label"].format(name=name)}


def newest_source(found: Register, ui: dict) -> str:
    """What the register's "as at" date cannot say alone: how recent its
    newest dated source is (a signing reported only later is not in it)."""
    dates = [s.date for s in found.sources.values() if s.date]
    return ui["status_newest_source"].format(date=long_date(max(dates), ui), as_at=long_date(found.as_at, ui)) if dates else ""


def page_view(edition: Edition, lang: str, here: str, ui: dict, site_names: dict[str, str] | None = None) -> dict:
    found = register.read(edition)
    document = edition.documents[found.document][lang]
    signed = edition.about(found.document)["signed"]
    signings = found.signings()
    first = [p for p in signings if p.date == signed["date"]]
    from pax_silica.facts import names as listed     # (facts asks this module how many signed since)

    later = [p.name[lang] for p in signings if p not in first]
    lead = ui["status_lead" if later else "status_lead_first_only"].format(
        date=long_date(found.as_at, ui), count=len(signings), title=document.title.text, first=len(first),
        later=len(later), names=listed(later, ui), signed=long_date(signed["date"], ui), place=signed["place"][lang])
    names = {p.key: p.name[lang] for p in found.participants}
    notes = [{"about": [{"href": f"#{key}", "text": names[key]} for key in note.about],
              "text": note.text[lang], "sources": source_links(found, note.sources, lang, here, ui)}
             for note in found.notes]
    sources = [{"id": f"source-{s.key}", "title": s.title, "lang": s.language, "url": s.url,
                "publisher": s.publisher[lang], "date": long_date(s.date, ui) if s.date else ui["status_undated"],
                "kind": ui["status_kinds"][s.kind], "quote": s.quote.strip()}
               for s in sorted(found.sources.values(), key=lambda s: (s.date is None, s.date or datetime.date.min, s.key))]
    steps = timeline.steps(found)
    toc = [{"level": 2, "id": key, "name": ui[f"status_{key.replace('-', '_')}"], "children": []}
           for key in ("signings", "taking-part", "notes", "sources", "data")
           if key not in ("taking-part", "notes") or (found.taking_part() if key == "taking-part" else found.notes)]
    data = [{"href": urls.relative(CSV_FILE, here), "text": ui["status_csv"], "type": "text/csv", "download": True},
            {"href": urls.relative(urls.EXPORT_FILE, here), "text": ui["status_json"], "type": "application/json"},
            {"href": urls.relative(TIMELINE_FILE.format(lang=lang), here), "text": ui["status_svg"],
             "type": "image/svg+xml"},
            {"href": urls.relative(feed.feed_path(edition, lang), here), "text": ui["status_feed"],
             "type": "application/atom+xml"}]
    return {
        "lead": lead, "policy": ui["status_policy"] + newest_source(found, ui),
        "timeline": {"svg": timeline.svg(steps, lang, ui, standalone=False, left_out=timeline.undated(found, lang)),
                     "caption": timeline.caption(steps, ui, timeline.undated(found, lang), lang)},
        "signings": [row(edition, found, p, lang, here, ui) for p in signings],
        "taking_part": [row(edition, found, p, lang, here, ui) for p in found.taking_part()],
        "notes": notes, "sources_list": sources, "data": data, "toc": toc,
        "ids": [p.key for p in found.participants] + [s["id"] for s in sources] + [t["id"] for t in toc] + ["timeline"],
    }


def export(edition: Edition) -> dict:
    """The register in pax-silica.json: ISO dates, keys, sources (None when there is no register)."""
    found = register.read(edition)
    if found is None:
        return {}

    def participant(p: Participant) -> dict:
        entry = {"key": p.key, "iso": p.iso, "name": p.name,
                 "url": {lang: edition.absolute(page_url(edition, lang, p.key)) for lang in edition.languages}}
        if p.signed:
            entry["signed"] = {"date": p.date.isoformat() if p.date else None, "place": p.place, "by": p.by}
        else:
            entry["takes_part"] = {"as": p.role}
        return {**entry, "sources": p.sources}

    return {"status": {
        "document": found.document, "as_at": found.as_at.isoformat(),
        "url": {lang: edition.absolute(page_url(edition, lang)) for lang in edition.languages},
        "signatories": len(found.signings()),
        "signings": [participant(p) for p in found.signings()],
        "taking_part": [participant(p) for p in found.taking_part()],
        "notes": [{"about": n.about, "text": n.text, "sources": n.sources} for n in found.notes],
        "sources": {s.key: {"title": s.title, "publisher": s.publisher, "date": s.date.isoformat() if s.date else None, "url": s.url,
                            "language": s.language, "kind": s.kind, "quote": s.quote.strip()}
                    for s in found.sources.values()},
    }}


CSV_COLUMNS = ["key", "iso", "name_{lang}", "status", "date", "place_{lang}", "signed_by_{lang}", "takes_part_as_{lang}",
               "sources", "source_urls", "source_kinds"]


def csv_file(edition: Edition) -> str:
    """One row per participant, signings in date order first: both
    languages' names, places and signers side by side; an empty cell where
    the sources do not say. UTF-8 with a byte-order mark (spreadsheets
    then read the Japanese as Japanese), CRLF line ends (RFC 4180)."""
    found = register.read(edition)
    columns = []
    for column in CSV_COLUMNS:
        columns += [column.format(lang=lang) for lang in edition.languages] if "{lang}" in column else [column]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for p in found.signings() + found.taking_part():
        values = {"key": p.key, "iso": p.iso or "", "status": "signed" if p.signed else "takes part",
                  "date": p.date.isoformat() if p.date else "",
                  "sources": " ".join(p.sources), "source_urls": " ".join(found.sources[k].url for k in p.sources),
                  "source_kinds": " ".join(found.sources[k].kind for k in p.sources)}
        for lang in edition.languages:
            values |= {f"name_{lang}": p.name[lang], f"place_{lang}": (p.place or {}).get(lang, ""),
                       f"signed_by_{lang}": (p.by or {}).get(lang, ""), f"takes_part_as_{lang}": (p.role or {}).get(lang, "")}
        writer.writerow([values[c] for c in columns])
    return "\ufeff" + out.getvalue()


def files(edition: Edition, strings: dict[str, dict], site_names: dict[str, str]) -> dict[str, str]:
    """{site-relative path: content} of every file of the status (none without a register)."""
    found = register.read(edition)
    if found is None:
        return {}
    made = {CSV_FILE: csv_file(edition)}      # made once per build: pax_silica.build keeps them
    steps = timeline.steps(found)
    for lang in edition.languages:
        made[TIMELINE_FILE.format(lang=lang)] = timeline.svg(steps, lang, strings[lang], standalone=True,
                                                             left_out=timeline.undated(found, lang))
    return made | feed.feeds(edition, strings, site_names)
