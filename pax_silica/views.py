"""What the generated views show, as plain data for their templates.

Each function takes the model, the page's language and site-relative URL and
the interface strings, and returns the context of one Jinja template in
overrides/edition/ (the templates hold all the markup):

- ``document_view``: a document page (document.html): its title, the links
  under it (side by side, plain text, the PDFs, index), its facts (date,
  place, signatories, status, source: pax_silica.facts), then each numbered
  paragraph and signature line with its number, a link to itself and the
  citation the copy button copies.
- ``parallel_view``: the rows of a parallel page (parallel.html), one per
  block of the document, aligned by anchor, the page's language first; each
  row holds its sentences' anchors (``#p9-s2``), and each sentence's button
  copies the citation of its own column's text, wholly in that column's
  language, and is named (in the page's language) with that language.
- ``index_view``: the index of commitments (commitments.html): every
  paragraph by topic and by document; also its headings, for the page's
  table of contents (``toc``).
- the glossary's page: pax_silica.glossary_views.
- ``translator_kit``: the links to the translation memory and the termbase
  that the parallel pages carry.
"""

from __future__ import annotations

from html import escape as html_escape

from bs4 import BeautifulSoup, Tag

from pax_silica import urls
from pax_silica.facts import facts, since_from
from pax_silica.glossary import Glossary, pairs
from pax_silica.languages import sentence_separator
from pax_silica.model import SIGNATURE, Block, Edition, Unit
from pax_silica.pdf import pdf_links


def document_view(edition: Edition, doc: str, lang: str, ui: dict) -> dict:
    document = edition.documents[doc][lang]
    here, title = document.url, document.title.text
    links = [
        {"href": urls.relative(edition.url(lang, urls.PARALLEL_PAGE.format(doc=doc)), here), "text": ui["doc_links"]},
        {"href": urls.relative(urls.TEXT_FILE.format(doc=doc, lang=lang), here), "text": ui["text"], "download": True},
        *[{"href": urls.relative(link["url"], here), "text": link["text"], "type": "application/pdf"}
          for link in pdf_links(edition, doc, lang, ui)],
        {"href": urls.relative(edition.url(lang, urls.INDEX_PAGE), here), "text": ui["index"]},
    ]
    lines = edition.about(doc).get("signature_lines") or {}
    blocks = []
    for block in document.blocks[1:]:
        view = {"block": block, "classes": " ".join(_classes(block))}
        if block.anchor and not block.lang_only:
            line = ((lines.get(block.anchor) or {}).get("name") or {}).get(lang)
            view["tools"] = paragraph_tools(block, title, edition.absolute(f"{here}#{block.anchor}"), ui, line)
            if block.number:
                page = edition.url(lang, urls.paragraph_page(doc, block.number))
                view["tools"]["page"] = {"href": urls.relative(page, here),
                                         "label": ui["paragraph_page_label"].format(n=block.number)}
            view["sentences"] = sentence_views(block, title, edition.absolute(here), ui)
        blocks.append(view)
    return {"title": document.title, "links": links, "facts": facts(edition, doc, lang, ui), "blocks": blocks,
            "separator": sentence_separator(lang), "cite": cite_view(edition, doc, lang, here, ui)}


def sentence_views(block: Block, title: str, page_url: str, ui: dict, label: str | None = None) -> list[dict]:
    """Each sentence of a numbered paragraph with its copy button's label and
    citation, both from ``ui``, the strings of the text's language; ``label``
    (a format with {n} and {m}) names the button instead, in another language."""
    views = []
    for sentence in block.sentences:
        n, m, url = block.number, sentence.number, f"{page_url}#{sentence.anchor}"
        ordinals = ui["ordinals"]   # English: "second sentence"; none in Japanese: 第2文
        ordinal = ordinals[m - 1] if m <= len(ordinals) else None
        form = "sentence_citation_past_ordinals" if ordinals and ordinal is None else "sentence_citation"
        citation = ui[form].format(title=title, n=n, m=m, ordinal=ordinal, url=url)
        views.append({"sentence": sentence, "citation": citation, "html": sentence.html,
                      "copy_label": (label or ui["sentence_copy_label"]).format(n=n, m=m)})
    return views


