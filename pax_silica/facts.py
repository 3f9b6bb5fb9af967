"""A document's facts, in one language: what is shown between its title and
¶ 1 on the page and on the printed first page, and what any other edition of
it (a PDF) states about it.

``facts(edition, doc, lang, ui)`` gives its title, the place and date of
signature, its signatories (with the note saying when the list is that of the
signing only), the status of the text in that language (the original, or the
Government of Japan's provisional translation) and where these facts are
published (the press release of the Ministry of Foreign Affairs of Japan);
for the document whose status the register keeps (docs/signatories.yml:
pax_silica.status), how many have signed it since, as at the register's
date, with a link to its status page. Everything comes from the document's entry in docs/commitments.yml and the
interface strings (pax_silica/strings/<lang>.yml); nothing here is invented.
"""

from __future__ import annotations

from pax_silica import urls
from pax_silica.model import Edition
from pax_silica.status import since as signed_since
from pax_silica.ui import long_date


def facts(edition: Edition, doc: str, lang: str, ui: dict) -> dict:
    """The facts of ``doc`` in ``lang``, as strings ready to show, and as
    rows (label, text) in the order the page shows them."""
    about, document = edition.about(doc), edition.documents[doc][lang]
    signed, source = about["signed"], about["source"]
    date, place = long_date(signed["date"], ui), signed["place"][lang]
    signatories = [name[lang] for name in about["signatories"]]
    note = (about.get("signatories_note") or {}).get(lang)
    original = lang == edition.original
    status = ui["facts_original"] if original else ui["provisional_note"]
    source_text = ui["facts_source_text"].format(publisher=source["publisher"][lang], kind=source["kind"][lang],
                                                 date=long_date(source["date"], ui))
    in_language = "" if source["language"] == lang else \
        ui["facts_in_language"].format(language=ui["language_names"][source["language"]])
    return {
        "title": document.title.text,
        "date": signed["date"], "date_text": date, "place": place,
        "signed": ui["facts_signed_text"].format(date=date, place=place),
        "signatories": signatories,
        "signatories_text": ui["author_separator"].join(signatories),
        "signatories_note": note,
        "since": since_from(edition, doc, lang, ui, document.url),    # "N more since (as at DATE)", or None
        "original": original,
        "status": status,
        "source": {"text": source_text, "in_language": in_language, "url": source["url"], "lang": source["language"]},
        "labels": {key: ui[f"facts_{key}"] for key in ("signed", "signatories", "status", "source")},
    }


def since_from(edition: Edition, doc: str, lang: str, ui: dict, here: str) -> dict | None:
    """How many have signed ``doc`` since its signing, with a link to its
    status from the page at ``here`` (None: no one, or no register)."""
    later = signed_since(edition, doc, lang, ui)
    return later and {**later, "href": urls.relative(later["url"], here)}


def names(items: list[str], ui: dict) -> str:
    """'Japan, United States and Australia'; '日本、米国、豪州'."""
    if len(items) < 2:
        return "".join(items)
    return ui["facts_separator"].join(items[:-1]) + ui["facts_last_separator"] + items[-1]


def fact_sentences(edition: Edition, doc: str, lang: str, ui: dict, note: bool = True, since: bool = True) -> list[str]:
    """The same facts as sentences, for what is set as running text (a
    PDF's first page, a link-preview card): where and when, by whom, then
    the note on the signatories (unless ``note`` is false), then how many
    have signed since, if any (unless ``since`` is false: a PDF sets it
    with its link, ``facts(…)["since"]``)."""
    known = facts(edition, doc, lang, ui)
    sentences = [ui["facts_signed_sentence"].format(place=known["place"], date=known["date_text"]),
                 ui["facts_signatories_sentence"].format(signatories=names(known["signatories"], ui))]
    if note and known["signatories_note"]:
        sentences.append(known["signatories_note"])
    if since and known["since"]:
        sentences.append(ui["facts_since_sentence"].format(since=known["since"]["text"]))
    return sentences
