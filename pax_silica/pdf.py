"""The PDF editions: each document in each language, and in both.

    downloads/pax-silica-declaration.en.pdf      the English text (the original)
    downloads/pax-silica-declaration.ja.pdf      the Japanese (provisional translation)
    downloads/pax-silica-declaration.en-ja.pdf   each paragraph in English, then in Japanese

``editions`` lists them; ``pdf_view`` is the context of the template
overrides/edition/pdf.html (with its print stylesheet, pdf-style.html) for
one of them: the edition's name, the title, the document's facts (where,
when and by whom it was signed: pax_silica.facts), on Japanese text the
provisional-translation notice, then every numbered paragraph with its
number as a link to its permanent address in that language, the signature
lines, and where the PDF comes from and how to cite it. ``descriptions``
says in words where each of those links leads; pax_silica.typeset makes the
tagged PDF (PDF/UA-1) from the rendered template, in a worker of
pax_silica.press (``jobs``).

A bilingual PDF is not two columns, whose lines interleave when the text is
extracted or read aloud: each paragraph is set in English, then in Japanese,
one block after the other, each with its own ``lang``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, NavigableString, Tag

from pax_silica import urls
from pax_silica.citations import Citation
from pax_silica.facts import fact_sentences, facts
from pax_silica.languages import sentence_separator
from pax_silica.model import SIGNATURE, Edition
from pax_silica.press import Cache, Job
from pax_silica.settings import build_time


_HYPHENATED = re.compile(r"[\w.']+(?:-[\w.']+)+")


@functools.lru_cache(maxsize=128)     # the English PDF and the bilingual one set the same paragraphs
def keep_hyphenated_words(html: str) -> str:
    """Each word with a hyphen (long-term, Japan-U.S.) in a span that is not
    broken across lines: a PDF reader's text extraction takes a hyphen at the
    end of a line for hyphenation and drops it ("longterm")."""
    if not _HYPHENATED.search(html):     # most paragraphs: no parse
        return html
    soup = BeautifulSoup(html, "html.parser")
    for text in list(soup.find_all(string=True)):
        if type(text) is not NavigableString or not _HYPHENATED.search(text):
            continue
        pieces, last = [], 0
        for match in _HYPHENATED.finditer(text):
            span = Tag(name="span", attrs={"class": "word"})
            span.string = match.group(0)
            pieces += [text[last:match.start()], span]
            last = match.end()
        text.replace_with(*[p for p in pieces + [text[last:]] if p != ""])
    return str(soup)


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (for content: in @page rules), safe
    in a <style> element: no "</style>" can end it."""
    escapes = {"\n": "\\a ", "<": "\\3c "}
    return '"' + re.sub(r'["\\\n<]', lambda m: escapes.get(m.group(0), "\\" + m.group(0)), text) + '"'


@dataclass(frozen=True)
class PdfEdition:
    doc: str
    langs: tuple[str, ...]      # ("en",), ("ja",) or ("en", "ja")

    @property
    def key(self) -> str:
        """'en', 'ja' or 'en-ja', as in the file's name."""
        return "-".join(self.langs)

    @property
    def path(self) -> str:
        return urls.PDF_FILE.format(doc=self.doc, lang=self.key)


def editions(edition: Edition) -> list[PdfEdition]:
    """Every PDF: each document in each of its languages, then the original
    with each translation (en-ja: a language added later adds en-fr, and the
    addresses of the others stay as they are)."""
    found = []
    for doc, docs in edition.documents.items():
        langs = [l for l in edition.languages if l in docs]
        found += [PdfEdition(doc, (lang,)) for lang in langs]
        found += [PdfEdition(doc, (edition.original, lang)) for lang in langs if lang != edition.original]
    return found


def pdf_links(edition: Edition, doc: str, lang: str, ui: dict) -> list[dict]:
    """The PDFs a page in ``lang`` offers for ``doc``: its own language's, then
    each bilingual one with it (site-relative URLs, link texts)."""
    links = []
    for item in editions(edition):
        if item.doc == doc and lang in item.langs:
            other = next((l for l in item.langs if l != lang), None)
            links.append({"url": item.path, "text": ui["pdf_bilingual"].format(language=ui["language_names"][other])
                          if other else ui["pdf"]})
    return links


