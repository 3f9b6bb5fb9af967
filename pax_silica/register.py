"""The Declaration's status, as data: docs/signatories.yml read and checked.

``read(edition)`` gives the ``Register`` (read once, with the edition:
``Edition.status_register``): the document it is the status of, the date its sources
were last checked (``as_at``), its sources, its participants (each with its
signing, or how it takes part without signing) and its notes. ``check``
reports, as ``PATH:LINE:COL: message`` (pax_silica.checker runs it): a
signing without a source, a date before the document was signed or after
``as_at``, a participant listed twice, a name missing in a language, and a
key no other part of the edition knows (a source, a participant, the
document), and a signing of the document's own day that docs/commitments.yml
does not list among its signatories (or the reverse).

A value the sources do not give is written ``unknown``: ``None`` here, "not
stated" on the page. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from pax_silica.model import Data, Edition, read_data
from pax_silica.settings import SourceError

REGISTER_FILE = "signatories.yml"
UNKNOWN = "unknown"
KINDS = ("official", "press")
KEY = re.compile(r"[a-z]{2,}(-[a-z0-9]+)*")
ISO = re.compile(r"[A-Z]{2}")
# Ids of the status page's own sections: a participant's key may not be one.
PAGE_IDS = ("title", "signings", "timeline", "taking-part", "notes", "sources", "data")


@dataclass
class Source:
    key: str
    title: str | None        # None: the copy consulted shows none
    publisher: dict
    date: datetime.date | None   # None: the copy consulted shows none
    url: str
    language: str
    kind: str          # official | press
    quote: str


@dataclass
class Participant:
    key: str
    iso: str | None
    name: dict                          # lang -> name
    signed: bool
    date: datetime.date | None = None   # None: not stated
    place: dict | None = None
    by: dict | None = None
    role: dict | None = None            # how it takes part without signing
    sources: list[str] = field(default_factory=list)


@dataclass
class Note:
    about: list[str]
    text: dict
    sources: list[str]


@dataclass
class Register:
    data: Data
    document: str
    as_at: datetime.date | None
    sources: dict[str, Source]
    participants: list[Participant]
    notes: list[Note]

    def signings(self) -> list[Participant]:
        """Those who signed, in date order (a date not stated last), the
        register's order within a day."""
        signed = [p for p in self.participants if p.signed]
        return sorted(signed, key=lambda p: (p.date is None, p.date or datetime.date.min))

    def taking_part(self) -> list[Participant]:
        return [p for p in self.participants if not p.signed]

    def since(self, date: datetime.date) -> list[Participant]:
        """Those who signed after ``date`` (the document's own signing), or on a day not stated."""
        return [p for p in self.signings() if p.date is None or p.date > date]


def path_of(edition: Edition) -> tuple[Path, Path]:
    """(the file, the file as messages show it)."""
    real = Path(edition.settings.docs_dir) / REGISTER_FILE
    return real, (edition.data.path.with_name(REGISTER_FILE) if edition.data else real)


def load(edition: Edition) -> tuple[Register | None, str | None]:
    """(the register, or None when there is none or it cannot be read; what
    kept it from being read, or None). Edition.status_register calls it once."""
    real, shown = path_of(edition)
    if not real.is_file():
        return None, None
    try:
        return build(read_data(real, shown, "document, as_at, sources and participants")), None
    except SourceError as e:
        return None, str(e)


def read(edition: Edition) -> Register | None:
    """The register, or None when there is none or it cannot be read (the
    checker says why: ``problem(edition)``)."""
    return edition.status_register[0]


def problem(edition: Edition) -> str | None:
    return edition.status_register[1]


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _known(value):
    return None if value == UNKNOWN else value


def _list(value) -> list:
    return value if isinstance(value, list) else []


