"""The Declaration's status: the register (docs/signatories.yml) checked,
the status page in both languages, the Declaration's facts counting those
who signed since, the CSV, the JSON, the timelines and the Atom feeds (read by
feedparser, valid against RFC 4287's RELAX NG schema), and in Chromium at 360
and 1280 px: the table, the timeline, a participant's link, the language
toggle keeping it."""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
from pathlib import Path

import feedparser
import jsonschema
import pytest
import yaml
from lxml import etree

from conftest import (ARTIFACTS, LANGUAGES, ROOT, SITE_URL, assert_reports, build_site, copy_project, edit,
                      in_view_and_highlighted, line_of, page_path, position_of, run_checker, toggle_language)

REGISTER = yaml.safe_load((ROOT / "docs/signatories.yml").read_text(encoding="utf-8"))
CHANGES = yaml.safe_load((ROOT / "docs/changes.yml").read_text(encoding="utf-8"))
PARTICIPANTS = REGISTER["participants"]
SIGNED = {k: p for k, p in PARTICIPANTS.items() if "signed" in p}


def spelled(date: datetime.date) -> dict[str, str]:
    """A date as each language's pages write it, worked out here, not by the code under test."""
    return {"en": f"{date.day} {date:%B} {date.year}", "ja": f"{date.year}年{date.month}月{date.day}日"}


DATE_TEXT = spelled(REGISTER["as_at"])      # the register's "as at"
NEWEST_SOURCE = spelled(max(s["date"] for s in REGISTER["sources"].values() if s["date"] != "unknown"))
FIRST_DAY = datetime.date(2025, 12, 12)
LATER = [k for k, p in SIGNED.items() if p["signed"]["date"] == "unknown" or p["signed"]["date"] > FIRST_DAY]
ATOM_SCHEMA = ROOT / "tests/schemas/atom.rnc"     # RFC 4287, Appendix B


# --- the checker's refusals, each with its exact message -------------------

SIGNATORIES = "docs/signatories.yml"
QA_SOURCES = "      sources: [peninsula-2026-01-12-qa, zawya-qna-2026-01-13-qa, timeofgulf-qa, state-2026-01-14-ae]\n"


def where(docs: Path, needle: str, offset: int = 0) -> str:
    line, col = position_of(docs / "signatories.yml", needle)
    return f"{SIGNATORIES}:{line}:{col + offset}"


def test_the_register_is_sound():
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "scripts/check_parity.py", "docs"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_signing_without_a_source(docs):
    edit(docs / "signatories.yml", QA_SOURCES, "")
    assert_reports(run_checker(docs), f"{where(docs, 'date: 2026-01-12')}: qa: signed without a source: "
                                      f"give sources: [key, …] from sources:")


@pytest.mark.parametrize("date, message", [
    ("2025-12-01", "qa: signed on 2025-12-01, before the Declaration was signed (2025-12-12)"),
    ("2026-12-24", "qa: signed on 2026-12-24, after as_at (2026-12-04): the register says nothing after the day "
                   "its sources were checked"),
])
def test_a_date_before_the_signing_or_after_as_at(docs, date, message):
    edit(docs / "signatories.yml", "      date: 2026-01-12\n", f"      date: {date}\n")
    assert_reports(run_checker(docs), f"{where(docs, date)}: {message}")


def test_a_participant_listed_twice(docs):
    text = (docs / "signatories.yml").read_text(encoding="utf-8")
    twice = ("  katar:\n    iso: QA\n    name: {en: Qatar, ja: カタール}\n    signed:\n      date: 2026-01-12\n"
             "      place: unknown\n      by: unknown\n" + QA_SOURCES)
    (docs / "signatories.yml").write_text(text.replace("  ae:\n", twice + "  ae:\n", 1), encoding="utf-8")
    qa = line_of(docs / "signatories.yml", "  qa:")
    katar = f"{SIGNATORIES}:{line_of(docs / 'signatories.yml', '  katar:') + 1}:5"
    assert_reports(run_checker(docs),
                   f"{katar}: participant 'katar' is listed twice: 'qa' (line {qa}) has the same iso 'QA'",
                   f"{katar}: participant 'katar' is listed twice: 'qa' (line {qa}) has the same name 'Qatar'")


