"""The picture surface reader: PNG, JPEG, TIFF (every frame), GIF and WebP.

A picture inside a Word file or an e-mail (a photo of a letter) can show a masked datum that no text
surface holds. With OCR on (``ctx.ocr_languages``), every frame is decoded with Pillow, turned by its
EXIF orientation, and read by the verifier's own OCR call (``app.verify.ocr``); the readings are an
``image-ocr`` surface. The picture's bytes are searched as text too (EXIF, XMP and PNG text chunks).
A picture that cannot be decoded or read while OCR is on is a structural problem: the report fails
closed. Never imports ``app.formats``.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from typing import ClassVar

from PIL import Image, ImageOps, ImageSequence

from app.verify.bytes_reader import decode_candidates
from app.verify.ocr import OcrUnavailable, page_readings
from app.verify.surfaces import Item, ReadContext, TextSurface, structure_problem

MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
    b"GIF87a",
    b"GIF89a",
)
MIN_SIDE = 8  # pixels: a smaller frame cannot show a legible character
MAX_FRAMES = 5000
OCR_FAMILY = "ocr"
RAW_FAMILY = "raw"


class ImageReader:
    """Surface reader for pictures (magic bytes of PNG, JPEG, TIFF, GIF, WebP)."""

    name: ClassVar[str] = "image"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")

    def read(self, data: bytes, ctx: ReadContext) -> Iterator[Item]:
        yield TextSurface("raw-image", decode_candidates(data), detail="picture bytes", family=RAW_FAMILY)
        if ctx.ocr_languages is None:
            return
        try:
            frames = _frames(data)
        except Exception as exc:  # Pillow raises many kinds; fail closed without the message text
            yield structure_problem(f"picture cannot be decoded for the OCR check: {type(exc).__name__}")
            return
        for number, frame in enumerate(frames):
            if min(frame.size) < MIN_SIDE:
                continue
            try:
                readings = page_readings(frame, ctx.ocr_languages)
            except OcrUnavailable as exc:
                yield structure_problem(f"OCR check of a picture failed: {exc}", "image-ocr", number)
                continue
            detail = f"picture frame {number + 1} read by OCR"
            yield TextSurface("image-ocr", readings, number, detail, OCR_FAMILY)


def _frames(data: bytes) -> list[Image.Image]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as image:
            frames = []
            for number, frame in enumerate(ImageSequence.Iterator(image)):
                if number >= MAX_FRAMES:
                    raise ValueError("too many frames")
                frames.append(ImageOps.exif_transpose(frame).convert("L"))
            return frames
