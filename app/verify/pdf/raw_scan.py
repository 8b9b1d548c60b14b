"""Lexical scan of a PDF's bytes that does not trust the cross-reference table (PITFALLS §2.2).

Every ``stream ... endstream`` body in the file is found by searching the bytes, including orphaned
objects and earlier revisions that no xref points to any more; each is decoded (Flate, ASCIIHex,
ASCII85, LZW, RunLength) and read as text, as PDF strings, and as a content stream. Bytes outside
streams are read the same way. The scan also yields the facts structural checks need: every PDF
name used outside image, font, XMP and embedded-file streams, the ``%%EOF`` markers, and whether a
trailer or cross-reference stream points to an earlier revision (``/Prev``). The PDF language's own
names (/Page, /DCTDecode) are not searched in the bytes outside streams (see ``vocabulary``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.domain.leaks import Leak
from app.verify.pdf.filters import IMAGE_FILTERS, LimitReached, UnsupportedFilter, decode
from app.verify.pdf.objects import stream_readings
from app.verify.pdf.syntax import PdfString, hex_bytes, unescape_literal
from app.verify.pdf.vocabulary import pdf_names
from app.verify.surfaces import TextSurface, structure_problem

RAW_FAMILY = "raw"
STREAM_LIMIT = 64 * 1024 * 1024  # decoded bytes per stream

_STREAM_START = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_OBJ_HEADER = re.compile(rb"(?<![0-9])([0-9]{1,10})\s{1,8}([0-9]{1,5})\s{1,8}obj\b")
_LENGTH = re.compile(rb"/Length\s{0,8}([0-9]{1,12})(?![0-9]|\s{1,8}[0-9]{1,5}\s{1,8}R)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STRING = re.compile(rb"\((?:[^()\\]|\\[\s\S]|\((?:[^()\\]|\\[\s\S])*\))*\)|<[0-9A-Fa-f\s]*>")
_TRAILER = re.compile(rb"trailer\s*<<")
_XREF_TABLE = re.compile(rb"xref\s+(?:\d+\s+\d+\s+(?:\d{10}\s+\d{5}\s+[nf]\s*)*)+")
_SAFE_FILTER = re.compile(r"[A-Za-z0-9]{1,24}\Z")
_NO_NAME_TYPES = (b"/Metadata", b"/EmbeddedFile", b"/XML")


@dataclass(slots=True)
class RawFacts:
    """What the scan learned about the file's structure."""

    names: set[str] = field(default_factory=set)
    eof_markers: int = 0
    has_prev: bool = False
    has_encrypt: bool = False


@dataclass(frozen=True, slots=True)
class _Stream:
    obj: str
    dict_bytes: bytes
    body_start: int
    body_end: int


def decode_name(raw: bytes) -> str:
    return _NAME_ESCAPE.sub(lambda m: bytes.fromhex(m.group(1).decode()), raw).decode("latin-1")


def _streams(data: bytes) -> list[_Stream]:
    headers = list(_OBJ_HEADER.finditer(data))
    header_starts = [h.start() for h in headers]
    found: list[_Stream] = []
    pos = 0
    for m in _STREAM_START.finditer(data):
        if m.start() < pos:
            continue
        i = bisect.bisect_right(header_starts, m.start()) - 1
        header = headers[i] if i >= 0 else None
        dict_start = header.end() if header else max(0, m.start() - 4096)
        dict_bytes = data[dict_start : m.start() + 2]
        end = _body_end(data, m.end(), dict_bytes)
        obj = f"object {int(header.group(1))}" if header else f"stream at byte {m.end()}"
        found.append(_Stream(obj, dict_bytes, m.end(), end))
        pos = end
    return found


