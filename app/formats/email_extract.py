"""Extracting an e-mail message into one ExtractedDocument (see ``email_text`` for what is analysed)."""

from __future__ import annotations

import tempfile
from collections import OrderedDict
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from app.domain.document import ExtractedDocument, Segment
from app.domain.errors import BadInput, LimitExceeded
from app.formats.base import HandlerContext
from app.formats.email_text import (
    SEPARATOR,
    AttachmentLocator,
    BodyLocator,
    FilenameLocator,
    HeaderLocator,
    Withheld,
    body_mapping,
    safe_filename,
    sha256,
    where_of,
)
from app.formats.email_tree import analysed_headers, is_text_body, payload_bytes, text_content, walk
from app.formats.image_text import PictureHandler

_nesting = [0]  # attachments that are themselves e-mail recurse through the handlers: bounded here
EXTRACTED_CACHE_SIZE = 256
_extracted: OrderedDict[tuple, ExtractedDocument] = OrderedDict()
PICTURES = PictureHandler()  # a photo attached to a message is burned as a picture, not made a PDF


@dataclass(slots=True)
class _Builder:
    texts: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    length: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, text: str, where: str, locator: Any, page: int | None = None) -> int:
        if not text:
            return self.length
        if self.texts:
            self.length += len(SEPARATOR)
        start = self.length
        self.segments.append(Segment(start, start + len(text), where, page, locator))
        self.texts.append(text)
        self.length += len(text)
        return start


def attachment_handler(data: bytes) -> Any | None:
    """The format handler that reads ``data`` (by its bytes), or None."""
    from app.formats.registry import HANDLERS, SNIFF_BYTES  # the registry lists this handler too

    head = data[:SNIFF_BYTES]
    if PICTURES.sniff(head):
        return PICTURES
    return next((h for h in HANDLERS.values() if h.name != "mbox" and h.sniff(head)), None)


def is_attachment(part: EmailMessage) -> bool:
    """A leaf that is not text: it goes through a format handler, or is withheld."""
    return not part.is_multipart() and not is_text_body(part)


def extract_message(msg: EmailMessage, ctx: HandlerContext, fmt: str) -> ExtractedDocument:
    out = _Builder()
    withheld: list[Withheld] = []
    for path, part in walk(msg, ctx.limits):
        where = where_of(path)
        for index, name, value in analysed_headers(part):
            out.add(
                value,
                f"header:{name}" if not path else f"{where} header:{name}",
                HeaderLocator(path, index, name),
            )
        filename = part.get_filename()
        if filename:
            out.add(filename, f"{where} filename", FilenameLocator(path))
        if part.is_multipart():
            continue
        if not is_attachment(part):
            text, mapping = body_mapping(part.get_content_type(), text_content(part))
            out.add(text, f"{where} {part.get_content_type()}", BodyLocator(path, mapping))
            continue
        _attachment(part, path, ctx, out, withheld)
    for item in withheld:
        out.notes.append(
            f"attachment {item.filename} ({item.content_type}) in {where_of(item.path)} cannot be redacted "
            "and is withheld from the output"
        )
    return ExtractedDocument(fmt, SEPARATOR.join(out.texts), tuple(out.segments), 0, tuple(out.notes))


def _attachment(
    part: EmailMessage, path: tuple[int, ...], ctx: HandlerContext, out: _Builder, withheld: list[Withheld]
) -> None:
    data = payload_bytes(part)
    label = safe_filename(part.get_filename(), f"bilaga-{'.'.join(map(str, path))}")
    handler = attachment_handler(data) if data else None
    if handler is None:
        withheld.append(Withheld(path, part.get_content_type(), label))
        return
    try:
        child = extract_bytes(handler, data, ctx)
    except BadInput as exc:
        withheld.append(Withheld(path, part.get_content_type(), label))
        out.notes.append(f"attachment {label}: {exc}")
        return
    if child.text:
        if out.texts:
            out.length += len(SEPARATOR)
        base = out.length
        out.texts.append(child.text)
        out.length += len(child.text)
        locator = AttachmentLocator(path, handler.name, sha256(data), child, base)
        for segment in child.segments:
            where = f"attachment {label}: {segment.where}"
            out.segments.append(
                Segment(base + segment.start, base + segment.end, where, segment.page, locator)
            )
    out.notes.extend(f"attachment {label}: {note}" for note in child.notes)


def extract_bytes(handler: Any, data: bytes, ctx: HandlerContext) -> ExtractedDocument:
    """Run ``handler.extract`` on bytes (written to a private temporary file, never by their name).
    An attachment seen before in this process is not read again (``_extracted``, by content)."""
    key = (handler.name, sha256(data), ctx.limits)
    if key in _extracted:
        _extracted.move_to_end(key)
        return _extracted[key]
    doc = _extract_bytes(handler, data, ctx)
    _extracted[key] = doc
    if len(_extracted) > EXTRACTED_CACHE_SIZE:
        _extracted.popitem(last=False)
    return doc


def _extract_bytes(handler: Any, data: bytes, ctx: HandlerContext) -> ExtractedDocument:
    if _nesting[0] >= ctx.limits.max_mime_depth:
        raise LimitExceeded("attachments are nested too deeply")
    _nesting[0] += 1
    try:
        with tempfile.TemporaryDirectory(prefix="skymma-att-") as tmp:
            src = Path(tmp) / f"attachment{handler.output_suffix}"
            src.write_bytes(data)
            return handler.extract(src, ctx)
    finally:
        _nesting[0] -= 1
