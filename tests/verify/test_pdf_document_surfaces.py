"""A masked datum planted in one document-level surface is found there and not named in the report."""

from __future__ import annotations

import pymupdf

from app.domain.model import EntityType
from app.verify import Needle, verify_bytes
from tests.verify.builders import (
    NAME,
    NAME_NEEDLE,
    PNR,
    PNR_NEEDLE,
    add_object,
    assert_flagged,
    new_doc,
    structure_details,
    to_bytes,
    utf16_hex,
)


def test_info_metadata_standard_and_custom_keys() -> None:
    doc = new_doc()
    doc.set_metadata({"author": NAME})
    info = int(doc.xref_get_key(-1, "Info")[1].split()[0])
    doc.xref_set_key(info, "Handlaggare", utf16_hex(PNR))
    data = to_bytes(doc)
    assert pymupdf.open(stream=data).metadata["author"] == NAME
    report = verify_bytes(data, [NAME_NEEDLE, PNR_NEEDLE])
    assert_flagged(report, "metadata", None, NAME, PNR)
    assert {leak.entity for leak in report.leaks if leak.surface == "metadata"} == {"PERSON", "PERSONNUMMER"}


def test_xmp_with_xml_character_references() -> None:
    doc = new_doc()
    doc.set_xml_metadata(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Annika Sj&#xF6;berg'
        "</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    data = to_bytes(doc)
    assert "Sj&#xF6;berg" in pymupdf.open(stream=data).get_xml_metadata()
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "xmp", None, NAME)
    assert any("/Metadata" in detail for detail in structure_details(report))


def test_outline_title() -> None:
    doc = new_doc()
    doc.set_toc([[1, "Inledning", 1], [2, f"Yttrande från {NAME}", 2]])
    data = to_bytes(doc)
    assert any(NAME in entry[1] for entry in pymupdf.open(stream=data).get_toc())
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "outline", None, NAME)
    assert any("/Outlines" in detail for detail in structure_details(report))


def test_page_label_prefix() -> None:
    doc = new_doc()
    doc.set_page_labels([{"startpage": 0, "prefix": "Lindqvist-", "style": "D", "firstpagenum": 1}])
    data = to_bytes(doc)
    assert pymupdf.open(stream=data)[1].get_label() == "Lindqvist-2"
    report = verify_bytes(data, [Needle("Lindqvist", EntityType.PERSON)])
    assert_flagged(report, "page-labels", None, "Lindqvist")
    assert any("/PageLabels" in detail for detail in structure_details(report))


def test_named_destination() -> None:
    doc = new_doc()
    dests = add_object(doc, f"<</Names [{pymupdf.get_pdf_str(NAME)} [{doc[1].xref} 0 R /Fit]]>>")
    doc.xref_set_key(doc.pdf_catalog(), "Names", f"<</Dests {dests} 0 R>>")
    data = to_bytes(doc)
    assert pymupdf.open(stream=data).resolve_names()
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "named-destinations", None, NAME)
    assert any("/Dests" in detail for detail in structure_details(report))


def test_document_javascript_name_tree() -> None:
    doc = new_doc()
    script = add_object(doc, "<</S /JavaScript /JS 0 0 R>>")
    js_stream = add_object(doc, "<<>>", f'app.alert("Kontakta {NAME}");'.encode())
    doc.xref_set_key(script, "JS", f"{js_stream} 0 R")
    tree = add_object(doc, f"<</Names [(init) {script} 0 R]>>")
    doc.xref_set_key(doc.pdf_catalog(), "Names", f"<</JavaScript {tree} 0 R>>")
    data = to_bytes(doc)
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "javascript", None, NAME)
    assert any("/JavaScript" in detail for detail in structure_details(report))


def test_open_action_javascript() -> None:
    doc = new_doc()
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"<</S /JavaScript /JS {pymupdf.get_pdf_str(PNR)}>>")
    data = to_bytes(doc)
    report = verify_bytes(data, [PNR_NEEDLE])
    assert_flagged(report, "actions", None, PNR)
    assert any("/JS" in detail for detail in structure_details(report))


def test_structure_tree_alt_title_and_expansion() -> None:
    doc = new_doc()
    elem = add_object(
        doc,
        f"<</Type /StructElem /S /Figure /Alt {pymupdf.get_pdf_str('Foto på ' + NAME)} "
        f"/T (Bilaga) /E {pymupdf.get_pdf_str(PNR)} /Pg {doc[0].xref} 0 R /K 0>>",
    )
    root = add_object(doc, f"<</Type /StructTreeRoot /K [{elem} 0 R]>>")
    doc.xref_set_key(doc.pdf_catalog(), "StructTreeRoot", f"{root} 0 R")
    data = to_bytes(doc)
    report = verify_bytes(data, [NAME_NEEDLE, PNR_NEEDLE])
    assert_flagged(report, "structure-tree", None, NAME, PNR)
    assert any("/StructTreeRoot" in detail for detail in structure_details(report))


def test_acroform_xfa_stream() -> None:
    doc = new_doc()
    xfa = add_object(
        doc, "<<>>", f"<xdp:xdp><field name='x'><value>{NAME}</value></field></xdp:xdp>".encode()
    )
    doc.xref_set_key(doc.pdf_catalog(), "AcroForm", f"<</Fields [] /XFA {xfa} 0 R>>")
    data = to_bytes(doc)
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "form", None, NAME)
    assert any("/XFA" in detail for detail in structure_details(report))


def test_embedded_text_file_name_description_and_content() -> None:
    doc = new_doc()
    doc.embfile_add("bilaga.txt", f"Personnummer: {PNR}".encode(), filename="bilaga.txt", desc=f"Från {NAME}")
    data = to_bytes(doc)
    assert pymupdf.open(stream=data).embfile_count() == 1
    report = verify_bytes(data, [NAME_NEEDLE, PNR_NEEDLE])
    assert_flagged(report, "embedded-file", None, NAME, PNR)
    assert {leak.entity for leak in report.leaks if leak.surface == "embedded-file"} == {
        "PERSON",
        "PERSONNUMMER",
    }


def test_embedded_pdf_is_read_recursively() -> None:
    inner = new_doc(1)
    inner[0].insert_text((72, 300), NAME, fontname="helv")
    doc = new_doc()
    doc.embfile_add("yttrande.pdf", to_bytes(inner), filename="yttrande.pdf")
    data = to_bytes(doc)
    assert NAME.encode() not in data  # compressed twice: no byte scan of the host sees it
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "embedded-file", None, NAME)
    assert any("page-text" in leak.detail for leak in report.leaks if leak.surface == "embedded-file")


def test_file_attachment_annotation() -> None:
    doc = new_doc()
    doc[1].add_file_annot((100, 100), f"Kontakt: {NAME}".encode(), "kontakt.txt")
    data = to_bytes(doc)
    report = verify_bytes(data, [NAME_NEEDLE])
    assert_flagged(report, "embedded-file", 1, NAME)


def test_non_standard_name_tree_key_is_not_echoed() -> None:
    doc = new_doc()
    tree = add_object(doc, f"<</Names [(x) {pymupdf.get_pdf_str(NAME)}]>>")
    doc.xref_set_key(doc.pdf_catalog(), "Names", f"<</AnnikaSjoberg {tree} 0 R>>")
    report = verify_bytes(to_bytes(doc), [NAME_NEEDLE, Needle("AnnikaSjoberg", EntityType.PERSON)])
    assert_flagged(report, "names", None, NAME, "AnnikaSjoberg")
