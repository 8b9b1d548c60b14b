"""Parsing untrusted e-mail into a bounded MIME tree, and naming its parts by path.

The stdlib parser with ``policy.default`` decodes encoded words (RFC 2047), parameters (RFC 2231)
and transfer encodings; ``compat32`` does not, so it is never used. Limits: the message size, the
nesting depth (multipart and message/rfc822) and the number of parts; a parser recursion error on
absurd nesting is a ``LimitExceeded``, never a traceback.
"""

from __future__ import annotations

import email
import re
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import EmailPolicy
from typing import TypeVar

from app.domain.errors import CorruptFile, LimitExceeded
from app.formats.base import Limits

Path_ = tuple[int, ...]
HEADER_CACHE_SIZE = 4096
# Headers set on messages repeat less (a burned Subject is unique) and a parsed header takes ~10-20 KB.
STORED_CACHE_SIZE = 512
T = TypeVar("T")


class _CachingPolicy(EmailPolicy):
    """``policy.default`` that parses and folds each distinct header value once.

    The stdlib parses a header again on every access (``get_content_type()`` re-parses
    Content-Type), and folds every header it did not read from the source when it writes a message
    out, which made header parsing and folding most of the time spent on a message. Parsed headers
    are immutable, so one object per distinct (name, value) is shared, whether read from a message
    (``header_fetch_parse``) or set on one (``header_store_parse``: burned headers, the
    Content-Type/-Transfer-Encoding/-Disposition that ``set_content`` writes); a shared object's
    folded form is computed once per policy (``fold_binary``). Header values read from the source
    and not changed are written back as they were (``refold_source="long"``, the default).
    """

    def header_fetch_parse(self, name, value):  # type: ignore[no-untyped-def]
        if hasattr(value, "name"):
            return value
        header = _fetched.get((name, value))
        if header is None:
            header = _fetched.remember((name, value), super().header_fetch_parse(name, value))
        return header

    def header_store_parse(self, name, value):  # type: ignore[no-untyped-def]
        if hasattr(value, "name") or not isinstance(value, str):
            return super().header_store_parse(name, value)
        header = _stored.get((name, value))
        if header is None:
            header = _stored.remember((name, value), super().header_store_parse(name, value)[1])
        return name, header

    def fold_binary(self, name, value):  # type: ignore[no-untyped-def]
        if not hasattr(value, "name"):
            return super().fold_binary(name, value)  # a source value: written as it was unless long
        key = (id(value), self.linesep, self.max_line_length, self.utf8, self.cte_type)
        cached = _folded.get(key)
        if cached is not None and cached[0] is value:
            return cached[1]
        folded = super().fold_binary(name, value)
        _folded.remember(key, (value, folded))  # holds ``value``, so its id is not reused meanwhile
        return folded


