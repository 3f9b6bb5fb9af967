"""The texts as data, generated from the model.

- ``export``: the content of ``pax-silica.json``: both documents, titles and
  type in every language, place and date of signature, signatories (and what
  the list is), the source of these facts, every numbered
  paragraph with its anchor, number, texts, label, tags, absolute URLs and
  sentences (each with its anchor, texts and URLs),
  and the signature lines as printed; the Declaration's status (its
  signings, by date, with their sources: pax_silica.status). Its JSON Schema is
  docs/pax-silica.schema.json; ``schema`` gives it the site's own ``$id``.
- ``plain_text``: one document in one language as plain text.
- ``split_search_index``: mkdocs-static-i18n merges the search entries of all
  languages; this makes one index per language, and turns each document
  page's entry into one entry per paragraph, located at its anchor and titled
  with its number and label, so a result opens the page at the paragraph.
  The sections of the generated views (index of commitments, glossary,
  parallel pages, the Declaration's status) are left out: they repeat the documents (and the
  glossary's would weigh 7 KB on every first visit, the index being loaded
  with the page).
- ``search_worker_query``: what a page tells the search worker
  (docs/assets/javascripts/workers/search.js) in its address: the other
  languages' indexes and labels, and the documents' pages, the reader's first.
"""

from __future__ import annotations

import posixpath
from html import escape as html_escape
from urllib.parse import quote, urlencode

from pax_silica import status, urls
from pax_silica.model import Document, Edition
from pax_silica.ui import long_date


def in_every_language(edition: Edition, docs: dict[str, Document], anchor: str) -> dict:
    """The text and absolute URL of one block in every language."""
    return {"text": {lang: d.block(anchor).text for lang, d in docs.items()},
            "url": {lang: edition.absolute(f"{d.url}#{anchor}") for lang, d in docs.items()}}


def export(edition: Edition, site_names: dict[str, str]) -> dict:
    """The content of pax-silica.json."""
    documents = []
    for doc, docs in edition.documents.items():
        about, reference = edition.about(doc), docs[edition.original]
        signed = about.get("signed") or {}
        documents.append({
            "id": doc,
            "title": {lang: d.title.text for lang, d in docs.items()},
            "url": {lang: edition.absolute(d.url) for lang, d in docs.items()},
            "signed": {"date": signed["date"].isoformat(), "place": signed["place"]} if signed else None,
            "type": about.get("type"),
            "signatories": about.get("signatories", []),
            **({"signatories_note": about["signatories_note"]} if about.get("signatories_note") else {}),
            "source": {**about["source"], "date": about["source"]["date"].isoformat()} if about.get("source") else None,
            "paragraphs": [{
                "anchor": block.anchor,
                "number": block.number,
                **in_every_language(edition, docs, block.anchor),
                "label": edition.label(doc, block.anchor),
                "tags": edition.tags(doc, block.anchor),
                "sentences": [{
                    "anchor": sentence.anchor,
                    "number": sentence.number,
                    "text": {lang: d.block(block.anchor).sentences[sentence.number - 1].text for lang, d in docs.items()},
                    "url": {lang: edition.absolute(f"{d.url}#{sentence.anchor}") for lang, d in docs.items()},
                } for sentence in block.sentences],
            } for block in reference.paragraphs()],
            "signature_lines": [{"anchor": block.anchor, **in_every_language(edition, docs, block.anchor)}
                                for block in reference.signature_lines()],
        })
    return {
        "$schema": edition.absolute(urls.SCHEMA_FILE),
        "edition": {"title": site_names, "url": edition.absolute(), "original_language": edition.original},
        "topics": edition.topics,
        "documents": documents,
        **status.export(edition),    # the Declaration's status: its signings (pax_silica.status)
    }


def schema(source: dict, edition: Edition) -> dict:
    """The JSON Schema of pax-silica.json, identified by its URL on this site,
    its texts and URLs "in every language" being in the edition's languages
    (docs/pax-silica.schema.json says en and ja)."""
    definitions = dict(source["$defs"])
    for name in ("bilingual", "urls"):
        each = next(iter(definitions[name]["properties"].values()))
        definitions[name] = {**definitions[name], "required": list(edition.languages),
                             "properties": {lang: each for lang in edition.languages}}
    return {**source, "$id": edition.absolute(urls.SCHEMA_FILE), "$defs": definitions}