def test_a_participant_key_written_twice(docs):
    text = (docs / "signatories.yml").read_text(encoding="utf-8")
    start, end = text.index("  qa:\n"), text.index("  ae:\n")
    (docs / "signatories.yml").write_text(text[:end] + text[start:end] + text[end:], encoding="utf-8")
    line = text[:end].count("\n") + 1
    result = run_checker(docs)     # the file cannot be read as it is meant: "could not check", on stderr
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{SIGNATORIES}:{line}:3: 'qa' is written twice in the same mapping (the last one would silently win): " \
           f"keep one" in result.stderr.splitlines()


def test_a_name_missing_in_a_language(docs):
    edit(docs / "signatories.yml", "name: {en: United Arab Emirates, ja: アラブ首長国連邦}", "name: {en: United Arab Emirates}")
    assert_reports(run_checker(docs), f"{where(docs, '{en: United Arab Emirates}')}: ae: name has no text in ja")


def test_an_unknown_source_key(docs):
    edit(docs / "signatories.yml", "      sources: [state-2026-01-14-ae, aletihad-2026-01-14-ae]\n",
         "      sources: [state-2026-01-14-ae, aletihad-2026-01-41-ae]\n")
    assert_reports(run_checker(docs), f"{where(docs, '[state-2026-01-14-ae, aletihad-2026-01-41-ae]')}: "
                                      f"source 'aletihad-2026-01-41-ae' is not one of sources:")


def test_an_unknown_participant_key(docs):
    edit(docs / "signatories.yml", "  - about: [tw]\n", "  - about: [twn]\n")
    number = next(i for i, n in enumerate(REGISTER["notes"], 1) if n["about"] == ["tw"])
    assert_reports(run_checker(docs), f"{where(docs, '[twn]')}: note {number}: 'twn' is not a participant (participants:)")


def test_an_unknown_document(docs):
    edit(docs / "signatories.yml", "document: declaration\n", "document: memo\n")
    assert_reports(run_checker(docs), f"{where(docs, 'memo')}: document: 'memo' is not a document of the edition "
                                      f"(docs/commitments.yml, documents:)")


def test_a_first_day_signing_the_document_does_not_list(docs):
    edit(docs / "commitments.yml", "      - {en: United Kingdom, ja: 英国}\n", "")
    text = (docs / "signatories.yml").read_text(encoding="utf-8")
    gb = text[text.index("  gb:\n"):]
    line = text[:text.index("  gb:\n")].count("\n") + gb[:gb.index("date: 2025-12-12")].count("\n") + 1
    assert_reports(run_checker(docs), f"{SIGNATORIES}:{line}:13: gb: signed on 2025-12-12, the Declaration's signing, "
                                      f"but 'United Kingdom' is not among its signatories in docs/commitments.yml")


def test_a_correction_without_a_date(docs):
    edit(docs / "changes.yml", "  10: 2026-11-24\n", "")
    line, col = position_of(docs / "changes.yml", "1: 2026-11-24")
    for lang in LANGUAGES:
        assert_reports(run_checker(docs), f"docs/changes.yml:{line}:{col}: correction 10 of docs/{lang}/notes.md has "
                                          f"no date here (the day it was made)")


def test_the_build_fails_on_a_fault_of_the_register(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "docs/signatories.yml", QA_SOURCES, "")
    result = build_site(tmp_path / "site", project)
    assert result.returncode != 0
    assert "qa: signed without a source" in result.stderr and "Traceback" not in result.stderr


# --- the built site -----------------------------------------------------------

def status_soup(soup, lang):
    return soup(lang, "status/")


