"""How to cite the edition: metadata for machines, citation files, previews.

From the model, for one document (or one numbered paragraph) in one language:

- ``link_preview``: the Open Graph and Twitter tags of any page, with its
  preview image (pax_silica.previews).
- ``metadata``: what a document's page ``<head>`` carries: schema.org JSON-LD (the
  document as ``Legislation``: type, name, language, date, signatories,
  canonical URL, the edition it is part of, its translation or original,
  whether its text is authoritative, and its numbered paragraphs as parts
  with their words, their sentences by address; on a paragraph's page, the
  paragraph with its words and its sentences), Open Graph and Twitter tags
  for link previews (with the page's image, pax_silica.previews), and
  the Highwire Press ``citation_*`` tags that Zotero and Google Scholar read.
- ``bibtex``, ``ris``, ``csl_json``: one record each, for reference managers.
- ``formatted``: the citation shown on the page, in the reader's language.
- ``shorten``: a text cut for a preview, at a word (or, in Japanese, a
  character) boundary, with "…".

The English text is the original; the Japanese is the Government of Japan's
provisional translation, and every record says so.
"""

from __future__ import annotations

import json

from pax_silica import urls
from pax_silica.languages import sentence_separator
from pax_silica.model import Block, Edition
from pax_silica.status import since
from pax_silica.ui import long_date

LEGAL_VALUE = {True: "https://schema.org/AuthoritativeLegalValue", False: "https://schema.org/UnofficialLegalValue"}
CITATION_FILES = {"bib": "application/x-bibtex", "ris": "application/x-research-info-systems",
                  "csl.json": "application/vnd.citationstyles.csl+json"}


def citation_file(doc: str, lang: str, kind: str) -> str:
    """The site-relative URL of a citation file: kind is bib, ris or csl.json."""
    return f"downloads/pax-silica-{doc}.{lang}.{kind}"


def shorten(text: str, limit: int, lang: str) -> str:
    """``text`` in at most ``limit`` characters, cut with "…" at a word
    boundary (at any character in a language written without spaces)."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if sentence_separator(lang) and " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:、，") + "…"


class Citation:
    """One document in one language, as the citation records describe it."""

    def __init__(self, edition: Edition, doc: str, lang: str, ui: dict):
        self.edition, self.doc, self.lang, self.ui = edition, doc, lang, ui
        self.document = edition.documents[doc][lang]
        about = edition.about(doc)
        self.title = self.document.title.text
        self.date = about["signed"]["date"]
        self.place = about["signed"]["place"][lang]
        self.authors = [name[lang] for name in about["signatories"]]
        self.url = edition.absolute(self.document.url)
        self.original = lang == edition.original
        self.kind = about["type"][lang]
        self.key = f"pax-silica-{doc}-{lang}"

    @property
    def note(self) -> str:
        """Where and when it was signed (and how many have signed since, with
        the address of its status); for a translation, that it is provisional."""
        signed = self.ui["signed_note"].format(place=self.place, date=long_date(self.date, self.ui))
        later = since(self.edition, self.doc, self.lang, self.ui)     # who has signed it since (pax_silica.status)
        if later:
            signed += sentence_separator(self.lang) + self.ui["citation_since"].format(since=later["text"], url=later["absolute"])
        return signed if self.original else signed + sentence_separator(self.lang) + self.ui["provisional_note"]

    def formatted(self, paragraph: int | None = None) -> str:
        """The citation shown on the page, in the page's language: of the
        document, or of its numbered ``paragraph`` (at its anchor, #p9)."""
        form, url = ("formatted_citation", self.url) if paragraph is None else \
            ("formatted_paragraph_citation", f"{self.url}#p{paragraph}")
        return self.ui[form].format(
            authors=self.ui["author_separator"].join(self.authors), title=self.title, n=paragraph,
            date=long_date(self.date, self.ui), place=self.place, url=url,
            provisional="" if self.original else self.ui["provisional_label"])

    def bibtex(self) -> str:
        """A BibTeX ``@misc`` record (read by BibTeX, biblatex, Zotero, JabRef…)."""
        fields = {
            "title": "{" + self.title + "}",
            "author": " and ".join("{" + a + "}" for a in self.authors),   # institutions, not persons
            "year": str(self.date.year),
            "month": self.date.strftime("%b").lower(),
            "date": self.date.isoformat(),
            "language": self.ui["citation_language"]["bibtex"],
            "url": self.url,
            "howpublished": "\\url{" + self.url + "}",
            "note": self.note,
        }
        body = ",\n".join(f"  {k} = {{{v}}}" if k != "month" else f"  {k} = {v}" for k, v in fields.items())
        return f"@misc{{{self.key},\n{body}\n}}\n"

    def ris(self) -> str:
        """An RIS record (Zotero, EndNote, Mendeley…): a government document."""
        lines = [("TY", "GOVDOC"), ("TI", self.title)] + [("AU", a) for a in self.authors] + [
            ("PY", str(self.date.year)), ("DA", self.date.strftime("%Y/%m/%d")), ("CY", self.place),
            ("LA", self.ui["citation_language"]["ris"]), ("UR", self.url), ("N1", self.note),
            ("M3", self.kind), ("ER", "")]
        return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)

    def csl(self) -> dict:
        """A CSL-JSON item (citeproc, Zotero, Pandoc…): an international agreement."""
        return {
            "id": self.key, "type": "treaty", "title": self.title, "genre": self.kind,
            "author": [{"literal": a} for a in self.authors],
            "issued": {"date-parts": [[self.date.year, self.date.month, self.date.day]]},
            "event-place": self.place, "language": self.lang, "URL": self.url, "note": self.note,
        }

    def csl_json(self) -> str:
        return json.dumps([self.csl()], ensure_ascii=False, indent=2) + "\n"