def plain_text(edition: Edition, doc: str, lang: str, ui: dict) -> str:
    """One document in one language: a header, then ``[N] text`` per paragraph."""
    document = edition.documents[doc][lang]
    signed = edition.about(doc).get("signed")
    header = ui["text_header"].format(
        title=document.title.text, url=edition.absolute(document.url),
        date=long_date(signed["date"], ui) if signed else "", place=signed["place"][lang] if signed else "")
    lines = [header]
    for block in document.anchored()[1:]:
        lines.append(f"[{block.number}] {block.text}" if block.number else block.text)
    return "\n\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def paragraph_entries(entry: dict, document: Document, edition: Edition, ui: dict) -> list[dict]:
    """A document page's search entry (location relative to its language's
    site) as one entry per paragraph."""
    entries = [{**entry, "text": ""}]
    for block in document.anchored()[1:]:
        label = edition.label(document.id, block.anchor).get(document.lang, "")
        title = ui["search_title"].format(n=block.number, label=label) if block.number else block.text
        # The text as plain text (escaped) in a <p>: the search worker reads it
        # to rank first the paragraphs where the query's words stand together.
        entries.append({"location": f"{entry['location']}#{block.anchor}", "title": title,
                        "text": f"<p>{html_escape(block.text, quote=False)}</p>" if block.number else ""})
    return entries


def split_search_index(merged: dict, edition: Edition, strings: dict[str, dict]) -> dict[str, dict]:
    """{lang: search index} from the index mkdocs-static-i18n merged."""
    documents = {d.url: d for docs in edition.documents.values() for d in docs.values()}
    views = [urls.INDEX_PAGE, urls.GLOSSARY_PAGE, status.STATUS_PAGE] + [urls.PARALLEL_PAGE.format(doc=doc) for doc in edition.documents]
    generated = tuple(edition.url(lang, view) for view in views for lang in edition.languages)
    by_language: dict[str, list[dict]] = {lang: [] for lang in edition.languages}
    for entry in merged["docs"]:
        location = entry["location"]
        if location.startswith(generated) and "#" in location:
            continue  # the views' sections repeat the documents: found at the paragraphs
        lang = urls.language_of(location, edition.languages)
        entry = {**entry, "location": location[len(edition.url(lang, "")):]}
        if location in documents:
            by_language[lang] += paragraph_entries(entry, documents[location], edition, strings[lang])
        else:
            by_language[lang].append(entry)
    return {lang: {"config": {**merged["config"], "lang": [lang]}, "docs": docs}
            for lang, docs in by_language.items()}


def search_worker_query(edition: Edition, lang: str, doc: str | None, worker: str, strings: dict[str, dict]) -> str:
    """The search worker's query and fragment on a page of ``lang`` whose
    document is ``doc`` (None: not a document's page), e.g. on /declaration/
    ``?worker=search.….min.js&other=ja%7C..%2F..%2F..%2Fja%2Fsearch%2Fsearch_index.json%7CJapanese%20text#declaration/,joint-statement/``:
    Material's worker; each other language, its index (relative to the
    worker) and the label of its results (``open``: "Japanese text"); the
    documents' pages, relative to the language's site, the reader's first.
    The fragment is the page's own; the browser's cache ignores it."""
    folder = "/" + posixpath.dirname(urls.SEARCH_WORKER)
    others = [f"{other}|{posixpath.relpath('/' + edition.url(other, urls.SEARCH_INDEX), folder)}"
              f"|{strings[lang]['open'].format(language=strings[lang]['language_names'][other])}"
              for other in edition.languages if other != lang]
    site = edition.url(lang, "")
    pages = [edition.documents[d][lang].url[len(site):] for d in sorted(edition.documents, key=lambda d: d != doc)]
    return "?" + urlencode([("worker", worker)] + [("other", o) for o in others], quote_via=quote) + "#" + ",".join(pages)


SITEMAP_NS = {"": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_without_change_frequency(xml: str) -> str:
    """The sitemap without ``<changefreq>``: the texts never change, and the
    templates say "daily" (crawlers ignore a frequency that is wrong)."""
    from xml.etree import ElementTree

    for prefix, uri in SITEMAP_NS.items():
        ElementTree.register_namespace(prefix, uri)
    root = ElementTree.fromstring(xml)
    for url in root:
        for frequency in url.findall(f"{{{SITEMAP_NS['']}}}changefreq"):
            url.remove(frequency)
    ElementTree.indent(root, space="    ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
