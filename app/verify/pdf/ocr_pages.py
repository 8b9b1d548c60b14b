"""The OCR re-check: every page that shows an image is rendered and read again by Tesseract.

Text-layer checks cannot see pixels: a mask that missed a word of a scanned page, or an image whose
pixels were covered instead of burned, leaves the datum legible on the page but absent from every text
surface. Pages are rendered one at a time in this thread (MuPDF is not thread-safe) and read by
Tesseract subprocesses on ``workers`` threads.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pymupdf
from PIL import Image

from app.verify.ocr import OcrUnavailable, page_readings
from app.verify.surfaces import Item, TextSurface, structure_problem

OCR_DPI = 300
OCR_FAMILY = "ocr"
MAX_PIXELS = 60_000_000  # a larger page is rendered at a lower resolution (MuPDF and memory limits)


def pages_with_images(doc: pymupdf.Document) -> list[int]:
    return [number for number in range(doc.page_count) if doc[number].get_images(full=True)]


def _render(page: pymupdf.Page) -> Image.Image:
    zoom = OCR_DPI / 72.0
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
        pending: list[tuple[int, Future]] = []
        for number in numbers:
            pending.append((number, pool.submit(page_readings, _render(doc[number]), languages)))
            while len(pending) > 2 * max(1, workers):  # bound the rendered pages held in memory
                yield _surface(*pending.pop(0))
        for number, future in pending:
            yield _surface(number, future)


def _surface(number: int, future: Future) -> Item:
    try:
        readings = future.result()
    except OcrUnavailable as exc:
        return structure_problem(f"OCR check failed: {exc}", "page-ocr", number)
    return TextSurface("page-ocr", readings, number, f"page rendered at {OCR_DPI} dpi", OCR_FAMILY)
