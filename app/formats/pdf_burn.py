"""Burning masks into PDF pages, in page ranges that can run in parallel, and writing the result.

Each range is burned in its own copy of the prepared source and its pages are copied into a part
file; the parts are then copied into one fresh document, cleaned and written as a full rewrite. The
fresh document has a new page tree and catalog, so nothing of the source's document-level structure
(and none of a damaged file's oddities) reaches the output.
"""

from __future__ import annotations

import math
import re
import tempfile
import time
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

import pymupdf
from pymupdf import mupdf

from app.domain.errors import BurnFailed, LimitExceeded
from app.domain.model import Box, LabelMode, Mask
from app.forked import chunks, fork_map
from app.formats.atomic_output import atomic_output
from app.formats.base import HandlerContext
from app.formats.pdf_clean import clean_document
from app.formats.pdf_open import guarded, open_prepared
from app.formats.pdf_pixels import blacken_image_pixels

MASK_FILL = (0, 0, 0)
LABEL_COLOUR = (1, 1, 1)
CENTRE = pymupdf.TEXT_ALIGN_CENTER
MIN_PAGES_PER_WORKER = 16

PageMasks = Mapping[int, Sequence[tuple[Box, str | None]]]


def masks_by_page(masks: Sequence[Mask], mode: LabelMode) -> dict[int, list[tuple[Box, str | None]]]:
    by_page: dict[int, list[tuple[Box, str | None]]] = {}
    for mask in masks:
        label = mask_label(mask, mode)
        for box in mask.finding.boxes:
            by_page.setdefault(box.page, []).append((box, label))
    return by_page


def mask_label(mask: Mask, mode: LabelMode) -> str | None:
    """The text written on a burned mask: nothing, the entity type, or the legal ground in short form."""
    if mode is LabelMode.ENTITY:
        return mask.entity.value
    if mode is LabelMode.GROUND and mask.ground:
        return short_ground(mask.ground)
    return None


def short_ground(ground: str) -> str:
    """'OSL 26 kap. 1 §' -> 'OSL 26:1'; anything else unchanged."""
    m = re.match(r"^\s*(OSL)\s+(\d+)\s*kap\.?\s*(\d+)\s*(?:[a-z]\s*)?§", ground)
    return f"{m.group(1)} {m.group(2)}:{m.group(3)}" if m else ground


def burn_document(
    src: Path,
    page_count: int,
    by_page: PageMasks,
    dst: Path,
    ctx: HandlerContext,
    min_pages_per_worker: int = MIN_PAGES_PER_WORKER,
) -> None:
    """Burn ``by_page`` into a copy of ``src`` and write it to ``dst`` (atomically). Scanned pages take
    a second or so each (image decoded, blanked, re-encoded): callers lower ``min_pages_per_worker``."""
    deadline = time.monotonic() + ctx.limits.max_seconds
    ranges = chunks(page_count, ctx.workers, min_pages_per_worker)
    with tempfile.TemporaryDirectory(prefix=".skymma-", dir=dst.parent) as folder:
        burn = partial(_burn_range, src, by_page, Path(folder), ctx, deadline)
        parts = fork_map(burn, ranges, ctx.workers)
        merged = pymupdf.open()
        for part in parts:
            with pymupdf.open(part) as pdf:
                merged.insert_pdf(pdf, links=False, annots=False, widgets=False)
        guarded(clean_document, merged)
        _save(merged, dst)


def _burn_range(
    src: Path, by_page: PageMasks, folder: Path, ctx: HandlerContext, deadline: float, pages: range
) -> Path:
    pdf, _ = open_prepared(src, ctx.limits)
    try:
        for index in pages:
            if time.monotonic() > deadline:
                raise LimitExceeded(f"processing took longer than {ctx.limits.max_seconds:g} s")
            if index in by_page:
                _burn_page(pdf[index], by_page[index])
        path = folder / f"part-{pages.start:06d}.pdf"
        _copy_pages(pdf, pages).save(path, garbage=1)
        return path
    finally:
        pdf.close()


def _copy_pages(pdf: pymupdf.Document, pages: range) -> pymupdf.Document:
    """``pages`` of ``pdf`` copied into a fresh document. A damaged source whose object numbers do not
    add up is first written out and read back, which renumbers its objects."""
    try:
        return _pages_of(pdf, pages)
    except Exception:  # MuPDF's errors derive from Exception only
        with pymupdf.open("pdf", pdf.tobytes(garbage=3)) as renumbered:
            return _pages_of(renumbered, pages)


def _pages_of(pdf: pymupdf.Document, pages: range) -> pymupdf.Document:
    part = pymupdf.open()
    part.insert_pdf(
        pdf, from_page=pages.start, to_page=pages.stop - 1, links=False, annots=False, widgets=False
    )
    return part


