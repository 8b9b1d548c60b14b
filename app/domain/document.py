"""The text of a document as analysis sees it, and where each character came from."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from app.domain.model import Span


@dataclass(frozen=True, slots=True)
class Segment:
    """Maps ``[start, end)`` of ``ExtractedDocument.text`` to a handler-specific locator.

    ``where`` is a short human-readable name of the surface ("page 3", "header:From", "footnotes").
    ``page`` is the 0-based page index for paged formats, else None.
    """

    start: int
    end: int
    where: str
    page: int | None = None
    locator: Any = None


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """Everything analysis needs from a file, and everything the handler needs to burn it.

    ``text`` is the raw extracted text (not normalised: analysis normalises with an offset map).
    Segments are sorted, do not overlap, and every character of ``text`` that belongs to the
    document lies in exactly one segment (separators between segments may lie in none).
    ``notes`` are one-line remarks for the reviewer (e.g. "repaired by the reader",
    "page 4 has no text layer").
    """

    format: str
    text: str
    segments: tuple[Segment, ...]
    page_count: int = 0
    notes: tuple[str, ...] = ()

    def segment_at(self, offset: int) -> Segment | None:
        """The segment holding ``offset`` (binary search), or None for a separator."""
        lo, hi = 0, len(self.segments)
        while lo < hi:
            mid = (lo + hi) // 2
            seg = self.segments[mid]
            if offset < seg.start:
                hi = mid
            elif offset >= seg.end:
                lo = mid + 1
            else:
                return seg
        return None

    def segments_for(self, span: Span) -> list[Segment]:
        """All segments that overlap ``span``, in order (binary search: segments are sorted)."""
        segments = self.segments
        i = bisect.bisect_right(segments, span.start, key=_segment_end)  # the first ending after start
        found = []
        while i < len(segments) and segments[i].start < span.end:
            found.append(segments[i])
            i += 1
        return found


def _segment_end(segment: Segment) -> int:
    return segment.end
