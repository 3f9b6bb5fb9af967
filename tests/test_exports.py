"""pax-silica.json, its schema, the plain-text downloads and the per-language
search indexes, on the real build."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

from conftest import DOCUMENTS, LANGUAGES, ROOT, SITE_URL, anchored_blocks, page_path, text_of


@pytest.fixture(scope="module")
def export(site):
    return json.loads((site / "pax-silica.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema():
    return json.loads((ROOT / "docs/pax-silica.schema.json").read_text(encoding="utf-8"))


def test_export_validates_against_the_schema(export, schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(export)]
    assert errors == []


def test_schema_rejects_an_export_that_lost_a_translation(export, schema):
    broken = json.loads(json.dumps(export))
    del broken["documents"][1]["paragraphs"][7]["text"]["ja"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_schema_is_published_next_to_the_export(site, export):
    assert export["$schema"] == SITE_URL + "pax-silica.schema.json"
    assert json.loads((site / "pax-silica.schema.json").read_text()) == json.loads(
        (ROOT / "docs/pax-silica.schema.json").read_text())


def test_export_texts_are_the_rendered_paragraphs_and_urls_lead_to_them(export, soup):
    assert [d["id"] for d in export["documents"]] == list(DOCUMENTS)
    for document in export["documents"]:
        for lang in LANGUAGES:
            page = soup(lang, f"{document['id']}/")
            blocks = dict(anchored_blocks(page))
            numbered = [a for a in blocks if a.startswith("p") and a[1:].isdigit()]
            assert [p["anchor"] for p in document["paragraphs"]] == numbered
            assert document["title"][lang] == blocks["title"].get_text(strip=True)
            assert document["url"][lang] == SITE_URL + page_path(lang, f"{document['id']}/")
            for paragraph in document["paragraphs"]:
                assert paragraph["number"] == int(paragraph["anchor"][1:])
                assert paragraph["text"][lang] == text_of(blocks[paragraph["anchor"]])
                url = urlsplit(paragraph["url"][lang])
                assert url.fragment == paragraph["anchor"]
                assert paragraph["url"][lang].split("#")[0] == document["url"][lang]


def test_export_has_the_signature_lines_as_printed(export, soup):
    for document in export["documents"]:
        for lang in LANGUAGES:
            printed = [(p["id"], text_of(p)) for p in soup(lang, f"{document['id']}/").select("article p.signature[id]")]
            assert [(l["anchor"], l["text"][lang]) for l in document["signature_lines"]] == printed
            for line in document["signature_lines"]:
                assert line["url"][lang] == document["url"][lang] + "#" + line["anchor"]
    assert [l["anchor"] for l in export["documents"][0]["signature_lines"]] == ["signed", "for-japan", "for-usa"]


def test_export_labels_tags_and_signatures_come_from_the_data_file(export):
    data = yaml.safe_load((ROOT / "docs/commitments.yml").read_text(encoding="utf-8"))
    assert export["topics"] == data["topics"]
    for document in export["documents"]:
        meta = data["documents"][document["id"]]
        assert document["signed"] == {"date": meta["signed"]["date"].isoformat(), "place": meta["signed"]["place"]}
        assert document["signatories"] == meta["signatories"]
        for paragraph in document["paragraphs"]:
            entry = data["paragraphs"][document["id"]][paragraph["anchor"]]
            assert (paragraph["label"], paragraph["tags"]) == (entry["label"], entry["tags"])
    declaration = export["documents"][1]
    assert declaration["signed"]["date"] == "2025-12-12" and len(declaration["signatories"]) == 7


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_plain_text_has_title_url_and_every_paragraph_numbered(site, export, lang, document):
    text = (site / f"downloads/pax-silica-{document}.{lang}.txt").read_text(encoding="utf-8")
    doc = next(d for d in export["documents"] if d["id"] == document)
    assert text.startswith(doc["title"][lang] + "\n")
    assert doc["url"][lang] in text
    for paragraph in doc["paragraphs"]:
        assert f"\n[{paragraph['number']}] {paragraph['text'][lang]}\n" in text
    assert "\n\n\n" not in text and text.endswith("\n")


def test_home_pages_link_to_the_export_and_downloads(soup):
    for lang in LANGUAGES:
        hrefs = {a["href"].split("/")[-1] for a in soup(lang, "").select("#downloads a")}
        assert {"pax-silica.json", "pax-silica.schema.json"} <= hrefs
        assert {f"pax-silica-{d}.{l}.txt" for d in DOCUMENTS for l in LANGUAGES} <= hrefs


def load_index(site, lang):
    return json.loads((site / page_path(lang, "search/search_index.json")).read_text(encoding="utf-8"))


def test_each_language_has_its_own_search_index(site):
    en, ja = load_index(site, "en"), load_index(site, "ja")
    assert en["config"]["lang"] == ["en"] and ja["config"]["lang"] == ["ja"]
    assert not any(d["location"].startswith("ja/") for d in en["docs"])
    assert all("\u3042" <= c <= "\u9fff" for c in "".join(d["title"] for d in ja["docs"][:1]) if c.isalpha())
    english_text = "".join(d["text"] for d in en["docs"] if d["location"].startswith("declaration/"))
    assert "我々" not in english_text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_paragraphs_at_their_anchors(site, export, lang):
    locations = {d["location"]: d for d in load_index(site, lang)["docs"]}
    for document in export["documents"]:
        for paragraph in document["paragraphs"]:
            entry = locations[f"{document['id']}/#{paragraph['anchor']}"]
            assert paragraph["label"][lang] in entry["title"]
            assert paragraph["text"][lang] in entry["text"]
    generated = [loc for loc in locations if loc.startswith(("commitments/#", "parallel/")) and "#" in loc]
    assert generated == [], "the generated views would compete with the paragraphs"
