"""The contract between the verifier and its per-format surface readers.

A surface reader re-reads an output file with its own raw readers and yields everything that could
carry text (``TextSurface``) plus structural problems (``Leak`` with entity ``STRUCTURE``). It never
sees the needles: searching is the verifier's job, so a reader cannot skip a surface "because nothing
was masked there".

Reader contract (SHALL/MAY):
- ``name`` SHALL be a short lower-case identifier ("pdf", "docx", "eml").
- ``sniff(head)`` SHALL decide from the first bytes alone (magic bytes, never a file name).
- ``read(data, ctx)`` SHALL yield every text-bearing surface of the file, including ones a viewer
  hides; it SHALL yield a ``STRUCTURE`` leak for anything it cannot read (encrypted, corrupt, over a
  limit) instead of raising or skipping, and SHALL NOT put any text of the file into a leak's
  ``detail``. It MAY pass embedded files to ``ctx.read_nested``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import ClassVar, Protocol, runtime_checkable

from app.domain.leaks import Leak

STRUCTURE = "STRUCTURE"
DOCUMENT_FAMILY = "document"


@dataclass(frozen=True, slots=True)
class TextSurface:
    """Text read from one place of a file.

    ``texts`` are alternative readings of the same content (e.g. with and without /ActualText);
    occurrences in a surface are the maximum over its readings, never the sum.
    ``family`` groups surfaces that show the same content: a kept text may appear ``n`` times in
    each family (the page text and the raw byte scan both see a kept name once). Surfaces a reader
    of the document shows (page text, metadata, annotations ...) share ``DOCUMENT_FAMILY``.
    ``detail`` is safe to log: object numbers and key names, never text from the file.
    """

    surface: str
    texts: tuple[str, ...]
    page: int | None = None
    detail: str = ""
    family: str = DOCUMENT_FAMILY


def structure_problem(detail: str, surface: str = "structure", page: int | None = None) -> Leak:
    """A leak that makes a report unclean on its own (forbidden object, unreadable file ...)."""
    return Leak(surface=surface, entity=STRUCTURE, page=page, detail=detail)


Item = TextSurface | Leak


@dataclass(frozen=True, slots=True)
class ReadContext:
    """Per-read state handed to readers: nesting depth and how to read an embedded file."""

    depth: int = 0
    max_depth: int = 5
    nested_reader: Callable[[bytes, ReadContext], Iterator[Item]] | None = field(default=None, repr=False)
    ocr_languages: str | None = None  # set: pages showing images are also rendered and read by OCR
    workers: int = 1  # threads for the OCR re-check

    def read_nested(self, data: bytes) -> Iterator[Item]:
        """Surfaces of an embedded file, read by whichever reader sniffs it (or as plain bytes)."""
        if self.depth >= self.max_depth:
            yield structure_problem("embedded files nested too deeply to verify")
            return
        if self.nested_reader is None:
            raise RuntimeError("ReadContext without nested_reader")
        yield from self.nested_reader(data, replace(self, depth=self.depth + 1))


@runtime_checkable
class SurfaceReader(Protocol):
    """Reads every text-bearing surface of one file format. See the module docstring."""

    name: ClassVar[str]

    def sniff(self, head: bytes) -> bool: ...

    def read(self, data: bytes, ctx: ReadContext) -> Iterator[Item]: ...
