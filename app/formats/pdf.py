"""PdfHandler: text with glyph boxes out of a PDF, confirmed masks burned into a clean full rewrite.

Large documents are read and burned in page ranges on every core (``ctx.workers``); small ones in
process. See ``pdf_text`` (page text and word boxes), ``pdf_open`` (refusing and preparing input),
``pdf_burn`` (burning and writing) and ``pdf_clean`` (non-page surfaces).
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

import pymupdf

from app.domain.document import ExtractedDocument, Segment
from app.domain.errors import BurnFailed, CorruptFile, LimitExceeded
from app.domain.model import Box, Mask, Span
from app.forked import chunks, fork_map
from app.formats.base import HandlerContext, Limits
from app.formats.pdf_burn import MIN_PAGES_PER_WORKER, burn_document, masks_by_page
from app.formats.pdf_ocr import add_ocr_words
from app.formats.pdf_open import guarded, one_line, open_pdf, open_prepared, sniff_pdf
from app.formats.pdf_text import PageWords, char_boxes, page_words

PAGE_SEPARATOR = "\f"
OCR_RANGES_PER_WORKER = 4
REPAIRED_NOTE = "the PDF was damaged and has been repaired by the reader"


@dataclass(frozen=True, slots=True)
class PdfPageLocator:
    """Where the characters of one page's text sit on the page."""

    source: Path
    words: PageWords


@dataclass(frozen=True, slots=True)
class _PageText:
    text: str
    words: PageWords
    note: str | None