def legislation(citation: Citation, site_name: str) -> dict:
    """The document as schema.org ``Legislation``, with its paragraphs as parts."""
    edition, doc, lang = citation.edition, citation.doc, citation.lang
    docs = edition.documents[doc]
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": citation.url,
        "url": citation.url,
        "name": citation.title,
        "legislationType": citation.kind,
        "inLanguage": lang,
        "legislationDate": citation.date.isoformat(),
        "datePublished": citation.date.isoformat(),
        "legislationPassedBy": [{"@type": "GovernmentOrganization", "name": a} for a in citation.authors],
        "locationCreated": {"@type": "Place", "name": citation.place},
        "legislationLegalValue": LEGAL_VALUE[citation.original],
        "isPartOf": {"@type": "WebSite", "@id": edition.absolute(edition.url(lang, "")),
                     "name": site_name, "url": edition.absolute(edition.url(lang, ""))},
        "hasPart": [paragraph_part(citation, block) for block in citation.document.paragraphs()],
    }
    if citation.original:
        data["workTranslation"] = [{"@type": "Legislation", "@id": edition.absolute(d.url), "inLanguage": l}
                                   for l, d in docs.items() if l != lang]
    else:
        original = docs[edition.original]
        data["translationOfWork"] = {"@type": "Legislation", "@id": edition.absolute(original.url),
                                     "inLanguage": edition.original}
        data["description"] = citation.ui["provisional_note"]
    return data


def paragraph_part(citation: Citation, block: Block) -> dict:
    """A numbered paragraph as a part of its document: its address, words
    and page, and its sentences by address and position (their words are the
    paragraph's, in order: written twice they would weigh on every document
    page; the paragraph's page lists them with their words)."""
    edition = citation.edition
    part = {"@type": "Legislation", "@id": f"{citation.url}#{block.anchor}", "position": block.number,
            "legislationIdentifier": citation.ui["number"].format(n=block.number), "text": block.text,
            "url": edition.absolute(edition.url(citation.lang, urls.paragraph_page(citation.doc, block.number)))}
    if block.sentences:
        part["hasPart"] = [{"@type": "CreativeWork", "@id": f"{citation.url}#{s.anchor}", "position": s.number}
                           for s in block.sentences]
    return part


