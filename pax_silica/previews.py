"""Link-preview images: one for every page.

When a link to /declaration/p9/ is pasted into a chat, a social network or a
newsroom's tool, its preview shows ``og:image``: a 1200 x 630 PNG in the
page's language with the edition's name, the document, the paragraph's
number and label (or, for a document, its title and facts), the paragraph's
first sentence, and the page's address (previews/declaration-p9.ja.png).
Every other page (the home page, the side-by-side views, the index, the
glossary, the notes, about) has one with its own title and description
(previews/index.en.png, previews/parallel-declaration.ja.png).

``document_cards`` lists the documents' and paragraphs' cards from the
model; ``page_cards`` the other pages', with the titles their pages show
(the h1 the site rendered: known once a language's pages are rendered).
overrides/edition/preview.html sets any number of them as the pages of one
HTML document (1200 x 630 px each), which pax_silica.typeset lays out with
the same engine as the PDF editions, so Japanese is broken into lines one
way everywhere, and rasters into PNGs with PDFium (pypdfium2): 96 dpi, a
palette of 64 colours, the same bytes every time, 20-60 KB. A card is the
same image whichever cards are set with it: ``jobs`` sets a language's
cards as one sheet (the fonts are loaded once), those the cache lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

from pax_silica import urls
from pax_silica.facts import fact_sentences
from pax_silica.languages import sentence_separator
from pax_silica.model import Edition, Page
from pax_silica.press import Cache, Job

WIDTH, HEIGHT = 1200, 630        # px: what Open Graph and X's large card show
COLOURS = 64


@dataclass
class Card:
    path: str            # site-relative: previews/declaration-p9.ja.png
    lang: str
    page: str            # the site-relative URL of the page it previews
    alt: str             # og:image:alt
    view: dict           # one card of overrides/edition/preview.html


def document_cards(edition: Edition, strings: dict[str, dict], site_names: dict[str, str]) -> list[Card]:
    """The cards of the document pages and the paragraph pages, in every language."""
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
    return found


def page_cards(edition: Edition, strings: dict[str, dict], site_names: dict[str, str],
               titles: dict[str, str]) -> list[Card]:
    """The cards of the other pages (home, side by side, index, glossary,
    notes, about) whose title, the text of the h1 as the page shows it, is
    in ``titles`` (page URL -> title): their title and description."""
    found = []
    for lang, pages in edition.pages.items():
        for page in pages.values():
            title, text = titles.get(page.url), page.meta.get("description", "")
            if page.document or not title:
                continue
            found.append(Card(urls.preview_file(urls.page_url(edition.original, page.source, edition.original), lang),
                              lang, page.url,
                              strings[lang]["preview_alt"].format(site_name=site_names[lang], title=title, text=text),
                              {"lang": lang, "site_name": site_names[lang], "badge": "", "kicker": "", "number": "",
                               "heading": title, "text": text, "page": True,
                               "address": edition.absolute(page.url).split("://", 1)[-1]}))
    return found


def jobs(cards_: list[Card], html_of, cache: Cache) -> tuple[dict[str, bytes], list[Job]]:
    """The images ``cache`` has ({site path: PNG}), and the jobs that set the
    others: one sheet per language. ``html_of(views)`` renders
    overrides/edition/preview.html with those cards."""
    found, missing = {}, {}
    for card in cards_:
        key = cache.key("preview", html_of([card.view])) if cache.folder else None
        found[card.path] = cache.get(key)
        if found[card.path] is None:
            del found[card.path]
            missing.setdefault(card.lang, []).append((card, key))
    return found, [Job(tuple(card.path for card, _ in group), html_of([card.view for card, _ in group]),
                       tagged=False, size=(WIDTH, HEIGHT), colours=COLOURS, keys=tuple(key for _, key in group))
                   for group in missing.values()]
