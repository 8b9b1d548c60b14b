"""Pictures of text inside other files (photos of letters in Word files and e-mail): their OCR words
as segments, and masks burned into the picture's own pixels.

``read_picture`` decodes a PNG, JPEG or TIFF (every frame; EXIF orientation applied) and reads each
frame with ``ocr.ocr_image``; each frame with words becomes one segment whose ``PictureLocator``
keeps every word's offsets and pixel boxes. ``burn_picture`` paints the boxes solid black in the
pixels and re-encodes the picture in its own format (PNG, JPEG, TIFF with all frames). Only pixels
are written back: EXIF, XMP, ICC and text chunks, which may hold names, are dropped.
``PictureHandler`` is the format handler the e-mail path uses for picture attachments (the upload
handler ``image.ImageHandler`` turns pictures into PDF instead; an attachment keeps its format).
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
import warnings
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from PIL import Image, ImageDraw, ImageOps, ImageSequence

from app.domain.document import ExtractedDocument, Segment
from app.domain.errors import BurnFailed, CorruptFile, LimitExceeded, UnsupportedFormat
from app.domain.model import Mask
from app.formats.atomic_output import write_atomically
from app.formats.base import HandlerContext, Limits, WithoutPages
from app.formats.ocr import ocr_image, ocr_text

PICTURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
MIN_SIDE = 16  # pixels: smaller pictures (bullets, rules, spacer GIFs) cannot hold legible text
BOX_PAD = 0.12  # of a word's height, added around its box: ink at the edges is burned too
SEPARATOR = "\n\n"
CACHE_SIZE = 64
OCR_NOTE = "{what} was read by OCR: check its masks on the picture"
Rect = tuple[float, float, float, float]
_read_cache: OrderedDict[tuple[str, str], tuple[tuple[str, tuple], ...]] = OrderedDict()
_cache_lock = threading.Lock()  # Word pictures are read on several threads


@dataclass(frozen=True, slots=True)
class PictureLocator:
    """Where the characters of one segment lie in a picture: ``member`` names the picture in its
    container (a Word part; "" for a picture on its own), ``frame`` the frame (TIFF page), ``words``
    one ``(start, end, boxes)`` per word with offsets relative to the segment's start."""

    member: str
    sha256: str
    frame: int
    words: tuple[tuple[int, int, tuple[Rect, ...]], ...]

    def boxes(self, start: int, end: int) -> list[Rect]:
        """Boxes of every word overlapping ``[start, end)``: a partly masked word is burned whole."""
        return [box for s, e, boxes in self.words if s < end and start < e for box in boxes]


def is_picture(head: bytes) -> bool:
    return head.startswith(PICTURE_MAGIC)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_picture(data: bytes, member: str, ctx: HandlerContext) -> list[tuple[str, PictureLocator]]:
    """(text, locator) for every frame of the picture holding words. Pictures too small to hold
    text give none. A picture read before in this process (same bytes, same languages) is not read
    again."""
    digest = sha256(data)
    key = (digest, ctx.ocr_languages)
    with _cache_lock:
        frames = _read_cache.get(key)
    if frames is None:
        frames = tuple(_ocr_frames(data, ctx))
        with _cache_lock:
            _read_cache[key] = frames
            if len(_read_cache) > CACHE_SIZE:
                _read_cache.popitem(last=False)
    return [(text, PictureLocator(member, digest, frame, words)) for text, (frame, words) in frames]


def _ocr_frames(data: bytes, ctx: HandlerContext) -> list[tuple[str, tuple]]:
    out = []
    for frame_number, frame in enumerate(decode_frames(data, ctx.limits)):
        if min(frame.size) < MIN_SIDE:
            continue
        found = ocr_image(frame, ctx.ocr_languages, ctx.limits.max_seconds)
        if not found:
            continue
        text, offsets = ocr_text(found)
        words = []
        for word, (start, end) in zip(found, offsets, strict=True):
            pad = BOX_PAD * min(word.x1 - word.x0, word.y1 - word.y0)
            boxes = tuple((x0 - pad, y0 - pad, x1 + pad, y1 + pad) for x0, y0, x1, y1 in word.slices())
            words.append((start, end, boxes))
        out.append((text, (frame_number, tuple(words))))
    return out


