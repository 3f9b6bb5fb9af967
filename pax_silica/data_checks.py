"""The checks of the data, beside the texts' (pax_silica.checker runs them):
docs/commitments.yml (a label in every language and known topic tags for
exactly the numbered paragraphs; each document's entry complete: type,
signature, signatories, its signature lines' names, its source), the facts
the edition's own pages write in prose against it, and mkdocs.yml's nav
titles translated for every language. Each problem is one
PATH:LINE:COL: message on the report."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from pax_silica.model import Edition


def check_prose_facts(edition: Edition, report) -> None:
    """The dates, signatories and paragraph counts the edition's own pages
    write, against docs/commitments.yml and the sources (facts.check_prose);
    only once the data is sound and the strings can be read."""
    from pax_silica.facts import check_prose
    from pax_silica.settings import SourceError
    from pax_silica.ui import STRINGS, read_strings

    if report.problems or report.fatal:
        return
    try:
        strings = read_strings(STRINGS, edition.languages)
    except SourceError:
        return      # the build says what is wrong with them
    check_prose(edition, strings, report)


def check_data(edition: Edition, report) -> None:
    """The data file names exactly the numbered paragraphs of the documents,
    with a label in every language and tags that are known topics."""
    data, languages = edition.data, edition.languages
    shown, line_of, values = data.path, data.line_of, data.values
    topics = values["topics"]
    for key, names in topics.items():
        missing = [l for l in languages if not (isinstance(names, dict) and names.get(l))]
        if missing:
            report.add(shown, line_of("topics", key), 1, f"topic {key!r} has no name in {', '.join(missing)}")
    entries = values["paragraphs"]
    documents = {doc: docs[edition.original] for doc, docs in edition.documents.items() if edition.original in docs}
    for doc in sorted(set(entries) - set(documents)):
        report.add(shown, line_of("paragraphs", doc), 1, f"document {doc!r}: no page has \"document: {doc}\" in its front matter")
    for doc, document in documents.items():
        anchors = {b.anchor: b for b in document.blocks if b.kind == "paragraph" and b.anchor}
        # an anchor lost in one language is reported on its page, not here too
        anywhere = {b.anchor for d in edition.documents[doc].values() for b in d.blocks if b.anchor}
        given = entries.get(doc) if isinstance(entries.get(doc), dict) else {}
        for anchor, block in anchors.items():
            if anchor not in given:
                report.add(shown, line_of("paragraphs", doc), 1,
                           f"{doc} #{anchor} has no label and tags here ({document.page.path}:{block.line})")
        for anchor, entry in given.items():
            line = line_of("paragraphs", doc, anchor)
            if anchor not in anchors:
                if anchor not in anywhere:
                    report.add(shown, line, 1, f"{doc} #{anchor} is not a paragraph of {document.page.path}")
                continue
            entry = entry if isinstance(entry, dict) else {}
            label = entry.get("label") if isinstance(entry.get("label"), dict) else {}
            missing = [l for l in languages if not label.get(l)]
            if missing:
                report.add(shown, line, 1, f"{doc} #{anchor} has no label in {', '.join(missing)}")
            tags = entry.get("tags") if isinstance(entry.get("tags"), list) else []
            if not tags:
                report.add(shown, line, 1, f"{doc} #{anchor} has no tags")
            for tag in tags:
                if not isinstance(tag, str) or tag not in topics:
                    report.add(shown, line_of("paragraphs", doc, anchor, "tags"), 1,
                               f"{doc} #{anchor}: tag {tag!r} is not one of the topics")
        if doc not in values["documents"]:
            report.add(shown, line_of("documents"), 1, f"document {doc!r} has no entry under documents:")
    for doc, meta in values["documents"].items():
        check_document_data(doc, meta, edition, report)


def check_document_data(doc: str, meta, edition: Edition, report) -> None:
    """A document's entry: short title, type and place of signature in every
    language, a date of signature, signatories named in every language (and
    their note, if any), a name and a row heading for each of its signature
    lines, and its source (publisher, kind, date, language, address)."""
    data, languages = edition.data, edition.languages
    meta = meta if isinstance(meta, dict) else {}

    def mapping(value) -> dict:
        return value if isinstance(value, dict) else {}

    def problem(where: tuple, message: str) -> None:
        report.add(data.path, data.line_of("documents", doc, *where), 1, f"{doc}: {message}")

    def in_every_language(value, where: tuple, what: str) -> None:
        missing = [l for l in languages if not (isinstance(value, dict) and isinstance(value.get(l), str)
                                                and value.get(l).strip())]
        if missing:
            problem(where, f"{what} has no text in {', '.join(missing)}")

    signed = mapping(meta.get("signed"))
    for key in ("short_title", "type"):
        in_every_language(meta.get(key), (key,), key)
    in_every_language(signed.get("place"), ("signed",), "signed.place")
    if not isinstance(signed.get("date"), datetime.date):
        problem(("signed",), "signed.date must be a date written YYYY-MM-DD")
    signatories = meta.get("signatories")
    if not isinstance(signatories, list) or not signatories:
        problem((), "signatories must be a list of names")
    else:
        for number, name in enumerate(signatories, 1):
            in_every_language(name, ("signatories",), f"signatory {number}")
    if "signatories_note" in meta:
        in_every_language(meta["signatories_note"], ("signatories_note",), "signatories_note")
    lines = mapping(meta.get("signature_lines"))
    document = edition.documents.get(doc, {}).get(edition.original)
    anchors = [b.anchor for b in document.signature_lines()] if document else []
    for anchor in anchors:
        if anchor not in lines:
            problem(("signature_lines",) if "signature_lines" in meta else (),
                    f"signature line #{anchor} ({document.page.path}) has no entry under signature_lines: "
                    f"give it a name and a row, in every language")
    for anchor, entry in lines.items():
        if document and anchor not in anchors:
            problem(("signature_lines", anchor), f"signature_lines: #{anchor} is not a signature line of {document.page.path}")
            continue
        for key in ("name", "row"):
            in_every_language(mapping(entry).get(key), ("signature_lines", anchor), f"signature line #{anchor}: {key}")
    source = meta.get("source")
    if not isinstance(source, dict):
        problem((), "source is missing: where the facts of signature are published "
                    "(publisher, kind, date, language, url)")
    else:
        for key in ("publisher", "kind"):
            in_every_language(source.get(key), ("source",), f"source.{key}")
        if not isinstance(source.get("date"), datetime.date):
            problem(("source",), "source.date must be a date written YYYY-MM-DD")
        if source.get("language") not in languages:
            problem(("source",), f"source.language must be one of {', '.join(languages)}")
        if not (isinstance(source.get("url"), str) and source["url"].startswith(("https://", "http://"))):
            problem(("source",), "source.url must be an absolute http(s) address")


BOOL = "tag:yaml.org,2002:bool"


def check_nav_translations(config_file: Path, shown: Path, report) :
    """Every title of mkdocs.yml's nav has a translation in the nav_translations
    of every other language built (mkdocs-static-i18n would keep the default
    language's title in that language's menu)."""
    from pax_silica.settings import config_nodes

    root = config_nodes(config_file)
    if root is None:
        return report

    def value(node, key):
        return next((v for k, v in node.value if k.value == key), None) if isinstance(node, yaml.MappingNode) else None

    def flag(node, default: bool) -> bool:
        """A boolean option as YAML reads it (true, True, yes, on…)."""
        if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL:
            return default
        return yaml.SafeLoader("").construct_yaml_bool(node)

    def titles(node):
        for item in node.value if isinstance(node, yaml.SequenceNode) else []:
            for key, child in item.value if isinstance(item, yaml.MappingNode) else []:
                yield key
                yield from titles(child)

    plugins = value(root, "plugins")
    i18n = next((value(p, "i18n") for p in (plugins.value if isinstance(plugins, yaml.SequenceNode) else [])
                 if value(p, "i18n") is not None), None)
    languages = value(i18n, "languages")
    for language in languages.value if isinstance(languages, yaml.SequenceNode) else []:
        if flag(value(language, "default"), False) or not flag(value(language, "build"), True):
            continue
        locale = value(language, "locale")
        translations = value(language, "nav_translations")
        given = {k.value for k, _ in translations.value} if isinstance(translations, yaml.MappingNode) else set()
        for title in titles(value(root, "nav")):
            if title.value not in given:
                report.add(shown, title.start_mark.line + 1, title.start_mark.column + 1,
                           f"nav title {title.value!r} has no translation in the nav_translations of "
                           f"{locale.value if locale is not None else 'a language'}")
    return report


