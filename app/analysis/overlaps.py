"""One finding per place: merge same-type overlaps, then let the strongest claim win each place."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace

from app.analysis.candidate import Candidate


def merge_same_entity(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Merge nested or overlapping candidates of the same entity type into their union.

    The merged candidate keeps the recognizer, origin and where of its strongest member, the
    highest score, and is validated if any member was.
    """
    by_entity: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_entity.setdefault(candidate.entity, []).append(candidate)
    merged: list[Candidate] = []
    for group in by_entity.values():
        group.sort(key=lambda c: (c.start, -c.end))
        current = group[0]
        for candidate in group[1:]:
            if candidate.start < current.end:
                current = _union(current, candidate)
            else:
                merged.append(current)
                current = candidate
        merged.append(current)
    return merged


def _union(a: Candidate, b: Candidate) -> Candidate:
    strongest = a if priority(a) >= priority(b) else b
    return replace(
        strongest,
        start=min(a.start, b.start),
        end=max(a.end, b.end),
        score=max(a.score, b.score),
        validated=a.validated or b.validated,
    )


def priority(candidate: Candidate) -> tuple[bool, int, float]:
    """Validated beats unvalidated; then longer beats shorter; then the higher score."""
    return (candidate.validated, candidate.length, candidate.score)


def resolve_overlaps(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, sorted by start: same types merged, then the best claim wins."""
    accepted = Accepted()
    for candidate in sorted(merge_same_entity(candidates), key=priority, reverse=True):
        accepted.add_if_free(candidate)
    return accepted.sorted()


class Accepted:
    """Accepted, pairwise non-overlapping candidates with a fast "is this place free?" check."""

    def __init__(self, initial: Iterable[Candidate] = ()) -> None:
        self._starts: list[int] = []
        self._items: list[Candidate] = []
        for candidate in initial:
            self.add_if_free(candidate)

    def add_if_free(self, candidate: Candidate) -> bool:
        """Add ``candidate`` unless it overlaps an accepted one; True when added."""
        index = bisect.bisect_left(self._starts, candidate.start)
        if index > 0 and self._items[index - 1].end > candidate.start:
            return False
        if index < len(self._items) and self._items[index].start < candidate.end:
            return False
        self._starts.insert(index, candidate.start)
        self._items.insert(index, candidate)
        return True

    def merge_or_add(self, candidate: Candidate) -> bool:
        """Add ``candidate``, merging it with overlapping accepted ones of the same entity type.

        Used for propagated copies: a longer copy ("STORGATAN  12B") widens an accepted shorter
        finding ("STORGATAN"), keeping the accepted one's recognizer and origin. A candidate that
        overlaps a finding of another type is not added. True when the accepted set changed.
        """
        index = bisect.bisect_left(self._starts, candidate.start)
        first = index - 1 if index > 0 and self._items[index - 1].end > candidate.start else index
        last = first
        while last < len(self._items) and self._items[last].start < candidate.end:
            last += 1
        overlapping = self._items[first:last]
        if not overlapping:
            return self.add_if_free(candidate)
        if any(item.entity != candidate.entity for item in overlapping):
            return False
        start = min(candidate.start, overlapping[0].start)
        end = max(candidate.end, max(item.end for item in overlapping))
        if (start, end) == (overlapping[0].start, overlapping[0].end):
            return False
        strongest = max(overlapping, key=priority)
        merged = replace(strongest, start=start, end=end, score=max(candidate.score, strongest.score))
        del self._starts[first:last]
        del self._items[first:last]
        return self.add_if_free(merged)

    def sorted(self) -> list[Candidate]:
        return list(self._items)
