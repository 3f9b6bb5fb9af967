"""What a reader must know of a document before reading it: where and when
it was signed, and by whom.

``document_facts`` gives it as sentences in one language, from
docs/commitments.yml and the strings ``facts_*`` of pax_silica/strings/; the
PDF editions print them under the title (overrides/edition/pdf.html), and a
page can show the same. The Declaration has been signed by other
governments since 12 December 2025: the edition records the signatories of
that day, and says so (``facts_signatories_note``), never presenting them as
a complete list.
"""

from __future__ import annotations

from pax_silica.model import Edition
from pax_silica.ui import long_date


def names(items: list[str], ui: dict) -> str:
    """'Japan, United States and Australia'; '日本、米国、豪州'."""
    if len(items) < 2:
        return "".join(items)
    return ui["facts_separator"].join(items[:-1]) + ui["facts_last_separator"] + items[-1]


def document_facts(edition: Edition, doc: str, lang: str, ui: dict) -> list[str]:
    """The facts of ``doc`` in ``lang``, one sentence each: where, when and by
    whom it was signed, then any note on its signatories."""
    about = edition.about(doc)
    signed = about["signed"]
    facts = [ui["facts_signed"].format(place=signed["place"][lang], date=long_date(signed["date"], ui)),
             ui["facts_signatories"].format(signatories=names([s[lang] for s in about["signatories"]], ui))]
    note = ui["facts_signatories_note"].get(doc)
    return facts + [note.format(date=long_date(signed["date"], ui))] if note else facts
