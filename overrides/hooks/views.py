"""Views of the documents generated at build time from the sources (texts.py).

- Parallel view: a page whose front matter says ``parallel: <document>``
  (docs/<lang>/parallel/*.md: a title and an introduction) gets one row per
  block of the document, aligned by anchor: both languages side by side, the
  page's language first, each cell with its own ``lang`` and a link to the
  paragraph in its single-language page. Rows carry the same anchors as the
  single-language pages (``parallel/declaration/#p8``).
- Index of commitments: a page whose front matter says ``commitments: true``
  gets, as Markdown (so its headings reach the table of contents), every
  paragraph by topic and by document, from the labels and tags of
  docs/commitments.yml.
- Document pages get a line of links under the title: side by side, plain
  text, index.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from mkdocs.utils import get_relative_url

from texts import INDEX_PAGE, PARALLEL_PAGE, TEXT_FILE, in_language, mark_languages, page_language, read_edition

UI = {
    "en": {
        "columns": {"en": "English (original)", "ja": "Japanese (provisional translation)"},
        "rows": {"title": "Title", "signed": "Signed", "for-japan": "Japan", "for-usa": "United States"},
        "row_label": {"title": "Title", "paragraph": "Paragraph {n}", "signature": "Signature line"},
        "open": {"en": "English text", "ja": "Japanese text"},
        "open_label": {"en": "{row} in the English text", "ja": "{row} in the Japanese text"},
        "heading": "The text in English and Japanese, block by block",
        "doc_links": "Side by side with the Japanese", "text": "Plain text (.txt)", "index": "Index of commitments",
        "by_topic": "By topic", "by_document": "By document", "paragraph": "¶ {n}",
        "parallel": "side by side", "paragraphs": "{count} paragraphs", "one_paragraph": "1 paragraph",
        "entry": "{link}: {label} ({parallel})", "topic_count": "{topic} ({count})", "tags": "Topics: {tags}", "tag_separator": ", ",
    },
    "ja": {
        "columns": {"ja": "日本語（仮訳）", "en": "英語（正文）"},
        "rows": {"title": "題名", "signed": "署名", "for-japan": "日本国", "for-usa": "米国"},
        "row_label": {"title": "題名", "paragraph": "第{n}段落", "signature": "署名欄"},
        "open": {"ja": "日本語の本文", "en": "英語の本文"},
        "open_label": {"ja": "日本語の本文の{row}", "en": "英語の本文の{row}"},
        "heading": "日本語と英語の本文（段落ごと）",
        "doc_links": "英語と対照して読む", "text": "テキスト形式（.txt）", "index": "テーマ別索引",
        "by_topic": "テーマ別", "by_document": "文書別", "paragraph": "第{n}段落",
        "parallel": "日英対照", "paragraphs": "{count}段落", "one_paragraph": "1段落",
        "entry": "{link}：{label}（{parallel}）", "topic_count": "{topic}（{count}）", "tags": "テーマ：{tags}", "tag_separator": "、",
    },
}


def link(soup, href: str, text: str, **attrs):
    a = soup.new_tag("a", attrs={"href": href, **attrs})
    a.string = text
    return a


def parallel_view(page, config) -> str:
    """The rows of a parallel page, as HTML."""
    edition = read_edition(config)
    lang, default = page_language(page), edition.languages[0]
    ui = UI[lang]
    docs = edition.documents[page.meta["parallel"]]
    order = [lang] + [l for l in edition.languages if l != lang]
    soup = BeautifulSoup("", "html.parser")
    # A <section> around <div>s: Material's search parser matches an excluded
    # element's end by tag name, so a nested tag of the same name would end it.
    view = soup.new_tag("section", attrs={"class": "parallel", "data-search-exclude": ""})
    heading = soup.new_tag("h2", attrs={"class": "visually-hidden"})
    heading.string = ui["heading"]
    view.append(heading)
    head = soup.new_tag("div", attrs={"class": "parallel-head", "aria-hidden": "true"})
    head.append(soup.new_tag("span"))
    for cell_lang in order:
        column = soup.new_tag("span", lang=cell_lang)
        column.string = ui["columns"][cell_lang]
        head.append(column)
    view.append(head)
    for block in docs[default].blocks:
        n = block.number
        row_name = ui["paragraph"].format(n=n) if n else ui["rows"].get(block.anchor, "¶")
        row = soup.new_tag("div", attrs={"class": f"parallel-row parallel-{block.kind}", "id": block.anchor,
                                         "role": "group", "aria-label": row_name})
        row.append(link(soup, f"#{block.anchor}", row_name, **{"class": "parallel-number"}))
        for cell_lang in order:
            source = docs[cell_lang]
            cell_block = source.block(block.anchor)
            cell = soup.new_tag("div", attrs={"class": "parallel-cell", "lang": cell_lang})
            text = BeautifulSoup(f"<p>{mark_languages(cell_block.html, cell_lang)}</p>", "html.parser")
            cell.append(text)
            href = get_relative_url(f"{source.url}#{block.anchor}", page.url)
            cell.append(link(soup, href, ui["open"][cell_lang], **{
                "class": "parallel-source", "hreflang": cell_lang, "lang": lang,
                "aria-label": ui["open_label"][cell_lang].format(row=row_name)}))
            row.append(cell)
        view.append(row)
    return str(view)


def document_links(page, config) -> str:
    """Links under a document's title: parallel view, plain text, index."""
    edition = read_edition(config)
    lang, default = page_language(page), edition.languages[0]
    ui, doc = UI[lang], page.meta["document"]
    soup = BeautifulSoup("", "html.parser")
    line = soup.new_tag("p", attrs={"class": "doc-links", "data-search-exclude": ""})
    targets = [
        (in_language(lang, PARALLEL_PAGE.format(doc=doc), default), ui["doc_links"], {}),
        (TEXT_FILE.format(doc=doc, lang=lang), ui["text"], {"type": "text/plain", "download": ""}),
        (in_language(lang, INDEX_PAGE, default), ui["index"], {}),
    ]
    for i, (url, text, attrs) in enumerate(targets):
        if i:
            line.append(" · ")
        line.append(link(soup, get_relative_url(url, page.url), text, **attrs))
    return str(line)


