"""ImageHandler: scans uploaded as TIFF (also multi-page), PNG or JPEG. The output is a PDF.

The picture is decoded with Pillow and written as a fresh image-only PDF, one page per frame, sized
by the picture's resolution; from there the PDF path does the rest (OCR, analysis, pixel burning,
verification). Only decoded pixels are carried over: EXIF, XMP, ICC comments and TIFF tags, which
may hold names, never reach the output. A phone photo's EXIF orientation is applied first.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pymupdf
from PIL import Image, ImageOps, ImageSequence

from app.domain.document import ExtractedDocument
from app.domain.errors import CorruptFile, LimitExceeded, UnsupportedFormat
from app.domain.model import Box, Mask, Span
from app.formats.base import HandlerContext, Limits
from app.formats.pdf import PdfHandler

MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
DEFAULT_DPI = 300.0  # assumed when the file does not say (or says something absurd)
OUTPUT_NOTE = "the image was converted to PDF: the redacted output is a PDF"


class ImageHandler:
    """Reads TIFF, PNG and JPEG scans through OCR and writes the redacted result as PDF."""

    name: ClassVar[str] = "image"
    media_types: ClassVar[frozenset[str]] = frozenset({"image/tiff", "image/png", "image/jpeg"})
    output_suffix: ClassVar[str] = ".pdf"

    def __init__(self) -> None:
        self._pdf = PdfHandler()

    def sniff(self, head: bytes) -> bool:
        return head.startswith(MAGIC)

    def extract(self, src: Path, ctx: HandlerContext) -> ExtractedDocument:
        if not ctx.ocr_enabled:
            raise UnsupportedFormat("image files need OCR, which is turned off or not installed (Tesseract)")
        with _as_pdf(src, ctx.limits) as pdf:
            doc = self._pdf.extract(pdf, ctx)
        return replace(doc, format=self.name, notes=(OUTPUT_NOTE, *doc.notes))

    def locate(self, doc: ExtractedDocument, span: Span) -> tuple[Box, ...]:
        return self._pdf.locate(doc, span)  # OCR words only: never reads the (deleted) converted file

    def spans_at(self, doc: ExtractedDocument, box: Box) -> tuple[Span, ...]:
        return self._pdf.spans_at(doc, box)

    def redact(
        self,
        src: Path,
        doc: ExtractedDocument,
        masks: Sequence[Mask],
        dst: Path,
        ctx: HandlerContext,
    ) -> None:
        with _as_pdf(src, ctx.limits) as pdf:
            self._pdf.redact(pdf, doc, masks, dst, ctx)


@contextmanager
def _as_pdf(src: Path, limits: Limits) -> Iterator[Path]:
    """``src`` converted to a PDF in a private temporary folder beside it (the service's work folder),
    or in the system's temporary folder if that one is read-only; deleted afterwards."""
    data = image_to_pdf(src, limits)
    try:
        workspace = tempfile.TemporaryDirectory(prefix=".skymma-image-", dir=src.parent)
    except OSError:
        workspace = tempfile.TemporaryDirectory(prefix=".skymma-image-")
    with workspace as folder:
        path = Path(folder) / "converted.pdf"
        path.write_bytes(data)
        yield path


def image_to_pdf(src: Path, limits: Limits) -> bytes:
    """The frames of an image file as an image-only PDF (bytes), one page per frame."""
    size = src.stat().st_size
    if size > limits.max_bytes:
        raise LimitExceeded(f"the file is {size} bytes; the limit is {limits.max_bytes}")
    pdf = pymupdf.open()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(src) as image:
                for number, frame in enumerate(ImageSequence.Iterator(image)):
                    if number >= limits.max_pages:
                        raise LimitExceeded(f"the image has over {limits.max_pages} pages")
                    _add_page(pdf, frame)
        return pdf.tobytes(garbage=3, deflate=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LimitExceeded("the image is too large (decompression bomb limit)") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise CorruptFile(f"the image cannot be read: {str(exc).splitlines()[0][:160]}") from exc
    finally:
        pdf.close()


def _add_page(pdf: pymupdf.Document, frame: Image.Image) -> None:
    dpi_x, dpi_y = _resolution(frame)
    picture = ImageOps.exif_transpose(frame)
    grey = picture.mode in {"1", "L", "LA", "I", "I;16", "F"}
    picture = picture.convert("L" if grey else "RGB")
    colorspace = pymupdf.csGRAY if grey else pymupdf.csRGB
    pix = pymupdf.Pixmap(colorspace, picture.width, picture.height, picture.tobytes(), False)
    page = pdf.new_page(width=picture.width * 72 / dpi_x, height=picture.height * 72 / dpi_y)
    page.insert_image(page.rect, pixmap=pix)


def _resolution(frame: Image.Image) -> tuple[float, float]:
    dpi = frame.info.get("dpi")
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        return DEFAULT_DPI, DEFAULT_DPI
    if not (50 <= x <= 2400 and 50 <= y <= 2400):
        return DEFAULT_DPI, DEFAULT_DPI
    return x, y
