#!/usr/bin/env python3
"""Prove that every language of the edition has the same paragraph structure.

    python scripts/check_parity.py [DOCS_DIR]          (default: docs)

Every page under DOCS_DIR/<lang>/ is parsed with Python-Markdown and the very
``markdown_extensions`` of mkdocs.yml, and the element tree is compared across
languages: the same pages; per page the same sequence of headings (same
level), paragraphs, signature lines, list items, admonitions and tables, with
the same anchors in the same order. On document pages (front matter
``document:``) every paragraph must carry an anchor. No anchor twice on a
page, no empty block. The text is checked for letters of foreign scripts,
invisible or control characters, and PDF page furniture. DOCS_DIR/commitments.yml
must give a label in every language and known topic tags to exactly the
anchored paragraphs of the document pages.

A block that exists for one language's readers only is marked with the class
``lang-only`` (``{: .lang-only }``, or ``attrs: {class: lang-only}`` on a
block) and is left out of the comparison.

Output: one ``PATH:LINE:COL: message`` line per problem, then a summary.
Exit status: 0 clean, 1 problems found, 2 could not check. Never writes.
"""

from __future__ import annotations

import argparse
import difflib
import html
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LANG_ONLY = "lang-only"
DATA_FILE = "commitments.yml"   # labels and tags of every paragraph, see check_data
FURNITURE = {"(仮訳)", "（仮訳）", "仮訳"}
# Letters other than these (by Unicode name) do not belong in either language.
ALLOWED_SCRIPTS = ("LATIN", "CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA", "IDEOGRAPHIC")
KIND_NAMES = {"heading": "heading", "p": "paragraph", "signature": "signature line",
              "li": "list item", "admonition": "admonition", "table": "table"}


class CannotCheck(Exception):
    """Input the checker cannot read: reported, and the exit status is 2."""


@dataclass
class Block:
    kind: str            # heading | p | signature | li | admonition | table
    anchor: str | None
    level: int           # heading level, table rows; 0 otherwise
    text: str
    line: int = 1
    col: int = 1

    @property
    def key(self):
        return (self.kind, self.level, self.anchor)

    def describe(self) -> str:
        name = KIND_NAMES[self.kind]
        if self.kind == "heading":
            name = f"h{self.level} heading"
        return f"{name} #{self.anchor}" if self.anchor else name


@dataclass
class Page:
    path: Path           # as given on the command line, for messages
    meta: dict
    blocks: list[Block]
    ids: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    fatal: list[str] = field(default_factory=list)

    def add(self, path: Path, line: int, col: int, message: str) -> None:
        self.problems.append(f"{path}:{line}:{col}: {message}")


# --- reading -----------------------------------------------------------------

def load_config(config_path: Path):
    """(languages with the reference first, markdown_extensions, extension_configs)."""
    from mkdocs.utils import yaml_load

    try:
        with open(config_path, "rb") as f:
            config = yaml_load(f) or {}
    except OSError as e:
        raise CannotCheck(f"{config_path}: cannot read the MkDocs configuration: {e.strerror}")
    except Exception as e:  # YAML errors carry their own line
        raise CannotCheck(f"{config_path}: invalid MkDocs configuration: {e}")
    extensions, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            (name, options), = item.items()
            configs[name] = options or {}
        else:
            name = item
        extensions.append(name)
    languages = ["en", "ja"]
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = (plugin["i18n"] or {}).get("languages") or []
            ordered = sorted(langs, key=lambda l: not l.get("default"))
            languages = [l["locale"] for l in ordered if l.get("build", True)]
    return languages, extensions, configs


class _KeepTree:
    """A last treeprocessor that keeps the finished element tree."""

    def __init__(self):
        self.root = None

    def run(self, root):
        self.root = root


def make_parser(extensions, configs):
    import markdown

    try:
        md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    except Exception as e:
        raise CannotCheck(f"mkdocs.yml: cannot load markdown_extensions: {e}")
    keep = _KeepTree()
    md.treeprocessors.register(keep, "check_parity_keep_tree", -1000)
    return md, keep