def decode_frames(data: bytes, limits: Limits) -> list[Image.Image]:
    """Every frame of the picture, upright (EXIF orientation applied), decoded into memory."""
    if len(data) > limits.max_bytes:
        raise LimitExceeded(f"the picture is {len(data)} bytes; the limit is {limits.max_bytes}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                frames = []
                for number, frame in enumerate(ImageSequence.Iterator(image)):
                    if number >= limits.max_pages:
                        raise LimitExceeded(f"the picture has over {limits.max_pages} frames")
                    frames.append(_drawable(ImageOps.exif_transpose(frame)))
                return frames
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LimitExceeded("the picture is too large (decompression bomb limit)") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise CorruptFile(f"the picture cannot be read: {str(exc).splitlines()[0][:160]}") from exc


def _drawable(frame: Image.Image) -> Image.Image:
    """A copy in a mode black can be painted in (and saved again in the picture's format)."""
    if frame.mode in {"1", "L", "RGB", "RGBA", "CMYK"}:
        return frame.copy()
    if frame.mode in {"P", "PA", "LA", "RGBa"}:
        return frame.convert("RGBA")
    return frame.convert("L" if frame.mode.startswith(("I", "F")) else "RGB")


def burn_picture(data: bytes, boxes: dict[int, list[Rect]], limits: Limits) -> bytes:
    """The picture with every box (pixels, per frame) painted black, re-encoded in its own format
    with nothing but the pixels (and resolution)."""
    frames = decode_frames(data, limits)  # first: it refuses bad pictures with a one-line error
    with Image.open(io.BytesIO(data)) as original:
        fmt, dpi = original.format, original.info.get("dpi")
    for number, frame in enumerate(frames):
        draw = ImageDraw.Draw(frame)
        for x0, y0, x1, y1 in boxes.get(number, ()):
            x0, y0 = max(0, math.floor(x0)), max(0, math.floor(y0))
            x1, y1 = min(frame.width - 1, math.ceil(x1)), min(frame.height - 1, math.ceil(y1))
            if x0 <= x1 and y0 <= y1:
                draw.rectangle((x0, y0, x1, y1), fill=_black(frame.mode))
    return _encode(frames, fmt or "PNG", dpi)


def _black(mode: str) -> int | tuple[int, ...]:
    return {"1": 0, "L": 0, "RGB": (0, 0, 0), "RGBA": (0, 0, 0, 255), "CMYK": (0, 0, 0, 255)}[mode]


def _encode(frames: list[Image.Image], fmt: str, dpi: object) -> bytes:
    out = io.BytesIO()
    options: dict = {"dpi": dpi} if dpi else {}
    if fmt == "JPEG":
        frames = [f.convert("RGB") if f.mode not in {"L", "RGB", "CMYK"} else f for f in frames]
        frames[0].save(out, format="JPEG", quality=92, **options)
    elif fmt == "TIFF":
        compression = "group4" if all(f.mode == "1" for f in frames) else "tiff_deflate"
        frames[0].save(
            out, format="TIFF", save_all=True, append_images=frames[1:], compression=compression, **options
        )
    else:
        frames[0].save(out, format="PNG", **options)
    return out.getvalue()


def picture_boxes(doc: ExtractedDocument, masks: Sequence[Mask]) -> dict[str, dict[int, list[Rect]]]:
    """Pixel boxes to burn, per picture (``PictureLocator.member``) and frame."""
    out: dict[str, dict[int, list[Rect]]] = defaultdict(lambda: defaultdict(list))
    for mask in masks:
        span = mask.finding.span
        for segment in doc.segments_for(span):
            loc = segment.locator
            if isinstance(loc, PictureLocator):
                lo, hi = max(span.start, segment.start), min(span.end, segment.end)
                out[loc.member][loc.frame].extend(loc.boxes(lo - segment.start, hi - segment.start))
    return out


def picture_digests(doc: ExtractedDocument) -> dict[str, str]:
    """The SHA-256 of every picture ``doc`` read, by member: burning checks it reads the same bytes."""
    return {s.locator.member: s.locator.sha256 for s in doc.segments if isinstance(s.locator, PictureLocator)}


class PictureHandler(WithoutPages):
    """A PNG, JPEG or TIFF attached to something else, read by OCR and burned in its own format."""

    name: ClassVar[str] = "picture"
    media_types: ClassVar[frozenset[str]] = frozenset({"image/png", "image/jpeg", "image/tiff"})
    output_suffix: ClassVar[str] = ".picture"

    def sniff(self, head: bytes) -> bool:
        return is_picture(head)

    def extract(self, src: Path, ctx: HandlerContext) -> ExtractedDocument:
        if not ctx.ocr_enabled:
            raise UnsupportedFormat("pictures need OCR, which is turned off or not installed (Tesseract)")
        texts: list[str] = []
        segments: list[Segment] = []
        offset = 0
        for text, locator in read_picture(src.read_bytes(), "", ctx):
            if texts:
                offset += len(SEPARATOR)
            where = f"frame {locator.frame + 1} (OCR)"
            segments.append(Segment(offset, offset + len(text), where, None, locator))
            texts.append(text)
            offset += len(text)
        notes = (OCR_NOTE.format(what="the picture"),) if texts else ()
        return ExtractedDocument(self.name, SEPARATOR.join(texts), tuple(segments), 0, notes)

    def redact(
        self, src: Path, doc: ExtractedDocument, masks: Sequence[Mask], dst: Path, ctx: HandlerContext
    ) -> None:
        data = src.read_bytes()
        expected = picture_digests(doc).get("")
        if expected is not None and expected != sha256(data):
            raise BurnFailed("the picture differs from the one that was analysed")
        write_atomically(
            burn_picture(data, picture_boxes(doc, masks).get("", {}), ctx.limits), dst, ctx.durable
        )
