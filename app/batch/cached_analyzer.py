"""An Analyzer that remembers what it found in a segment's text, for batches of similar documents.

Archives repeat themselves: the same attachment sent to many recipients, signatures, disclaimers,
quoted replies. Recognizers and the name model see one segment at a time, so their candidates for a
given normalised segment text are always the same; they are cached (relative to the segment) and
reused. Propagation and overlap resolution still run per document, on cached and fresh candidates
alike. A segment on which a recognizer failed is never cached.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from app.analysis.candidate import Candidate
from app.analysis.engine import Analyzer
from app.analysis.errors import RecognizerFailure
from app.analysis.propagation import SegmentText

CACHE_SIZE = 20_000


class CachingAnalyzer(Analyzer):
    _cache: OrderedDict[bytes, tuple[Candidate, ...]]
    hits = 0
    misses = 0

    def _analyze_segments(
        self, segments: Sequence[SegmentText]
    ) -> tuple[list[Candidate], list[RecognizerFailure]]:
        if not hasattr(self, "_cache"):
            self._cache = OrderedDict()
        found: list[Candidate] = []
        todo: list[tuple[SegmentText, bytes]] = []
        for segment in segments:
            key = hashlib.blake2b(segment.norm.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            cached = self._cache.get(key)
            if cached is None:
                todo.append((segment, key))
                continue
            self._cache.move_to_end(key)
            self.hits += 1
            found.extend(
                replace(c, start=segment.start + c.start, end=segment.start + c.end, where=segment.where)
                for c in cached
            )
        if not todo:
            return found, []
        self.misses += len(todo)
        fresh, failures = super()._analyze_segments([segment for segment, _ in todo])
        found.extend(fresh)
        if not failures:
            self._remember(todo, fresh)
        return found, failures

    def _remember(self, todo: list[tuple[SegmentText, bytes]], fresh: list[Candidate]) -> None:
        starts = [segment.start for segment, _ in todo]
        per_segment: dict[int, list[Candidate]] = defaultdict(list)
        for candidate in fresh:
            per_segment[bisect_right(starts, candidate.start) - 1].append(candidate)
        for index, (segment, key) in enumerate(todo):
            self._cache[key] = tuple(
                replace(c, start=c.start - segment.start, end=c.end - segment.start, where="")
                for c in per_segment[index]
            )
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
