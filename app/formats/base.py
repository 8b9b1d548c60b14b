"""The format handler contract. One handler per file format; the pipeline only talks to this protocol.

A handler turns a file into an ``ExtractedDocument`` (one string of text plus segments that say where
each character came from), maps character spans back to places in the file (``locate``), and burns
confirmed masks into a new file (``redact``). Handlers never decide what to mask and never verify
their own output: analysis and the independent verifier do that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from app.domain.document import ExtractedDocument
from app.domain.model import Box, LabelMode, Mask, Span


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits for reading hostile input. Exceeding one raises ``LimitExceeded``."""

    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 5000
    max_seconds: float = 300.0
    max_zip_entries: int = 5000
    max_unzipped_bytes: int = 500 * 1024 * 1024
    max_mime_depth: int = 20
    max_mime_parts: int = 2000


@dataclass(frozen=True, slots=True)
class HandlerContext:
    """Per-job configuration handed to a handler. Handlers read nothing else (no env, no globals)."""

    limits: Limits = field(default_factory=Limits)
    label_mode: LabelMode = LabelMode.NONE
    ocr_languages: str = "swe+eng"
    ocr_enabled: bool = False
    workers: int = 1  # processes a handler may use for one large document
    durable: bool = True  # fsync outputs before renaming them into place (batches fsync once at the end)


@runtime_checkable
class FormatHandler(Protocol):
    """Contract every format handler fulfils.

    - ``name`` SHALL be a short lower-case identifier ("pdf", "docx", "eml").
    - ``media_types`` SHALL list the media types the handler reads.
    - ``sniff(head)`` SHALL decide from the file's first bytes alone, never from its name.
    - ``extract`` SHALL return every text-bearing surface the handler will keep in its output, so
      nothing can be released that analysis did not see; it SHALL raise a ``BadInput`` subclass
      with a one-line message for input it refuses, and SHALL respect ``ctx.limits``.
    - ``locate`` SHALL return the boxes covering ``span`` (empty for formats without pages).
    - ``spans_at`` SHALL return the spans of the text lying under ``box`` (empty without pages).
    - ``redact`` SHALL write a new file at ``dst`` in which the masked characters, and every other
      copy of them the handler knows of (metadata, comments, history), are gone; it SHALL NOT
      modify ``src``; it MAY drop surfaces it cannot redact (and SHALL then say so in notes).
    - Handlers SHALL NOT verify their own output: ``app.verify`` does that with its own readers.
    """

    name: ClassVar[str]
    media_types: ClassVar[frozenset[str]]
    output_suffix: ClassVar[str]

    def sniff(self, head: bytes) -> bool: ...

    def extract(self, src: Path, ctx: HandlerContext) -> ExtractedDocument: ...

    def locate(self, doc: ExtractedDocument, span: Span) -> tuple[Box, ...]: ...

    def spans_at(self, doc: ExtractedDocument, box: Box) -> tuple[Span, ...]: ...

    def redact(
        self,
        src: Path,
        doc: ExtractedDocument,
        masks: Sequence[Mask],
        dst: Path,
        ctx: HandlerContext,
    ) -> None: ...


class WithoutPages:
    """``locate`` and ``spans_at`` for formats without pages (Word, e-mail, pictures inside them):
    their text has no place on a page, so there are no boxes and no box selects text."""

    def locate(self, doc: ExtractedDocument, span: Span) -> tuple[Box, ...]:
        return ()

    def spans_at(self, doc: ExtractedDocument, box: Box) -> tuple[Span, ...]:
        return ()