def _classes(block: Block) -> list[str]:
    classes = [SIGNATURE] if block.kind == SIGNATURE else []
    classes += ["lang-only"] if block.lang_only else []
    return classes + (["para"] if block.anchor and not block.lang_only else [])


def paragraph_tools(block: Block, title: str, url: str, ui: dict, line: str | None = None) -> dict:
    """The number (a link to the block itself) and the copy button's labels
    and citation; ``line`` is a signature line's name (its document's data)."""
    if block.number:
        n = block.number
        return {"number": ui["number"].format(n=n), "label": ui["number_label"].format(n=n),
                "copy_label": ui["copy_label"].format(n=n), "citation": ui["citation"].format(title=title, n=n, url=url)}
    return {"number": "¶", "label": ui["line_label"].format(line=line), "copy_label": ui["line_copy_label"].format(line=line),
            "citation": ui["line_citation"].format(title=title, line=line, url=url)}


def parallel_view(edition: Edition, doc: str, lang: str, here: str, strings: dict[str, dict],
                  glossary: Glossary | None = None) -> dict:
    """``strings``: every language's interface strings: each column cites in
    its own. With the glossary, each term of a row and its counterpart are
    marked as a pair (the same number in the row, ``data-t``), each a link to
    the term in the page's glossary."""
    docs, ui = edition.documents[doc], strings[lang]
    order = [lang] + [l for l in edition.languages if l != lang and l in docs]
    lines = edition.about(doc).get("signature_lines") or {}
    units = {u.anchor: u for u in edition.units() if u.doc == doc}
    glossary_page = urls.relative(edition.url(lang, urls.GLOSSARY_PAGE), here)
    rows = []
    for index, block in enumerate(docs[edition.original].anchored()):
        kind = "title" if index == 0 else block.kind
        if index == 0:
            name = ui["title_row"]
        else:
            name = ui["paragraph"].format(n=block.number) if block.number else \
                ((lines.get(block.anchor) or {}).get("row") or {}).get(lang, "¶")
        anchors = [s.anchor for s in block.sentences] or [block.anchor]
        marks = term_marks([units[a] for a in anchors if a in units], glossary, glossary_page)
        cells = []
        for cell_lang in order:
            cell_block = docs[cell_lang].block(block.anchor)
            sentences = sentence_views(cell_block, docs[cell_lang].title.text, edition.absolute(docs[cell_lang].url),
                                       strings[cell_lang], label=ui["sentence_copy_label_in"].format(
                                           language=ui["language_names"][cell_lang], n="{n}", m="{m}"))
            for view in sentences:
                view["pieces"] = term_pieces(view["html"], view["sentence"].text, marks.get((view["sentence"].anchor, cell_lang), []))
            cells.append({
                "lang": cell_lang,
                "html": cell_block.html,
                "pieces": term_pieces(cell_block.html, cell_block.text, marks.get((block.anchor, cell_lang), [])),
                "sentences": sentences,
                "separator": sentence_separator(cell_lang),
                "href": urls.relative(f"{docs[cell_lang].url}#{block.anchor}", here),
                "text": ui["open"].format(language=ui["language_names"][cell_lang]),
                "label": ui["open_label"].format(row=name, language=ui["language_names"][cell_lang]),
            })
        rows.append({"anchor": block.anchor, "kind": kind, "name": name, "cells": cells,
                     "sentence_anchors": [(s.anchor, s.number) for s in block.sentences]})
    return {"lang": lang, "heading": ui["parallel_heading"], "columns": [(l, ui["columns"][l]) for l in order],
            "rows": rows, "kit": translator_kit(edition, lang, here, ui) if glossary else None,
            "status": since_from(edition, doc, lang, ui, here)}     # who has signed it since (pax_silica.status)


