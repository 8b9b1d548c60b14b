"""Generated scans: text rendered to a greyscale picture at scanner resolution, turned or skewed like a
sheet on a scanner, and wrapped as an image-only PDF page (optionally with a scanner's invisible text
layer), a multi-page TIFF, a PNG or a JPEG. No real personal data; the personnummer is a test number.
"""

from __future__ import annotations

import io

import pymupdf
from PIL import Image

A4 = pymupdf.paper_rect("a4")
FONT = "tiro"
FONT_SIZE = 12
LINE_GAP = 22

LETTER = [
    "Beslut om bistånd enligt socialtjänstlagen",
    "Sökande: Anna Svensson, personnummer 19121212-1212.",
    "E-post anna.svensson@exempel.se, telefon 070-812 33 09.",
    "Nämnden har prövat ansökan och beviljar bistånd till hyra.",
    "Beslutet kan överklagas till förvaltningsrätten inom tre veckor.",
]
MASKED = ("Anna Svensson", "19121212-1212", "anna.svensson@exempel.se", "070-812 33 09")
KEPT = ("Nämnden har prövat ansökan", "förvaltningsrätten", "överklagas")


def text_page(lines: list[str]) -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page(width=A4.width, height=A4.height)
    for n, line in enumerate(lines):
        page.insert_text((60, 90 + n * LINE_GAP), line, fontsize=FONT_SIZE, fontname=FONT)
    return doc


def scan_image(lines: list[str], dpi: int = 300, rotate: float = 0.0) -> Image.Image:
    """``lines`` on an A4 sheet as a greyscale picture; ``rotate`` degrees counter-clockwise (a
    multiple of 90 turns the sheet; a few degrees skews it)."""
    with text_page(lines) as doc:
        pix = doc[0].get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    if rotate:
        resample = Image.Resampling.NEAREST if rotate % 90 == 0 else Image.Resampling.BILINEAR
        image = image.rotate(rotate, resample=resample, expand=rotate % 90 == 0, fillcolor=255)
    return image


def image_bytes(image: Image.Image, fmt: str = "PNG", dpi: int = 300) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, dpi=(dpi, dpi))
    return out.getvalue()


def scanned_pdf(
    pages: list[Image.Image], *, hidden_text: list[list[str]] | None = None, fmt: str = "PNG", dpi: int = 300
) -> bytes:
    """One page per picture, each picture filling the page. ``hidden_text[i]`` is written on page
    ``i`` as invisible text (render mode 3) where the lines sit in the picture, as scanners do."""
    doc = pymupdf.open()
    for i, image in enumerate(pages):
        width, height = image.width * 72 / dpi, image.height * 72 / dpi
        page = doc.new_page(width=width, height=height)
        page.insert_image(page.rect, stream=image_bytes(image, fmt, dpi))
        if hidden_text and i < len(hidden_text):
            for n, line in enumerate(hidden_text[i]):
                page.insert_text(
                    (60, 90 + n * LINE_GAP), line, fontsize=FONT_SIZE, fontname=FONT, render_mode=3
                )
    return doc.tobytes(garbage=3, deflate=True)


def multipage_tiff(pages: list[Image.Image], dpi: int = 300) -> bytes:
    out = io.BytesIO()
    pages[0].save(
        out, format="TIFF", save_all=True, append_images=pages[1:], dpi=(dpi, dpi), compression="tiff_deflate"
    )
    return out.getvalue()


def _page_for(image: Image.Image, dpi: int = 300) -> tuple[pymupdf.Document, pymupdf.Page]:
    doc = pymupdf.open()
    return doc, doc.new_page(width=image.width * 72 / dpi, height=image.height * 72 / dpi)


def jpeg_scan(image: Image.Image) -> bytes:
    """The picture kept as a JPEG (DCTDecode) image."""
    doc, page = _page_for(image)
    page.insert_image(page.rect, stream=image_bytes(image, "JPEG"))
    return doc.tobytes()


def ccitt_scan(image: Image.Image) -> bytes:
    """The picture as a 1-bit CCITT Group 4 image (CCITTFaxDecode), as fax and office scanners write."""
    bilevel = image.point(lambda v: 255 if v > 128 else 0).convert("1")
    doc, page = _page_for(image)
    xref = page.insert_image(page.rect, stream=image_bytes(bilevel))
    tiff = io.BytesIO()
    bilevel.save(tiff, format="TIFF", compression="group4", tiffinfo={278: bilevel.height})  # one strip
    with Image.open(io.BytesIO(tiff.getvalue())) as parsed:
        offset, length = parsed.tag_v2[273][0], parsed.tag_v2[279][0]  # strip offset and byte count
    doc.update_stream(xref, tiff.getvalue()[offset : offset + length], compress=False)
    doc.xref_set_key(xref, "Filter", "/CCITTFaxDecode")
    parms = f"<</K -1 /Columns {bilevel.width} /Rows {bilevel.height} /BlackIs1 true>>"
    doc.xref_set_key(xref, "DecodeParms", parms)
    doc.xref_set_key(xref, "ColorSpace", "/DeviceGray")
    doc.xref_set_key(xref, "BitsPerComponent", "1")
    doc.xref_set_key(xref, "SMask", "null")
    return doc.tobytes()


def form_xobject_scan(image: Image.Image) -> bytes:
    """The picture drawn through a Form XObject (as when a scanned page is imposed or stamped)."""
    inner = pymupdf.open(stream=jpeg_scan(image))
    doc, page = _page_for(image)
    page.show_pdf_page(page.rect, inner, 0)
    return doc.tobytes()
