"""The OCR re-check: every page that shows an image is rendered and read again by Tesseract.

Text-layer checks cannot see pixels: a mask that missed a word of a scanned page, or an image whose
pixels were covered instead of burned, leaves the datum legible on the page but absent from every text
surface. Pages are rendered one at a time in this thread (MuPDF is not thread-safe) and read by
Tesseract on ``workers`` threads. A page is rendered at ``OCR_DPI``, or at the resolution of its
sharpest image when that lies between ``NATIVE_DPI_FROM`` and ``OCR_DPI``: enlarging a 200 dpi scan to
300 dpi costs Tesseract time and reads it no better. Coarser images are enlarged to ``OCR_DPI`` (small
print in them reads better so).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pymupdf
from PIL import Image

from app.verify.ocr import OcrUnavailable, page_readings
from app.verify.surfaces import Item, TextSurface, structure_problem

OCR_DPI = 300
NATIVE_DPI_FROM = 200  # an image at least this sharp is read at its own resolution (up to OCR_DPI)
OCR_FAMILY = "ocr"
MAX_PIXELS = 60_000_000  # a larger page is rendered at a lower resolution (MuPDF and memory limits)


def pages_with_images(doc: pymupdf.Document) -> list[int]:
    return [number for number in range(doc.page_count) if doc[number].get_images(full=True)]


def _dpi(page: pymupdf.Page) -> float:
    """The resolution to read the page at, from its sharpest image (pixels per inch of its box, by
    area, so a turned image counts the same)."""
    sharpest: float = 0.0
    for info in page.get_image_info():
        box = pymupdf.Rect(info["bbox"])
        pixels = float(info.get("width") or 0) * float(info.get("height") or 0)
        if box.width * box.height > 0 and pixels > 0:
            sharpest = max(sharpest, 72.0 * (pixels / (box.width * box.height)) ** 0.5)
    sharpest = round(sharpest)  # 199.9999 is 200
    return sharpest if NATIVE_DPI_FROM <= sharpest < OCR_DPI else OCR_DPI


def _render(page: pymupdf.Page, dpi: float) -> Image.Image:
    zoom = dpi / 72.0
    area = page.rect.width * page.rect.height * zoom * zoom
    if area > MAX_PIXELS:
        zoom *= (MAX_PIXELS / area) ** 0.5
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csGRAY, annots=True)
    return Image.frombytes("L", (pix.width, pix.height), pix.samples)


def ocr_surfaces(doc: pymupdf.Document, languages: str, workers: int = 1) -> Iterator[Item]:
    """One ``page-ocr`` surface per page with images, in page order; a page that cannot be read is
    a structural problem (the report is then unclean)."""
    numbers = pages_with_images(doc)
    if not numbers:
        return
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        pending: list[tuple[int, float, Future]] = []
        for number in numbers:
            dpi = _dpi(doc[number])
            pending.append((number, dpi, pool.submit(page_readings, _render(doc[number], dpi), languages)))
            while len(pending) > 2 * max(1, workers):  # bound the rendered pages held in memory
                yield _surface(*pending.pop(0))
        for number, dpi, future in pending:
            yield _surface(number, dpi, future)


def _surface(number: int, dpi: float, future: Future) -> Item:
    try:
        readings = future.result()
    except OcrUnavailable as exc:
        return structure_problem(f"OCR check failed: {exc}", "page-ocr", number)
    return TextSurface("page-ocr", readings, number, f"page rendered at {dpi:.0f} dpi", OCR_FAMILY)