def term_marks(units: list[Unit], glossary: Glossary | None, glossary_page: str) -> dict:
    """{(anchor, lang): [(start, end, attributes)]}: the term pairs of one
    row's units, numbered through the row (data-t 1, 2 …) so the CSS marks a
    term and its counterpart together."""
    marks: dict[tuple[str, str], list] = {}
    if glossary is None:
        return marks
    number = 0
    original, target = glossary.original, glossary.target
    for unit in units:
        for term, en, ja in pairs(glossary, unit):
            number += 1
            attributes = {"href": f"{glossary_page}#{term.anchor}", "number": number}
            marks.setdefault((unit.anchor, original), []).append((*en, attributes))
            marks.setdefault((unit.anchor, target), []).append((*ja, attributes))
    return marks


def term_pieces(html: str, text: str, spans: list[tuple[int, int, dict]]) -> list[dict] | None:
    """A unit's text cut into pieces for its template: plain text, and the
    terms to mark (start, end: offsets in ``text``) with their link's
    attributes. None where there is nothing to mark, or where the unit's HTML
    holds markup of its own (a run of the other language): it is shown as
    it is, unmarked."""
    if not spans or html != html_escape(text, quote=False):
        return None
    pieces, last = [], 0
    for start, end, attributes in sorted(spans, key=lambda s: s[0]):
        pieces += [{"text": text[last:start]}, {"text": text[start:end], **attributes}]
        last = end
    return [p for p in pieces + [{"text": text[last:]}] if p["text"]]


def translator_kit(edition: Edition, lang: str, here: str, ui: dict, glossary_page: bool = True) -> dict:
    """The translator's files, as the parallel pages and the glossary link
    them (and the glossary page, but not on the glossary page itself)."""
    target = lang if lang != edition.original else edition.languages[1]    # the translation a translator takes up
    files = [{"href": urls.relative(path, here), "text": ui["kit_files"][kind], "download": True}
             for kind, path in (("tmx", urls.tmx_file(edition.original, target)), ("tbx", urls.TBX_FILE),
                                ("tsv", urls.GLOSSARY_TSV_FILE))]
    if glossary_page:
        files.append({"href": urls.relative(edition.url(lang, urls.GLOSSARY_PAGE), here), "text": ui["kit_files"]["glossary"]})
    return {"lead": ui["kit_lead"], "files": files}


def index_view(edition: Edition, lang: str, here: str, ui: dict) -> dict:
    topics = edition.topics
    entries = []
    for doc, docs in edition.documents.items():
        short_title = (edition.about(doc).get("short_title") or {}).get(lang, doc)
        for block in docs[edition.original].paragraphs():
            entries.append({
                "doc": doc, "anchor": block.anchor,
                "name": f"{short_title} {ui['paragraph'].format(n=block.number)}",
                "href": urls.relative(f"{docs[lang].url}#{block.anchor}", here),
                "parallel": urls.relative(edition.url(lang, urls.PARALLEL_PAGE.format(doc=doc)) + f"#{block.anchor}", here),
                "page": urls.relative(edition.url(lang, urls.paragraph_page(doc, block.number)), here),
                "label": edition.label(doc, block.anchor).get(lang, ""),
                "tags": [{"id": f"topic-{t}", "name": topics[t][lang]} for t in edition.tags(doc, block.anchor)
                         if t in topics],
            })
    by_topic = []
    for key, names in topics.items():
        tagged = [e for e in entries if any(t["id"] == f"topic-{key}" for t in e["tags"])]
        if tagged:
            count = ui["one_paragraph"] if len(tagged) == 1 else ui["paragraphs"].format(count=len(tagged))
            by_topic.append({"id": f"topic-{key}", "name": names[lang], "entries": tagged, "count": count,
                             "summary": ui["topic_count"].format(topic=names[lang], count=len(tagged)).replace(" ", "\u00a0")})
    by_document = [{"id": f"document-{doc}", "name": docs[lang].title.text, "entries": [e for e in entries if e["doc"] == doc]}
                   for doc, docs in edition.documents.items()]
    toc = [{"level": 2, "id": "by-topic", "name": ui["by_topic"],
            "children": [{"level": 3, "id": t["id"], "name": t["name"], "children": []} for t in by_topic]},
           {"level": 2, "id": "by-document", "name": ui["by_document"],
            "children": [{"level": 3, "id": d["id"], "name": d["name"], "children": []} for d in by_document]}]
    return {"by_topic": by_topic, "by_document": by_document, "toc": toc}