def _body_end(data: bytes, start: int, dict_bytes: bytes) -> int:
    """End of a stream body: trust /Length only when ``endstream`` really follows it."""
    length = _LENGTH.search(dict_bytes)
    if length:
        end = start + int(length.group(1))
        if data[end : end + 12].lstrip(b"\r\n ").startswith(b"endstream"):
            return end
    found = data.find(b"endstream", start)
    return len(data) if found < 0 else found


def _filters(dict_bytes: bytes) -> list[str]:
    m = _FILTER.search(dict_bytes)
    return [decode_name(n) for n in _NAME.findall(m.group(1))] if m else []


def _skip_body(dict_bytes: bytes, filters: list[str]) -> bool:
    """Images and font programs carry no document text."""
    if re.search(rb"/Subtype\s*/(Image|Type1C|CIDFontType0C|OpenType)\b", dict_bytes):
        return True
    return bool(re.search(rb"/Length[123]\b", dict_bytes)) or any(f in IMAGE_FILTERS for f in filters)


def _string_reading(data: bytes) -> str:
    texts = []
    for m in _STRING.finditer(data):
        token = m.group()
        raw = unescape_literal(token[1:-1]) if token[:1] == b"(" else hex_bytes(token[1:-1])
        texts.append(PdfString(raw).text)
    return "\n".join(texts)


def _without_pdf_names(data: bytes) -> bytes:
    """``data`` with the PDF language's own names (/Type /Page) reduced to "/" (see vocabulary.py)."""
    vocabulary = pdf_names()
    return _NAME.sub(lambda m: b"/" if decode_name(m.group(1)) in vocabulary else m.group(), data)


def _names(data: bytes) -> set[str]:
    return {decode_name(n) for n in set(_NAME.findall(data))}


def scan(data: bytes, facts: RawFacts) -> Iterator[TextSurface | Leak]:
    """Surfaces of every stream body and of the bytes between them; fills ``facts``."""
    outside: list[bytes] = []
    pos = 0
    for stream in _streams(data):
        outside.append(data[pos : stream.body_start])
        pos = stream.body_end
        yield from _scan_stream(data, stream, facts)
    outside.append(data[pos:])
    rest = b"\n".join(outside)
    facts.names |= _names(rest)
    facts.eof_markers = rest.count(b"%%EOF")
    facts.has_prev = facts.has_prev or any(
        re.search(rb"/Prev\b", rest[m.end() : m.end() + 4096].split(b"startxref", 1)[0])
        for m in _TRAILER.finditer(rest)
    )
    facts.has_encrypt = bool(re.search(rb"/Encrypt\b", rest))
    syntax = _without_pdf_names(_XREF_TABLE.sub(b"xref\n", rest))
    readings = (syntax.decode("latin-1"), _string_reading(rest))
    yield TextSurface("raw-file", readings, detail="bytes outside streams", family=RAW_FAMILY)


def _scan_stream(data: bytes, stream: _Stream, facts: RawFacts) -> Iterator[TextSurface | Leak]:
    filters = _filters(stream.dict_bytes)
    if _skip_body(stream.dict_bytes, filters):
        return
    if b"/XRef" in stream.dict_bytes and b"/Prev" in stream.dict_bytes:
        facts.has_prev = True
    try:
        body = decode(data[stream.body_start : stream.body_end], filters, STREAM_LIMIT)
    except LimitReached:
        yield structure_problem(f"{stream.obj}: stream too large to verify", surface="raw-stream")
        return
    except UnsupportedFilter as exc:
        name = str(exc) if _SAFE_FILTER.match(str(exc)) else "unknown"
        yield structure_problem(
            f"{stream.obj}: stream filter {name} cannot be verified", surface="raw-stream"
        )
        return
    if not any(t in stream.dict_bytes for t in _NO_NAME_TYPES):
        facts.names |= _names(body)
    readings = stream_readings(body)
    if b"Tj" not in body and b"TJ" not in body:  # content streams: their strings are already read
        readings += (_string_reading(body),)
    yield TextSurface("raw-stream", readings, detail=stream.obj, family=RAW_FAMILY)
