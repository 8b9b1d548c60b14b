"""EmailHandler (.eml in, .eml out) and MsgHandler (Outlook .msg in, .eml out).

See ``email_tree`` (bounded parsing), ``email_text``/``email_extract`` (what is analysed) and
``email_burn`` (how masks are burned). A .msg file is converted to MIME with extract-msg and then
handled exactly like an .eml, so both are burned and verified the same way.
"""

from __future__ import annotations

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


class EmailHandler(WithoutPages):
    """RFC 5322 messages with MIME (.eml)."""

    name: ClassVar[str] = "eml"
    media_types: ClassVar[frozenset[str]] = frozenset({"message/rfc822"})
    output_suffix: ClassVar[str] = ".eml"

    def sniff(self, head: bytes) -> bool:
        return looks_like_mail(head)

    def message(self, src: Path, ctx: HandlerContext) -> EmailMessage:
        if src.stat().st_size > ctx.limits.max_bytes:
            raise LimitExceeded(f"{src.name} is larger than {ctx.limits.max_bytes} bytes")
        return parse_message(src.read_bytes(), ctx.limits, src.name)

    def extract(self, src: Path, ctx: HandlerContext) -> ExtractedDocument:
        return extract_message(self.message(src, ctx), ctx, self.name)

    def redact(
        self, src: Path, doc: ExtractedDocument, masks: Sequence[Mask], dst: Path, ctx: HandlerContext
    ) -> None:
        msg = self.message(src, ctx)
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

    def message(self, src: Path, ctx: HandlerContext) -> EmailMessage:
        return parse_message(msg_to_mime(src, ctx.limits), ctx.limits, src.name)
