"""The PDF surface reader: MuPDF's view of every surface, plus a lexical scan that trusts no xref.

Two independent readings of the same bytes: PyMuPDF (page text, annotations, metadata, outline ...)
and ``raw_scan`` (every stream body and string found by searching the bytes). A file MuPDF cannot
open, needs a password for, or had to repair is reported as a structural problem; the raw scan and
structural checks run regardless.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import partial
from typing import ClassVar

import pymupdf

from app.domain.leaks import Leak
from app.forked import chunks, fork_map
from app.verify.pdf import document_surfaces, page_surfaces, raw_scan
from app.verify.pdf.content import read_content
from app.verify.pdf.objects import ObjectWalker
from app.verify.pdf.ocr_pages import ocr_surfaces
from app.verify.pdf.structure import structural_problems
from app.verify.surfaces import Item, ReadContext, TextSurface, structure_problem

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)
MIN_PAGES_PER_WORKER = 16  # below this, forking a worker costs more than it saves


class PdfReader:
    """Surface reader for PDF (``%PDF-`` within the first 1024 bytes)."""

    name: ClassVar[str] = "pdf"

    def sniff(self, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, data: bytes, ctx: ReadContext) -> Iterator[Item]:
        facts = raw_scan.RawFacts()
        try:
            yield from raw_scan.scan(data, facts)
            yield from structural_problems(facts)
            yield from _mupdf_surfaces(data, ctx, "ActualText" in facts.names)
        finally:
            read_content.cache_clear()


def _open(data: bytes) -> tuple[pymupdf.Document | None, list[Leak]]:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        return None, [structure_problem("cannot be opened as PDF")]
    problems = []
    if doc.needs_pass:
        problems.append(structure_problem("encrypted: a password is required"))
    if doc.is_repaired:
        problems.append(structure_problem("damaged: the reader had to repair the file"))
    if doc.page_count == 0:
        problems.append(structure_problem("no pages"))
    return (None if doc.needs_pass else doc), problems


def _guarded(label: str, page: int | None, items: Iterator[Item]) -> Iterator[Item]:
    """Items of one surface group; a reader error there fails that group (closed), not the file."""
    try:
        yield from items
    except Exception as exc:
        yield structure_problem(f"{label} cannot be read: {type(exc).__name__}", page=page)


def _page_items(
    doc: pymupdf.Document, number: int, walker: ObjectWalker, ctx: ReadContext, walker_free: list[Item]
) -> Iterator[Item]:
    page = doc[number]
    yield from walker_free
    yield from page_surfaces.property_surfaces(page, walker)
    yield from page_surfaces.annotation_surfaces(page, walker, ctx)
    page_object = walker.parse(page.xref)
    if isinstance(page_object, dict) and "PieceInfo" in page_object:
        found = walker.collect(page_object["PieceInfo"])
        yield TextSurface("piece-info", found.readings(), page.number, "page /PieceInfo")


def _walker_free_items(doc: pymupdf.Document, data: bytes, actual: bool, workers: int) -> list[list[Item]]:
    """Per page: its text and content-stream surfaces. They need no shared object walker, so the
    page ranges of a long file are read in forked workers, each opening ``data`` itself."""
    ranges = chunks(doc.page_count, workers, MIN_PAGES_PER_WORKER)
    if len(ranges) <= 1:
        return _walker_free_pages(doc, range(doc.page_count), actual)
    parts = fork_map(partial(_walker_free_range, data, actual), ranges, workers)
    return [items for part in parts for items in part]


def _walker_free_range(data: bytes, actual: bool, pages: range) -> list[list[Item]]:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        with contextlib.suppress(Exception):  # the parent reports it
            _all_layers_on(doc)
        return _walker_free_pages(doc, pages, actual)


def _walker_free_pages(doc: pymupdf.Document, pages: range, actual: bool) -> list[list[Item]]:
    return [list(_guarded(f"page {n + 1}", n, _walker_free_page(doc, n, actual))) for n in pages]


def _walker_free_page(doc: pymupdf.Document, number: int, actual: bool) -> Iterator[Item]:
    page = doc[number]
    yield page_surfaces.page_text(page, actual)
    yield from page_surfaces.content_stream_surfaces(page)


def _all_layers_on(doc: pymupdf.Document) -> None:
    doc.xref_set_key(doc.pdf_catalog(), "OCProperties", "null")


def _mupdf_surfaces(data: bytes, ctx: ReadContext, has_actual_text: bool) -> Iterator[Item]:
    doc, problems = _open(data)
    yield from problems
    if doc is None:
        return
    with doc:
        try:
            _all_layers_on(doc)
        except Exception:
            yield structure_problem("optional content cannot be switched on")
        walker = ObjectWalker(doc)
        walker_free = _walker_free_items(doc, data, has_actual_text, ctx.workers)
        for number in range(doc.page_count):
            items = _page_items(doc, number, walker, ctx, walker_free[number])
            yield from _guarded(f"page {number + 1}", number, items)
        yield from _guarded("metadata", None, document_surfaces.metadata_surfaces(doc, walker))
        yield from _guarded("catalog", None, document_surfaces.catalog_surfaces(doc, walker))
        yield from _guarded("embedded files", None, document_surfaces.embedded_file_surfaces(doc, ctx))
        if ctx.ocr_languages:
            yield from _guarded("OCR check", None, ocr_surfaces(doc, ctx.ocr_languages, ctx.workers))
