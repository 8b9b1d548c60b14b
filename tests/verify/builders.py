"""Synthetic PDFs with a datum planted in one surface each, and assertions shared by verifier tests.

Personal data here is synthetic: names are common Swedish names in made-up combinations, and the
personnummer / samordningsnummer are Skatteverket test numbers (Källa: Skatteverket, Testpersonnummer
and Testsamordningsnummer; they never belong to real people).
"""

from __future__ import annotations

import unicodedata

import pymupdf

from app.domain.leaks import LeakReport
from app.domain.model import EntityType
from app.verify import Needle

NAME = "Annika Sjöberg"
PNR = "19850101-2382"  # Skatteverket test personnummer 198501012382
PNR_SHORT = "850101-2382"
SAMORDNINGSNUMMER = "19900179-2382"  # Skatteverket test samordningsnummer 199001792382
NAME_NEEDLE = Needle(NAME, EntityType.PERSON)
PNR_NEEDLE = Needle(PNR, EntityType.PERSONNUMMER)
FILLER = "Beslut i ärendet om bygglov. Nämnden har prövat ansökan och fattat beslut."


def new_doc(pages: int = 2) -> pymupdf.Document:
    """A document with ``pages`` pages of harmless filler text."""
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), FILLER, fontname="helv", fontsize=10)
    return doc


def to_bytes(doc: pymupdf.Document, **save_options: object) -> bytes:
    options = {"garbage": 3, "deflate": True} | save_options
    return doc.tobytes(**options)


def append_content(doc: pymupdf.Document, page_no: int, content: bytes) -> None:
    """Append raw content-stream operators to a page (font /helv must exist: insert text first)."""
    page = doc[page_no]
    xref = page.get_contents()[0]
    doc.update_stream(xref, doc.xref_stream(xref) + b"\n" + content + b"\n")


def add_object(doc: pymupdf.Document, source: str, stream: bytes | None = None) -> int:
    """A new indirect object (optionally a stream); returns its xref."""
    xref = doc.get_new_xref()
    doc.update_object(xref, source)
    if stream is not None:
        doc.update_stream(xref, stream)
    return xref


def utf16_hex(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def forms_of(text: str) -> set[str]:
    """Spellings of a datum that must never appear in a report."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    digits = "".join(ch for ch in text if ch.isdigit())
    forms = {text, folded, text.replace("-", "")}
    if len(digits) >= 7:
        forms |= {digits, digits[-10:]}
    for word in text.split():
        if len(word) >= 4:
            forms |= {word, word.casefold()}
    return forms


def assert_no_datum(report: LeakReport, *texts: str) -> None:
    messages = [report.summary()] + [leak.describe() for leak in report.leaks]
    for form in {f for t in texts for f in forms_of(t)}:
        for message in messages:
            assert form.casefold() not in message.casefold(), f"report reveals a datum: {message!r}"


def assert_flagged(report: LeakReport, surface: str, page: int | None, *texts: str) -> None:
    """The report has a non-structural leak on ``surface`` (and ``page`` unless None) and no datum."""
    assert not report.clean
    hits = [leak for leak in report.leaks if leak.surface == surface and leak.entity != "STRUCTURE"]
    assert hits, f"no leak on {surface}: {[leak.describe() for leak in report.leaks]}"
    if page is not None:
        assert any(leak.page == page for leak in hits), [leak.describe() for leak in hits]
    assert_no_datum(report, *texts)


def structure_details(report: LeakReport) -> list[str]:
    return [leak.detail for leak in report.leaks if leak.entity == "STRUCTURE"]
