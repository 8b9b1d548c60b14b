"""mbox archives: streamed message by message, and MboxHandler for redacting one archive as a document.

``iter_messages`` reads the file line by line and yields one message at a time (never the whole
archive). Escaping follows mboxrd: reading drops one ``>`` from a ``>From `` / ``>>From `` line,
writing adds one to every ``From `` / ``>From `` line, so a round trip changes nothing. The batch
command uses the stream; ``MboxHandler`` (``skymma redact archive.mbox``) treats the archive as one
document whose segments are its messages'.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, ClassVar

from app.domain.document import ExtractedDocument, Segment
from app.domain.errors import BadInput, BurnFailed, CorruptFile, LimitExceeded
from app.domain.model import Mask, Span
from app.formats.atomic_output import write_atomically
from app.formats.base import HandlerContext, WithoutPages
from app.formats.email_burn import burn_message
from app.formats.email_extract import extract_message
from app.formats.email_text import SEPARATOR
from app.formats.email_tree import POLICY, parse_message

FROM_LINE = b"From "
_ESCAPE = re.compile(rb"^(>*From )", re.MULTILINE)
_QUOTED_FROM = re.compile(rb">+From ")


def sniff_mbox(head: bytes) -> bool:
    return head.startswith(FROM_LINE)


def iter_messages(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[bytes, bytes]]:
    """(``From `` line, message bytes) for each message, reading one message at a time."""
    from_line: bytes | None = None
    lines: list[bytes] = []
    size = 0
    previous_blank = True
    for line in fh:
        if line.startswith(FROM_LINE) and previous_blank:
            if from_line is not None:
                yield from_line, b"".join(lines)
            from_line, lines, size = line, [], 0
            previous_blank = False
            continue
        if from_line is None:
            raise CorruptFile("the archive does not start with a 'From ' line")
        size += len(line)
        if size > max_bytes:
            raise LimitExceeded(f"a message in the archive is larger than {max_bytes} bytes")
        lines.append(line[1:] if line.startswith(b">") and _QUOTED_FROM.match(line) else line)
        previous_blank = line in (b"\n", b"\r\n")
    if from_line is not None:
        yield from_line, b"".join(lines)


def mbox_entry(from_line: bytes, message: bytes) -> bytes:
    """One archive entry: the ``From `` line without its sender address (only the date is kept), the
    message with ``From `` body lines escaped, and a blank line."""
    parts = from_line.rstrip(b"\r\n").split(b" ", 2)
    date = parts[2] if len(parts) == 3 else b""
    body = _ESCAPE.sub(rb">\1", message)
    if not body.endswith(b"\n"):
        body += b"\n"
    return b"From MAILER-DAEMON " + date + b"\n" + body + b"\n"


@dataclass(frozen=True, slots=True)
class MessageLocator:
    index: int
    child: ExtractedDocument
    base: int
    inner: object


class MboxHandler(WithoutPages):
    """An mbox archive redacted as one document (the batch command streams it instead)."""

    name: ClassVar[str] = "mbox"
    media_types: ClassVar[frozenset[str]] = frozenset({"application/mbox"})
    output_suffix: ClassVar[str] = ".mbox"

    def sniff(self, head: bytes) -> bool:
        return sniff_mbox(head)

    def extract(self, src: Path, ctx: HandlerContext) -> ExtractedDocument:
        texts: list[str] = []
        segments: list[Segment] = []
        notes: list[str] = []
        length = 0
        for index, (_, data) in enumerate(self._messages(src, ctx)):
            child = extract_message(parse_message(data, ctx.limits, f"message {index + 1}"), ctx, "eml")
            notes.extend(f"message {index + 1}: {note}" for note in child.notes)
            if not child.text:
                continue
            if texts:
                length += len(SEPARATOR)
            base = length
            texts.append(child.text)
            length += len(child.text)
            for s in child.segments:
                locator = MessageLocator(index, child, base, s.locator)
                segments.append(
                    Segment(base + s.start, base + s.end, f"message {index + 1}: {s.where}", None, locator)
                )
        return ExtractedDocument(self.name, SEPARATOR.join(texts), tuple(segments), 0, tuple(notes))

    def _messages(self, src: Path, ctx: HandlerContext) -> Iterator[tuple[bytes, bytes]]:
        if src.stat().st_size > ctx.limits.max_bytes:
            raise LimitExceeded(f"{src.name} is larger than {ctx.limits.max_bytes} bytes")
        with src.open("rb") as fh:
            yield from iter_messages(fh, ctx.limits.max_bytes)

    def redact(
        self, src: Path, doc: ExtractedDocument, masks: Sequence[Mask], dst: Path, ctx: HandlerContext
    ) -> None:
        per_message: dict[int, list[Mask]] = defaultdict(list)
        children: dict[int, ExtractedDocument] = {}
        for mask in masks:
            span = mask.finding.span
            for segment in doc.segments_for(span):
                loc: MessageLocator = segment.locator
                lo = max(span.start, segment.start) - loc.base
                hi = min(span.end, segment.end) - loc.base
                finding = replace(mask.finding, span=Span(lo, hi), text=loc.child.text[lo:hi])
                per_message[loc.index].append(Mask(finding, mask.ground))
                children[loc.index] = loc.child
        out: list[bytes] = []
        for index, (from_line, data) in enumerate(self._messages(src, ctx)):
            msg = parse_message(data, ctx.limits, f"message {index + 1}")
            child = children.get(index) or extract_message(msg, ctx, "eml")
            try:
                burn_message(msg, child, per_message.get(index, []), ctx)
                out.append(mbox_entry(from_line, msg.as_bytes(policy=POLICY)))
            except BadInput:
                raise
            except Exception as exc:
                raise BurnFailed(f"message {index + 1} could not be rewritten: {type(exc).__name__}") from exc
        write_atomically(b"".join(out), dst, ctx.durable)
