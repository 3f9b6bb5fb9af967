"""Prove that every language of the edition has the same paragraph structure.

``check(edition)`` asks the model (pax_silica.model) and returns a
``Report``: one ``PATH:LINE:COL: message`` per problem. It checks

- that every language has the same pages and, per page, the same sequence of
  blocks (headings of the same level, paragraphs, signature lines, list
  items, admonitions, tables) with the same anchors in the same order;
- that a numbered paragraph has as many sentences (one per source line) in
  every language, each ending as a sentence of its language ends;
- that a document page holds its title, then numbered paragraphs (``#p<N>``)
  and signature lines only; no anchor twice on a page, no empty block;
- the text: letters of foreign scripts, invisible or control characters,
  PDF page furniture;
- docs/commitments.yml: a label in every language and known topic tags for
  exactly the numbered paragraphs, and each document's entry complete (type,
  signature, signatories, its signature lines' names, its source);
- docs/glossary.yml against the text (pax_silica.glossary_checks.check): every
  English occurrence of a term rendered in its aligned Japanese sentence,
  or recorded as rendered otherwise; the readings in kana;
- docs/signatories.yml, the Declaration's status (pax_silica.register.check),
  and docs/changes.yml, the dates of the feeds' entries (pax_silica.feed.check).

Blocks marked ``lang-only`` are left out of the comparison. A page whose
blocks are not known yet (the build renders non-document pages itself) is
checked by ``check_pages`` once they are. Used by scripts/check_parity.py
and by the build (overrides/hooks/edition.py). Never writes.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pax_silica import data_checks, feed, glossary, glossary_checks, register
from pax_silica.languages import SENTENCE_ENDS
from pax_silica.model import SIGNATURE, Block, Edition, Page, front_matter_problem

FURNITURE = {"(仮訳)", "（仮訳）", "仮訳"}
# Letters other than these (by Unicode name) do not belong in either language.
ALLOWED_SCRIPTS = ("LATIN", "CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA", "IDEOGRAPHIC")


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)   # PATH:LINE:COL: message
    fatal: list[str] = field(default_factory=list)      # inputs that could not be read
    pages: int = 0

    def add(self, path: Path, line: int, col: int, message: str) -> None:
        self.problems.append(f"{path}:{line}:{col}: {message}")

    @property
    def ok(self) -> bool:
        return not (self.problems or self.fatal)


def check(edition: Edition, terms: glossary.Glossary | None = None) -> Report:
    """Everything that can be checked of ``edition`` now (``terms``: its
    glossary, when the caller has read it already)."""
    report = Report(fatal=list(edition.unreadable))
    report.pages = sum(len(p) for p in edition.pages.values())
    for lang, pages in edition.pages.items():
        for page in pages.values():
            check_characters(page, report)
            problem = front_matter_problem(page.text)
            if problem:
                report.add(page.path, problem[0], problem[1], f"invalid front matter: {problem[2]}")
    check_pages(edition, report, [s for s in sources(edition) if rendered(edition, s)])
    check_parallel_pages(edition, report)
    if edition.data:
        data_checks.check_data(edition, report)
        data_checks.check_prose_facts(edition, report)
    glossary_checks.check(edition, report, terms)
    register.check(edition, report)      # docs/signatories.yml: the Declaration's status
    feed.check(edition, report)          # docs/changes.yml: the dates of the feeds' entries
    return report


def sources(edition: Edition) -> list[str]:
    """Every page's source path, in any language."""
    return sorted(set().union(*(pages.keys() for pages in edition.pages.values())))


def rendered(edition: Edition, source: str) -> bool:
    return all(p.blocks is not None for p in pages_of(edition, source).values())


def pages_of(edition: Edition, source: str) -> dict[str, Page]:
    return {lang: pages[source] for lang, pages in edition.pages.items() if source in pages}


def check_pages(edition: Edition, report: Report, selected: list[str]) -> Report:
    """Blocks and parity of the pages at ``selected`` source paths."""
    reference = edition.original
    for source in selected:
        parsed = pages_of(edition, source)
        for lang in edition.languages:
            if lang not in parsed:
                have = next(iter(parsed.values()))
                docs = Path(*have.path.parts[:-len(Path(source).parts) - 1])
                report.add(docs / lang / source, 1, 1, f"page is missing; {have.lang} has {have.path}")
        for page in parsed.values():
            check_scripts(page, report)
            check_page(page, report)
        if reference in parsed:
            for lang, page in parsed.items():
                if lang != reference:
                    compare(parsed[reference], page, reference, report)
                    check_sentence_counts(parsed[reference], page, report)
    return report


# --- one page ----------------------------------------------------------------