def _burn_page(page: pymupdf.Page, boxes: Sequence[tuple[Box, str | None]]) -> None:
    """Burn masks in two passes, then draw them.

    MuPDF removes every glyph whose bounding box merely intersects a redaction rectangle, and glyph
    boxes of adjacent lines overlap, so a full-height mask would also eat letters of the lines above
    and below. Pass one removes text under a thin band through the middle of each box; pass two
    blanks image pixels and removes line art under the full box, leaving text alone (skipped on a
    page that shows neither). The black boxes (and labels) are then drawn on the page, and image
    pixels under them painted black.
    """
    rects = [pymupdf.Rect(box.x0, box.y0, box.x1, box.y1) for box, _ in boxes]
    _redact(
        page,
        [_text_band(box) for box, _ in boxes],
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        line_art=pymupdf.PDF_REDACT_LINE_ART_NONE,
    )
    has_images = bool(page.get_image_info())  # inline ones and those inside Form XObjects too
    if has_images or page.get_cdrawings():  # else pass two has nothing to work on: skip its cost
        _redact(
            page,
            rects,
            text=pymupdf.PDF_REDACT_TEXT_NONE,
            images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
            line_art=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
        )
    _draw_masks(page, [(rect, label) for rect, (_, label) in zip(rects, boxes, strict=True)])
    if has_images:
        blacken_image_pixels(page, rects)


def _redact(
    page: pymupdf.Page, rects: Sequence[pymupdf.Rect], *, text: int, images: int, line_art: int
) -> None:
    """MuPDF's redaction of ``rects`` (unrotated page space) with the given options.

    The same steps as PyMuPDF's ``add_redact_annot`` + ``apply_redactions``, at MuPDF's level: the
    Python wrappers re-list every annotation of the page for each one added (quadratic in the
    masks of a page) and draw the fills one by one, which cost more than the redaction itself.
    As PyMuPDF does, the page's rotation is set to 0 while the annotations are placed.
    """
    rotation = page.rotation
    if rotation:
        page.set_rotation(0)
    try:
        pdf_page = mupdf.pdf_page_from_fz_page(page.this)
        for rect in rects:
            annot = mupdf.pdf_create_annot(pdf_page, mupdf.PDF_ANNOT_REDACT)
            mupdf.pdf_set_annot_rect(annot, mupdf.FzRect(rect.x0, rect.y0, rect.x1, rect.y1))
        options = mupdf.PdfRedactOptions()
        options.black_boxes = 0
        options.text = text
        options.image_method = images
        options.line_art = line_art
        if not mupdf.pdf_redact_page(pdf_page.doc(), pdf_page, options):
            raise BurnFailed("MuPDF could not apply the redactions of a page")
    finally:
        if rotation:
            page.set_rotation(rotation)


def _draw_masks(page: pymupdf.Page, masks: Sequence[tuple[pymupdf.Rect, str | None]]) -> None:
    """Solid boxes (with their labels, centred, shrunk to fit) in one new content stream."""
    shape = page.new_shape()  # unrotated page space, like the boxes
    for rect, label in masks:
        shape.draw_rect(rect)
        shape.finish(fill=MASK_FILL, color=MASK_FILL)
        if label:
            _draw_label(shape, rect, label)
    shape.commit()


def _draw_label(shape: pymupdf.Shape, rect: pymupdf.Rect, label: str) -> None:
    """``label`` in white, centred in ``rect``, in the largest size from 8 pt down to 4 pt that fits."""
    size = max(4.0, min(8.0, rect.height * 0.6))
    while size >= 4.0:
        where = _label_rect(rect, label, size)
        if (
            shape.insert_textbox(
                where, label, fontname="helv", fontsize=size, color=LABEL_COLOUR, align=CENTRE
            )
            >= 0
        ):
            return
        size -= 0.5


def _label_rect(rect: pymupdf.Rect, label: str, size: float) -> pymupdf.Rect:
    """The part of ``rect`` that centres ``label`` vertically (as PyMuPDF's own overlay text does)."""
    lines = math.ceil(pymupdf.get_text_length(label, "helv", size) / max(rect.width, 1e-3))
    height = lines * size * 1.2
    if height >= rect.height:
        return rect
    top = (rect.y0 + rect.y1 - height) / 2
    return pymupdf.Rect(rect.x0, top, rect.x1, rect.y1)


def _text_band(box: Box) -> pymupdf.Rect:
    """The middle fifth of a box across its lines of text (vertical text: across its width)."""
    width, height = box.x1 - box.x0, box.y1 - box.y0
    if height > 2 * width and height > 30:  # a vertical run of text, not one narrow character
        mid = (box.x0 + box.x1) / 2
        return pymupdf.Rect(mid - 0.1 * width, box.y0, mid + 0.1 * width, box.y1)
    mid = (box.y0 + box.y1) / 2
    return pymupdf.Rect(box.x0, mid - 0.1 * height, box.x1, mid + 0.1 * height)


def _save(pdf: pymupdf.Document, dst: Path) -> None:
    """Full rewrite (never incremental) with garbage collection, written atomically."""
    with atomic_output(dst) as tmp:
        pdf.save(tmp, garbage=4, deflate=True, incremental=False, encryption=pymupdf.PDF_ENCRYPT_NONE)
