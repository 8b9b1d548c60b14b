"""A masked datum planted in one page-level surface is found there, on the right page, and not named.

Each test first shows that the trap is real (the datum is in the file where a careless reader would
miss it), then that the verifier flags it.
"""

from __future__ import annotations

import pymupdf

from app.domain.model import EntityType
from app.verify import Needle, verify_bytes
from tests.verify.builders import (
    NAME,
    NAME_NEEDLE,
    PNR,
    PNR_NEEDLE,
    append_content,
    assert_flagged,
    new_doc,
    to_bytes,
)


def test_page_text_on_second_page() -> None:
    doc = new_doc(3)
    doc[1].insert_text((72, 200), f"Sökande: {NAME}, pnr {PNR}", fontname="helv")
    data = to_bytes(doc)
    assert NAME in pymupdf.open(stream=data)[1].get_text()
    report = verify_bytes(data, [NAME_NEEDLE, PNR_NEEDLE])
    assert_flagged(report, "page-text", 1, NAME, PNR)
    assert {leak.entity for leak in report.leaks if leak.surface == "page-text"} == {"PERSON", "PERSONNUMMER"}


def test_white_text() -> None:
    doc = new_doc()
    doc[0].insert_text((72, 300), NAME, fontname="helv", color=(1, 1, 1))
    data = to_bytes(doc)
    assert b"1 1 1 rg" in pymupdf.open(stream=data)[0].read_contents()
    assert_flagged(verify_bytes(data, [NAME_NEEDLE]), "page-text", 0, NAME)


def test_tiny_invisible_text() -> None:
    doc = new_doc()
    doc[0].insert_text((72, 300), NAME, fontname="helv", fontsize=0.5, render_mode=3)
    data = to_bytes(doc)
    assert b"3 Tr" in pymupdf.open(stream=data)[0].read_contents()
    assert_flagged(verify_bytes(data, [NAME_NEEDLE]), "page-text", 0, NAME)


def test_text_outside_mediabox() -> None:
    doc = new_doc()
    doc[0].insert_text((72, 2000), NAME, fontname="helv")
    data = to_bytes(doc)
    assert NAME not in pymupdf.open(stream=data)[0].get_text()  # a default extraction misses it
    assert_flagged(verify_bytes(data, [NAME_NEEDLE]), "page-text", 0, NAME)


def test_text_outside_cropbox() -> None:
    doc = new_doc()
    doc[0].insert_text((500, 700), NAME, fontname="helv")
    doc[0].set_cropbox(pymupdf.Rect(0, 0, 300, 300))
    data = to_bytes(doc)
    assert NAME not in pymupdf.open(stream=data)[0].get_text()
    assert_flagged(verify_bytes(data, [NAME_NEEDLE]), "page-text", 0, NAME)


def test_text_in_layer_switched_off() -> None:
    doc = new_doc()
    ocg = doc.add_ocg("dolt", on=False)
    doc[0].insert_text((72, 300), NAME, fontname="helv", oc=ocg)
    data = to_bytes(doc)
    assert NAME not in pymupdf.open(stream=data)[0].get_text()  # invisible to a plain reader
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "page-text", 0, NAME)
    assert any("OCProperties" in leak.detail for leak in report.leaks)


def test_actual_text_replacing_other_glyphs() -> None:
    doc = new_doc()
    append_content(
        doc,
        0,
        f"BT /helv 11 Tf 72 300 Td /Span <</ActualText ({NAME[:6]} Sj\\366berg)>> BDC "
        "(XXXXXXXX) Tj EMC ET".encode(),
    )
    data = to_bytes(doc)
    assert b"ActualText" in pymupdf.open(stream=data)[0].read_contents()
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "marked-content", 0, NAME)
    assert any("ActualText" in leak.detail for leak in report.leaks if leak.entity == "STRUCTURE")


def test_glyphs_hidden_behind_actual_text() -> None:
    doc = new_doc()
    append_content(
        doc, 0, b"BT /helv 11 Tf 72 300 Td /Span <</ActualText (Maskat)>> BDC (Annika Sj\\366berg) Tj EMC ET"
    )
    data = to_bytes(doc)
    assert NAME not in pymupdf.open(stream=data)[0].get_text()  # MuPDF shows the replacement
    assert_flagged(verify_bytes(data, [NAME_NEEDLE]), "page-text", 0, NAME)


def test_tj_kerned_and_split_text_objects() -> None:
    doc = new_doc()
    append_content(
        doc,
        1,
        b"BT /helv 11 Tf 1 0 0 1 72 300 Tm [(Ann) 12 (ika Sj) -8 (\\366berg)] TJ ET "
        b"BT 1 0 0 1 72 400 Tm (19850) Tj ET BT 1 0 0 1 110 400 Tm (101-2382) Tj ET",
    )
    data = to_bytes(doc)
    report = verify_bytes(data, [NAME_NEEDLE, PNR_NEEDLE])
    assert_flagged(report, "content-stream", 1, NAME, PNR)
    entities = {leak.entity for leak in report.leaks if leak.surface == "content-stream"}
    assert entities == {"PERSON", "PERSONNUMMER"}


