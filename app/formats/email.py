"""EmailHandler (.eml in, .eml out) and MsgHandler (Outlook .msg in, .eml out).

See ``email_tree`` (bounded parsing), ``email_text``/``email_extract`` (what is analysed) and
``email_burn`` (how masks are burned). A .msg file is converted to MIME with extract-msg and then
handled exactly like an .eml, so both are burned and verified the same way.

A message is usually extracted (for analysis) and then redacted, in a batch also extracted once
more beforehand (to analyse several messages together); ``_Recent`` keeps the last few messages
this process extracted, by their bytes, so that extracting the same bytes again returns the same
document and ``redact`` burns the already parsed message instead of parsing the file again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import ClassVar

from app.domain.document import ExtractedDocument
from app.domain.errors import BadInput, BurnFailed, LimitExceeded
from app.domain.model import Mask
from app.formats.atomic_output import write_atomically
from app.formats.base import HandlerContext, WithoutPages
from app.formats.email_burn import burn_message
from app.formats.email_extract import extract_message
from app.formats.email_tree import POLICY, looks_like_mail, parse_message
from app.formats.msg_convert import CFB_MAGIC, msg_to_mime

KEPT_MESSAGES = 64  # a batch worker's chunk of messages (app.batch.runner.CHUNK_ITEMS) fits
KEPT_BYTES = 4 * 1024 * 1024  # source bytes in all (a chunk has at most 1 MiB); a larger message is not kept


@dataclass(frozen=True, slots=True)
class _Kept:
    doc: ExtractedDocument
    msg: EmailMessage
    size: int


class _Recent:
    """The messages this process extracted last, by (handler, context, file bytes): thread-safe, at
    most ``KEPT_MESSAGES`` of at most ``KEPT_BYTES`` together, least recently used dropped first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: OrderedDict[tuple, _Kept] = OrderedDict()
        self._bytes = 0

    def document(self, key: tuple) -> ExtractedDocument | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is None:
                return None
            self._kept.move_to_end(key)
            return kept.doc

    def keep(self, key: tuple, doc: ExtractedDocument, msg: EmailMessage, size: int) -> None:
        if size > KEPT_BYTES:
            return
        with self._lock:
            self._drop(key)
            self._kept[key] = _Kept(doc, msg, size)
            self._bytes += size
            while len(self._kept) > KEPT_MESSAGES or self._bytes > KEPT_BYTES:
                self._drop(next(iter(self._kept)))

    def take_message(self, key: tuple) -> EmailMessage | None:
        """The parsed message, to burn: handed out once (burning changes it in place), and its
        document is forgotten with it."""
        with self._lock:
            kept = self._drop(key)
            return kept.msg if kept is not None else None

    def _drop(self, key: tuple) -> _Kept | None:
        kept = self._kept.pop(key, None)
        if kept is not None:
            self._bytes -= kept.size
        return kept


class EmailHandler(WithoutPages):
    """RFC 5322 messages with MIME (.eml)."""

    name: ClassVar[str] = "eml"
    media_types: ClassVar[frozenset[str]] = frozenset({"message/rfc822"})
    output_suffix: ClassVar[str] = ".eml"

    _recent = _Recent()

    def sniff(self, head: bytes) -> bool:
        return looks_like_mail(head)

    def source(self, src: Path, ctx: HandlerContext) -> bytes:
        if src.stat().st_size > ctx.limits.max_bytes:
            raise LimitExceeded(f"{src.name} is larger than {ctx.limits.max_bytes} bytes")
        return src.read_bytes()

    def message(self, src: Path, source: bytes, ctx: HandlerContext) -> EmailMessage:
        """The message in ``src``, whose bytes are ``source``."""
        return parse_message(source, ctx.limits, src.name)

    def extract(self, src: Path, ctx: HandlerContext) -> ExtractedDocument:
        source = self.source(src, ctx)
        key = (self.name, ctx, source)
        doc = self._recent.document(key)
        if doc is None:
            msg = self.message(src, source, ctx)
            doc = extract_message(msg, ctx, self.name)
            self._recent.keep(key, doc, msg, len(source))
        return doc

    def redact(
        self, src: Path, doc: ExtractedDocument, masks: Sequence[Mask], dst: Path, ctx: HandlerContext
    ) -> None:
        source = self.source(src, ctx)
        msg = self._recent.take_message((self.name, ctx, source))
        if msg is None:
            msg = self.message(src, source, ctx)
        try:
            burn_message(msg, doc, masks, ctx)
            data = msg.as_bytes(policy=POLICY)
        except BadInput:
            raise
        except Exception as exc:
            raise BurnFailed(
                f"the message could not be rewritten: {type(exc).__name__}: {exc}"[:300]
            ) from exc
        write_atomically(data, dst, ctx.durable)


class MsgHandler(EmailHandler):
    """Outlook .msg (OLE compound file), read with extract-msg and written as .eml."""

    name: ClassVar[str] = "msg"
    media_types: ClassVar[frozenset[str]] = frozenset({"application/vnd.ms-outlook"})
    output_suffix: ClassVar[str] = ".eml"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(CFB_MAGIC)

    def message(self, src: Path, source: bytes, ctx: HandlerContext) -> EmailMessage:
        return parse_message(msg_to_mime(src, ctx.limits), ctx.limits, src.name)