class _Cache(dict):  # type: ignore[type-arg]
    """A dict emptied whenever it reaches ``size`` entries: bounded, and enough for values that repeat."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, key: object, value: T) -> T:
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value


_fetched = _Cache(HEADER_CACHE_SIZE)
_stored = _Cache(STORED_CACHE_SIZE)
_folded = _Cache(STORED_CACHE_SIZE)
POLICY = _CachingPolicy()
_BOUNDARY_LINE = re.compile(rb"^--", re.MULTILINE)
# Headers that describe MIME structure only; they are rebuilt, not analysed.
STRUCTURAL_HEADERS = frozenset(
    {
        "content-type",
        "content-transfer-encoding",
        "mime-version",
        "content-length",
        "content-disposition",
        "content-id",
        "date",
        "lines",
    }
)
# Signatures over the original (DKIM's z= tag may copy header values); invalid after redaction anyway.
DROPPED_HEADERS = frozenset(
    {
        "dkim-signature",
        "domainkey-signature",
        "x-google-dkim-signature",
        "arc-seal",
        "arc-message-signature",
        "arc-authentication-results",
    }
)
MAIL_HEADER_NAMES = (
    b"from:",
    b"to:",
    b"subject:",
    b"date:",
    b"message-id:",
    b"received:",
    b"mime-version:",
    b"return-path:",
    b"delivered-to:",
    b"cc:",
    b"x-",
    b"content-type:",
    b"reply-to:",
)


def looks_like_mail(head: bytes) -> bool:
    """True when the first lines are RFC 5322 header fields with at least two known names."""
    lines = head.lstrip()[:4096].split(b"\n", 30)
    known = 0
    for line in lines[:30]:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue
        if b":" not in line or not re.match(rb"^[!-9;-~]+:", line):
            return False
        known += line.lower().startswith(MAIL_HEADER_NAMES)
    return known >= 2


def parse_message(data: bytes, limits: Limits, name: str) -> EmailMessage:
    if len(data) > limits.max_bytes:
        raise LimitExceeded(f"{name} is larger than {limits.max_bytes} bytes")
    if len(_BOUNDARY_LINE.findall(data)) > 2 * limits.max_mime_parts + 10:
        raise LimitExceeded(f"{name} has more than {limits.max_mime_parts} MIME parts")
    try:
        msg = email.message_from_bytes(data, policy=POLICY)
    except RecursionError as exc:
        raise LimitExceeded(f"{name} nests MIME parts deeper than the reader can follow") from exc
    except Exception as exc:
        raise CorruptFile(f"{name} cannot be parsed as e-mail: {type(exc).__name__}") from exc
    walk(msg, limits)  # enforce the limits once, up front
    return msg  # type: ignore[return-value]


def children(part: EmailMessage) -> list[EmailMessage]:
    if not part.is_multipart():
        return []
    payload = part.get_payload()
    return payload if isinstance(payload, list) else []


def walk(msg: EmailMessage, limits: Limits) -> Iterator[tuple[Path_, EmailMessage]]:
    """Every part in document order with its path; ``LimitExceeded`` past the depth or part limits."""
    out: list[tuple[Path_, EmailMessage]] = []
    stack: list[tuple[Path_, EmailMessage]] = [((), msg)]
    while stack:
        path, part = stack.pop()
        if len(path) > limits.max_mime_depth:
            raise LimitExceeded(f"MIME parts are nested deeper than {limits.max_mime_depth} levels")
        out.append((path, part))
        if len(out) > limits.max_mime_parts:
            raise LimitExceeded(f"the message has more than {limits.max_mime_parts} MIME parts")
        stack.extend((path + (i,), child) for i, child in reversed(list(enumerate(children(part)))))
    return iter(out)


def part_at(msg: EmailMessage, path: Path_) -> EmailMessage:
    part = msg
    for i in path:
        part = children(part)[i]
    return part


def header_text(name: str, raw: str) -> str:
    """The decoded value of a header (encoded words decoded, folding removed); raw text if unparsable."""
    try:
        return str(POLICY.header_fetch_parse(name, raw))
    except Exception:
        return re.sub(r"\r?\n[ \t]+", " ", str(raw))


def analysed_headers(part: EmailMessage) -> Iterator[tuple[int, str, str]]:
    """(index in the part's header list, name, decoded value) of every header that may hold data."""
    for index, (name, raw) in enumerate(part.raw_items()):
        lowered = name.lower()
        if lowered in STRUCTURAL_HEADERS or lowered in DROPPED_HEADERS:
            continue
        yield index, name, header_text(name, raw)


# Text parts read, analysed and burned as text, also when attached (notes, lists, contact cards).
TEXT_SUBTYPES = frozenset(
    {"plain", "html", "csv", "tab-separated-values", "calendar", "vcard", "x-vcard", "xml"}
)


def is_text_body(part: EmailMessage) -> bool:
    return part.get_content_maintype() == "text" and part.get_content_subtype() in TEXT_SUBTYPES


def text_content(part: EmailMessage) -> str:
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except Exception:
        pass
    payload = part.get_payload(decode=True) or b""
    return payload.decode("utf-8", errors="replace")


def payload_bytes(part: EmailMessage) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""