def escape(text: str) -> str:
    """Plain text safe inside Markdown inline markup."""
    return "".join("\\" + c if c in "\\`*_[]{}<>#|!" else c for c in text)


def commitments_index(page, config) -> str:
    """The index of commitments, as Markdown appended to the page's own."""
    edition = read_edition(config)
    lang, default = page_language(page), edition.languages[0]
    ui, topics = UI[lang], edition.data["topics"]
    entries = []  # (doc, block, title in this language)
    for doc, docs in edition.documents.items():
        for block in docs[default].paragraphs():
            entries.append((doc, block, edition.data["documents"][doc]["short_title"][lang]))

    def entry(doc, block, title, with_tags):
        label = (edition.label(doc, block.anchor) or {}).get(lang, "")
        number = ui["paragraph"].format(n=block.number)
        line = "- " + ui["entry"].format(
            link=f"[{escape(title)} {number}]({doc}.md#{block.anchor})", label=escape(label),
            parallel=f"[{ui['parallel']}](parallel/{doc}.md#{block.anchor})")
        if with_tags:
            tags = edition.tags(doc, block.anchor)
            links = ui["tag_separator"].join(f"[{escape(topics[t][lang])}](#topic-{t})" for t in tags)
            line += "  \n  " + ui["tags"].format(tags=links)
        return line

    tagged_by_topic = {key: [e for e in entries if key in edition.tags(e[0], e[1].anchor)] for key in topics}
    tagged_by_topic = {key: tagged for key, tagged in tagged_by_topic.items() if tagged}
    # One line of links to the topics; a topic's name never breaks across lines.
    summary = " · ".join(
        f"[{escape(ui['topic_count'].format(topic=topics[key][lang], count=len(tagged))).replace(' ', chr(0xA0))}]"
        f"(#topic-{key})" for key, tagged in tagged_by_topic.items())
    out = [f"## {ui['by_topic']} {{ #by-topic }}", "", summary, "{: .index-topics }", ""]
    for key, tagged in tagged_by_topic.items():
        names = topics[key]
        count = ui["one_paragraph"] if len(tagged) == 1 else ui["paragraphs"].format(count=len(tagged))
        out += [f"### {escape(names[lang])} {{ #topic-{key} }}", "", count, "{: .index-count }", ""]
        out += [entry(*e, with_tags=False) for e in tagged] + [""]
    out += [f"## {ui['by_document']} {{ #by-document }}", ""]
    for doc, docs in edition.documents.items():
        out += [f"### {escape(docs[lang].title.text)} {{ #document-{doc} }}", ""]
        out += [entry(*e, with_tags=True) for e in entries if e[0] == doc] + [""]
    return "\n".join(out)


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("commitments"):
        return markdown.rstrip() + "\n\n" + commitments_index(page, config) + "\n"
    return markdown


def on_page_content(html, page, config, files):
    if page.meta.get("parallel"):
        view = parallel_view(page, config)
        # The rows' anchors, for MkDocs' check of links like parallel/declaration.md#p8.
        page.present_anchor_ids |= {el["id"] for el in BeautifulSoup(view, "html.parser").find_all(id=True)}
        return html + view
    if page.meta.get("document"):
        soup = BeautifulSoup(html, "html.parser")
        title = soup.find("h1")
        if title:
            title.insert_after(BeautifulSoup(document_links(page, config), "html.parser"))
            return str(soup)
    return html
