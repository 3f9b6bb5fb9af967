"""The translator's files in the CAT tool a translator opens: Debian's OmegaT.

- The TMX is valid against the TMX 1.4b DTD and the TBX against the TBX
  schema, both as OmegaT ships them (``schemas/tmx14.dtd``, ``schemas/tbx.xsd``
  inside OmegaT.jar), validated with lxml.
- OmegaT itself, in console mode (``omegat <project> --mode=console-translate``),
  translates a project as a translator sets it up: the source is the English
  text of both documents paragraph by paragraph (from the site's
  pax-silica.json: the title, each numbered paragraph, each signature line),
  segmented into sentences by OmegaT's own default rules plus the one
  exception MAINTAINING.md gives ("U.S." followed by a space ends no sentence,
  added the way *Add* does in the segmentation dialog, by OmegaT's SRX class),
  and ``tm/auto`` holds our TMX: every segment comes back with our Japanese
  (inserted from tm/auto as a 100% match), and the translated files are the
  site's Japanese, exactly. A Groovy script run by OmegaT (``--script``) reads
  our TBX and tab-separated glossary with OmegaT's own glossary readers:
  every term comes back in both languages, with its reading.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT

OMEGAT = shutil.which("omegat") or "/usr/bin/omegat"   # Debian's launcher (make system-packages installs it)
OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
TMX = "downloads/pax-silica.en-ja.tmx"
TBX = "downloads/pax-silica-glossary.tbx"
TSV = "downloads/pax-silica-glossary.en-ja.utf8"

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>en-US</source_lang>
        <target_lang>ja-JP</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneJapaneseTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""

# OmegaT's default segmentation rules with MAINTAINING.md's exception added at the
# end of the English rules (as *Add* does in Project > Properties >
# Segmentation), written where OmegaT 3.6 reads a project's own rules.
SEGMENTATION = r"""
import org.omegat.core.segmentation.Rule
import org.omegat.core.segmentation.SRX

def srx = SRX.getDefault()
srx.getMappingRules().find { it.getLanguage() == "English" }.getRules().add(new Rule(false, "U\\.S\\.", "\\s"))
SRX.saveTo(srx, new File(args[0]))
"""

# Run by OmegaT after it has translated the project: every segment with its
# translation and where it came from, and the project's glossaries as OmegaT's
# own readers read them.
DUMP = """
import groovy.json.JsonOutput
import org.omegat.core.Core
import org.omegat.gui.glossary.GlossaryReaderTBX
import org.omegat.gui.glossary.GlossaryReaderTSV

