"""Synthetic PDFs that plant personal data in the places redaction usually misses.

Every sample is generated (no real personal data); personnummer are Skatteverket test numbers.
Each builder returns the PDF bytes; ``write`` saves them under a name that says what they exercise.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf

TIRO = pymupdf.Font("tiro")  # embeds as a Unicode font: ligature characters survive extraction
HELV = pymupdf.Font("helv")

NAME = "Anna Svensson"
PNR = "19121212-1212"  # a Skatteverket test personnummer


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def text_page(
    doc: pymupdf.Document, lines: list[str], *, fontsize: float = 11, top: float = 72
) -> pymupdf.Page:
    """A page with ``lines`` written in a Unicode font, one per line, 14 pt apart."""
    page = doc.new_page()
    writer = pymupdf.TextWriter(page.rect)
    for n, line in enumerate(lines):
        writer.append((72, top + n * 14), line, font=TIRO, fontsize=fontsize)
    writer.write_text(page)
    return page


def simple(lines: list[str]) -> bytes:
    doc = pymupdf.open()
    text_page(doc, lines)
    return doc.tobytes()


def out_of_order_name() -> bytes:
    """'Anna Svensson' written as three text objects in the order 'son', 'Anna ', 'Svens'."""
    doc = pymupdf.open()
    page = doc.new_page()
    w_anna = HELV.text_length("Anna ", 12)
    w_svens = HELV.text_length("Svens", 12)
    page.insert_text((72 + w_anna + w_svens, 100), "son", fontsize=12)
    page.insert_text((72, 100), "Anna ", fontsize=12)
    page.insert_text((72 + w_anna, 100), "Svens", fontsize=12)
    page.insert_text((72, 130), "fattade beslutet.", fontsize=12)
    return doc.tobytes()


def hidden_surfaces() -> bytes:
    """The name in every non-page surface: metadata, XMP, comment, form field, attachment, outline,
    page label, and in a layer that is switched off, outside the crop box and outside the page."""
    doc = pymupdf.open()
    page = text_page(doc, ["Beslut i ärendet.", "Handläggare: Anna Svensson"])
    page.add_text_annot((400, 80), f"Ring {NAME} om detta").set_info(title=NAME)
    widget = pymupdf.Widget()
    widget.field_name = "sokande"
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_value = NAME
    widget.rect = pymupdf.Rect(300, 300, 500, 320)
    page.add_widget(widget)
    ocg = doc.add_ocg("Dolt lager", on=False)
    page.insert_text((72, 400), "Dold: Bertil Lagerqvist", fontsize=11, oc=ocg)
    page.insert_text((700, 100), "Utanför: Cecilia Marginal", fontsize=11)
    doc.set_metadata({"author": NAME, "title": f"Beslut om {NAME}", "subject": PNR})
    doc.set_xml_metadata(f"<x:xmpmeta xmlns:x='adobe:ns:meta/'><dc:creator>{NAME}</dc:creator></x:xmpmeta>")
    doc.embfile_add("bilaga.txt", f"{NAME} {PNR}".encode(), desc=f"Bilaga om {NAME}")
    doc.set_toc([[1, f"Om {NAME}", 1]])
    doc.set_page_labels([{"startpage": 0, "prefix": f"{NAME}-", "style": "D"}])
    return doc.tobytes()


def cropped_name() -> bytes:
    """A name inside the MediaBox but outside the CropBox: invisible, yet in the file."""
    doc = pymupdf.open()
    page = text_page(doc, ["Synlig rad."])
    page.insert_text((72, 800), "Beskuren: David Kantsson", fontsize=11)
    page.set_cropbox(pymupdf.Rect(0, 0, 595, 700))
    return doc.tobytes()


def rotated(rotation: int) -> bytes:
    doc = pymupdf.open()
    page = text_page(doc, ["Sökande: Erik Roterad", "Övrig text som ska stå kvar."])
    page.set_rotation(rotation)
    return doc.tobytes()


def incremental_update(original: bytes, replacement_lines: list[str]) -> bytes:
    """``original`` with its page text replaced in an incremental save: the old revision survives."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inc.pdf"
        path.write_bytes(original)
        doc = pymupdf.open(path)
        page = doc[0]
        page.add_redact_annot(page.rect)
        page.apply_redactions()
        writer = pymupdf.TextWriter(page.rect)
        for n, line in enumerate(replacement_lines):
            writer.append((72, 72 + n * 14), line, font=TIRO, fontsize=11)
        writer.write_text(page)
        doc.saveIncr()
        doc.close()
        return path.read_bytes()


def image_only_page() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pix.clear_with(200)
    page.insert_image(pymupdf.Rect(72, 72, 272, 272), pixmap=pix)
    return doc.tobytes()


def encrypted(lines: list[str]) -> bytes:
    doc = pymupdf.open("pdf", simple(lines))
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="hemligt", owner_pw="hemligare")


def many_pages(count: int) -> bytes:
    doc = pymupdf.open()
    for n in range(count):
        doc.new_page().insert_text((72, 72), f"Sida {n + 1}")
    return doc.tobytes()


def raw_pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF from numbered object bodies (object 1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def absurd_page_count() -> bytes:
    """A page tree that claims two billion pages."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )


def page_tree_cycle() -> bytes:
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
        ]
    )


def decompression_bomb(megabytes: int) -> bytes:
    """One page whose content stream inflates to ``megabytes`` MB of spaces (a few hundred KB on disk)."""
    import zlib

    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream,
        ]
    )