def build(data: Data) -> Register:
    """The register as the file writes it (whatever is malformed is left for ``check``)."""
    values = data.values
    sources = {key: Source(key, _known(s.get("title")), _mapping(s.get("publisher")), _known(s.get("date")), s.get("url") or "",
                           s.get("language") or "", s.get("kind") or "", s.get("quote") or "")
               for key, s in _mapping(values.get("sources")).items() if isinstance(s, dict)}
    participants = []
    for key, entry in _mapping(values.get("participants")).items():
        entry = _mapping(entry)
        signed, part = entry.get("signed"), _mapping(entry.get("takes_part"))
        if isinstance(signed, dict):
            date = _known(signed.get("date"))
            participants.append(Participant(str(key), entry.get("iso"), _mapping(entry.get("name")), True,
                                            date if isinstance(date, datetime.date) else None,
                                            _known(signed.get("place")), _known(signed.get("by")),
                                            sources=[str(s) for s in _list(signed.get("sources"))]))
        else:
            participants.append(Participant(str(key), entry.get("iso"), _mapping(entry.get("name")), False,
                                            role=_mapping(part.get("as")),
                                            sources=[str(s) for s in _list(part.get("sources"))]))
    notes = [Note([str(a) for a in _list(n.get("about"))], {k: v for k, v in n.items() if k not in ("about", "sources")},
                  [str(s) for s in _list(n.get("sources"))]) for n in _list(values.get("notes")) if isinstance(n, dict)]
    as_at = values.get("as_at")
    return Register(data, str(values.get("document") or ""), as_at if isinstance(as_at, datetime.date) else None,
                    sources, participants, notes)


# --- the checks --------------------------------------------------------------

def check(edition: Edition, report) -> None:
    """Report every fault of the register (``report``: a pax_silica.checker.Report)."""
    if problem(edition):
        report.fatal.append(problem(edition))
        return
    register = read(edition)
    if register is None:
        return
    data, languages = register.data, edition.languages
    values = data.values

    def add(keys: tuple, message: str) -> None:
        line, col = data.position_of(*keys)
        report.add(data.path, line, col, message)

    def in_every_language(value, keys: tuple, what: str) -> None:
        missing = [l for l in languages if not (isinstance(value, dict) and isinstance(value.get(l), str)
                                                and value[l].strip())]
        if missing:
            add(keys, f"{what} has no text in {', '.join(missing)}")

    document = edition.about(register.document) if register.document else {}
    if register.document not in edition.documents or not document:
        add(("document",), f"document: {register.document!r} is not a document of the edition "
                           f"(docs/commitments.yml, documents:)")
    signed_on = (document.get("signed") or {}).get("date") if document else None
    signed_on = signed_on if isinstance(signed_on, datetime.date) else None     # else reported with commitments.yml
    if not isinstance(values.get("as_at"), datetime.date):
        add(("as_at",), "as_at must be the date the sources were last checked, written YYYY-MM-DD")
    check_sources(register, edition, add, in_every_language)
    seen: dict[str, tuple[str, int]] = {}
    for p in register.participants:
        where = ("participants", p.key)
        if not KEY.fullmatch(p.key) or p.key in PAGE_IDS:
            add(where, f"participant key {p.key!r} must be lower-case letters (the ISO 3166 code where there is "
                       f"one) and not one of the page's own ids ({', '.join(PAGE_IDS)})")
        if p.iso is not None and not (isinstance(p.iso, str) and ISO.fullmatch(p.iso)):
            add(where + ("iso",), f"{p.key}: iso must be an ISO 3166 alpha-2 code in capitals (AE)")
        in_every_language(p.name, where + ("name",), f"{p.key}: name")
        for what, value in (("iso", p.iso), ("name", p.name.get(edition.original))):
            if value and (what, value) in seen:
                other, line = seen[what, value]
                add(where, f"participant {p.key!r} is listed twice: {other!r} (line {line}) has the same "
                           f"{what} {value!r}")
            seen.setdefault((what, value), (p.key, data.line_of("participants", p.key)))
        if p.signed:
            check_signing(p, register, signed_on, add, in_every_language)
        elif "takes_part" in _mapping(values["participants"].get(p.key)):
            in_every_language(p.role, where + ("takes_part", "as"), f"{p.key}: takes_part.as")
            if not p.sources:
                add(where + ("takes_part",), f"{p.key}: takes part without a source: give sources: [key, …] "
                                             f"from sources:")
            check_keys(p.sources, register, where + ("takes_part", "sources"), add)
        else:
            add(where, f"{p.key}: neither signed: nor takes_part: (give its signing, or how it takes part)")
    for number, note in enumerate(register.notes, 1):
        where = ("notes", number - 1)
        in_every_language(note.text, where, f"note {number}")
        for key in note.about:
            if key not in {p.key for p in register.participants}:
                add(where + ("about",), f"note {number}: {key!r} is not a participant (participants:)")
        if not note.sources:
            add(where, f"note {number} has no source: give sources: [key, …] from sources:")
        check_keys(note.sources, register, where + ("sources",), add)
    if signed_on:
        check_first_day(register, edition, document, signed_on, add)