def paragraph_legislation(citation: Citation, number: int, url: str, name: str) -> dict:
    """One numbered paragraph, on its own page (``url``), as schema.org
    ``Legislation``: its words, its sentences as parts, the document it is
    part of, and the same paragraph in the other languages."""
    edition, lang = citation.edition, citation.lang
    block = next(b for b in citation.document.paragraphs() if b.number == number)
    data = {"@context": "https://schema.org", **paragraph_part(citation, block), "url": url, "name": name,
            "inLanguage": lang,
            "isPartOf": {"@type": "Legislation", "@id": citation.url, "name": citation.title},
            "legislationLegalValue": LEGAL_VALUE[citation.original]}
    if block.sentences:
        data["hasPart"] = [{"@type": "CreativeWork", "@id": f"{citation.url}#{s.anchor}", "position": s.number,
                            "text": s.text} for s in block.sentences]
    others = [{"@type": "Legislation", "@id": f"{edition.absolute(d.url)}#{block.anchor}", "inLanguage": l}
              for l, d in edition.documents[citation.doc].items() if l != lang]
    if citation.original:
        data["workTranslation"] = others
    else:
        data["translationOfWork"] = next(o for o in others if o["inLanguage"] == edition.original)
    return data


def open_graph_locales(strings: dict[str, dict], langs) -> dict[str, str]:
    """{lang: its Open Graph locale} (en_US, ja_JP: ``locale`` in its strings)."""
    return {lang: strings[lang]["locale"]["open_graph"] for lang in langs}


def link_preview(site_name: str, url: str, title: str, description: str, lang: str, locales: dict[str, str],
                 image: dict | None, kind: str = "website") -> dict:
    """The Open Graph and Twitter tags of any page: ``locales`` those of the
    languages it is published in (``open_graph_locales``), ``image`` its
    preview (absolute ``url``, ``alt``, ``width``, ``height``:
    pax_silica.previews), ``kind`` its og:type."""
    og = [("og:title", title), ("og:description", description), ("og:url", url), ("og:type", kind),
          ("og:site_name", site_name), ("og:locale", locales[lang])]
    og += [("og:locale:alternate", locale) for l, locale in locales.items() if l != lang]
    if image:
        og += [("og:image", image["url"]), ("og:image:type", "image/png"), ("og:image:width", str(image["width"])),
               ("og:image:height", str(image["height"])), ("og:image:alt", image["alt"])]
    return {"jsonld": None,
            "properties": og,                          # <meta property=…>
            "names": [("twitter:card", "summary_large_image" if image else "summary")]   # <meta name=…>
                     + ([("twitter:image:alt", image["alt"])] if image else [])}


def metadata(citation: Citation, site_name: str, url: str, title: str, description: str, locales: dict[str, str],
             paragraph: int | None = None, image: dict | None = None) -> dict:
    """What a document's page carries in its <head>: JSON-LD, Open Graph,
    Twitter, Highwire. ``url``, ``title`` and ``description`` are the page's
    own (a paragraph's page, ``paragraph`` its number, has its words)."""
    edition, lang = citation.edition, citation.lang
    tags = link_preview(site_name, url, title, description, lang,
                        {l: locales[l] for l in edition.documents[citation.doc]}, image, "article")
    highwire = [("citation_title", citation.title)] + [("citation_author", a) for a in citation.authors] + [
        ("citation_publication_date", citation.date.strftime("%Y/%m/%d")), ("citation_language", lang),
        ("citation_public_url", citation.url)]
    # In a <script>: "</" must not end it early.
    tags["jsonld"] = json.dumps(legislation(citation, site_name) if paragraph is None else
                                paragraph_legislation(citation, paragraph, url, title),
                                ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    tags["names"] += highwire
    return tags


def files(edition: Edition, strings: dict[str, dict]) -> dict[str, str]:
    """{site-relative path: content} of every citation file."""
    found = {}
    for doc, docs in edition.documents.items():
        for lang in docs:
            citation = Citation(edition, doc, lang, strings[lang])
            found[citation_file(doc, lang, "bib")] = citation.bibtex()
            found[citation_file(doc, lang, "ris")] = citation.ris()
            found[citation_file(doc, lang, "csl.json")] = citation.csl_json()
    return found

