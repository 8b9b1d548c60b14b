"""Map a function over items in forked worker processes, to use every core on one large document.

Forked workers inherit the parent's memory (loaded models included) copy-on-write, so ``fn`` may be a
closure over unpicklable state (an Analyzer, an open configuration). Only items' indices go to the
workers; results come back pickled. Small inputs run in-process: forking costs a few milliseconds.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run(index: int) -> Any:
    assert _task is not None
    fn, items = _task
    return fn(items[index])


def fork_map(fn: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[fn(item) for item in items]``, spread over up to ``workers`` forked processes.

    Exceptions raised by ``fn`` are re-raised in the caller (they must be picklable).
    """
    global _task
    if workers <= 1 or len(items) <= 1:
        return [fn(item) for item in items]
    _task = (fn, items)
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(items))) as pool:
            return pool.map(_run, range(len(items)), chunksize=1)
    finally:
        _task = None


def chunks(count: int, parts: int, minimum: int) -> list[range]:
    """Split ``range(count)`` into at most ``parts`` contiguous ranges of at least ``minimum`` items."""
    parts = max(1, min(parts, count // max(minimum, 1)))
    size, extra = divmod(count, parts)
    ranges, start = [], 0
    for n in range(parts):
        stop = start + size + (1 if n < extra else 0)
        ranges.append(range(start, stop))
        start = stop
    return ranges
