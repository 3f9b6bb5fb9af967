"""Link-preview images: one for every page.

When a link to /declaration/p9/ is pasted into a chat, a social network or a
newsroom's tool, its preview shows ``og:image``: a 1200 x 630 PNG in the
page's language with the edition's name, the document, the paragraph's
number and label (or, for a document, its title and facts), the paragraph's
first sentence, and the page's address (previews/declaration-p9.ja.png).
Every other page (the home page, the side-by-side views, the index, the
glossary, the notes, about) has one with its own title and description
(previews/index.en.png, previews/parallel-declaration.ja.png).

``cards`` lists them from the model; overrides/edition/preview.html sets any
number of them as the pages of one HTML document (1200 x 630 px each), which
pax_silica.typeset lays out with the same engine as the PDF editions, so
Japanese is broken into lines one way everywhere; ``rasterize`` turns each
page into a PNG with PDFium (pypdfium2): 96 dpi, a palette of 64 colours,
the same bytes every time, 20-60 KB.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import markdown
import pypdfium2
from lxml import html as lxml_html
from PIL import Image

from pax_silica import urls
from pax_silica.facts import fact_sentences
from pax_silica.languages import sentence_separator
from pax_silica.model import Edition, Page
from pax_silica.typeset import Cache, typeset

WIDTH, HEIGHT = 1200, 630        # px: what Open Graph and X's large card show
COLOURS = 64


@dataclass
class Card:
    path: str            # site-relative: previews/declaration-p9.ja.png
    lang: str
    page: str            # the site-relative URL of the page it previews
    alt: str             # og:image:alt
    view: dict           # one card of overrides/edition/preview.html


def page_title(page: Page) -> str:
    """The text of a page's first level-1 heading, as Python-Markdown reads
    its source (the attribute list ``{ #title }`` is not part of it)."""
    tree = lxml_html.fragment_fromstring(markdown.markdown(page.body, extensions=["attr_list", "md_in_html"]),
                                         create_parent="div")
    heading = tree.find(".//h1")
    return " ".join(heading.text_content().split()) if heading is not None else ""


def cards(edition: Edition, strings: dict[str, dict], site_names: dict[str, str]) -> list[Card]:
    """Every page's card, in every language: the document pages, the
    paragraph pages, then the other pages (their title and description)."""
    found = []
    for doc, docs in edition.documents.items():
        for lang, document in docs.items():
            ui, site_name, title = strings[lang], site_names[lang], document.title.text
            badge = ui["provisional_title"] if lang != edition.original else ""
            address = edition.absolute(document.url).split("://", 1)[-1]
            facts = sentence_separator(lang).join(fact_sentences(edition, doc, lang, ui, note=False))
            found.append(Card(urls.preview_file(doc, lang), lang, document.url,     # by the document's id: it stays
                              ui["preview_alt"].format(site_name=site_name, title=title, text=facts),
                              {"lang": lang, "site_name": site_name, "badge": badge, "kicker": "",
                               "number": "", "heading": title, "text": facts, "address": address}))
            for block in document.paragraphs():
                page = edition.url(lang, urls.paragraph_page(doc, block.number))
                number = ui["number"].format(n=block.number)
                label = edition.label(doc, block.anchor).get(lang) or ""
                first = block.sentences[0].text if block.sentences else block.text
                found.append(Card(
                    urls.preview_file(urls.paragraph_page(doc, block.number), lang), lang, page,
                    ui["preview_paragraph_alt"].format(site_name=site_name, title=title,
                                                       number=ui["paragraph"].format(n=block.number),
                                                       label=label or first),
                    {"lang": lang, "site_name": site_name, "badge": badge, "kicker": title, "number": number,
                     "heading": label or first, "text": first if label else "",
                     "address": edition.absolute(page).split("://", 1)[-1]}))
    for lang, pages in edition.pages.items():
        for page in pages.values():
            if page.document:
                continue
            title, text = page_title(page), page.meta.get("description", "")
            if not title:
                continue
            found.append(Card(urls.preview_file(urls.page_url(edition.original, page.source, edition.original), lang),
                              lang, page.url,
                              strings[lang]["preview_alt"].format(site_name=site_names[lang], title=title, text=text),
                              {"lang": lang, "site_name": site_names[lang], "badge": "", "kicker": "", "number": "",
                               "heading": title, "text": text, "page": True,
                               "address": edition.absolute(page.url).split("://", 1)[-1]}))
    return found


def rasterize(pdf: bytes) -> list[bytes]:
    """Each page of ``pdf`` (1200 x 630 CSS px, i.e. 900 x 472.5 pt) as a PNG
    of 1200 x 630 pixels, quantized to a palette; no date or other chunk that
    would change from one run to the next."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=96 / 72, draw_annots=False)
            image = bitmap.to_pil().convert("RGB")
            if image.size != (WIDTH, HEIGHT):
                image = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
            image = image.quantize(COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
            out = io.BytesIO()
            image.save(out, "PNG")   # zlib level 6: optimize=True saves 7 % of the bytes for 5 times the time
            images.append(out.getvalue())
            page.close()
        return images
    finally:
        document.close()


def images(cards_: list[Card], html_of, cache: Cache) -> dict[str, bytes]:
    """{site-relative path: PNG} of ``cards_``; ``html_of(views)`` renders
    overrides/edition/preview.html with those cards. The cards not in
    ``cache`` are set together, one document per language (the fonts are
    loaded once), and rastered."""
    found, missing = {}, {}
    for card in cards_:
        key = cache.key("preview", html_of([card.view]))
        found[card.path] = cache.get(key)
        if found[card.path] is None:
            missing.setdefault(card.lang, []).append((card, key))
    for group in missing.values():
        pngs = rasterize(typeset(html_of([card.view for card, _ in group]), tagged=False))
        for (card, key), png in zip(group, pngs, strict=True):
            found[card.path] = cache.put(key, png)
    return found