def position_in(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def check_characters(page: Page, report: Report) -> None:
    """Invisible, control and private-use characters anywhere in the file."""
    for i, ch in enumerate(page.text):
        if ch in "\n\t":
            continue
        cat = unicodedata.category(ch)
        if ch == "\ufffd" or cat in ("Cc", "Cf", "Co", "Cs", "Cn") or ch in "\u2028\u2029":
            line, col = position_in(page.text, i)
            name = unicodedata.name(ch, "unassigned or private-use character")
            report.add(page.path, line, col, f"invisible or control character U+{ord(ch):04X} {name}")


def compared(page: Page) -> list[Block]:
    return [b for b in page.blocks if not b.lang_only]


def check_scripts(page: Page, report: Report) -> None:
    """Letters of scripts that belong to neither language, inside a block."""
    lines = page.text.split("\n")
    for block in compared(page):
        if block.kind == "table":
            continue  # the notes quote damaged text in their tables
        for ch in dict.fromkeys(block.text):
            name = unicodedata.name(ch, "")
            if not ch.isalpha() or name.startswith(ALLOWED_SCRIPTS):
                continue
            start = sum(len(l) + 1 for l in lines[:block.line - 1])
            index = page.text.find(ch, start)
            line, col = position_in(page.text, index if index != -1 else start)
            script = name.split(" ")[0].capitalize() if name else "unknown"
            report.add(page.path, line, col,
                       f"{script} letter {ch!r} (U+{ord(ch):04X}) in {block.describe()}: "
                       f"not a letter of English or Japanese text")


def check_page(page: Page, report: Report) -> None:
    document = bool(page.document)
    seen: dict[str, Block] = {}
    for block in compared(page):
        where = (page.path, block.line, 1)
        if block.anchor:
            if block.anchor in seen:
                report.add(*where, f"anchor #{block.anchor} appears twice on the page "
                                   f"(first at line {seen[block.anchor].line})")
            seen.setdefault(block.anchor, block)
        if not block.text and block.kind != "table":
            report.add(*where, f"{block.describe()} is empty")
        if block.kind in ("paragraph", "item") and (block.text in FURNITURE or block.text.strip("-– ").isdigit()):
            report.add(*where, f"PDF page furniture {block.text!r} inside the text "
                               f"(a running header or page number): remove it and join the paragraph")
        elif document and block.kind in ("paragraph", SIGNATURE) and not block.anchor:
            hint = ""
            if block.text[-1:] in "、,":
                hint = f" (it ends with {block.text[-1]!r}: the first half of a paragraph split by a page break?)"
            report.add(*where, f"paragraph without anchor: add {{: #… }} on the line after it{hint}")
    if document:
        check_document_page(page, report)
    check_sentence_ends(page, report)


def check_sentence_ends(page: Page, report: Report) -> None:
    """Every sentence of a numbered paragraph (one line of its source) is a
    whole sentence: not empty, and ending as a sentence of its language ends."""
    pattern, how = SENTENCE_ENDS.get(page.lang, (None, ""))
    for block in compared(page):
        for sentence in block.sentences:
            where = f"¶{block.number}, sentence {sentence.number}"
            if not sentence.text:
                report.add(page.path, sentence.line, 1, f"{where} is empty")
            elif pattern and not pattern.search(sentence.text):
                report.add(page.path, sentence.line, 1,
                           f"{where} does not end as {how}: …{sentence.text[-24:]!r}; "
                           f"one sentence per line, the next sentence on the next line")


def check_sentence_counts(reference: Page, other: Page, report: Report) -> None:
    """A numbered paragraph has as many sentences in every language."""
    theirs = {b.anchor: b for b in compared(reference) if b.sentences}
    for block in compared(other):
        counterpart = theirs.get(block.anchor)
        if counterpart and block.sentences and len(block.sentences) != len(counterpart.sentences):
            report.add(other.path, block.line, 1,
                       f"¶{block.number} has {len(block.sentences)} sentence{'s' * (len(block.sentences) != 1)}, "
                       f"{reference.path} ¶{counterpart.number} has {len(counterpart.sentences)}")


def check_document_page(page: Page, report: Report) -> None:
    """A document page: its title (# Title { #title }), then numbered
    paragraphs and signature lines; nothing else would be shown."""
    blocks = page.blocks
    if not blocks or blocks[0].kind != "heading" or blocks[0].level != 1:
        report.add(page.path, blocks[0].line if blocks else page.offset + 1, 1,
                   "a document page starts with its title: # Title { #title }")
    for block in blocks[1:]:
        if block.kind == "paragraph" and block.anchor and not block.number:
            report.add(page.path, block.line, 1, f"paragraph #{block.anchor}: a paragraph of a document "
                                                 f"is numbered, {{: #p<N> }}")
        elif block.kind not in ("paragraph", SIGNATURE):
            report.add(page.path, block.line, 1, f"{block.describe()}: a document page holds only its title, "
                                                 f"numbered paragraphs and signature lines")


def compare(reference: Page, other: Page, ref_lang: str, report: Report) -> None:
    """Report where ``other`` departs from the block sequence of ``reference``."""
    a, b = compared(reference), compared(other)
    missing, extra = [], []
    matcher = difflib.SequenceMatcher(a=[x.key for x in a], b=[x.key for x in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2))) if op == "replace" else []
        for i, j in pairs:
            ra, ob = a[i], b[j]
            if ra.kind == ob.kind and ra.anchor and ob.anchor and ra.anchor != ob.anchor:
                report.add(other.path, ob.line, 1,
                           f"{ob.describe()} is #{ra.anchor} in {ref_lang} "
                           f"({reference.path}:{ra.line}); anchors must be identical in every language")
            elif ra.kind == ob.kind == "heading" and ra.anchor == ob.anchor:
                report.add(other.path, ob.line, 1,
                           f"{ob.describe()} is an h{ra.level} in {ref_lang} ({reference.path}:{ra.line})")
            elif ra.kind == ob.kind == "table":
                report.add(other.path, ob.line, 1,
                           f"table has {ob.level} rows; {ref_lang} has {ra.level} ({reference.path}:{ra.line})")
            elif ra.kind == ob.kind and bool(ra.anchor) != bool(ob.anchor):
                anchorless(reference, ra, other, ob, ref_lang, report)   # one fault, one line
            else:
                missing.append((i, j))
                extra.append(j)
        n = len(pairs)
        missing += [(i, j1 + n if j1 + n < len(b) else None) for i in range(i1 + n, i2)]
        extra += list(range(j1 + n, j2))
    extra_anchors = {b[j].anchor: j for j in extra if b[j].anchor}
    for i, j in missing:
        ra = a[i]
        if ra.anchor and ra.anchor in extra_anchors:
            ob = b[extra_anchors.pop(ra.anchor)]
            report.add(other.path, ob.line, 1,
                       f"{ob.describe()} is out of order: {ref_lang} has it at {reference.path}:{ra.line}, "
                       f"after {a[i - 1].describe() if i else 'the start of the page'}")
            continue
        here = b[j] if j is not None else None
        line = here.line if here else (b[-1].line + 1 if b else 1)
        report.add(other.path, line, 1, f"{ra.describe()} is missing; {ref_lang} has it at {reference.path}:{ra.line}")
    for j in extra:
        ob = b[j]
        if ob.anchor and ob.anchor not in extra_anchors:
            continue  # reported as out of order
        report.add(other.path, ob.line, 1, f"{ob.describe()} is not in {ref_lang}")


