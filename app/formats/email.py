"""EmailHandler (.eml in, .eml out) and MsgHandler (Outlook .msg in, .eml out).

See ``email_tree`` (bounded parsing), ``email_text``/``email_extract`` (what is analysed) and
``email_burn`` (how masks are burned). A .msg file is converted to MIME with extract-msg and then
handled exactly like an .eml, so both are burned and verified the same way.

``redact`` normally follows ``extract`` of the same file; the message parsed for ``extract`` is
then burned instead of parsing the file again (``_Reuse``: one message per thread, taken once, and
only when the file's bytes are the ones that were parsed).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
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

REUSE_MAX_BYTES = 8 * 1024 * 1024  # larger messages are parsed again rather than kept between calls


class _Reuse(threading.local):
    """The message last parsed by ``extract`` in this thread, with the file bytes it came from."""

    source: bytes | None = None
    how: tuple | None = None  # the handler and the limits it parsed under
    msg: EmailMessage | None = None

    def keep(self, source: bytes, how: tuple, msg: EmailMessage) -> None:
        if len(source) <= REUSE_MAX_BYTES:
            self.source, self.how, self.msg = source, how, msg
        else:
            self.clear()

    def take(self, source: bytes, how: tuple) -> EmailMessage | None:
        """The kept message if it was parsed from exactly ``source`` the same way; never twice."""
        msg = self.msg if self.how == how and self.source == source else None
        self.clear()
        return msg

    def clear(self) -> None:
        self.source, self.how, self.msg = None, None, None


class EmailHandler(WithoutPages):
    """RFC 5322 messages with MIME (.eml)."""

    name: ClassVar[str] = "eml"
    media_types: ClassVar[frozenset[str]] = frozenset({"message/rfc822"})
    output_suffix: ClassVar[str] = ".eml"

    _reuse = _Reuse()

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
        msg = self.message(src, source, ctx)
        doc = extract_message(msg, ctx, self.name)
        self._reuse.keep(source, (self.name, ctx.limits), msg)  # after extracting: attachments may be e-mail
        return doc

    def redact(
        self, src: Path, doc: ExtractedDocument, masks: Sequence[Mask], dst: Path, ctx: HandlerContext
    ) -> None:
        source = self.source(src, ctx)
        msg = self._reuse.take(source, (self.name, ctx.limits))
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