def order_key(key):
    date = SIGNED[key]["signed"]["date"]
    return (date == "unknown", date if date != "unknown" else datetime.date.max)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_status_page_lists_every_signing_in_date_order_with_its_sources(soup, lang):
    page = status_soup(soup, lang)
    lead = page.select_one(".status-lead").get_text()
    assert str(len(SIGNED)) in lead and DATE_TEXT[lang] in lead, lead
    policy = page.select_one(".status-policy").get_text()    # how recent the sources are, beside "as at"
    assert policy.index(DATE_TEXT[lang]) < policy.index(NEWEST_SOURCE[lang]), policy
    rows = page.select("#signings ~ table")[0].select("tbody tr")
    assert [r["id"] for r in rows] == sorted(SIGNED, key=order_key)
    for row in rows:
        entry = SIGNED[row["id"]]
        assert entry["name"][lang] in row.get_text()
        links = [a["href"] for a in row.select("td:last-child a")]
        assert links == [REGISTER["sources"][k]["url"] for k in entry["signed"]["sources"]]
        presses = sum(REGISTER["sources"][k]["kind"] == "press" for k in entry["signed"]["sources"])
        assert row.get_text().count("press report" if lang == "en" else "（報道）") == presses
        if entry["signed"]["by"] == "unknown":
            assert row.select_one(".status-unknown")
        assert row.select_one(f'a[href="#{row["id"]}"]') and row.select_one("button.para-copy[data-clipboard-text]")
    not_signed = [r["id"] for r in page.select("#taking-part ~ table")[0].select("tbody tr")]
    assert not_signed == [k for k, p in PARTICIPANTS.items() if "takes_part" in p]
    assert len(page.select(".status-notes li")) == len(REGISTER["notes"])
    quotes = {li["id"]: li.select_one("q").get_text() for li in page.select(".status-sources li")}
    assert quotes == {f"source-{k}": s["quote"].strip() for k, s in REGISTER["sources"].items()}


