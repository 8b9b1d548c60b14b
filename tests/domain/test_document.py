"""ExtractedDocument's segment lookups (binary searches) against the plain definitions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain.document import ExtractedDocument, Segment
from app.domain.model import Span


@st.composite
def documents_and_spans(draw: st.DrawFn) -> tuple[ExtractedDocument, Span]:
    segments, pos = [], 0
    for _ in range(draw(st.integers(0, 8))):
        start = pos + draw(st.integers(0, 3))  # a separator between segments, or none
        pos = start + draw(st.integers(0, 5))
        segments.append(Segment(start, pos, f"part {len(segments)}"))
    doc = ExtractedDocument("text", "x" * (pos + 4), tuple(segments))
    start = draw(st.integers(0, pos + 3))
    return doc, Span(start, start + draw(st.integers(1, 8)))


@given(documents_and_spans())
def test_segments_for_is_every_overlapping_segment_in_order(case: tuple[ExtractedDocument, Span]) -> None:
    doc, span = case
    assert doc.segments_for(span) == [s for s in doc.segments if s.start < span.end and span.start < s.end]


@given(documents_and_spans())
def test_segment_at_is_the_segment_holding_the_offset(case: tuple[ExtractedDocument, Span]) -> None:
    doc, span = case
    holding = [s for s in doc.segments if s.start <= span.start < s.end]
    assert doc.segment_at(span.start) == (holding[0] if holding else None)