def check_sources(register: Register, edition: Edition, add, in_every_language) -> None:
    for key, source in register.sources.items():
        where = ("sources", key)
        if source.title is not None and not (isinstance(source.title, str) and source.title.strip()):
            add(where, f"source {key}: title is missing (the source's own title, in its language, or unknown)")
        in_every_language(source.publisher, where + ("publisher",), f"source {key}: publisher")
        if source.date is not None and not isinstance(source.date, datetime.date):
            add(where + ("date",), f"source {key}: date must be written YYYY-MM-DD, or unknown")
        elif register.as_at and source.date and source.date > register.as_at:
            add(where + ("date",), f"source {key} is dated {source.date}, after as_at ({register.as_at})")
        if not (isinstance(source.url, str) and source.url.startswith(("https://", "http://"))):
            add(where + ("url",), f"source {key}: url must be an absolute http(s) address")
        if not (isinstance(source.language, str) and re.fullmatch(r"[a-z]{2,3}", source.language)):
            add(where, f"source {key}: language must be a language code (en, ja)")
        if source.kind not in KINDS:
            add(where, f"source {key}: kind must be official (a government's own statement) or press (a press report)")
        if not (isinstance(source.quote, str) and source.quote.strip()):
            add(where, f"source {key}: quote is missing (the words of the source that establish the facts it is cited for)")


def check_keys(keys: list[str], register: Register, where: tuple, add) -> None:
    for key in keys:
        if key not in register.sources:
            add(where, f"source {key!r} is not one of sources:")


def check_signing(p: Participant, register: Register, signed_on, add, in_every_language) -> None:
    where = ("participants", p.key, "signed")
    given = _mapping(_mapping(register.data.values["participants"].get(p.key)).get("signed"))
    date = given.get("date")
    if date != UNKNOWN and not isinstance(date, datetime.date):
        add(where + ("date",), f"{p.key}: signed.date must be a date written YYYY-MM-DD, or unknown")
    elif p.date and signed_on and p.date < signed_on:
        add(where + ("date",), f"{p.key}: signed on {p.date}, before the Declaration was signed ({signed_on})")
    elif p.date and register.as_at and p.date > register.as_at:
        add(where + ("date",), f"{p.key}: signed on {p.date}, after as_at ({register.as_at}): "
                               f"the register says nothing after the day its sources were checked")
    for key in ("place", "by"):
        if key not in given:
            add(where, f"{p.key}: signed.{key} is missing (write unknown where no source says)")
        elif given[key] != UNKNOWN:
            in_every_language(given[key], where + (key,), f"{p.key}: signed.{key}")
    if not p.sources:
        add(where, f"{p.key}: signed without a source: give sources: [key, …] from sources:")
    check_keys(p.sources, register, where + ("sources",), add)
    for key in p.sources:
        source = register.sources.get(key)
        if source and isinstance(source.date, datetime.date) and p.date and source.date < p.date:
            add(where + ("sources",), f"{p.key}: source {key} is dated {source.date}, before the signing it is "
                                      f"cited for ({p.date})")


def check_first_day(register: Register, edition: Edition, document: dict, signed_on, add) -> None:
    """The signings of the document's own day are its signatories in docs/commitments.yml."""
    original = edition.original
    listed = [name.get(original) for name in document.get("signatories") or [] if isinstance(name, dict)]
    first = [p for p in register.participants if p.signed and p.date == signed_on]
    for p in first:
        if p.name.get(original) not in listed:
            add(("participants", p.key, "signed", "date"),
                f"{p.key}: signed on {signed_on}, the Declaration's signing, but {p.name.get(original)!r} is not "
                f"among its signatories in docs/commitments.yml")
    for name in listed:
        if name not in [p.name.get(original) for p in first]:
            add(("participants",), f"{name!r}, a signatory of {signed_on} in docs/commitments.yml, has no signing "
                                   f"of that day here")