class PdfHandler:
    """Reads text PDFs and burns masks with MuPDF redactions (text, image pixels and line art)."""

    name: ClassVar[str] = "pdf"
    media_types: ClassVar[frozenset[str]] = frozenset({"application/pdf"})
    output_suffix: ClassVar[str] = ".pdf"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._prepared: tuple[tuple[Path, float], pymupdf.Document] | None = None

    def sniff(self, head: bytes) -> bool:
        return sniff_pdf(head)

    # -- extraction -------------------------------------------------------------------------------

    def extract(self, src: Path, ctx: HandlerContext) -> ExtractedDocument:
        deadline = time.monotonic() + ctx.limits.max_seconds
        pdf, repaired = open_pdf(src, ctx.limits)
        page_count = pdf.page_count
        try:
            ocr = ctx.ocr_enabled and guarded(_has_images, pdf)
        finally:
            pdf.close()
        if ocr:  # OCR takes seconds per page: small ranges, handed out to workers as they finish
            ranges = chunks(page_count, ctx.workers * OCR_RANGES_PER_WORKER, 1)
        else:
            ranges = chunks(page_count, ctx.workers, MIN_PAGES_PER_WORKER)
        pages = [
            p
            for part in fork_map(partial(_extract_range, src, ctx, deadline), ranges, ctx.workers)
            for p in part
        ]
        texts: list[str] = []
        segments: list[Segment] = []
        offset = 0
        for index, page in enumerate(pages):
            if index:
                offset += len(PAGE_SEPARATOR)
            locator = PdfPageLocator(src, page.words)
            segments.append(Segment(offset, offset + len(page.text), f"page {index + 1}", index, locator))
            texts.append(page.text)
            offset += len(page.text)
        notes = ([REPAIRED_NOTE] if repaired else []) + [p.note for p in pages if p.note]
        return ExtractedDocument(
            format=self.name,
            text=PAGE_SEPARATOR.join(texts),
            segments=tuple(segments),
            page_count=page_count,
            notes=tuple(notes),
        )

    # -- locating ---------------------------------------------------------------------------------

    def locate(self, doc: ExtractedDocument, span: Span) -> tuple[Box, ...]:
        boxes: list[Box] = []
        for segment in doc.segments_for(span):
            locator: PdfPageLocator = segment.locator
            start = max(span.start, segment.start) - segment.start
            end = min(span.end, segment.end) - segment.start
            boxes.extend(self._page_boxes(locator, start, end))
        return tuple(boxes)

    def spans_at(self, doc: ExtractedDocument, box: Box) -> tuple[Span, ...]:
        """Runs of consecutive words whose centre lies inside ``box``, as spans of ``doc.text``."""
        segment = next((s for s in doc.segments if s.page == box.page), None)
        if segment is None:
            return ()
        words: PageWords = segment.locator.words
        spans: list[Span] = []
        run: list[int] | None = None
        for i in range(len(words)):
            x0, y0, x1, y1 = words.box(i)
            inside = box.x0 <= (x0 + x1) / 2 <= box.x1 and box.y0 <= (y0 + y1) / 2 <= box.y1
            if inside and run is not None:
                run[1] = words.ends[i]
            elif inside:
                run = [words.starts[i], words.ends[i]]
            elif run is not None:
                spans.append(Span(segment.start + run[0], segment.start + run[1]))
                run = None
        if run is not None:
            spans.append(Span(segment.start + run[0], segment.start + run[1]))
        return tuple(spans)

    def _page_boxes(self, locator: PdfPageLocator, start: int, end: int) -> list[Box]:
        """One box per visual line the span touches, each the union of the (partial) words in it; a
        tilted OCR word adds its slices instead."""
        words = locator.words
        per_line: dict[int, list[float]] = {}
        boxes: list[Box] = []
        i = bisect_right(words.ends, start)
        while i < len(words) and words.starts[i] < end:
            if words.is_ocr(i) and i in words.pieces:  # a tilted OCR word: its slices, not one tall box
                boxes.extend(Box(words.page, *piece[2:]) for piece in words.pieces[i])
                i += 1
                continue
            w_start, w_end = words.starts[i], words.ends[i]
            rect = words.box(i)
            if start > w_start or end < w_end:
                rect = self._partial_box(locator, i, max(start, w_start) - w_start, min(end, w_end) - w_start)
            line = per_line.setdefault(words.lines[i], list(rect))
            line[0], line[1] = min(line[0], rect[0]), min(line[1], rect[1])
            line[2], line[3] = max(line[2], rect[2]), max(line[3], rect[3])
            i += 1
        return boxes + [Box(words.page, *rect) for rect in per_line.values()]

    def _partial_box(self, locator: PdfPageLocator, i: int, lo: int, hi: int) -> tuple[float, ...]:
        """Box of characters ``[lo, hi)`` of word ``i``: from its punctuation-free pieces when the range
        cuts no piece, else from per-character boxes; the whole word's box if neither can be had."""
        words = locator.words
        if words.is_ocr(i):  # no glyph boxes behind an OCR word: mask all of it
            return words.box(i)
        pieces = [p for p in words.pieces.get(i, ()) if p[0] < hi and lo < p[1]]
        if pieces and all(lo <= p[0] and p[1] <= hi for p in pieces):
            return _union([p[2:] for p in pieces])
        word_box = words.box(i)
        with self._lock:
            pdf = self._prepared_source(locator.source)
            chars = char_boxes(pdf[words.page], word_box, words.ends[i] - words.starts[i])
        return _union(chars[lo:hi]) if chars else word_box

    def _prepared_source(self, source: Path) -> pymupdf.Document:
        """The source opened and prepared as in ``extract``; the last one is kept for the next word."""
        key = (source, source.stat().st_mtime)
        if self._prepared is None or self._prepared[0] != key:
            if self._prepared is not None:
                self._prepared[1].close()
            self._prepared = (key, open_prepared(source, Limits())[0])
        return self._prepared[1]

    # -- burning ----------------------------------------------------------------------------------

    def redact(
        self,
        src: Path,
        doc: ExtractedDocument,
        masks: Sequence[Mask],
        dst: Path,
        ctx: HandlerContext,
    ) -> None:
        try:
            scanned = any(s.locator.words.first_ocr_word is not None for s in doc.segments)
            per_worker = 1 if scanned else MIN_PAGES_PER_WORKER
            burn_document(src, doc.page_count, masks_by_page(masks, ctx.label_mode), dst, ctx, per_worker)
        except (CorruptFile, LimitExceeded):
            raise
        except Exception as exc:
            raise BurnFailed(f"the masks could not be burned: {one_line(exc)}") from exc


def _union(rects: Sequence[Sequence[float]]) -> tuple[float, float, float, float]:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


def _extract_range(src: Path, ctx: HandlerContext, deadline: float, pages: range) -> list[_PageText]:
    pdf, _ = open_prepared(src, ctx.limits)
    try:
        out = []
        for index in pages:
            if time.monotonic() > deadline:
                raise LimitExceeded(f"processing took longer than {ctx.limits.max_seconds:g} s")
            out.append(guarded(_extract_page, pdf, index, ctx, deadline))
        return out
    finally:
        pdf.close()


def _has_images(pdf: pymupdf.Document) -> bool:
    return any(page.get_images() for page in pdf)


def _extract_page(doc: pymupdf.Document, index: int, ctx: HandlerContext, deadline: float) -> _PageText:
    page = doc.load_page(index)
    text, words = page_words(page, index)
    note = None
    if ctx.ocr_enabled:
        timeout = max(1.0, deadline - time.monotonic())
        text, words, read = add_ocr_words(page, text, words, ctx.ocr_languages, timeout)
        if read:
            note = f"page {index + 1} was read by OCR: check its masks on the page image"
    elif not len(words) and page.get_images():
        note = f"page {index + 1} has images but no text layer: it needs OCR or manual review"
    return _PageText(text, words, note)
