"""The lexical byte scan and the structural checks: old revisions, orphans, encodings, bad files."""

from __future__ import annotations

import zlib

import pymupdf
import pytest

from app.domain.model import EntityType
from app.verify import Needle, verify_bytes
from app.verify.pdf import raw_scan
from tests.verify.builders import (
    NAME,
    NAME_NEEDLE,
    PNR,
    PNR_NEEDLE,
    add_object,
    assert_flagged,
    assert_no_datum,
    new_doc,
    structure_details,
    to_bytes,
    utf16_hex,
)


def test_clean_file_passes() -> None:
    doc = new_doc(3)
    doc[1].insert_text((72, 300), "Handläggare: Bertil Lindqvist, tel 08-123 456 78", fontname="helv")
    report = verify_bytes(to_bytes(doc), [NAME_NEEDLE, PNR_NEEDLE])
    assert report.clean, report.summary()
    assert report.needles_checked == 2
    assert {"page-text", "content-stream", "raw-stream", "raw-file", "metadata", "structure"} <= set(
        report.surfaces_checked
    )


def test_name_in_earlier_incremental_revision(tmp_path) -> None:
    path = tmp_path / "out.pdf"
    doc = new_doc()
    doc[0].insert_text((72, 300), NAME, fontname="helv")
    doc.save(path)
    doc.close()
    doc = pymupdf.open(path)
    for rect in doc[0].search_for(NAME):
        doc[0].add_redact_annot(rect)
    doc[0].apply_redactions()
    doc.saveIncr()
    doc.close()
    data = path.read_bytes()
    assert NAME not in pymupdf.open(stream=data)[0].get_text()  # the current revision is clean
    first_revision = data[: data.index(b"%%EOF") + 5]
    assert NAME in pymupdf.open(stream=first_revision)[0].get_text()  # the old one is not
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "raw-stream", None, NAME)
    assert any("%%EOF" in detail for detail in structure_details(report))
    assert any("/Prev" in detail for detail in structure_details(report))


def test_orphaned_stream_no_xref_points_to() -> None:
    doc = new_doc()
    orphan = add_object(doc, "<<>>", f"BT /F1 9 Tf ({PNR}) Tj ET".encode())
    data = to_bytes(doc, garbage=0)
    opened = pymupdf.open(stream=data)
    assert all(PNR not in page.get_text() for page in opened)  # no page uses it
    assert opened.xref_stream(orphan)  # but it is in the file
    report = verify_bytes(data, [PNR_NEEDLE])
    assert_flagged(report, "raw-stream", None, PNR)


def test_utf16_and_hex_strings_outside_streams() -> None:
    doc = new_doc()
    add_object(doc, f"<</Note {utf16_hex(NAME)}>>")
    add_object(doc, f"<</Other <{PNR.encode().hex()}>>>")
    data = to_bytes(doc, garbage=0, deflate=False)
    assert NAME.encode("utf-16-be") not in data  # hex-encoded: no plain byte search finds it
    report = verify_bytes(data, [NAME_NEEDLE, PNR_NEEDLE])
    assert_flagged(report, "raw-file", None, NAME, PNR)
    assert {leak.entity for leak in report.leaks if leak.surface == "raw-file"} == {"PERSON", "PERSONNUMMER"}


def test_ascii_hex_over_flate_stream() -> None:
    doc = new_doc()
    body = zlib.compress(f"(Hej {NAME}) Tj".encode("latin-1")).hex().encode() + b">"
    xref = add_object(doc, "<<>>")
    doc.update_stream(xref, body, compress=False)
    doc.xref_set_key(xref, "Filter", "[/AHx /Fl]")
    data = to_bytes(doc, garbage=0, deflate=False)
    assert b"Sj\xf6berg" not in data
    assert_flagged(verify_bytes(data, [NAME_NEEDLE]), "raw-stream", None, NAME)


def test_stream_over_the_limit_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(raw_scan, "STREAM_LIMIT", 10_000)
    doc = new_doc()
    add_object(doc, "<<>>", b" " * 50_000)
    report = verify_bytes(to_bytes(doc, garbage=0), [])
    assert any("too large" in detail for detail in structure_details(report))


@pytest.mark.parametrize("user_pw", ["hemligt", ""])
def test_encrypted_output_is_a_failure(user_pw: str) -> None:
    doc = new_doc()
    doc[0].insert_text((72, 300), NAME, fontname="helv")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="ägare", user_pw=user_pw)
    assert NAME.encode("latin-1") not in data
    report = verify_bytes(data, [NAME_NEEDLE])
    assert not report.clean
    assert any("encrypted" in detail for detail in structure_details(report))
    assert_no_datum(report, NAME)


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-1.7\n" + bytes(range(256)) * 4, b"PK\x03\x04 not a pdf at all"],
    ids=["empty", "garbage-after-header", "not-a-pdf"],
)
def test_unreadable_or_unknown_files_never_pass(data: bytes) -> None:
    report = verify_bytes(data, [NAME_NEEDLE])
    assert not report.clean
    assert structure_details(report)


def test_unknown_format_is_still_searched() -> None:
    report = verify_bytes(f"Till {NAME}".encode(), [NAME_NEEDLE])
    assert any("unrecognised" in detail for detail in structure_details(report))
    assert_flagged(report, "raw-bytes", None, NAME)


def test_structural_checks_run_without_needles() -> None:
    doc = new_doc()
    doc[0].add_text_annot((100, 100), "Anteckning").update()
    report = verify_bytes(to_bytes(doc), [])
    assert report.needles_checked == 0
    assert any("/Annots" in detail for detail in structure_details(report))
    assert verify_bytes(to_bytes(new_doc()), []).clean


def test_pdf_keywords_are_syntax_not_leaks() -> None:
    """A masked word that is also a PDF name ("Page", "DCTDecode") is not found in /Type /Page;
    a name outside the PDF language still is."""
    doc = new_doc(1)
    clean = verify_bytes(
        to_bytes(doc), [Needle("Page", EntityType.PERSON), Needle("Helvetica", EntityType.PERSON)]
    )
    assert clean.clean, clean.summary()
    add_object(doc, "<< /Private /Bertilsson >>")
    report = verify_bytes(to_bytes(doc, garbage=0), [Needle("Bertilsson", EntityType.PERSON)])
    assert any(leak.surface == "raw-file" for leak in report.leaks), report.summary()
