"""Typesetting with WeasyPrint: HTML (from overrides/edition/) to tagged PDF.

The PDF editions (pax_silica/pdf.py) and the link-preview images
(pax_silica/previews.py) are set by the same engine, so Japanese is set one
way everywhere: Pango's line breaking, which follows Unicode's line breaking
rules (UAX #14) and starts no line with 、。」 or a small kana (measured by
``line_break_faults`` (tests/conftest.py) on every line of the real texts,
tests/test_pdf.py and tests/test_previews.py).

``typeset`` writes PDF/UA-1 (WeasyPrint's ``pdf_variant``: tags, MarkInfo,
the document's /Lang, DisplayDocTitle, XMP with pdfuaid:part), and finishes
what WeasyPrint 70 leaves undone for PDF/UA:

- an element with its own ``lang`` (a Japanese phrase in English, the
  Japanese half of a bilingual page) gets /Lang in the structure tree
  (``_tag_languages``; WeasyPrint gives only the document its language);
- the page margins (running footer, page numbers) are artifacts of the
  pagination, not content that is tagged but belongs to no structure element
  (``_margins_as_artifacts``; WeasyPrint issue #1836);
- each link annotation is described in words (``descriptions``), not by its
  bare URL;
- the XMP names the document's language (dc:language).

Nothing is fetched (no network, no file): the fonts come from fontconfig.
A warning of WeasyPrint (an unknown CSS property, a missing font…) is an
error: the build fails with it rather than publish a damaged PDF.

``rasterize`` turns each page of a PDF into a PNG with PDFium (the preview
images); ``set_job`` is what a worker of pax_silica.press runs: the engines
are imported by the workers only, and ``engine`` names them for its cache.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import io
import logging
import shutil
import subprocess
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from xml.etree.ElementTree import SubElement, fromstring, tostring

import pydyf
import pypdfium2
import weasyprint
from PIL import Image
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import metadata as weasy_metadata
from weasyprint.pdf import tags as weasy_tags

from pax_silica.press import TypesetError

_MCID = "MCID"


class _Metadata(weasy_metadata.DocumentMetadata):
    """WeasyPrint's XMP, with the document's language as dc:language."""

    def generate_rdf_metadata(self, variant, version, conformance):
        rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
        if self.lang:
            ns = weasy_metadata.NS
            description = SubElement(rdf, f"{{{ns['rdf']}}}Description", {f"{{{ns['rdf']}}}about": ""})
            bag = SubElement(SubElement(description, f"{{{ns['dc']}}}language"), f"{{{ns['rdf']}}}Bag")
            SubElement(bag, f"{{{ns['rdf']}}}li").text = self.lang
        return tostring(rdf, encoding="utf-8")


def _tag_languages() -> None:
    """Give /Lang to the structure element of every element with its own
    ``lang`` attribute. WeasyPrint 70 builds the structure tree in
    ``weasyprint.pdf.tags._build_box_tree`` (one call per box, recursive,
    yielding the box's element) and never reads ``lang``; this wraps it once.
    tests/test_pdf.py fails if a WeasyPrint upgrade changes that."""
    build = weasy_tags._build_box_tree
    if getattr(build, "tags_languages", False):
        return

    def build_with_languages(box, parent, *args):
        own = box.element is not None and box.element_tag not in ("html", "body") \
            and not isinstance(box, (boxes.PageBox, boxes.MarginBox))
        lang = box.element.get("lang") if own else None
        for element in build(box, parent, *args):
            if lang:
                element["Lang"] = pydyf.String(lang)
            yield element

    build_with_languages.tags_languages = True
    weasy_tags._build_box_tree = build_with_languages


def _number(reference) -> int:
    """The object number of a pydyf reference (b'12 0 R')."""
    return int(bytes(reference).split()[0])


def _margins_as_artifacts(pdf: pydyf.PDF) -> None:
    """Mark the content of the page margins as pagination artifacts.

    WeasyPrint tags margin boxes' text but links their structure elements to
    no parent ("only allowed in PDF 2.0"): the text is neither real content
    nor an artifact, which PDF/UA-1 (7.1) forbids. Here each marked-content
    sequence whose structure element is not reachable from the structure
    tree's root becomes ``/Artifact <</Type /Pagination /Subtype /Footer>>``
    (the margins used are at the foot of the page), and those structure
    elements are dropped from the parent tree and the file."""
    objects = pdf.objects
    root = objects[_number(pdf.catalog["StructTreeRoot"])]
    reachable, todo = set(), [root]
    while todo:
        node = todo.pop()
        kids = node.get("K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, (bytes, str)) and bytes(kid).endswith(b" R"):
                number = _number(kid)
                if number not in reachable:
                    reachable.add(number)
                    todo.append(objects[number])
    parent_tree = objects[_number(root["ParentTree"])]["Nums"]
    pages = [objects[_number(ref)] for ref in pdf.page_references]
    for page_index, page in enumerate(pages):
        if page_index * 2 + 1 >= len(parent_tree) or parent_tree[page_index * 2] != page_index:
            continue
        by_mcid = parent_tree[page_index * 2 + 1]
        orphans = {mcid for mcid, ref in enumerate(by_mcid) if _number(ref) not in reachable}
        if not orphans:
            continue
        content = objects[_number(page["Contents"])].stream
        for i, item in enumerate(content[:-2]):
            properties = content[i + 1]
            if isinstance(properties, pydyf.Dictionary) and properties.get(_MCID) in orphans \
                    and content[i + 2] == b"BDC":
                content[i] = "/Artifact"
                content[i + 1] = pydyf.Dictionary({"Type": "/Pagination", "Subtype": "/Footer"})
        for mcid in sorted(orphans):
            objects[_number(by_mcid[mcid])].free = "f"
            by_mcid[mcid] = "null"


def _describe_links(pdf: pydyf.PDF, descriptions: dict[str, str]) -> None:
    """Every link annotation whose URI is in ``descriptions`` is described by
    it (/Contents, PDF/UA-1 7.18.5), not by the bare URL WeasyPrint writes."""
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Subtype") == "/Link" and "A" in obj:
            uri = obj["A"].get("URI")
            if uri is not None and uri.string in descriptions:
                obj["Contents"] = pydyf.String(descriptions[uri.string])


@contextmanager
def _warnings_are_errors():
    """WeasyPrint's warnings and errors (logged) raise TypesetError."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    logger, handler = logging.getLogger("weasyprint"), Collect(logging.WARNING)
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    if records:
        raise TypesetError("WeasyPrint: " + "; ".join(r.getMessage() for r in records))


def _refuse(url, *args, **kwargs):
    raise TypesetError(f"WeasyPrint asked for {url}: a PDF of the edition fetches nothing")


def typeset(html: str, descriptions: dict[str, str] | None = None, tagged: bool = True) -> bytes:
    """``html`` as PDF/UA-1 (or, ``tagged=False``, a plain PDF, its streams
    not compressed: a sheet of cards, rastered at once), the same
    bytes every time: no date but those ``html``'s <meta> give, an /ID made
    from the content, fonts subset by glyph."""
    _tag_languages()
    with _warnings_are_errors():
        document = weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=_refuse).render()
        document.metadata = _Metadata(**vars(document.metadata))

        def finish(document, pdf):
            if tagged:
                _margins_as_artifacts(pdf)
                _describe_links(pdf, descriptions or {})

        options = {"pdf_variant": "pdf/ua-1"} if tagged else {"uncompressed_pdf": True}   # the same PNGs, 12 % sooner
        return document.write_pdf(finisher=finish, pdf_identifier=True, **options)


