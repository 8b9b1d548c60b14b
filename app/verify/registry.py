"""The verifier's explicit map of surface readers, tried in order on the first bytes of a file.

To verify a new format, write a module with a class that fulfils ``surfaces.SurfaceReader`` and add
an instance to ``READERS``; nothing else changes. Bytes no reader claims are read by ``BytesReader``
(every likely text encoding), and at the top level they also make the report unclean.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.verify.bytes_reader import BytesReader
from app.verify.docx_reader import DocxReader
from app.verify.email_reader import EmailReader, MboxReader
from app.verify.image_reader import ImageReader
from app.verify.pdf.reader import PdfReader
from app.verify.surfaces import Item, ReadContext, SurfaceReader

SNIFF_BYTES = 4096
READERS: tuple[SurfaceReader, ...] = (PdfReader(), DocxReader(), EmailReader(), MboxReader(), ImageReader())
FALLBACK: SurfaceReader = BytesReader()


def reader_for(data: bytes) -> SurfaceReader | None:
    """The first reader whose ``sniff`` accepts the head of ``data``, or None."""
    head = data[:SNIFF_BYTES]
    return next((reader for reader in READERS if reader.sniff(head)), None)


def read_any(data: bytes, ctx: ReadContext) -> Iterator[Item]:
    """Surfaces of ``data`` by the reader that claims it, else by the fallback reader."""
    yield from (reader_for(data) or FALLBACK).read(data, ctx)


def root_context(max_depth: int = 5, ocr_languages: str | None = None, workers: int = 1) -> ReadContext:
    """A context whose embedded files are read through this registry."""
    return ReadContext(
        depth=0, max_depth=max_depth, nested_reader=read_any, ocr_languages=ocr_languages, workers=workers
    )