def anchorless(reference: Page, ra: Block, other: Page, ob: Block, ref_lang: str, report: Report) -> None:
    """A block that lost its anchor in one language: one line, where it was
    lost, naming the anchor to put back (instead of "without anchor",
    "missing" and "not in" for the same fault)."""
    page, block, kept, keeper = (other, ob, ra, reference) if ra.anchor else (reference, ra, ob, other)
    plain = f"{page.path}:{block.line}:1: {block.describe()} without anchor: add {{: #… }} on the line after it"
    report.problems = [p for p in report.problems if not p.startswith(plain)]
    report.add(page.path, block.line, 1, f"{block.describe()} without anchor: add {{: #{kept.anchor} }} on the line "
                                         f"after it, as in {keeper.path}:{kept.line}")


def front_matter_line(page: Page, key: str) -> int:
    """The line of ``key:`` in a page's front matter."""
    lines = page.text.split("\n")[:page.offset]
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)


def check_parallel_pages(edition: Edition, report: Report) -> None:
    """Every document has a side-by-side page in every language (its pages
    link to it), and a side-by-side page names a document that exists."""
    for lang, pages in edition.pages.items():
        for page in pages.values():
            doc = page.meta.get("parallel")
            if doc is not None and doc not in edition.documents:
                report.add(page.path, front_matter_line(page, "parallel"), 1,
                           f"parallel: {doc} names no document (no page has \"document: {doc}\" in its front matter)")
    for doc, docs in edition.documents.items():
        for lang in edition.languages:
            if lang in docs and not any(p.meta.get("parallel") == doc for p in edition.pages[lang].values()):
                page = docs[lang].page
                folder = Path(*page.path.parts[:-len(Path(page.source).parts)])
                report.add(folder / "parallel" / f"{doc}.md", 1, 1,
                           f"document {doc!r} ({page.path}) has no side-by-side page: write it, with "
                           f"\"parallel: {doc}\" in its front matter, a title and an introduction")


def check_folder(docs_dir: Path, config_file: Path, shown_from: Path | None = None) -> Report:
    """Read and check every page of ``docs_dir`` with the languages and
    Markdown extensions of ``config_file`` (scripts/check_parity.py)."""
    from pax_silica.model import read_edition
    from pax_silica.settings import SourceError, read_settings

    try:
        settings = read_settings(config_file)
    except SourceError as e:
        return Report(fatal=[str(e)])
    settings.docs_dir = docs_dir
    if not docs_dir.is_dir():
        return Report(fatal=[f"{docs_dir}: no such folder"])
    missing = [f"{docs_dir / lang}: no such folder (languages in mkdocs.yml: {', '.join(settings.languages)})"
               for lang in settings.languages if not (docs_dir / lang).is_dir()]
    if missing:
        return Report(fatal=missing)
    try:
        edition = read_edition(settings, shown_from=shown_from)
    except SourceError as e:  # the Markdown extensions of mkdocs.yml cannot be loaded
        return Report(fatal=[str(e)])
    return data_checks.check_nav_translations(config_file, config_file, check(edition))
