"""Pictures inside a Word package (``word/media/``): read by OCR when it is on, burned in their pixels.

A photo of a letter pasted into a Word file holds text like any paragraph. With OCR on, every PNG,
JPEG or TIFF under ``word/media/`` is read (``image_text.read_picture``) on ``ctx.workers`` threads
(Tesseract runs as a subprocess) and its words become segments of the document; a picture with
masks is burned and re-encoded in its own format under the same part name, so the document's
relationships stay valid. With OCR off pictures are kept as they are and counted in the notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from app.domain.document import ExtractedDocument
from app.domain.errors import BadInput, BurnFailed
from app.domain.model import Mask
from app.formats.base import HandlerContext
from app.formats.image_text import (
    PictureLocator,
    burn_picture,
    is_picture,
    picture_boxes,
    picture_digests,
    read_picture,
    sha256,
)

MEDIA = "word/media/"


def pictures_of(parts: dict[str, bytes]) -> list[str]:
    """Names of the package's media parts that are PNG, JPEG or TIFF (by their bytes)."""
    return [name for name, data in parts.items() if name.startswith(MEDIA) and is_picture(data[:16])]


def picture_segments(
    parts: dict[str, bytes], ctx: HandlerContext
) -> tuple[set[str], list[tuple[str, PictureLocator]]]:
    """The pictures read (none with OCR off) and (text, locator) for each of their frames with words."""
    if not ctx.ocr_enabled:
        return set(), []
    names = pictures_of(parts)
    with ThreadPoolExecutor(max_workers=max(1, ctx.workers)) as pool:
        readings = list(pool.map(lambda name: _read(parts[name], name, ctx), names))
    return set(names), [segment for reading in readings for segment in reading]


def _read(data: bytes, name: str, ctx: HandlerContext) -> list[tuple[str, PictureLocator]]:
    """One picture's segments. A picture that cannot be read refuses the document (naming the
    picture): kept unread, it could show data no one checked, and the verifier could not read it."""
    try:
        return read_picture(data, name, ctx)
    except BadInput as exc:
        raise type(exc)(f"picture {name}: {exc}") from exc


def burn_pictures(
    parts: dict[str, bytes], doc: ExtractedDocument, masks: Sequence[Mask], ctx: HandlerContext
) -> dict[str, bytes]:
    """The burned bytes of every picture a mask falls in, by part name."""
    digests = picture_digests(doc)
    out: dict[str, bytes] = {}
    for name, boxes in picture_boxes(doc, masks).items():
        if name not in parts or sha256(parts[name]) != digests.get(name):
            raise BurnFailed(f"picture {name} differs from the one that was analysed")
        out[name] = burn_picture(parts[name], boxes, ctx.limits)
    return out