def paragraph_view(edition: Edition, doc: str, number: int, lang: str, ui: dict) -> dict:
    """A numbered paragraph's own page (paragraph.html): the paragraph with its
    sentences, the other languages' text beneath it, its citation, the way
    back to it in the whole text, the previous and next paragraphs' pages."""
    docs, document = edition.documents[doc], edition.documents[doc][lang]
    anchor = f"p{number}"
    block, here = document.block(anchor), edition.url(lang, urls.paragraph_page(doc, number))
    title = document.title.text
    numbers = [b.number for b in document.paragraphs()]
    index = numbers.index(number)

    def page_link(n: int | None, label: str) -> dict | None:
        if n is None:
            return None
        return {"href": urls.relative(edition.url(lang, urls.paragraph_page(doc, n)), here),
                "text": ui[label].format(n=n)}

    others = [{"lang": other, "label": ui["other_language"].format(column=ui["columns"][other]), "html": d.block(anchor).html,
               "href": urls.relative(f"{d.url}#{anchor}", here)}
              for other, d in docs.items() if other != lang]
    return {
        "heading": ui["paragraph_heading"].format(title=title, n=number),
        "anchor": anchor,
        "sentence_views": sentence_views(block, title, edition.absolute(document.url), ui),
        "separator": sentence_separator(lang),
        "page_lang": lang,
        "pager_label": ui["paragraph_pages"],
        "cite": cite_view(edition, doc, lang, here, ui, paragraph=number),
        "tools": paragraph_tools(block, title, edition.absolute(f"{document.url}#{anchor}"), ui),
        "others": others,
        "in_context": {"href": urls.relative(f"{document.url}#{anchor}", here), "text": ui["read_in_context"]},
        "previous": page_link(numbers[index - 1] if index else None, "previous_paragraph"),
        "next": page_link(numbers[index + 1] if index + 1 < len(numbers) else None, "next_paragraph"),
    }


def cite_view(edition: Edition, doc: str, lang: str, here: str, ui: dict, paragraph: int | None = None) -> dict:
    """The Cite section of a document page and of its paragraphs' pages: the
    formatted citation of the document, or of the ``paragraph`` whose page
    it is, ready to copy, and the document's citation files."""
    from pax_silica.citations import CITATION_FILES, Citation, citation_file

    citation = Citation(edition, doc, lang, ui)
    whole = paragraph is None
    return {
        "heading": ui["cite_heading"], "lead": ui["cite_lead" if whole else "cite_paragraph_lead"],
        "text": citation.formatted(paragraph),
        "copy_label": ui["cite_copy_label"], "files_label": ui["cite_files" if whole else "cite_document_files"],
        "files": [{"href": urls.relative(citation_file(doc, lang, kind), here), "text": ui["cite_file_names"][kind],
                   "type": media_type} for kind, media_type in CITATION_FILES.items()],
        "pdfs_label": ui["pdf_files"],
        "pdfs": [{"href": urls.relative(link["url"], here), "text": link["text"], "type": "application/pdf"}
                 for link in pdf_links(edition, doc, lang, ui)],
    }


TITLE_LIMIT = 70   # characters of a page's <title> (html-validate's long-title; what search results show)


