"""Opening untrusted PDFs: refuse what we must refuse with a one-line reason, and prepare the rest.

``open_pdf`` and ``prepare`` are used by both extraction and burning, so that both see exactly the
same page content (every layer visible, the same annotations baked into the page).
"""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
from pymupdf import mupdf

from app.domain.errors import CorruptFile, EncryptedFile, ExtractionFailed, LimitExceeded
from app.formats.base import Limits

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

PDF_MAGIC = b"%PDF-"
# Annotations whose content is not part of the page's appearance (comments, attachments, links):
# they are deleted, not baked. Everything else is baked into the page so it is analysed and burned.
DROPPED_ANNOTATIONS = frozenset(
    {
        pymupdf.PDF_ANNOT_TEXT,
        pymupdf.PDF_ANNOT_POPUP,
        pymupdf.PDF_ANNOT_FILE_ATTACHMENT,
        pymupdf.PDF_ANNOT_SOUND,
        pymupdf.PDF_ANNOT_MOVIE,
        pymupdf.PDF_ANNOT_LINK,
        pymupdf.PDF_ANNOT_REDACT,
        pymupdf.PDF_ANNOT_RICH_MEDIA,
        pymupdf.PDF_ANNOT_SCREEN,
        pymupdf.PDF_ANNOT_3D,
    }
)


def one_line(error: BaseException) -> str:
    """A library error as one short line without MuPDF's code prefix."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return re.sub(r"^code=\d+:\s*", "", text)[:200]


def sniff_pdf(head: bytes) -> bool:
    """PDF files start with %PDF- within the first 1024 bytes (readers tolerate leading junk)."""
    return PDF_MAGIC in head[:1024]


def open_pdf(src: Path, limits: Limits) -> tuple[pymupdf.Document, bool]:
    """Open ``src`` as a PDF or raise a ``BadInput`` subclass with a one-line reason.

    Returns the document and whether the reader had to repair the file.
    """
    size = src.stat().st_size
    if size == 0:
        raise CorruptFile("the file is empty")
    if size > limits.max_bytes:
        raise LimitExceeded(f"the file is {size} bytes; the limit is {limits.max_bytes}")
    with src.open("rb") as fh:
        head = fh.read(1024)
    if not sniff_pdf(head):
        raise CorruptFile("not a PDF file (no %PDF header)")
    try:
        doc = pymupdf.open(src, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for broken files
        raise CorruptFile(f"the PDF cannot be read: {one_line(exc)}") from exc
    try:
        _check_document(doc, limits)
        repaired = doc.is_repaired
        return _all_layers_visible(doc), repaired
    except Exception:
        doc.close()
        raise


def _all_layers_visible(doc: pymupdf.Document) -> pymupdf.Document:
    """Drop optional-content properties so every layer shows (text in a layer that is off is invisible
    to extraction but still in the file). MuPDF reads layer state once, so the file is reopened."""
    catalog = doc.pdf_catalog()
    if "OCProperties" not in doc.xref_get_keys(catalog):
        return doc
    delete_key(doc, catalog, "OCProperties")
    data = doc.tobytes()
    doc.close()
    return pymupdf.open("pdf", data)


def _check_document(doc: pymupdf.Document, limits: Limits) -> None:
    if doc.needs_pass:
        raise EncryptedFile("the PDF is password protected; remove the password and try again")
    if not doc.is_pdf:
        raise CorruptFile("not a PDF file")
    try:
        pages = doc.page_count
    except Exception as exc:
        raise CorruptFile(f"the PDF page tree is broken: {one_line(exc)}") from exc
    if pages <= 0:
        raise CorruptFile("the PDF has no pages")
    if pages > limits.max_pages:
        raise LimitExceeded(f"the PDF has {pages} pages; the limit is {limits.max_pages}")


def open_prepared(src: Path, limits: Limits) -> tuple[pymupdf.Document, bool]:
    """``open_pdf`` then ``prepare``: the state both extraction and burning work on."""
    doc, repaired = open_pdf(src, limits)
    try:
        guarded(prepare, doc)
    except Exception:
        doc.close()
        raise
    return doc, repaired


def guarded(fn, *args):
    """Call into MuPDF; turn its errors on a file it accepted into a one-line ``CorruptFile``."""
    try:
        return fn(*args)
    except (CorruptFile, LimitExceeded, ExtractionFailed):
        raise
    except Exception as exc:
        raise CorruptFile(f"the PDF cannot be processed: {one_line(exc)}") from exc


def delete_key(doc: pymupdf.Document, xref: int, key: str) -> None:
    """Remove ``key`` from an object's dictionary (setting it to null would leave the name behind)."""
    obj = mupdf.pdf_load_object(pymupdf._as_pdf_document(doc), xref)
    mupdf.pdf_dict_dels(obj, key)


def prepare(doc: pymupdf.Document) -> None:
    """Make every piece of page content visible and part of the page, identically for every caller.

    - Comments, links and attachments are deleted; other annotations and form fields are baked into
      the page content, so what they show is analysed and can be burned.
    """
    has_annotations = False
    for page in doc:
        for annot in list(page.annots()):
            if annot.type[0] in DROPPED_ANNOTATIONS:
                page.delete_annot(annot)
            else:
                has_annotations = True
        for link in page.get_links():
            page.delete_link(link)
        if page.first_widget is not None:
            has_annotations = True
    if has_annotations:
        doc.bake(annots=True, widgets=True)