def test_rows_have_the_same_ids_in_both_languages(soup):
    ids = [{tr["id"] for tr in status_soup(soup, lang).select(".status tr[id]")} for lang in LANGUAGES]
    assert ids[0] == ids[1] == set(PARTICIPANTS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_declarations_facts_count_those_who_signed_since(soup, site, lang):
    since = (f"{len(LATER)} more since (as at {DATE_TEXT[lang]})" if lang == "en"
             else f"その後{len(LATER)}か国が署名（{DATE_TEXT[lang]}現在）")
    link = soup(lang, "declaration/").select_one(".doc-facts a[href$='status/']")
    assert link.get_text() == since
    assert soup(lang, "parallel/declaration/").select_one(".parallel-status a").get_text() == since
    assert not soup(lang, "joint-statement/").select(".doc-facts a[href$='status/']")
    assert soup(lang, "").select_one("a[href='status/']")
    assert soup(lang, "declaration/").select_one(".md-nav a[href$='status/']")      # in the nav
    bib = (site / f"downloads/pax-silica-declaration.{lang}.bib").read_text(encoding="utf-8")
    assert since in bib and f"{SITE_URL}{page_path(lang, 'status/')}" in bib
    text = subprocess.run(["pdftotext", "-l", "1", str(site / f"downloads/pax-silica-declaration.{lang}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert since in text.replace("\n", " ").replace("（ ", "（")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_announces_its_feed(site, lang):
    pages = [p for p in (site / ("" if lang == "en" else "ja")).rglob("index.html")
             if lang == "ja" or "ja" not in p.relative_to(site).parts[:1]]
    assert len(pages) > 20
    for path in pages:
        html = etree.HTML(path.read_bytes())
        feeds = html.xpath('//link[@rel="alternate"][@type="application/atom+xml"]/@href')
        assert [str((path.parent / f).resolve().relative_to(site)) for f in feeds] == \
               [page_path(lang, "feed.atom")], (path, feeds)
    not_found = etree.HTML((site / page_path(lang, "404.html")).read_bytes())    # absolute paths, at any depth
    assert not_found.xpath('//link[@type="application/atom+xml"]/@href') == [f"/edition/{page_path(lang, 'feed.atom')}"]


@pytest.fixture(scope="session")
def atom_schema(tmp_path_factory):
    target = tmp_path_factory.mktemp("atom") / "atom.rng"
    subprocess.run(["trang", "-I", "rnc", "-O", "rng", str(ATOM_SCHEMA), str(target)], check=True)
    return etree.RelaxNG(etree.parse(str(target)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_is_valid_atom_with_an_entry_per_change(site, atom_schema, lang):
    path = site / page_path(lang, "feed.atom")
    document = etree.parse(str(path))
    assert atom_schema.validate(document), atom_schema.error_log
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for entry in document.xpath("//a:entry", namespaces=ns):   # RFC 4287's two Schematron rules
        assert entry.xpath("a:link[@rel='alternate'] or a:content", namespaces=ns)
    assert document.xpath("/a:feed/a:author", namespaces=ns)
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10" and feed.feed.language == lang
    corrections = len(CHANGES["corrections"])
    assert len(feed.entries) == len(SIGNED) + corrections + len(CHANGES["outputs"])
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith(f"tag:{CHANGES['tag']}:") for i in ids)
    signings = {e.id.rsplit("/", 1)[1]: e for e in feed.entries if ":signing/" in e.id}
    assert set(signings) == set(SIGNED)
    ae = signings["ae"]
    assert ae.link == f"{SITE_URL}{page_path(lang, 'status/')}#ae" and ae.updated == "2026-01-14T00:00:00Z"
    assert all(e.link.startswith(SITE_URL) for e in feed.entries)
    assert feed.entries == sorted(feed.entries, key=lambda e: (e.updated, e.id), reverse=True)
    assert feed.feed.updated == max(e.updated for e in feed.entries)


def test_the_csv_reads_back_as_the_register(site):
    raw = (site / "downloads/pax-silica-declaration-status.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["key"] for r in rows] == sorted(SIGNED, key=order_key) + [k for k in PARTICIPANTS if k not in SIGNED]
    for row in rows:
        entry = PARTICIPANTS[row["key"]]
        assert row["name_en"] == entry["name"]["en"] and row["name_ja"] == entry["name"]["ja"]
        signed = entry.get("signed")
        assert row["status"] == ("signed" if signed else "takes part")
        if signed:
            assert row["date"] == ("" if signed["date"] == "unknown" else signed["date"].isoformat())
            assert row["signed_by_en"] == ("" if signed["by"] == "unknown" else signed["by"]["en"])
        sources = (signed or entry["takes_part"])["sources"]
        assert row["source_urls"].split(" ") == [REGISTER["sources"][k]["url"] for k in sources]


def test_the_json_has_the_status_and_validates(site):
    export = json.loads((site / "pax-silica.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "pax-silica.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(export, schema, format_checker=jsonschema.FormatChecker())
    status = export["status"]
    assert status["as_at"] == "2026-12-04" and status["signatories"] == len(SIGNED)
    assert [s["key"] for s in status["signings"]] == sorted(SIGNED, key=order_key)
    assert status["signings"][0]["url"]["ja"] == f"{SITE_URL}ja/status/#jp"
    broken = json.loads(json.dumps(export))
    broken["status"]["signings"][0]["signed"]["date"] = "12 December 2025"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_timeline_is_drawn_in_each_language(site, soup, lang):
    svg = etree.parse(str(site / f"downloads/pax-silica-declaration-timeline.{lang}.svg")).getroot()
    texts = " ".join(t.text for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    dated = [k for k in SIGNED if SIGNED[k]["signed"]["date"] != "unknown"]
    for key in dated:
        assert SIGNED[key]["name"][lang] in texts
    assert svg.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    inline = status_soup(soup, lang).select_one("#timeline svg[role=img]")
    assert inline["aria-label"] and status_soup(soup, lang).select_one("#timeline figcaption").get_text()


# --- in Chromium ------------------------------------------------------------

@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_participants_link_scrolls_to_its_row_and_the_toggle_keeps_it(chromium, base_url, lang, width):
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{base_url}{page_path(lang, 'status/')}#ae")
        assert in_view_and_highlighted(page, "ae")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"status-ae.{lang}.{width}.png"))
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")     # nothing wider than the phone
        display = page.evaluate("getComputedStyle(document.querySelector('#ae td')).display")
        assert display == ("block" if width == 360 else "table-cell")                   # the rows stack on a phone
        timeline = page.locator("#timeline svg").bounding_box()
        assert 0 < timeline["width"] <= width and timeline["height"] > 100
        page.locator("#timeline").screenshot(path=str(ARTIFACTS / f"status-timeline.{lang}.{width}.png"))
        other = "ja" if lang == "en" else "en"
        toggle_language(page, other)
        assert page.url == f"{base_url}{page_path(other, 'status/')}#ae"
        assert in_view_and_highlighted(page, "ae")
    finally:
        context.close()


def test_the_japanese_timeline_is_set_in_a_font_with_the_glyphs(chromium, base_url):
    """Chromium's own account (DevTools' CSS.getPlatformFontsForNode) of the
    fonts that drew the Japanese names in the timeline: a Japanese font, no
    glyph left to a fallback that lacks it."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{base_url}ja/status/")
        cdp = context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        texts = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "#timeline svg text"})["nodeIds"]
        names = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "#timeline svg text:not([font-weight])"})["nodeIds"]
        assert texts and names
        families = set()
        for node in names:
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            families |= {f["familyName"] for f in fonts}
        assert families and all("CJK" in f or "JP" in f for f in families), families
    finally:
        context.close()