def test_form_xobject_text() -> None:
    doc = new_doc()
    source = pymupdf.open()
    source.new_page().insert_text((72, 72), NAME, fontname="helv")
    doc[1].show_pdf_page(pymupdf.Rect(0, 0, 300, 300), source, 0)
    data = to_bytes(doc)
    assert pymupdf.open(stream=data).get_page_xobjects(1)
    assert_flagged(verify_bytes(data, [NAME_NEEDLE]), "page-text", 1, NAME)


def test_annotation_contents_title_and_popup() -> None:
    doc = new_doc()
    annot = doc[1].add_text_annot((100, 100), f"Ring {NAME}")
    annot.set_info(title="Bertil Lindqvist")
    annot.set_popup(pymupdf.Rect(200, 200, 300, 300))
    annot.update()
    data = to_bytes(doc)
    assert NAME not in pymupdf.open(stream=data)[1].get_text()
    report = verify_bytes(data, [NAME_NEEDLE, Needle("Bertil Lindqvist", EntityType.PERSON)])
    assert_flagged(report, "annotation", 1, NAME, "Bertil Lindqvist")
    assert {leak.entity for leak in report.leaks if leak.surface == "annotation"} == {"PERSON"}
    assert sum(leak.surface == "annotation" for leak in report.leaks) == 2


def test_annotation_rich_text() -> None:
    doc = new_doc()
    annot = doc[0].add_text_annot((100, 100), "Anteckning")
    annot.update()
    doc.xref_set_key(annot.xref, "RC", pymupdf.get_pdf_str(f"<body><p>{NAME}</p></body>"))
    data = to_bytes(doc)
    assert_flagged(verify_bytes(data, [NAME_NEEDLE]), "annotation", 0, NAME)


def test_freetext_appearance_stream() -> None:
    doc = new_doc()
    annot = doc[0].add_freetext_annot(pymupdf.Rect(100, 300, 400, 350), NAME)
    annot.update()
    doc.xref_set_key(annot.xref, "Contents", "(Anteckning)")
    data = to_bytes(doc)
    assert_flagged(verify_bytes(data, [NAME_NEEDLE]), "annotation", 0, NAME)


def test_widget_field_name_and_value() -> None:
    doc = new_doc()
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "sokande_annika_sjoberg"
    widget.field_value = PNR
    widget.rect = pymupdf.Rect(100, 400, 300, 420)
    doc[1].add_widget(widget)
    data = to_bytes(doc)
    needles = [PNR_NEEDLE, Needle("Annika Sjöberg", EntityType.PERSON)]
    report = verify_bytes(data, needles)
    assert_flagged(report, "widget", 1, PNR, NAME)
    assert {leak.entity for leak in report.leaks if leak.surface == "widget"} == {"PERSON", "PERSONNUMMER"}


def test_page_piece_info() -> None:
    doc = new_doc()
    doc.xref_set_key(doc[1].xref, "PieceInfo", f"<</App <</Private {pymupdf.get_pdf_str(NAME)}>>>>")
    data = to_bytes(doc)
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "piece-info", 1, NAME)


def test_name_and_personnummer_broken_across_lines() -> None:
    doc = new_doc()
    doc[0].insert_text(
        (72, 300), "Sökande är Annika Sjö-\nberg, personnummer 850101-\n2382.", fontname="helv"
    )
    data = to_bytes(doc)
    text = pymupdf.open(stream=data)[0].get_text()
    assert NAME not in text and PNR not in text
    report = verify_bytes(data, [NAME_NEEDLE, PNR_NEEDLE])
    assert_flagged(report, "page-text", 0, NAME, PNR)
    assert {leak.entity for leak in report.leaks if leak.surface == "page-text"} == {"PERSON", "PERSONNUMMER"}


def test_words_written_out_of_order_are_read_in_reading_order() -> None:
    doc = new_doc()
    append_content(doc, 0, b"BT /helv 11 Tf 1 0 0 1 124.58 300 Tm (berg) Tj ET "
                   b"BT /helv 11 Tf 1 0 0 1 72 300 Tm (Annika ) Tj ET "
                   b"BT /helv 11 Tf 1 0 0 1 108.685 300 Tm (Sj\\366) Tj ET")  # fmt: skip
    data = to_bytes(doc)
    assert NAME not in pymupdf.open(stream=data)[0].get_text()
    assert_flagged(verify_bytes(data, [NAME_NEEDLE]), "page-text", 0, NAME)
