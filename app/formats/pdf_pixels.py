"""Solid black pixels under masks, in the image itself.

MuPDF's pixel redaction (``PDF_REDACT_IMAGE_PIXELS``) decodes an image, blanks the pixels under a
redaction to white and re-encodes it; the black seen on the page is the fill drawn on top. The datum
is gone either way, but an image taken out of the released file would show white holes where the
page shows black. This pass paints those pixels black in the re-encoded image. It runs after MuPDF's
redaction (which has already given each redacted page its own copy of a shared image) and only on
images that overlap a mask; an image it cannot handle keeps MuPDF's blanked pixels (still burned).
"""

from __future__ import annotations

import logging
import math
import zlib
from collections.abc import Sequence

import numpy as np
import pymupdf

from app.formats.pdf_open import delete_key

log = logging.getLogger(__name__)
_BLACK = {1: (0,), 3: (0, 0, 0), 4: (0, 0, 0, 255)}  # grey, RGB, CMYK
FLATE_LEVEL = 1  # scans compress well even at the fastest level; level 6 costs 0.3 s per A4 page more
_COLORSPACE = {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}


def blacken_image_pixels(page: pymupdf.Page, rects: Sequence[pymupdf.Rect]) -> int:
    """Paint the pixels of every image under ``rects`` (page coordinates) black; the count of images
    changed."""
    changed = 0
    for info in page.get_image_info(xrefs=True):
        xref = info.get("xref") or 0
        bbox = pymupdf.Rect(info["bbox"])
        hits = [r & bbox for r in rects if r.intersects(bbox)]
        if not xref or not hits:
            continue
        try:
            _blacken(page, xref, pymupdf.Matrix(info["transform"]), hits)
            changed += 1
        except Exception as exc:  # MuPDF's errors derive from Exception; the pixels are blanked anyway
            log.info("image %d kept with blanked (not black) pixels: %s", xref, type(exc).__name__)
    return changed


def _blacken(page: pymupdf.Page, xref: int, transform: pymupdf.Matrix, hits: list[pymupdf.Rect]) -> None:
    pix = pymupdf.Pixmap(page.parent, xref)
    if pix.alpha:
        pix = pymupdf.Pixmap(pix, 0)
    if pix.n not in _BLACK:
        pix = pymupdf.Pixmap(pymupdf.csRGB, pix)
    # the samples as rows x columns x components (a copy: the pixmap is only read). Pixmap.set_rect
    # sets one sample per Python call in this PyMuPDF, about a second for a mask-dense A4 scan.
    samples = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n).copy()
    black = np.array(_BLACK[pix.n], dtype=np.uint8)
    inverse = ~transform  # page -> unit square of the image (row 0 at the top)
    for rect in hits:
        unit = rect * inverse
        area = (
            pymupdf.IRect(
                math.floor(unit.x0 * pix.width),
                math.floor(unit.y0 * pix.height),
                math.ceil(unit.x1 * pix.width),
                math.ceil(unit.y1 * pix.height),
            )
            & pix.irect
        )
        if not area.is_empty:
            samples[area.y0 : area.y1, area.x0 : area.x1] = black
    _rewrite(page.parent, xref, samples)


def _rewrite(doc: pymupdf.Document, xref: int, samples: np.ndarray) -> None:
    """Replace the image's data (``samples``: rows x columns x components) in place (same object, so
    every use of it changes), Flate-encoded."""
    height, width, n = samples.shape
    doc.update_stream(xref, zlib.compress(samples.tobytes(), FLATE_LEVEL), compress=False)
    doc.xref_set_key(xref, "Width", str(width))
    doc.xref_set_key(xref, "Height", str(height))
    doc.xref_set_key(xref, "BitsPerComponent", "8")
    doc.xref_set_key(xref, "ColorSpace", _COLORSPACE[n])
    doc.xref_set_key(xref, "Filter", "/FlateDecode")
    for key in ("DecodeParms", "Decode"):
        if doc.xref_get_key(xref, key)[0] != "null":
            delete_key(doc, xref, key)
