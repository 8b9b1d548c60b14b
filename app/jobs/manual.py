"""Turning a person's manual mask request into located findings, and finding protected persons.

Runs inside the isolated child that holds the document (``Workspace``). A request is one of:
a character range of the document text, every occurrence of a text, or a box on a page (the box is
burned as drawn; the words under it are what the verifier checks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.document import ExtractedDocument
from app.domain.errors import BadInput
from app.domain.model import Box, EntityType, Finding, Origin, Span
from app.formats.base import FormatHandler
from app.occurrences import find_occurrences
from app.review.lists import ProtectedValue

PROTECTED_RECOGNIZER = "protected-list"


@dataclass(frozen=True, slots=True)
class ManualRequest:
    entity: EntityType
    span: Span | None = None
    text: str | None = None
    box: Box | None = None


def _where(document: ExtractedDocument, span: Span) -> str:
    segment = document.segment_at(span.start)
    return segment.where if segment else ""


def _finding(
    handler: FormatHandler, document: ExtractedDocument, span: Span, entity: EntityType, **kw
) -> Finding:
    return Finding(
        entity=entity,
        span=span,
        text=document.text[span.start : span.end],
        score=kw.get("score", 1.0),
        recognizer=kw.get("recognizer", "manual"),
        origin=kw.get("origin", Origin.REVIEWER),
        boxes=kw.get("boxes", handler.locate(document, span)),
        where=_where(document, span),
    )


def resolve_request(
    handler: FormatHandler, document: ExtractedDocument, request: ManualRequest
) -> list[Finding]:
    """The findings ``request`` covers; ``BadInput`` when it covers nothing it could mask."""
    if request.span is not None:
        span = request.span
        if not 0 <= span.start < span.end <= len(document.text):
            raise BadInput(f"the range {span.start}-{span.end} is outside the document text")
        if not document.text[span.start : span.end].strip():
            raise BadInput("the range holds only white space")
        return [_finding(handler, document, span, request.entity)]
    if request.text is not None:
        spans = find_occurrences(document.text, request.text)
        return [_finding(handler, document, span, request.entity) for span in spans]
    if request.box is not None:
        return _box_findings(handler, document, request.box, request.entity)
    raise BadInput("a manual mask needs a range, a text or a box")


def _box_findings(
    handler: FormatHandler, document: ExtractedDocument, box: Box, entity: EntityType
) -> list[Finding]:
    if not 0 <= box.page < max(document.page_count, 1) or box.x1 <= box.x0 or box.y1 <= box.y0:
        raise BadInput("the box is not on a page of the document, or has no area")
    spans = handler.spans_at(document, box) or (Span(0, 0),)
    return [
        _finding(handler, document, span, entity, recognizer="manual-box", boxes=(box,) if i == 0 else ())
        for i, span in enumerate(spans)
    ]


def _number_pattern(value: str) -> re.Pattern[str] | None:
    digits = "".join(ch for ch in value if ch.isdigit())[-10:]
    if len(digits) != 10:
        return None
    date, serial = digits[:6], digits[6:]
    return re.compile(rf"(?<!\d)(?:\d\d)?{date}\s?[-+]?\s?{serial}(?!\d)")


def protected_findings(
    handler: FormatHandler,
    document: ExtractedDocument,
    found: Sequence[Finding],
    protected: Sequence[ProtectedValue],
) -> list[Finding]:
    """Mentions of protected persons that analysis did not already propose at the same place."""
    taken = {(f.span.start, f.span.end) for f in found}
    extra: list[Finding] = []
    for value in protected:
        if value.kind == "personnummer":
            pattern = _number_pattern(value.value)
            spans = [Span(m.start(), m.end()) for m in pattern.finditer(document.text)] if pattern else []
        else:
            spans = find_occurrences(document.text, value.value)
        for span in spans:
            if (span.start, span.end) in taken:
                continue
            taken.add((span.start, span.end))
            extra.append(
                _finding(
                    handler,
                    document,
                    span,
                    value.entity,
                    recognizer=PROTECTED_RECOGNIZER,
                    origin=Origin.GAZETTEER,
                )
            )
    return extra