if (eventType.toString() == "COMPILE") {
    def project = Core.getProject()
    def segments = project.getAllEntries().collect { entry ->
        def info = project.getTranslationInfo(entry)
        [file: entry.getKey().file, source: entry.getSrcText(), translation: info.translation,
         origin: info.linked?.toString()]
    }
    def glossaries = [:]
    new File(project.getProjectProperties().getGlossaryRoot()).listFiles().each { file ->
        def entries = file.name.endsWith(".tbx") ? GlossaryReaderTBX.read(file, false) : GlossaryReaderTSV.read(file, false)
        glossaries[file.name] = entries.collect { [source: it.getSrcText(), target: it.getLocText(), comment: it.getCommentText()] }
    }
    new File(System.getenv("KIT_OUT")).write(JsonOutput.toJson([segments: segments, glossaries: glossaries]), "UTF-8")
}
"""


def omegat_schema(name: str) -> bytes:
    """A schema as OmegaT ships it, inside OmegaT.jar."""
    assert OMEGAT_JAR.is_file(), f"{OMEGAT_JAR}: OmegaT is not installed (make system-packages, or OMEGAT_JAR=…)"
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        return jar.read(f"schemas/{name}")


def test_tmx_is_valid_against_omegats_tmx_1_4b_dtd(site):
    dtd = etree.DTD(io.BytesIO(omegat_schema("tmx14.dtd")))
    tmx = etree.parse(str(site / TMX))
    assert dtd.validate(tmx), dtd.error_log.filter_from_errors()
    assert tmx.docinfo.doctype == '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def test_tbx_is_valid_against_omegats_tbx_schema(site, tmp_path):
    for name in ("tbx.xsd", "xml.xsd"):      # tbx.xsd imports xml.xsd from beside it
        (tmp_path / name).write_bytes(omegat_schema(name))
    schema = etree.XMLSchema(etree.parse(str(tmp_path / "tbx.xsd")))
    tbx = etree.parse(str(site / TBX))
    assert schema.validate(tbx), schema.error_log.filter_from_errors()
    assert tbx.getroot().tag == "martif" and tbx.getroot().get("type") == "TBX-Basic"


@pytest.fixture(scope="module")
def omegat_run(site, tmp_path_factory):
    """OmegaT's console translation of a project made of the site's files:
    the English text of both documents as source, our TMX in tm/auto, our
    TBX and tab-separated glossary in glossary/. Returns (project, dump, data)."""
    assert Path(OMEGAT).exists(), "OmegaT is not installed: make system-packages (Debian's omegat)"
    work = tmp_path_factory.mktemp("omegat")
    project = work / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    data = json.loads((site / "pax-silica.json").read_text(encoding="utf-8"))
    for document in data["documents"]:
        (project / "source" / f"{document['id']}.txt").write_text(text_of(document, "en"), encoding="utf-8")
    shutil.copy(site / TMX, project / "tm/auto")
    shutil.copy(site / TBX, project / "glossary")
    shutil.copy(site / TSV, project / "glossary")
    (work / "segmentation.groovy").write_text(SEGMENTATION, encoding="utf-8")
    made = subprocess.run(["java", "-cp", str(OMEGAT_JAR), "groovy.ui.GroovyMain", str(work / "segmentation.groovy"),
                           str(project / "omegat" / "segmentation.conf")], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    (work / "dump.groovy").write_text(DUMP, encoding="utf-8")
    out = work / "dump.json"
    result = subprocess.run([OMEGAT, str(project), "--mode=console-translate", f"--config-dir={work / 'config'}",
                             f"--script={work / 'dump.groovy'}"],
                            capture_output=True, text=True, env={**os.environ, "KIT_OUT": str(out)}, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert out.is_file(), "OmegaT did not run the script:\n" + result.stdout[-3000:]
    return project, json.loads(out.read_text(encoding="utf-8")), data


def text_of(document: dict, lang: str) -> str:
    """A document in one language as a source file, from the site's own
    pax-silica.json: its title, each numbered paragraph (its sentences as
    the text writes them) and each signature line, a paragraph each."""
    blocks = [document["title"][lang]] + [p["text"][lang] for p in document["paragraphs"]] + \
             [line["text"][lang] for line in document["signature_lines"]]
    return "\n\n".join(blocks) + "\n"


def test_omegat_translates_every_segment_with_our_japanese(omegat_run):
    project, dump, data = omegat_run
    expected = {}
    for document in data["documents"]:
        expected[document["title"]["en"]] = document["title"]["ja"]
        for paragraph in document["paragraphs"]:
            for sentence in paragraph["sentences"]:
                expected[sentence["text"]["en"]] = sentence["text"]["ja"]
        for line in document["signature_lines"]:
            expected[line["text"]["en"]] = line["text"]["ja"]
    segments = dump["segments"]
    assert len(segments) == len(expected) == 29, [s["source"] for s in segments]
    for segment in segments:
        assert segment["source"] in expected, f"OmegaT made a segment the memory lacks: {segment['source']!r}"
        assert segment["translation"] == expected[segment["source"]]
        assert segment["origin"] == "xAUTO"   # inserted from tm/auto, as a 100% match


def test_omegats_translated_files_are_the_sites_japanese(omegat_run):
    project, dump, data = omegat_run
    for document in data["documents"]:
        translated = (project / "target" / f"{document['id']}.txt").read_text(encoding="utf-8")
        assert translated == text_of(document, "ja")


def expected_glossary() -> list:
    from pax_silica.glossary import read_glossary
    from pax_silica.model import read_edition
    from pax_silica.settings import read_settings

    return read_glossary(read_edition(read_settings(ROOT / "mkdocs.yml"), convert="documents")).terms


@pytest.mark.parametrize("name", [Path(TBX).name, Path(TSV).name])
def test_omegat_reads_every_term_of_the_termbase_in_both_languages(omegat_run, name):
    project, dump, data = omegat_run
    entries = dump["glossaries"][name]
    read = {(e["source"], e["target"]) for e in entries}
    terms = expected_glossary()
    assert len(terms) > 30
    for term in terms:
        for form in term.forms:
            for rendering in term.renderings:
                assert (form, rendering.term) in read, f"{name}: OmegaT did not read {form!r} = {rendering.term!r}"
    assert len(read) == sum(len(t.forms) * len(t.renderings) for t in terms)
    for entry in entries:   # the reading comes with every rendering
        term = next(t for t in terms if entry["source"] in t.forms)
        reading = next(r.reading for r in term.renderings if r.term == entry["target"])
        assert reading in entry["comment"]
