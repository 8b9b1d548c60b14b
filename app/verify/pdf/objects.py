"""Collect every string reachable from a PDF object: dictionaries, arrays, referenced objects, streams.

The walker reads object sources through PyMuPDF's xref API (the file's own cross-reference table)
and parses them with ``syntax.parse_object``; it decodes non-image, non-font streams it meets
(appearance streams, JavaScript, XFA, XMP). One walker is shared by all document-level surfaces of a
file, so each object is attributed to the first surface that reaches it and counted once. It never
enters page objects (``/Type /Page``, ``/Pages``) or follows back-links (``/P``, ``/Pg``, ``/Parent``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pymupdf

from app.verify.bytes_reader import decode_candidates
from app.verify.pdf.content import read_content
from app.verify.pdf.syntax import Name, PdfString, Ref, parse_object

BACK_LINKS = frozenset({"P", "Pg", "Parent", "EF"})  # EF: embedded file bodies are read as nested files
_NO_TEXT_SUBTYPES = frozenset({"Image", "Type1C", "CIDFontType0C", "OpenType"})
_NO_ENTER_TYPES = frozenset({"Page", "Pages", "Font", "FontDescriptor"})
MAX_OBJECTS = 200_000


@dataclass(slots=True)
class Collected:
    """Strings from dictionaries, and alternative readings of each stream met."""

    strings: list[str] = field(default_factory=list)
    streams: list[tuple[str, ...]] = field(default_factory=list)

    def readings(self) -> tuple[str, ...]:
        """Alternative texts: all strings plus the i-th reading of every stream."""
        count = max((len(r) for r in self.streams), default=1)
        return tuple(
            "\n".join(self.strings + [r[min(i, len(r) - 1)] for r in self.streams]) for i in range(count)
        )

    @property
    def empty(self) -> bool:
        return not self.strings and not self.streams


def stream_readings(data: bytes) -> tuple[str, ...]:
    """Readings of a decoded stream: as a content stream if it shows text, else its bytes as text.

    A content stream's bytes are operators and numbers; its text is in the strings it shows and
    in its marked-content property lists, so only those are read (with XML entities resolved
    for any other stream: XMP, XFA).
    """
    if b"Tj" in data or b"TJ" in data:
        content = read_content(data)
        marked = "\n".join(content.marked)
        return tuple(r + "\n" + marked if marked else r for r in content.readings())
    readings = decode_candidates(data)
    return tuple(html.unescape(r) for r in readings) if "&" in readings[0] else readings


class ObjectWalker:
    """Walks object graphs of one open document, visiting each object at most once."""

    def __init__(self, doc: pymupdf.Document) -> None:
        self.doc = doc
        self.visited: set[int] = set()

    def parse(self, xref: int) -> object:
        try:
            return parse_object(self.doc.xref_object(xref, compressed=True).encode("latin-1", "replace"))
        except Exception:  # a broken object reads as nothing; the raw scan still sees its bytes
            return None

    def collect(self, start: object, skip: frozenset[str] = BACK_LINKS) -> Collected:
        """Strings reachable from ``start`` (an xref number, a parsed value, or a Ref)."""
        out = Collected()
        pending: list[object] = [Ref(start, 0) if isinstance(start, int) else start]
        while pending and len(self.visited) < MAX_OBJECTS:
            self._visit(pending.pop(), skip, out, pending)
        return out

    def _visit(self, value: object, skip: frozenset[str], out: Collected, pending: list[object]) -> None:
        if isinstance(value, Ref):
            self._visit_ref(value.num, skip, out, pending)
        elif isinstance(value, PdfString):
            out.strings.append(value.text)
        elif isinstance(value, list):
            pending.extend(reversed(value))
        elif isinstance(value, dict):
            pending.extend(v for k, v in reversed(value.items()) if k not in skip or not isinstance(v, Ref))

    def _visit_ref(self, xref: int, skip: frozenset[str], out: Collected, pending: list[object]) -> None:
        if xref in self.visited or not 0 < xref < self.doc.xref_length():
            return
        self.visited.add(xref)
        obj = self.parse(xref)
        if isinstance(obj, dict) and _type_of(obj, "Type") in _NO_ENTER_TYPES:
            return
        if self.doc.xref_is_stream(xref) and _has_text(obj):
            try:
                out.streams.append(stream_readings(self.doc.xref_stream(xref) or b""))
            except Exception:
                out.strings.append("")  # undecodable stream: the raw scan reports it
        self._visit(obj, skip, out, pending)


def _type_of(obj: dict, key: str) -> str:
    value = obj.get(key)
    return value.value if isinstance(value, Name) else ""


def _has_text(obj: object) -> bool:
    """False for images and font programs, which carry no document text."""
    if not isinstance(obj, dict):
        return True
    if _type_of(obj, "Subtype") in _NO_TEXT_SUBTYPES:
        return False
    return not any(k in obj for k in ("Length1", "Length2", "Length3"))
