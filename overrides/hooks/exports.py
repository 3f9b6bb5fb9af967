"""The texts as data and the search index, generated from the sources (texts.py).

- ``pax-silica.json`` at the site root: both documents, titles in both
  languages, place and date of signature, signatories, every paragraph
  with its anchor, number, texts, label, tags and absolute URLs, and the
  signature lines as printed. Its JSON
  Schema is docs/pax-silica.schema.json (published next to it).
- ``downloads/pax-silica-<document>.<lang>.txt``: each document as plain text.
- The search index, one per language: mkdocs-static-i18n merges the entries
  of all languages into /search/search_index.json, so English pages would
  find Japanese pages and load the Japanese segmenter. After the last
  language is built, the index is split into /search/ (English) and
  /ja/search/ (Japanese, ``lang: ja``: Material's worker then loads
  TinySegmenter), and each document page's entry becomes one entry per
  paragraph, located at its anchor, titled with its number and label, so a
  result opens the page at the paragraph. Japanese pages fetch their own
  index because overrides/main.html gives them the base ``<base_url>/ja/``.
  The sections of the generated views (index of commitments) are left out:
  they repeat the documents, and a search should land on the paragraph.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from texts import INDEX_PAGE, PARALLEL_PAGE, TEXT_FILE, in_language, read_edition

SCHEMA = "pax-silica.schema.json"
EXPORT = "pax-silica.json"
TEXT_HEADER = {
    "en": "{title}\nSigned at {place}, {date}. English: the original.\n{url}\n",
    "ja": "{title}\n{date}、{place}で署名。日本国政府による仮訳（正文は英語）。\n{url}\n",
}
SEARCH_TITLE = {"en": "¶ {n} · {label}", "ja": "第{n}段落 · {label}"}


def long_date(date, lang: str) -> str:
    if lang == "ja":
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.day} {date:%B} {date.year}"


def site_names(config) -> dict:
    """The site's name in every language, whichever language is being built."""
    i18n = config.plugins["i18n"]
    default = i18n.original_configs.get("site_name", config.site_name)  # saved when a language overrides it
    if i18n.is_default_language_build:
        default = config.site_name
    return {l.locale: l.site_name or default for l in i18n.config.languages if l.build}


def in_both_languages(docs: dict, anchor: str, site: str) -> dict:
    """The text and absolute URL of one block in every language."""
    return {"text": {lang: d.block(anchor).text for lang, d in docs.items()},
            "url": {lang: urljoin(site, f"{d.url}#{anchor}") for lang, d in docs.items()}}


def export(config) -> dict:
    """The content of pax-silica.json."""
    edition = read_edition(config)
    site, data = config.site_url or "/", edition.data
    documents = []
    for doc, docs in edition.documents.items():
        meta = data["documents"].get(doc, {})
        reference = docs[edition.languages[0]]
        paragraphs = [{
            "anchor": block.anchor,
            "number": block.number,
            **in_both_languages(docs, block.anchor, site),
            "label": edition.label(doc, block.anchor) or {},
            "tags": edition.tags(doc, block.anchor),
        } for block in reference.paragraphs()]
        lines = [{"anchor": block.anchor, **in_both_languages(docs, block.anchor, site)}
                 for block in reference.blocks if block.kind == "signature"]
        signed = meta.get("signed", {})
        documents.append({
            "id": doc,
            "title": {lang: d.title.text for lang, d in docs.items()},
            "url": {lang: urljoin(site, d.url) for lang, d in docs.items()},
            "signed": {"date": signed["date"].isoformat(), "place": signed["place"]} if signed else None,
            "signatories": meta.get("signatories", []),
            "paragraphs": paragraphs,
            "signature_lines": lines,
        })
    return {
        "$schema": urljoin(site, SCHEMA),
        "edition": {"title": site_names(config), "url": site, "original_language": edition.languages[0]},
        "topics": data["topics"],
        "documents": documents,
    }


def plain_text(config, doc: str, lang: str) -> str:
    """One document in one language: a header, then ``[N] text`` per paragraph."""
    edition = read_edition(config)
    document = edition.documents[doc][lang]
    signed = edition.data["documents"].get(doc, {}).get("signed")
    header = TEXT_HEADER[lang].format(
        title=document.title.text, url=urljoin(config.site_url or "/", document.url),
        date=long_date(signed["date"], lang) if signed else "", place=signed["place"][lang] if signed else "")
    lines = [header]
    for block in document.blocks[1:]:
        lines.append(f"[{block.number}] {block.text}" if block.number else block.text)
    return "\n\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files, config):
    edition = read_edition(config)
    if files.get_file_from_path(SCHEMA) is None:  # mkdocs-static-i18n keeps it in the default build only
        files.append(File.generated(config, SCHEMA, abs_src_path=str(Path(config.docs_dir) / SCHEMA)))
    files.append(File.generated(config, EXPORT, content=json.dumps(
        export(config), ensure_ascii=False, indent=2) + "\n"))
    for doc, docs in edition.documents.items():
        for lang in docs:
            files.append(File.generated(config, TEXT_FILE.format(doc=doc, lang=lang),
                                        content=plain_text(config, doc, lang)))
    return files


def language_of(location: str, languages: list[str]) -> str:
    """The language of a site-relative location: 'ja/declaration/' -> 'ja'."""
    first = location.split("/", 1)[0]
    return first if first in languages[1:] else languages[0]


def paragraph_entries(entry: dict, doc, edition, lang: str) -> list[dict]:
    """A document page's search entry (location relative to its language's
    site) as one entry per paragraph."""
    entries = [{**entry, "text": ""}]
    for block in doc.blocks[1:]:
        label = (edition.label(doc.id, block.anchor) or {}).get(lang, "")
        title = SEARCH_TITLE[lang].format(n=block.number, label=label) if block.number else block.text
        entries.append({"location": f"{entry['location']}#{block.anchor}", "title": title,
                        "text": f"<p>{block.html}</p>" if block.number else ""})
    return entries


@event_priority(-200)  # after mkdocs-static-i18n has merged the languages' entries
def on_post_build(config):
    i18n = config.plugins["i18n"]
    if i18n.building:  # an inner build of one language: the index is not final yet
        return
    edition = read_edition(config)
    site_dir = Path(config.site_dir)
    merged = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    documents = {d.url: d for docs in edition.documents.values() for d in docs.values()}
    views = [INDEX_PAGE] + [PARALLEL_PAGE.format(doc=doc) for doc in edition.documents]
    generated = tuple(in_language(lang, view) for view in views for lang in edition.languages)
    by_language: dict[str, list[dict]] = {lang: [] for lang in edition.languages}
    for entry in merged["docs"]:
        location = entry["location"]
        if location.startswith(generated) and "#" in location:
            continue  # the views' sections repeat the documents: found at the paragraphs
        lang = language_of(location, edition.languages)
        entry = {**entry, "location": location[len(in_language(lang, "")):]}
        if location in documents:
            by_language[lang] += paragraph_entries(entry, documents[location], edition, lang)
        else:
            by_language[lang].append(entry)
    for lang, docs in by_language.items():
        index = {"config": {**merged["config"], "lang": [lang]}, "docs": docs}
        target = site_dir / in_language(lang, "search/search_index.json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
