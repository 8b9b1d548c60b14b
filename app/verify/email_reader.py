"""E-mail and mbox surface readers: every header, every part decoded, attachments read recursively.

Re-parses with ``policy.default`` (which decodes encoded words, RFC 2231 parameters, quoted-printable
and base64) and reads, per part: each header decoded and raw, filenames, text bodies (HTML also
without tags, with entities decoded), and attachments through the nested reader. The raw bytes of
the message and the transfer-decoded bytes of every part are scanned too. An mbox is split at its
``From `` lines and every message read the same way.
"""

from __future__ import annotations

import email
import html
import re
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import EmailPolicy
from typing import ClassVar

from app.verify.bytes_reader import decode_candidates
from app.verify.surfaces import Item, ReadContext, TextSurface, structure_problem


class _ParseOncePolicy(EmailPolicy):
    """``policy.default``, parsing each distinct header value once (Content-Type and friends repeat
    in every part of every message, and the stdlib re-parses a header on every access)."""

    def header_fetch_parse(self, name, value):  # type: ignore[no-untyped-def]
        if hasattr(value, "name"):
            return value
        key = (name, value)
        header = _parsed.get(key)
        if header is None:
            header = super().header_fetch_parse(name, value)
            if len(_parsed) >= 4096:
                _parsed.clear()
            _parsed[key] = header
        return header


_parsed: dict[tuple[str, str], object] = {}
POLICY = _ParseOncePolicy()
MAX_DEPTH = 50
MAX_PARTS = 20_000
RAW_FAMILY = "raw"
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")
_TAG = re.compile(r"<[^>]*>")
_MBOX_SPLIT = re.compile(rb"(?:^|\n)From [^\n]*\n")
_BASE64_BLOCK = re.compile(rb"(?:^[A-Za-z0-9+/]{60,}={0,2}\r?\n)+", re.MULTILINE)


def _looks_like_headers(head: bytes) -> bool:
    lines = head.lstrip().split(b"\n", 20)[:20]
    fields = 0
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue
        if not _HEADER_LINE.match(line):
            return False
        fields += 1
    return fields >= 2


class EmailReader:
    """Surface reader for RFC 5322 messages (header fields at the start of the file)."""

    name: ClassVar[str] = "eml"

    def sniff(self, head: bytes) -> bool:
        return not head.startswith(b"From ") and _looks_like_headers(head)

    def read(self, data: bytes, ctx: ReadContext) -> Iterator[Item]:
        yield from read_message(data, ctx, "")


class MboxReader:
    """Surface reader for mbox archives (``From `` separator lines)."""

    name: ClassVar[str] = "mbox"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"From ")

    def read(self, data: bytes, ctx: ReadContext) -> Iterator[Item]:
        separators = [m.group(0) for m in _MBOX_SPLIT.finditer(data)]
        yield TextSurface(
            "mbox-from-lines",
            ("\n".join(decode_candidates(b"".join(separators))),),
            detail="'From ' separator lines",
        )
        for n, chunk in enumerate(_MBOX_SPLIT.split(data)):
            if chunk.strip():
                yield from read_message(chunk, ctx, f"message {n}: ")


def read_message(data: bytes, ctx: ReadContext, prefix: str) -> Iterator[Item]:
    # base64 blocks are noise to a text search (their decoded bytes are scanned per part below)
    raw = _BASE64_BLOCK.sub(b"\n", data)
    yield TextSurface("raw-message", decode_candidates(raw), detail=f"{prefix}raw bytes", family=RAW_FAMILY)
    try:
        msg = email.message_from_bytes(data, policy=POLICY)
    except RecursionError:
        yield structure_problem(f"{prefix}MIME nested too deeply to verify")
        return
    count = 0
    stack: list[tuple[str, EmailMessage]] = [("message", msg)]
    while stack:
        where, part = stack.pop()
        count += 1
        if count > MAX_PARTS or where.count(".") > MAX_DEPTH:
            yield structure_problem(f"{prefix}too many or too deeply nested MIME parts to verify")
            return
        try:
            yield from _part_items(part, f"{prefix}{where}", ctx)
        except Exception as exc:  # fail closed on the part, keep reading the others
            yield structure_problem(f"{prefix}{where} cannot be read: {type(exc).__name__}")
        if part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend((f"{where}.{i + 1}", child) for i, child in reversed(list(enumerate(payload))))


def _part_items(part: EmailMessage, where: str, ctx: ReadContext) -> Iterator[Item]:
    for name, raw in part.raw_items():
        unfolded = re.sub(r"\r?\n[ \t]+", " ", str(raw))
        try:
            decoded = str(POLICY.header_fetch_parse(name, raw))
        except Exception:
            decoded = unfolded
        readings = (decoded,) if decoded == unfolded else (decoded, unfolded)
        yield TextSurface("header", readings, detail=f"{where} header {name}")
    filename = part.get_filename()
    if filename:
        yield TextSurface("filename", (filename,), detail=f"{where} filename")
    if part.is_multipart():
        return
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else str(part.get_payload()).encode("utf-8", "replace")
    yield TextSurface("raw-part", decode_candidates(data), detail=f"{where} decoded bytes", family=RAW_FAMILY)
    if part.get_content_maintype() == "text":
        charset = part.get_content_charset() or "utf-8"
        try:
            text = data.decode(charset, errors="replace")
        except LookupError:
            text = data.decode("utf-8", errors="replace")
        readings = [text]
        if part.get_content_subtype() == "html":
            readings += [html.unescape(_TAG.sub("", text)), html.unescape(_TAG.sub(" ", text))]
        yield TextSurface("body", tuple(readings), detail=f"{where} {part.get_content_type()}")
        return
    for item in ctx.read_nested(data):
        if isinstance(item, TextSurface):
            family = item.family if item.family == RAW_FAMILY else f"{where}:{item.family}"
            yield TextSurface("attachment", item.texts, item.page, f"{where}: {item.surface}", family)
        else:
            yield item
