"""scripts/check_parity.py on the real sources and on damaged copies of them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CHECKER, ROOT, assert_reports, build_site, copy_project, edit, line_of, position_of, run_checker

def paragraph(path: Path, anchor: str) -> str:
    """The source of one anchored paragraph: its text and its attribute line."""
    for chunk in path.read_text(encoding="utf-8").split("\n\n"):
        if chunk.strip().endswith(f"{{: #{anchor} }}"):
            return chunk.strip("\n")
    raise AssertionError(f"no paragraph #{anchor} in {path}")


def test_real_sources_are_clean():
    result = subprocess.run([sys.executable, str(CHECKER)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("have the same structure")


def test_paragraph_missing(docs):
    ja = docs / "ja" / "declaration.md"
    edit(ja, paragraph(ja, "p9") + "\n\n", "")
    en_line = line_of(docs / "en" / "declaration.md", "We understand the importance of addressing")
    ja_line = line_of(ja, "この精神にのっとり、我々は、非市場的政策")
    assert_reports(run_checker(docs), f"docs/ja/declaration.md:{ja_line}:1: paragraph #p9 is missing; "
                                      f"en has it at docs/en/declaration.md:{en_line}")


def test_extra_paragraph(docs):
    ja = docs / "ja" / "declaration.md"
    ja.write_text(ja.read_text(encoding="utf-8") + "\n我々は、更に協力する。\n{: #p13 }\n", encoding="utf-8")
    line = line_of(ja, "我々は、更に協力する。")
    assert_reports(run_checker(docs), f"docs/ja/declaration.md:{line}:1: paragraph #p13 is not in en")


def test_two_paragraphs_swapped(docs):
    ja = docs / "ja" / "declaration.md"
    p3, p4 = paragraph(ja, "p3"), paragraph(ja, "p4")
    edit(ja, f"{p3}\n\n{p4}", f"{p4}\n\n{p3}")
    en_line = line_of(docs / "en" / "declaration.md", "In this spirit, we declare")
    ja_line = line_of(ja, "この精神にのっとり、我々は、投資に関する")
    assert_reports(run_checker(docs), f"docs/ja/declaration.md:{ja_line}:1: paragraph #p4 is out of order: "
                                      f"en has it at docs/en/declaration.md:{en_line}, after paragraph #p3")


def test_anchor_renamed_in_one_language(docs):
    ja = docs / "ja" / "declaration.md"
    edit(ja, "{: #p5 }", "{: #p5a }")
    en_line = line_of(docs / "en" / "declaration.md", "We encourage efforts to partner")
    ja_line = line_of(ja, "我々は、ソフトウェア・アプリケーション")
    assert_reports(run_checker(docs), f"docs/ja/declaration.md:{ja_line}:1: paragraph #p5a is #p5 in en "
                                      f"(docs/en/declaration.md:{en_line}); anchors must be identical in every language")


def test_anchor_duplicated(docs):
    ja = docs / "ja" / "declaration.md"
    edit(ja, "{: #p6 }", "{: #p5 }")
    first = line_of(ja, "我々は、ソフトウェア・アプリケーション")
    second = line_of(ja, "我々は、我々の市民をより豊かにし")
    assert_reports(run_checker(docs),
                   f"docs/ja/declaration.md:{second}:1: anchor #p5 appears twice on the page (first at line {first})")


def test_paragraph_without_anchor(docs):
    ja = docs / "ja" / "declaration.md"
    edit(ja, "{: #p7 }\n", "")
    line = line_of(ja, "我々は、我々の国民の永続的な繁栄のため")
    en_line = line_of(docs / "en" / "declaration.md", "We support the promotion of a shared and trusted ecosystem")
    result = run_checker(docs)
    assert_reports(result, f"docs/ja/declaration.md:{line}:1: paragraph without anchor: add {{: #p7 }} on the line "
                           f"after it, as in docs/en/declaration.md:{en_line}")
    assert result.stdout.count("\n") == 2, "one fault, one line (and the summary)"


def test_page_in_one_language_only(docs):
    (docs / "ja" / "notes.md").unlink()
    assert_reports(run_checker(docs), "docs/ja/notes.md:1:1: page is missing; en has docs/en/notes.md")


def test_heading_level_differs(docs):
    ja = docs / "ja" / "notes.md"
    edit(ja, "## 出典 { #sources }", "### 出典 { #sources }")
    assert_reports(run_checker(docs), f"docs/ja/notes.md:{line_of(ja, '### 出典')}:1: "
                                      f"h3 heading #sources is an h2 in en "
                                      f"(docs/en/notes.md:{line_of(docs / 'en' / 'notes.md', '## Sources')})")


def test_empty_paragraph(docs):
    ja = docs / "ja" / "declaration.md"
    edit(ja, paragraph(ja, "p2"), "&nbsp;\n{: #p2 }")
    assert_reports(run_checker(docs), f"docs/ja/declaration.md:{line_of(ja, '&nbsp;')}:1: paragraph #p2 is empty")


def test_paragraph_split_by_page_header(docs):
    ja = docs / "ja" / "declaration.md"
    edit(ja, "全てのスタックへのアクセスを、", "全てのスタックへのアクセスを、\n\n(仮訳)\n\n")
    first = line_of(ja, "我々は、真の経済安全保障には")
    header = line_of(ja, "(仮訳)")
    assert_reports(run_checker(docs),
                   f"docs/ja/declaration.md:{first}:1: paragraph without anchor: add {{: #… }} on the line after it "
                   "(it ends with '、': the first half of a paragraph split by a page break?)",
                   f"docs/ja/declaration.md:{header}:1: PDF page furniture '(仮訳)' inside the text "
                   "(a running header or page number): remove it and join the paragraph")


def test_cyrillic_letters_inside_a_japanese_word(docs):
    ja = docs / "ja" / "declaration.md"
    edit(ja, "輸送ロジスティクス", "輸送ロジстиクス")
    line, col = position_of(ja, "с")
    assert_reports(run_checker(docs), f"docs/ja/declaration.md:{line}:{col}: Cyrillic letter 'с' (U+0441) "
                                      "in paragraph #p5: not a letter of English or Japanese text")


def test_zero_width_space(docs):
    ja = docs / "ja" / "joint-statement.md"
    edit(ja, "高市早苗総理大臣", "高市早苗\u200b総理大臣")
    line, col = position_of(ja, "\u200b")
    assert_reports(run_checker(docs), f"docs/ja/joint-statement.md:{line}:{col}: "
                                      "invisible or control character U+200B ZERO WIDTH SPACE")


def test_invalid_utf8(docs):
    ja = docs / "ja" / "declaration.md"
    data = ja.read_bytes()
    offset = data.index("我々は".encode())
    ja.write_bytes(data[:offset] + b"\xff" + data[offset:])
    result = run_checker(docs)
    assert result.returncode == 2
    assert f"docs/ja/declaration.md: invalid UTF-8 at byte offset {offset} (byte 0xff)" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_file(docs):
    ja = docs / "ja" / "declaration.md"
    ja.unlink()
    ja.symlink_to(docs / "ja" / "does-not-exist.md")  # unreadable even for root, unlike chmod 000
    result = run_checker(docs)
    assert result.returncode == 2
    assert "docs/ja/declaration.md: cannot read: No such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_folder(tmp_path):
    result = run_checker(tmp_path / "nowhere")
    assert result.returncode == 2 and "nowhere: no such folder" in result.stderr


def test_windows_line_endings_and_bom_are_accepted(docs):
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert_reports(run_checker(docs), status=0)


def test_lang_only_blocks_are_allowed(docs):
    ja = docs / "ja" / "declaration.md"
    edit(ja, "# パックス・シリカ宣言 { #title }\n", "# パックス・シリカ宣言 { #title }\n\n日本の読者向けの注記。\n{: .lang-only }\n")
    assert_reports(run_checker(docs), status=0)


def test_checker_never_modifies_a_file(docs):
    edit(docs / "ja" / "declaration.md", "{: #p5 }", "{: #p5a }")
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    run_checker(docs)
    assert before == {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def test_the_build_fails_when_the_checker_fails(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "docs" / "ja" / "declaration.md", "{: #p5 }", "{: #p5a }")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert "docs/ja/declaration.md" in result.stderr and "#p5a is #p5 in en" in result.stderr


SOURCES = sorted(p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.md"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_edits_never_crash_the_checker(tmp_path_factory, data):
    docs = tmp_path_factory.mktemp("fuzz") / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for _ in range(data.draw(st.integers(1, 4))):
        path = docs / data.draw(st.sampled_from(SOURCES))
        raw = path.read_bytes()
        start = data.draw(st.integers(0, len(raw)))
        end = data.draw(st.integers(start, min(len(raw), start + 200)))
        insert = data.draw(st.one_of(
            st.binary(max_size=8),
            st.text(max_size=20).map(lambda s: s.encode("utf-8")),
            st.sampled_from([b"\n\n", b"{: #p1 }", b"# ", b"\n(\xe4\xbb\xae\xe8\xa8\xb3)\n", b"\r\n", b"---\n"]),
        ))
        path.write_bytes(raw[:start] + insert + raw[end:])
    result = run_checker(docs)
    assert result.returncode in (0, 1, 2), result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr, result.stderr   # a crash of the checker, not a finding


def test_an_anchor_written_again_at_the_end_of_a_page_is_a_finding_not_a_crash(docs):
    """Found by the test above: ``{#p1}`` added after the last paragraph of
    the English Declaration crashed the glossary's check (IndexError), which
    took the second ¶1 for the first."""
    path = docs / "en" / "declaration.md"
    lines = path.read_text(encoding="utf-8").split("\n")

    def start_of_paragraph(line: int) -> int:     # a block is reported at its first line
        while line > 1 and lines[line - 2].strip():
            line -= 1
        return line
    first = start_of_paragraph(line_of(path, "{: #p1 }"))
    last = start_of_paragraph(len(lines) - 1)       # the last paragraph, which {#p1} joins
    path.write_bytes(path.read_bytes() + b"{#p1}")
    result = run_checker(docs)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert f"docs/en/declaration.md:{last}:1: anchor #p1 appears twice on the page (first at line {first})" in \
        result.stdout.splitlines()


# --- docs/commitments.yml: labels and tags for exactly the anchored paragraphs ---

def data_line(path: Path, document: str, anchor: str | None = None) -> int:
    """The line of ``paragraphs: <document>:`` (or of its ``<anchor>:``) in the data file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  {document}:", lines.index("paragraphs:"))
    return (lines.index(f"    {anchor}:", start) if anchor else start) + 1


def test_data_file_must_cover_exactly_the_anchored_paragraphs(docs):
    data = docs / "commitments.yml"
    edit(data, "    p12:\n", "    p13:\n")
    assert_reports(run_checker(docs),
                   f"docs/commitments.yml:{data_line(data, 'declaration', 'p13')}:1: "
                   f"declaration #p13 is not a paragraph of docs/en/declaration.md",
                   f"docs/commitments.yml:{data_line(data, 'declaration')}:1: declaration #p12 has no label "
                   f"and tags here (docs/en/declaration.md:{line_of(docs / 'en/declaration.md', 'Through this cooperation')})")


def test_data_file_tag_that_is_not_a_topic_is_reported(docs):
    data = docs / "commitments.yml"
    edit(data, "      tags: [networks-data-centers]\n", "      tags: [networks, data-centres]\n")
    line = line_of(data, "tags: [networks, data-centres]")
    assert_reports(run_checker(docs),
                   f"docs/commitments.yml:{line}:1: declaration #p11: tag 'networks' is not one of the topics",
                   f"docs/commitments.yml:{line}:1: declaration #p11: tag 'data-centres' is not one of the topics")


def test_data_file_label_missing_in_japanese_is_reported(docs):
    data = docs / "commitments.yml"
    edit(data, "      label: {en: Reliable supply chains and trustworthy AI systems,\n"
               "              ja: 信頼性のあるサプライチェーンと信頼性のあるAIシステム}\n",
         "      label: {en: Reliable supply chains and trustworthy AI systems}\n")
    assert_reports(run_checker(docs),
                   f"docs/commitments.yml:{data_line(data, 'declaration', 'p2')}:1: declaration #p2 has no label in ja")


def test_data_file_with_invalid_yaml_names_file_and_line_and_exits_2(docs):
    data = docs / "commitments.yml"
    edit(data, "\ntopics:\n", "\ntopics: [\n")
    result = run_checker(docs)
    assert result.returncode == 2
    assert "docs/commitments.yml:" in result.stderr and "invalid YAML" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert data.read_text(encoding="utf-8").count("topics: [") == 1  # untouched


def test_data_file_document_entries_are_complete(docs):
    data = docs / "commitments.yml"
    edit(data, "    short_title: {en: Declaration, ja: 宣言}\n", "    short_title: {en: Declaration}\n")
    edit(data, "signed: {date: 2025-12-12,", "signed: {date: 12 December 2025,")
    edit(data, "      - {en: Singapore, ja: シンガポール}\n", "      - {en: Singapore}\n")
    assert_reports(run_checker(docs),
                   f"docs/commitments.yml:{line_of(data, 'short_title: {en: Declaration}')}:1: "
                   f"declaration: short_title has no text in ja",
                   f"docs/commitments.yml:{line_of(data, 'date: 12 December 2025')}:1: "
                   f"declaration: signed.date must be a date written YYYY-MM-DD",
                   f"docs/commitments.yml:{line_of(data, '{en: Japan, ja: 日本}') - 1}:1: "
                   f"declaration: signatory 6 has no text in ja")


def test_data_file_signature_lines_type_and_source_are_checked(docs):
    data = docs / "commitments.yml"
    edit(data, "    type: {en: Declaration, ja: 宣言}\n", "    type: {ja: 宣言}\n")
    edit(data, "      for-usa: {name:", "      for-uk: {name:")
    edit(data, "      url: https://www.mofa.go.jp/", "      url: www.mofa.go.jp/")
    edit(data, "      date: 2025-12-13\n", "      date: 13 December 2025\n")
    source = line_of(data, "    source: &mofa-press-release")
    assert_reports(run_checker(docs),
                   f"docs/commitments.yml:{line_of(data, 'type: {ja: 宣言}')}:1: declaration: type has no text in en",
                   f"docs/commitments.yml:{line_of(data, 'signature_lines:')}:1: joint-statement: signature line "
                   f"#for-usa (docs/en/joint-statement.md) has no entry under signature_lines: give it a name and a "
                   f"row, in every language",
                   f"docs/commitments.yml:{line_of(data, 'for-uk: {name:')}:1: joint-statement: signature_lines: "
                   f"#for-uk is not a signature line of docs/en/joint-statement.md",
                   f"docs/commitments.yml:{source}:1: joint-statement: source.url must be an absolute http(s) address",
                   f"docs/commitments.yml:{source}:1: joint-statement: source.date must be a date written YYYY-MM-DD")


def test_a_side_by_side_page_names_a_document_and_every_document_has_one(docs):
    edit(docs / "ja" / "parallel" / "declaration.md", "parallel: declaration\n", "parallel: declaratoin\n")
    assert_reports(run_checker(docs),
                   "docs/ja/parallel/declaration.md:2:1: parallel: declaratoin names no document "
                   "(no page has \"document: declaratoin\" in its front matter)",
                   "docs/ja/parallel/declaration.md:1:1: document 'declaration' (docs/ja/declaration.md) has no "
                   "side-by-side page: write it, with \"parallel: declaration\" in its front matter, a title and an "
                   "introduction")


def test_invalid_front_matter_is_named_where_it_is_wrong(docs):
    """MkDocs would show it as text and drop it (the page's document, its description)."""
    en = docs / "en" / "notes.md"
    edit(en, "description: Where the texts", "description: Notes: where the texts")
    line, col = position_of(en, "description: Notes: where")
    result = run_checker(docs)
    assert_reports(result)
    [problem, summary] = result.stdout.splitlines()   # one fault, one line
    assert problem.startswith(f"docs/en/notes.md:{line}:{col + len('description: Notes')}: invalid front matter: "
                              f"mapping values are not allowed")   # "here" (PyYAML), "in this context" (libyaml)
    assert problem.endswith('(a value that holds ": " must be quoted)')


def test_a_key_written_twice_in_the_data_file_names_its_line_and_exits_2(docs):
    data = docs / "commitments.yml"
    edit(data, "\ntopics:\n", "\ntopics:\n  energy: {en: Power, ja: 電力}\n")
    result = run_checker(docs)
    assert result.returncode == 2, result.stdout + result.stderr
    line = line_of(data, "  energy: {en: Energy")
    assert f"docs/commitments.yml:{line}:3: 'energy' is written twice in the same mapping" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# --- docs/glossary.yml: the glossary proved against the aligned sentences ---

def test_a_japanese_sentence_that_lost_a_term_is_reported_on_it(docs):
    ja, en, glossary = docs / "ja" / "declaration.md", docs / "en" / "declaration.md", docs / "glossary.yml"
    edit(ja, "過剰生産能力や", "過剰な能力や")
    line = line_of(ja, "過剰な能力や")
    en_line, en_column = position_of(en, "overcapacity")
    result = run_checker(docs)
    assert_reports(result, f"docs/ja/declaration.md:{line}:1: ¶9, sentence 2 (#p9-s2) holds no rendering of "
                           f"'overcapacity' (過剰生産能力), which the en text holds (docs/en/declaration.md:{en_line}:"
                           f"{en_column}): restore it, or record the words used under otherwise: in "
                           f"docs/glossary.yml:{line_of(glossary, '  overcapacity:')}")
    assert result.stdout.count("\n") == 2, "one fault, one line (and the summary)"


def test_a_free_rendering_recorded_for_the_sentence_is_accepted(docs):
    edit(docs / "ja" / "declaration.md", "イノベーションと成長", "技術革新と成長")
    edit(docs / "glossary.yml", "      - {term: イノベーション, reading: いのべーしょん}\n",
         "      - {term: イノベーション, reading: いのべーしょん}\n    otherwise:\n      declaration#p9-s2: 技術革新\n")
    assert_reports(run_checker(docs), status=0)


def test_a_recorded_free_rendering_that_is_not_in_its_sentence_is_reported(docs):
    glossary = docs / "glossary.yml"
    edit(glossary, "      declaration#p6-s1: 豊か\n", "      declaration#p6-s1: 裕福\n")
    line, column = position_of(glossary, "裕福")
    result = run_checker(docs)
    assert_reports(result, f"docs/glossary.yml:{line}:{column}: term 'prosperous': the free rendering recorded for "
                           f"declaration#p6-s1, '裕福', is not in that sentence "
                           f"(docs/ja/declaration.md:{line_of(docs / 'ja' / 'declaration.md', '我々の市民をより豊かに')})")
    assert result.stdout.count("\n") == 2, "one fault, one line (and the summary)"


@pytest.mark.parametrize("rendering, wrong, message", [
    ("{term: 経済安全保障, reading: けいざいあんぜんほしょう}", "keizai anzen hoshō",
     "term 'economic-security': the reading 'keizai anzen hoshō' of '経済安全保障' is not kana: 'k' (U+006B) "
     "is not hiragana or katakana"),
    ("{term: 公平な競争条件, reading: こうへいなきょうそうじょうけん}", "こうへいのきょうそうじょうけん",
     "term 'level-playing-field': the reading 'こうへいのきょうそうじょうけん' does not fit '公平な競争条件': it must "
     "hold the term's kana as written, in order"),
])
def test_a_wrong_reading_is_reported(docs, rendering, wrong, message):
    """Not kana, or kana that do not hold the term's own kana (な of 公平な) as written."""
    glossary = docs / "glossary.yml"
    edit(glossary, rendering, rendering.split("reading: ")[0] + f"reading: {wrong}}}")
    line, column = position_of(glossary, wrong)
    assert_reports(run_checker(docs), f"docs/glossary.yml:{line}:{column}: {message}")


def test_a_term_that_occurs_nowhere_and_a_rendering_listed_twice_are_reported(docs):
    glossary = docs / "glossary.yml"
    edit(glossary, "terms:\n", "terms:\n  blockchain:\n    en: blockchain\n    ja:\n"
                               "      - {term: ブロックチェーン, reading: ぶろっくちぇーん}\n\n")
    edit(glossary, "      - {term: 調整, reading: ちょうせい}\n",
         "      - {term: 調整, reading: ちょうせい}\n      - {term: 連携, reading: れんけい}\n")
    result = run_checker(docs)
    en_line, en_column = position_of(glossary, "en: blockchain")
    twice_line = [n for n, l in enumerate(glossary.read_text(encoding="utf-8").split("\n"), 1) if "{term: 連携," in l][1]
    assert_reports(result,
                   f"docs/glossary.yml:{en_line}:{en_column + 4}: term 'blockchain': 'blockchain' occurs in no en "
                   f"sentence, title or signature line of the documents",
                   f"docs/glossary.yml:{twice_line}:16: term 'coordination': the rendering '連携' is listed twice "
                   f"(first as rendering 1)")


def test_a_stale_free_rendering_is_reported(docs):
    glossary = docs / "glossary.yml"
    edit(glossary, "      - {term: 経済安全保障, reading: けいざいあんぜんほしょう}\n",
         "      - {term: 経済安全保障, reading: けいざいあんぜんほしょう}\n    otherwise:\n      declaration#p1-s1: 経済\n")
    line, column = position_of(glossary, "declaration#p1-s1: 経済")
    assert_reports(run_checker(docs), f"docs/glossary.yml:{line}:{column + len('declaration#p1-s1: ')}: term "
                                      f"'economic-security': declaration#p1-s1 holds the rendering '経済安全保障' "
                                      f"(docs/ja/declaration.md:{line_of(docs / 'ja' / 'declaration.md', '我々は、我々の国民の相互の繁栄')}): "
                                      f"remove the free rendering recorded for it")


@pytest.mark.parametrize("damage", [
    ("terms:\n", "terms: [1, 2]\nold_terms:\n"),
    ("    en: overcapacity\n", "    en: {a: 1}\n"),
    ("      - {term: 過剰生産能力, reading: かじょうせいさんのうりょく}\n", "      - 過剰生産能力\n"),
    ("    otherwise:\n      declaration#p4-s1: 投資に関する安全保障\n", "    otherwise: [declaration#p4-s1]\n"),
    ("    omitted: [joint-statement#p2-s3]\n", "    omitted: joint-statement#p9-s9\n"),
])
def test_a_malformed_glossary_is_reported_without_a_traceback(docs, damage):
    edit(docs / "glossary.yml", *damage)
    result = run_checker(docs)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/glossary.yml:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_the_build_fails_when_a_japanese_sentence_loses_a_term(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "docs" / "ja" / "declaration.md", "過剰生産能力や", "過剰な能力や")
    line = line_of(project / "docs" / "ja" / "declaration.md", "過剰な能力や")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert f"docs/ja/declaration.md:{line}:1: ¶9, sentence 2 (#p9-s2) holds no rendering of 'overcapacity'" in result.stderr
    assert not (tmp_path / "site" / "downloads").exists(), "nothing written"


@pytest.mark.parametrize("spelling", ["True", "TRUE", "yes", "on"])
def test_the_default_language_may_be_written_as_any_yaml_true(tmp_path, spelling):
    """``default: True`` is YAML's true (MkDocs and mkdocs-static-i18n read it
    so): the default language needs no nav_translations of its own."""
    config = tmp_path / "mkdocs.yml"
    shutil.copy(ROOT / "mkdocs.yml", config)
    edit(config, "          default: true\n", f"          default: {spelling}\n")
    result = subprocess.run([sys.executable, str(CHECKER), str(ROOT / "docs"), "--config", str(config)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the facts the edition's own pages state in prose, against docs/commitments.yml and the sources

@pytest.mark.parametrize("page, old, new, message", [
    ("en/index.md", "on 12 December 2025 (local time)", "on 14 December 2025 (local time)",
     "14 December 2025 is no date of docs/commitments.yml (11 December 2025, 12 December 2025, 13 December 2025): "
     "correct the date, or the data"),
    ("ja/notes.md", "2025年12月11日に", "2025年12月10日に",
     "2025年12月10日 is no date of docs/commitments.yml (2025年12月11日, 2025年12月12日, 2025年12月13日): "
     "correct the date, or the data"),
    ("en/index.md", "Twelve paragraphs.", "Eleven paragraphs.",
     "'Eleven paragraphs': declaration has 12 numbered paragraphs (docs/en/declaration.md)"),
    ("ja/index.md", "全2段落", "全3段落", "'全3段落': joint-statement has 2 numbered paragraphs (docs/ja/joint-statement.md)"),
    ("en/index.md", "Israel, the Republic of Korea, Singapore", "Israel, Singapore",
     "names declaration's signatories without Republic of Korea (docs/commitments.yml)"),
])
def test_the_prose_facts_are_checked_against_the_data(docs, page, old, new, message):
    edit(docs / page, old, new)
    line, column = position_of(docs / page, new)
    result = run_checker(docs)
    found = [l for l in result.stdout.splitlines() if l.startswith(f"docs/{page}:{line}:") and l.endswith(message)]
    assert result.returncode == 1 and len(found) == 1, result.stdout
    assert_reports(result, found[0])


def test_a_date_changed_in_the_data_is_found_in_the_prose(docs):
    """The other way round: the data corrected, the prose left as it was."""
    edit(docs / "commitments.yml", "signed: {date: 2025-12-11,", "signed: {date: 2025-12-10,")
    result = run_checker(docs)
    lines = [l for l in result.stdout.splitlines() if "11 December 2025 is no date" in l or "2025年12月11日 is no date" in l]
    assert result.returncode == 1 and {l.split(":")[0] for l in lines} == {
        "docs/en/index.md", "docs/en/notes.md", "docs/ja/index.md", "docs/ja/notes.md"}, result.stdout