def paragraph_front_matter(edition: Edition, doc: str, number: int, lang: str, ui: dict) -> dict:
    """The front matter of a paragraph's own page: its title and description
    are the paragraph's words, shortened for a preview (the title, which is
    also the page's <title>, within TITLE_LIMIT characters with its number);
    search leaves it out (a search leads to the paragraph in its document)."""
    from pax_silica.citations import shorten

    block = edition.documents[doc][lang].block(f"p{number}")
    short_title = (edition.about(doc).get("short_title") or {}).get(lang, doc)
    words_limit, description_limit = (40, 120) if not sentence_separator(lang) else (TITLE_LIMIT, 160)
    title = ui["paragraph_page_title"].format(short_title=short_title, n=number, words="{words}")
    words_limit = min(words_limit, TITLE_LIMIT - len(title.replace("{words}", "")))
    return {
        "paragraph_page": [doc, number],
        "title": title.replace("{words}", shorten(block.text, words_limit, lang)),
        "description": shorten(block.text, description_limit, lang),
        "search": {"exclude": True},
    }


def about_view(edition: Edition, lang: str, here: str, repository: str, ui: dict) -> dict:
    """The About page's last section (about.html): where to report an error,
    the repository's issues (``repository``: extra.repository in mkdocs.yml)."""
    issues = repository.rstrip("/") + "/issues"
    return {"heading": ui["report_heading"], "text": ui["report_text"], "issues": issues,
            "notes": {"href": urls.relative(edition.url(lang, urls.NOTES_PAGE) + "#corrections", here),
                      "text": ui["report_notes"]},
            "toc": [{"level": 2, "id": "report", "name": ui["report_heading"], "children": []}]}


def table_captions(root: Tag) -> None:
    """A paragraph marked ``{: .table-caption }`` just before a table becomes
    that table's ``<caption>`` (Markdown tables have none), in place."""
    for paragraph in root.find_all("p", class_="table-caption"):
        table = paragraph.find_next_sibling()
        if table is not None and table.name == "table":
            caption = Tag(name="caption")
            caption.extend(list(paragraph.contents))
            table.insert(0, caption)
            paragraph.decompose()


def redirect_view(edition: Edition, redirect) -> dict:
    """The static page at the old address of a page that moved (redirect.html)."""
    here, target = redirect.old[1:], redirect.new[1:]
    return {"lang": redirect.lang, "href": urls.relative(target, here), "canonical": edition.absolute(target)}


def keep_moved_ids(html: str, moved: list, here: str) -> str:
    """A page's content with an empty element for every id that moved away
    from it (docs/redirects.yml): inside the element that now has the id on
    this page, so the old link lands there and marks it (edition.css); or, for
    an id now on another page, at the top, with where it went
    (paragraphs.js follows it)."""
    soup = BeautifulSoup(html, "html.parser")
    for redirect in moved:
        page, _, new_id = redirect.new.partition("#")
        mark = soup.new_tag("span", attrs={"id": redirect.old.partition("#")[2], "class": "moved-id"})
        target = soup.find(id=new_id) if page == here else None
        if target is not None:
            target.insert(0, mark)
        elif page != here:
            mark["data-moved-to"] = urls.relative(redirect.new[1:], here[1:])
            soup.insert(0, mark)
    return str(soup)


def stackable_tables(root: Tag) -> None:
    """Every table with a header row, readable on a phone, in place: each
    cell carries its column's heading (``data-label``), which the phone's
    layout (edition.css) shows before it when the rows stack; a first column
    headed "#" numbers the rows (``data-numbered``)."""
    for table in root.find_all("table"):
        head = table.find("thead")
        headings = [th.get_text(" ", strip=True) for th in head.find_all("th")] if head else []
        if not headings:
            continue
        table["data-stack"] = ""
        if headings[0] == "#":
            table["data-numbered"] = ""
        for row in table.find("tbody").find_all("tr") if table.find("tbody") else []:
            for heading, cell in zip(headings, row.find_all(["td", "th"], recursive=False)):
                cell["data-label"] = heading