def read_text(path: Path, shown: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CannotCheck(f"{shown}: cannot read: {e.strerror or e}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CannotCheck(f"{shown}: invalid UTF-8 at byte offset {e.start} "
                          f"(byte 0x{data[e.start]:02x})")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- from source to blocks ---------------------------------------------------

def split_front_matter(text: str):
    """(meta, body, number of lines taken by the front matter)."""
    from mkdocs.utils.meta import get_data

    body, meta = get_data(text)
    return meta or {}, body, text.count("\n") - body.count("\n")


def classes(el) -> list[str]:
    return (el.get("class") or "").split()


def element_text(el) -> str:
    return "".join(el.itertext()).strip()


def collect_blocks(root) -> list[Block]:
    blocks: list[Block] = []

    def walk(parent):
        for el in parent:
            if LANG_ONLY in classes(el):
                continue
            tag, anchor = el.tag, el.get("id")
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                blocks.append(Block("heading", anchor, int(tag[1]), element_text(el)))
            elif tag == "p":
                kind = "signature" if "signature" in classes(el) else "p"
                blocks.append(Block(kind, anchor, 0, element_text(el)))
            elif tag == "li":
                own = "".join(el.text or "") + "".join(
                    element_text(c) + (c.tail or "") for c in el if c.tag not in ("ul", "ol", "p"))
                blocks.append(Block("li", anchor, 0, own.strip() or element_text(el)))
                walk(el)
            elif tag == "div" and "admonition" in classes(el):
                title = next((c for c in el if "admonition-title" in classes(c)), None)
                blocks.append(Block("admonition", anchor, 0, element_text(title) if title is not None else ""))
                walk(el)
            elif tag == "table":
                rows = len(el.findall(".//tr"))
                blocks.append(Block("table", anchor, rows, element_text(el)))
            else:
                walk(el)

    walk(root)
    return blocks


_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")


def unstash(blocks: list[Block], md) -> None:
    """Put back the inline HTML and entities Python-Markdown stashed, as text;
    a paragraph left with only its attribute list (``{: #p2 }``) is empty."""
    stash = md.htmlStash.rawHtmlBlocks
    for block in blocks:
        text = _PLACEHOLDER.sub(lambda m: str(stash[int(m.group(1))]), block.text)
        block.text = html.unescape(text).strip()
        if block.kind == "p" and block.text.startswith("{:") and block.text.endswith("}"):
            words = block.text[2:-1].split()
            block.anchor = block.anchor or next((w[1:] for w in words if w.startswith("#")), None)
            block.text = ""


def locate(blocks: list[Block], body: str, offset: int) -> None:
    """Give each block the line/column where its source starts.

    Python-Markdown keeps no positions, so each block is found in the source
    in document order: by its ``#anchor`` where it has one (the attribute list
    follows the text, so the block starts at the paragraph before it), else
    by the start of its text."""
    cursor = 0
    for block in blocks:
        pos = mark = -1
        if block.anchor:
            mark = body.find("#" + block.anchor, cursor)
            while mark != -1 and body[mark + 1 + len(block.anchor):][:1] not in ("", " ", "}", ".", "\n"):
                mark = body.find("#" + block.anchor, mark + 1)
            if mark != -1 and block.kind not in ("heading",):
                start = body.rfind("\n\n", cursor, mark)
                pos = start + 2 if start != -1 else cursor
                while pos < mark and body[pos] == "\n":
                    pos += 1
            elif mark != -1:
                pos = body.rfind("\n", 0, mark) + 1
        if pos == -1 and block.text:
            probe = block.text[:12]
            pos = body.find(probe, cursor)
            if pos != -1:
                pos = body.rfind("\n", 0, pos) + 1
        if pos == -1:
            pos = cursor
        block.line = offset + body.count("\n", 0, pos) + 1
        block.col = 1
        cursor = max(cursor, pos + 1, mark + 1)


def parse_page(path: Path, shown: Path, md, keep) -> tuple[Page, str, int]:
    text = read_text(path, shown)
    meta, body, offset = split_front_matter(text)
    md.reset()
    md.convert(body)
    blocks = collect_blocks(keep.root)
    unstash(blocks, md)
    locate(blocks, body, offset)
    return Page(shown, meta, blocks), text, offset


# --- checks ------------------------------------------------------------------

def position_in(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def check_characters(page: Page, text: str, report: Report) -> None:
    """Invisible, control and private-use characters anywhere in the file."""
    for i, ch in enumerate(text):
        cat = unicodedata.category(ch)
        if ch in "\n\t":
            continue
        if ch == "\ufffd" or cat in ("Cc", "Cf", "Co", "Cs", "Cn") or ch in "\u2028\u2029":
            line, col = position_in(text, i)
            name = unicodedata.name(ch, "unassigned or private-use character")
            report.add(page.path, line, col, f"invisible or control character U+{ord(ch):04X} {name}")


def check_scripts(page: Page, text: str, report: Report) -> None:
    """Letters of scripts that belong to neither language, inside a block."""
    for block in page.blocks:
        if block.kind == "table":
            continue  # the notes quote damaged text in their tables
        for ch in dict.fromkeys(block.text):
            if not ch.isalpha():
                continue
            name = unicodedata.name(ch, "")
            if name.startswith(ALLOWED_SCRIPTS):
                continue
            start = sum(len(l) + 1 for l in text.split("\n")[:block.line - 1])
            index = text.find(ch, start)
            line, col = position_in(text, index if index != -1 else start)
            script = name.split(" ")[0].capitalize() if name else "unknown"
            report.add(page.path, line, col,
                       f"{script} letter {ch!r} (U+{ord(ch):04X}) in {block.describe()}: "
                       f"not a letter of English or Japanese text")


def check_page(page: Page, report: Report) -> None:
    document = bool(page.meta.get("document"))
    seen: dict[str, Block] = {}
    for block in page.blocks:
        where = (page.path, block.line, block.col)
        if block.anchor:
            if block.anchor in seen:
                first = seen[block.anchor]
                report.add(*where, f"anchor #{block.anchor} appears twice on the page "
                                   f"(first at line {first.line})")
            seen.setdefault(block.anchor, block)
        if not block.text and block.kind != "table":
            report.add(*where, f"{block.describe()} is empty")
        if block.kind in ("p", "li") and (block.text in FURNITURE or block.text.strip("-– ").isdigit()):
            report.add(*where, f"PDF page furniture {block.text!r} inside the text "
                               f"(a running header or page number): remove it and join the paragraph")
        elif document and block.kind in ("p", "signature") and not block.anchor:
            hint = ""
            if block.text[-1:] in "、,":
                hint = f" (it ends with {block.text[-1]!r}: the first half of a paragraph split by a page break?)"
            report.add(*where, f"paragraph without anchor: add {{: #… }} on the line after it{hint}")


def compare(reference: Page, other: Page, ref_lang: str, report: Report) -> None:
    """Report where ``other`` departs from the block sequence of ``reference``."""
    a, b = reference.blocks, other.blocks
    missing, extra = [], []
    matcher = difflib.SequenceMatcher(a=[x.key for x in a], b=[x.key for x in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2))) if op == "replace" else []
        for i, j in pairs:
            ra, ob = a[i], b[j]
            if ra.kind == ob.kind and ra.anchor and ob.anchor and ra.anchor != ob.anchor:
                report.add(other.path, ob.line, ob.col,
                           f"{ob.describe()} is #{ra.anchor} in {ref_lang} "
                           f"({reference.path}:{ra.line}); anchors must be identical in every language")
            elif ra.kind == ob.kind == "heading" and ra.anchor == ob.anchor:
                report.add(other.path, ob.line, ob.col,
                           f"{ob.describe()} is an h{ra.level} in {ref_lang} ({reference.path}:{ra.line})")
            elif ra.kind == ob.kind == "table":
                report.add(other.path, ob.line, ob.col,
                           f"table has {ob.level} rows; {ref_lang} has {ra.level} ({reference.path}:{ra.line})")
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
            report.add(other.path, ob.line, ob.col,
                       f"{ob.describe()} is out of order: {ref_lang} has it at {reference.path}:{ra.line}, "
                       f"after {a[i - 1].describe() if i else 'the start of the page'}")
            continue
        here = b[j] if j is not None else None
        line = here.line if here else (b[-1].line + 1 if b else 1)
        report.add(other.path, line, 1,
                   f"{ra.describe()} is missing; {ref_lang} has it at {reference.path}:{ra.line}")
    for j in extra:
        ob = b[j]
        if ob.anchor and ob.anchor not in extra_anchors:
            continue  # reported as out of order
        report.add(other.path, ob.line, ob.col, f"{ob.describe()} is not in {ref_lang}")


# --- the data file -----------------------------------------------------------

def load_data(path: Path, shown: Path):
    """(data, line_of) for docs/commitments.yml; line_of(*keys) -> the line of a key."""
    import yaml

    text = read_text(path, shown)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml where PyYAML has it
    try:
        node = loader.get_single_node()  # one parse: the nodes (with their lines) and the data
        data = (loader.construct_document(node) if node is not None else None) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else str(shown)
        raise CannotCheck(f"{where}: invalid YAML: {getattr(e, 'problem', None) or e}")
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise CannotCheck(f"{shown}:1:1: expected a mapping with documents, topics and paragraphs")

    def line_of(*keys) -> int:
        current, line = node, 1
        for key in keys:
            if current is None or not isinstance(current, yaml.MappingNode):
                break
            match = next(((k, v) for k, v in current.value if k.value == key), None)
            if match is None:
                break
            line, current = match[0].start_mark.line + 1, match[1]
        return line

    return data, line_of


def check_data(path: Path, shown: Path, documents: dict[Path, Page], languages: list[str], report: Report) -> None:
    """The data file names exactly the anchored paragraphs of the document pages,
    with a label in every language and tags that are known topics."""
    try:
        data, line_of = load_data(path, shown)
    except CannotCheck as e:
        report.fatal.append(str(e))
        return
    topics = data.get("topics") or {}
    for key, names in topics.items():
        missing = [l for l in languages if not (isinstance(names, dict) and names.get(l))]
        if missing:
            report.add(shown, line_of("topics", key), 1, f"topic {key!r} has no name in {', '.join(missing)}")
    entries = data.get("paragraphs") or {}
    pages = {}
    for page in documents.values():
        doc = page.meta.get("document")
        if doc:
            pages[doc] = page
    for doc in sorted(set(entries) - set(pages)):
        report.add(shown, line_of("paragraphs", doc), 1, f"document {doc!r}: no page has \"document: {doc}\" in its front matter")
    for doc, page in pages.items():
        anchors = [b.anchor for b in page.blocks if b.kind == "p" and b.anchor]
        given = entries.get(doc) or {}
        for anchor in anchors:
            if anchor not in given:
                block = next(b for b in page.blocks if b.anchor == anchor)
                report.add(shown, line_of("paragraphs", doc), 1,
                           f"{doc} #{anchor} has no label and tags here ({page.path}:{block.line})")
        for anchor, entry in given.items():
            line = line_of("paragraphs", doc, anchor)
            if anchor not in anchors:
                report.add(shown, line, 1, f"{doc} #{anchor} is not a paragraph of {page.path}")
                continue
            entry = entry if isinstance(entry, dict) else {}
            label = entry.get("label") if isinstance(entry.get("label"), dict) else {}
            missing = [l for l in languages if not label.get(l)]
            if missing:
                report.add(shown, line, 1, f"{doc} #{anchor} has no label in {', '.join(missing)}")
            tags = entry.get("tags") or []
            if not tags:
                report.add(shown, line, 1, f"{doc} #{anchor} has no tags")
            for tag in tags:
                if tag not in topics:
                    report.add(shown, line_of("paragraphs", doc, anchor, "tags"), 1,
                               f"{doc} #{anchor}: tag {tag!r} is not one of the topics")
        if doc not in (data.get("documents") or {}):
            report.add(shown, line_of("documents"), 1, f"document {doc!r} has no entry under documents:")
    for doc, meta in (data.get("documents") or {}).items():
        check_document_data(doc, meta, languages, shown, line_of, report)


def check_document_data(doc: str, meta, languages: list[str], shown: Path, line_of, report: Report) -> None:
    """A document's entry: short title and place of signature in every
    language, a date of signature, signatories named in every language."""
    import datetime

    meta = meta if isinstance(meta, dict) else {}
    signed = meta.get("signed") if isinstance(meta.get("signed"), dict) else {}

    def bilingual(value, where: tuple, what: str) -> None:
        missing = [l for l in languages if not (isinstance(value, dict) and value.get(l))]
        if missing:
            report.add(shown, line_of("documents", doc, *where), 1, f"{doc}: {what} has no text in {', '.join(missing)}")

    bilingual(meta.get("short_title"), ("short_title",), "short_title")
    bilingual(signed.get("place"), ("signed",), "signed.place")
    if not isinstance(signed.get("date"), datetime.date):
        report.add(shown, line_of("documents", doc, "signed"), 1,
                   f"{doc}: signed.date must be a date written YYYY-MM-DD")
    signatories = meta.get("signatories")
    if not isinstance(signatories, list) or not signatories:
        report.add(shown, line_of("documents", doc), 1, f"{doc}: signatories must be a list of names")
    else:
        for number, name in enumerate(signatories, 1):
            bilingual(name, ("signatories",), f"signatory {number}")


# --- the command -------------------------------------------------------------

def check(docs_dir: Path, config_path: Path | None = None, relative_to: Path | None = None) -> Report:
    """Check ``docs_dir``; paths in messages are relative to ``relative_to`` if given."""
    report = Report()
    if config_path is None:
        beside = docs_dir.parent / "mkdocs.yml"
        config_path = beside if beside.is_file() else REPO / "mkdocs.yml"
    try:
        languages, extensions, configs = load_config(config_path)
        md, keep = make_parser(extensions, configs)
    except CannotCheck as e:
        report.fatal.append(str(e))
        return report
    if not docs_dir.is_dir():
        report.fatal.append(f"{docs_dir}: no such folder")
        return report
    pages_by_lang: dict[str, set[Path]] = {}
    for lang in languages:
        folder = docs_dir / lang
        if not folder.is_dir():
            report.fatal.append(f"{folder}: no such folder (languages in mkdocs.yml: {', '.join(languages)})")
            continue
        pages_by_lang[lang] = {p.relative_to(folder) for p in folder.rglob("*.md")}
    if report.fatal:
        return report
    reference = languages[0]
    all_pages = sorted(set().union(*pages_by_lang.values()))
    documents: dict[Path, Page] = {}  # every page, as parsed in the reference language
    for rel in all_pages:
        parsed: dict[str, Page] = {}
        for lang in languages:
            shown = docs_dir / lang / rel
            shown = Path(os.path.relpath(shown, relative_to)) if relative_to else shown
            if rel not in pages_by_lang[lang]:
                have = next(l for l in languages if rel in pages_by_lang[l])
                report.add(shown, 1, 1, f"page is missing; {have} has {shown.parent.parent / have / rel}")
                continue
            try:
                page, text, _ = parse_page(docs_dir / lang / rel, shown, md, keep)
            except CannotCheck as e:
                report.fatal.append(str(e))
                continue
            check_characters(page, text, report)
            check_scripts(page, text, report)
            check_page(page, report)
            parsed[lang] = page
        if reference in parsed:
            for lang, page in parsed.items():
                if lang != reference:
                    compare(parsed[reference], page, reference, report)
            documents[rel] = parsed[reference]
    data_file = docs_dir / DATA_FILE
    if data_file.is_file():
        shown = Path(os.path.relpath(data_file, relative_to)) if relative_to else data_file
        check_data(data_file, shown, documents, languages, report)
    report.pages = sum(len(p) for p in pages_by_lang.values())
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs_dir", nargs="?", default="docs", type=Path, help="default: docs")
    parser.add_argument("--config", type=Path, default=None,
                        help="mkdocs.yml to take markdown_extensions and languages from "
                             "(default: beside DOCS_DIR, else this repository's)")
    args = parser.parse_args(argv)
    try:
        report = check(args.docs_dir, args.config)
    except Exception as e:  # a bug of ours, not the user's: still one clear line
        print(f"check_parity: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    for line in report.problems:
        print(line)
    for line in report.fatal:
        print(line, file=sys.stderr)
    if report.fatal:
        print(f"check_parity: could not check ({len(report.fatal)} unreadable input"
              f"{'s' if len(report.fatal) != 1 else ''}), {len(report.problems)} problem(s) found")
        return 2
    if report.problems:
        print(f"check_parity: {len(report.problems)} problem(s) in {args.docs_dir}")
        return 1
    print(f"check_parity: OK, {report.pages} pages in {args.docs_dir} have the same structure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