def rasterize(pdf: bytes, size: tuple[int, int], colours: int) -> list[bytes]:
    """Each page of ``pdf`` as a PNG of ``size`` pixels (rendered at 96 dpi:
    CSS pixels), quantized to ``colours``; no date or other chunk that would
    change from one run to the next."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=96 / 72, draw_annots=False)
            image = bitmap.to_pil().convert("RGB")
            if image.size != size:
                image = image.resize(size, Image.Resampling.LANCZOS)
            image = image.quantize(colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
            out = io.BytesIO()
            image.save(out, "PNG")   # zlib level 6: optimize=True saves 7 % of the bytes for 5 times the time
            images.append(out.getvalue())
            page.close()
        return images
    finally:
        document.close()


def set_job(job) -> list[bytes]:
    """The files of one ``pax_silica.press.Job``: a PDF, or a sheet's PNGs."""
    if job.tagged:
        return [typeset(job.html, dict(job.descriptions))]
    return rasterize(typeset(job.html, tagged=False), job.size, job.colours)


def fonts() -> str:
    """The font files fontconfig offers (path, size, time), hashed: an
    upgraded font sets the files again."""
    if not shutil.which("fc-list"):
        return "fonts unknown"
    listed = subprocess.run(["fc-list", "--format", "%{file}\\n"], capture_output=True, text=True).stdout
    found = []
    for name in sorted(set(listed.split("\n")) - {""}):
        try:
            stat = Path(name).stat()
        except OSError:
            continue
        found.append(f"{name} {stat.st_size} {stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(found).encode("utf-8")).hexdigest()


def harfbuzz() -> str:
    """HarfBuzz's version (it shapes the text and subsets the fonts)."""
    name = ctypes.util.find_library("harfbuzz")
    if not name:
        return "unknown"
    function = ctypes.CDLL(name).hb_version_string
    function.restype = ctypes.c_char_p
    return function().decode()


def engine() -> str:
    """Every engine that goes into a file, with its version (pax_silica.press's cache key)."""
    from weasyprint.text.ffi import pango

    packages = ", ".join(f"{name} {version(name)}" for name in
                         ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5", "pypdfium2", "pillow"))
    return (f"{packages}; Pango {pango.pango_version()}; HarfBuzz {harfbuzz()}; PDFium {pypdfium2.PDFIUM_INFO}; "
            f"fonts {fonts()}")