def pdf_view(edition: Edition, item: PdfEdition, strings: dict[str, dict], site_names: dict[str, str]) -> dict:
    """The context of overrides/edition/pdf.html for one PDF."""
    doc, langs = item.doc, item.langs
    first, ui = langs[0], strings[langs[0]]
    docs = {lang: edition.documents[doc][lang] for lang in langs}
    citations = {lang: Citation(edition, doc, lang, strings[lang]) for lang in langs}
    site_name = site_names[first]
    here = docs[first].url
    title = " / ".join(d.title.text for d in docs.values())
    keywords = [site_names[edition.original].split(" — ")[0]] + [
        (edition.about(doc).get("short_title") or {}).get(lang, doc) for lang in langs]
    for block in edition.documents[doc][edition.original].paragraphs():
        for tag in edition.tags(doc, block.anchor):
            keywords += [edition.topics[tag][lang] for lang in langs if tag in edition.topics]
    status = strings[first]["pdf_status"] if len(langs) == 1 else \
        ui["pdf_bilingual_status"].format(language=ui["language_names"][langs[-1]])
    intro, descriptions = [], {}
    for lang in langs:
        strings_ = strings[lang]
        notice = None
        if lang != edition.original and strings_["provisional_notice"]:
            original = edition.absolute(edition.documents[doc][edition.original].url)
            notice = {"title": strings_["provisional_title"], "text": strings_["provisional_notice"],
                      "link": {"href": original, "text": strings_["provisional_link"], "lang": edition.original}}
        later = facts(edition, doc, lang, strings_)["since"]     # who has signed it since: a link to its status
        if later:
            descriptions[later["absolute"]] = strings_["status_pdf_description"].format(url=later["absolute"])
        intro.append({"lang": lang, "facts": fact_sentences(edition, doc, lang, strings_, since=False), "since": later,
                      "colon": strings_["glossary_colon"], "notice": notice})

    def text_of(lang: str, anchor: str) -> dict:
        document, strings_ = docs[lang], strings[lang]
        block = document.block(anchor)
        html = keep_hyphenated_words(block.html) if sentence_separator(lang) else block.html   # words with spaces
        view = {"lang": lang, "html": html, "id": anchor if lang == first else f"{anchor}-{lang}"}
        if block.number:
            href = edition.absolute(f"{document.url}#{anchor}")
            view["number"] = {"text": strings_["number"].format(n=block.number), "href": href}
            descriptions[href] = strings_["pdf_link_description"].format(n=block.number, url=href)
        return view

    blocks, signatures = [], []
    for block in edition.documents[doc][edition.original].anchored()[1:]:
        if block.kind == SIGNATURE:
            signatures.append([text_of(lang, block.anchor) for lang in langs])
            continue
        label = edition.label(doc, block.anchor).get(first, "")
        bookmark = ui["pdf_bookmark"].format(n=block.number, label=label).strip()
        blocks.append({"anchor": block.anchor, "bookmark": bookmark, "texts": [text_of(lang, block.anchor) for lang in langs]})
    for lang in langs:
        url = edition.absolute(docs[lang].url)
        descriptions.setdefault(url, strings[lang]["pdf_page_description"].format(url=url))
    colophon = [{"lang": lang, "source": strings[lang]["pdf_source"].format(site_name=site_names[lang]),
                 "url": edition.absolute(docs[lang].url), "cite_lead": strings[lang]["cite_lead"],
                 "citation": citations[lang].formatted()} for lang in langs]
    date = build_time().strftime("%Y-%m-%dT%H:%M:%SZ")    # W3C format, as <meta name="dcterms.created"> takes it
    return {
        "lang": first,
        "title": title,
        "titles": [{"lang": lang, "text": d.title.text} for lang, d in docs.items()],
        "site_name": site_name,
        "meta": {
            "authors": citations[first].authors,
            "description": sentence_separator(first).join([fact_sentences(edition, doc, first, ui)[0], status]),
            "keywords": ", ".join(dict.fromkeys(k.replace(",", "") for k in keywords)),
            "generator": site_name,
            "date": date,
        },
        "footer": css_string(f"{site_name} · {edition.absolute(here)}"),
        "intro": intro,
        "blocks": blocks,
        "signatures": {"bookmark": ui["pdf_signatures"], "lines": signatures} if signatures else None,
        "colophon": colophon,
        "descriptions": descriptions,
    }


def jobs(edition: Edition, strings: dict[str, dict], site_names: dict[str, str], html_of,
         cache: Cache) -> tuple[dict[str, bytes], list[Job]]:
    """The PDFs ``cache`` has ({site path: PDF}), and a job for each other
    edition; ``html_of(view, lang)`` renders overrides/edition/pdf.html."""
    found, missing = {}, []
    for item in editions(edition):
        view = pdf_view(edition, item, strings, site_names)
        html = html_of(view, item.langs[0])
        descriptions = tuple(view["descriptions"].items())
        key = cache.key("pdf", html, *(part for pair in descriptions for part in pair))
        data = cache.get(key)
        if data is None:
            missing.append(Job((item.path,), html, descriptions, keys=(key,)))
        else:
            found[item.path] = data
    return found, missing
