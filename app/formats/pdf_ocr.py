"""OCR of the pictures on a PDF page: scanned pages, and images of text on mixed pages.

The part of the page covered by images is rendered at ``OCR_DPI`` and read with ``ocr.ocr_image``;
the words are mapped to page coordinates (unrotated page space, as ``pdf_text``) and appended to the
page's text-layer words, so analysis, ``locate`` and burning treat them like any other word. A scanner's
invisible text layer stays in the page text as well: it is text in the file and can leak, so it is
analysed and burned like visible text, independently of the OCR reading of the same pixels.
"""

from __future__ import annotations

from array import array
from dataclasses import replace

import pymupdf
from PIL import Image

from app.formats.ocr import ocr_image, ocr_text
from app.formats.pdf_text import BLOCK_SEP, PageWords

OCR_DPI = 300
MAX_PIXELS = 60_000_000  # larger renders exceed MuPDF's limits and Tesseract's patience
MIN_IMAGE_SIDE = 12.0  # points: smaller images (rules, bullets, icons) are not read
MIN_IMAGE_AREA = 1296.0  # square points (a quarter of a square inch)
BOX_PAD = (
    0.12  # of the word height (its shorter side), added around OCR word boxes: ink at the edges is masked too
)


def ocr_region(page: pymupdf.Page) -> pymupdf.Rect | None:
    """The part of the page covered by images worth reading, in unrotated page space; None if none.

    The page's /Rotate is set to 0 first (the page is a private working copy), so image boxes,
    the render and text extraction all share one coordinate space.
    """
    if not page.get_images(full=True):
        return None
    if page.rotation:
        page.set_rotation(0)
    region = pymupdf.Rect()
    for info in page.get_image_info():
        bbox = pymupdf.Rect(info["bbox"]) & page.rect
        if bbox.is_empty or min(bbox.width, bbox.height) < MIN_IMAGE_SIDE:
            continue
        if bbox.width * bbox.height >= MIN_IMAGE_AREA:
            region |= bbox
    return None if region.is_empty else region


def add_ocr_words(
    page: pymupdf.Page, text: str, words: PageWords, languages: str, timeout: float
) -> tuple[str, PageWords, bool]:
    """``text`` and ``words`` of the page's text layer, extended by the OCR reading of its images.
    The last value tells whether the page was read by OCR."""
    region = ocr_region(page)
    if region is None:
        return text, words, False
    zoom = OCR_DPI / 72.0
    area = region.width * region.height * zoom * zoom
    if area > MAX_PIXELS:  # a poster-sized page: read at a lower resolution rather than not at all
        zoom *= (MAX_PIXELS / area) ** 0.5
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=region, colorspace=pymupdf.csGRAY)
    image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    found = ocr_image(image, languages, timeout)
    if not found:
        return text, words, True
    ocr_string, offsets = ocr_text(found)
    base = len(text) + len(BLOCK_SEP) if text else 0
    starts, ends, lines = array("i", words.starts), array("i", words.ends), array("i", words.lines)
    boxes = array("f", words.boxes)
    first_line = (max(words.lines) + 1) if len(words) else 0
    pieces = dict(words.pieces)
    for word, (start, end) in zip(found, offsets, strict=True):
        pad = BOX_PAD * min(word.x1 - word.x0, word.y1 - word.y0)

        def on_page(x0: float, y0: float, x1: float, y1: float, pad: float = pad) -> tuple[float, ...]:
            return (
                region.x0 + (x0 - pad) / zoom,
                region.y0 + (y0 - pad) / zoom,
                region.x0 + (x1 + pad) / zoom,
                region.y0 + (y1 + pad) / zoom,
            )

        boxes.extend(on_page(word.x0, word.y0, word.x1, word.y1))
        slices = word.slices()
        if len(slices) > 1:  # a tilted word: masked slice by slice, so the lines around it stay
            pieces[len(starts)] = tuple((0, end - start, *on_page(*s)) for s in slices)
        starts.append(base + start)
        ends.append(base + end)
        lines.append(first_line + word.line)
    merged = replace(
        words, starts=starts, ends=ends, boxes=boxes, lines=lines, pieces=pieces, first_ocr_word=len(words)
    )
    joined = f"{text}{BLOCK_SEP}{ocr_string}" if text else ocr_string
    return joined, merged, True
