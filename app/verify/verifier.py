"""verify_bytes / verify_file: re-read an output file and report every masked datum still in it.

Contract:
- Every occurrence of a needle on any surface is a leak, except that a needle whose normalised text
  equals a kept text may appear as many times as it is listed in ``kept``, in each family of
  surfaces (see ``surfaces.TextSurface``); hits of other needles inside such an allowed occurrence
  are excused.
- Structural problems (forbidden objects, old revisions, unreadable or encrypted files, unknown
  format, a reader that crashed) make the report unclean on their own, also with no needles.
- No leak, detail or summary ever contains a needle's text: a leak names the surface, the entity
  type, the page and the needle's position in ``needles`` (1-based "masked string #n").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from app.domain.leaks import Leak, LeakReport
from app.forked import chunks, fork_map
from app.verify.needles import Needle, SearchKey, build_keys
from app.verify.normalize import haystack_variants
from app.verify.registry import FALLBACK, reader_for, root_context
from app.verify.search import Hit, Matcher, Occurrences, count_occurrences
from app.verify.surfaces import Item, TextSurface, structure_problem

PREFETCH_MIN_CHARS = 200_000  # below this, forking workers to search costs more than it saves
WINDOW_CHARS = 8_000_000
_VIA = {"text": "text", "folded": "text without diacritics", "digits": "digits only"}


class _Ledger:
    """Counts occurrences per key and surface family against the kept allowances."""

    def __init__(self, keys: tuple[SearchKey, ...]) -> None:
        self.keys = keys
        self.matcher = Matcher(keys)
        self.remaining: dict[str, list[int]] = {}
        self._hits: dict[str, list[list[Hit]]] = {}  # the same text often shows on several surfaces

    def _hits_of(self, text: str) -> list[list[Hit]]:
        """Hits per normalised variant of ``text``, computed once per distinct text."""
        if text not in self._hits:
            self._hits[text] = self._search(text)
        return self._hits[text]

    def _search(self, text: str) -> list[list[Hit]]:
        return [self.matcher.hits(variant) for variant in haystack_variants(text)]

    def prefetch(self, items: Sequence[Item], workers: int) -> None:
        """Search the texts of ``items`` in forked workers ahead of ``account`` (a long document:
        normalising and searching every page is most of the verifier's own time). The ledger's
        counting stays in order in this process; only the pure search is spread."""
        todo = list(dict.fromkeys(t for i in items if isinstance(i, TextSurface) for t in i.texts))
        todo = [t for t in todo if t and t not in self._hits]
        if workers <= 1 or sum(map(len, todo)) < PREFETCH_MIN_CHARS:
            return
        ranges = chunks(len(todo), workers, 1)
        parts = fork_map(lambda r: [self._search(t) for t in todo[r.start : r.stop]], ranges, workers)
        for r, part in zip(ranges, parts, strict=True):
            self._hits.update(zip(todo[r.start : r.stop], part, strict=True))

    def account(self, surface: TextSurface) -> list[Leak]:
        remaining = self.remaining.setdefault(surface.family, [k.allowance for k in self.keys])
        best: dict[int, Occurrences] = {}
        for text in surface.texts:
            if not text:
                continue
            for hits in self._hits_of(text):
                for key, occ in count_occurrences(hits, remaining).items():
                    if key not in best or occ.count > best[key].count:
                        best[key] = occ
        leaks: list[Leak] = []
        for key, occ in best.items():
            excess = occ.count - remaining[key]
            remaining[key] = max(0, remaining[key] - occ.count)
            if excess > 0 and self.keys[key].is_needle:
                leaks.append(self._leak(surface, self.keys[key], occ.via, excess))
        return leaks

    @staticmethod
    def _leak(surface: TextSurface, key: SearchKey, via: str, excess: int) -> Leak:
        where = f"{surface.detail}; " if surface.detail else ""
        times = "1 occurrence" if excess == 1 else f"{excess} occurrences"
        detail = f"{where}masked string #{key.index + 1} matched by {_VIA[via]}, {times}"
        return Leak(surface=surface.surface, entity=key.entity, page=surface.page, detail=detail)


def _items(data: bytes, ocr_languages: str | None, workers: int) -> Iterable[Item]:
    reader = reader_for(data)
    if reader is None:
        yield structure_problem("unrecognised file format: cannot be verified")
    try:
        yield from (reader or FALLBACK).read(data, root_context(ocr_languages=ocr_languages, workers=workers))
    except Exception as exc:  # fail closed: a reader crash never passes a file
        yield structure_problem(f"verification failed: {type(exc).__name__}")


def _windows(items: Iterable[Item]) -> Iterator[list[Item]]:
    """``items`` in consecutive lists of about ``WINDOW_CHARS`` characters of text (bounded memory)."""
    window: list[Item] = []
    size = 0
    for item in items:
        window.append(item)
        size += sum(map(len, item.texts)) if isinstance(item, TextSurface) else 0
        if size >= WINDOW_CHARS:
            yield window
            window, size = [], 0
    if window:
        yield window


def verify_bytes(
    data: bytes,
    needles: Sequence[Needle],
    *,
    kept: Sequence[str] = (),
    ocr_languages: str | None = None,
    workers: int = 1,
) -> LeakReport:
    """Search every surface of ``data`` for every needle; see the module docstring.

    With ``ocr_languages`` (Tesseract language codes, e.g. "swe+eng"), pages that show images are
    also rendered and read by OCR on ``workers`` threads. ``workers`` > 1 also reads the pages of a
    long PDF and searches long texts in forked processes; the report is the same."""
    keys = build_keys(needles, kept)
    ledger = _Ledger(keys) if keys else None
    leaks: list[Leak] = []
    surfaces: dict[str, None] = {}
    for window in _windows(_items(data, ocr_languages, workers)):
        if ledger is not None:
            ledger.prefetch(window, workers)
        for item in window:
            if isinstance(item, Leak):
                leaks.append(item)
                continue
            surfaces[item.surface] = None
            if ledger is not None:
                leaks.extend(ledger.account(item))
    surfaces["structure"] = None
    needles_checked = sum(1 for k in keys if k.is_needle)
    return LeakReport(leaks=tuple(leaks), surfaces_checked=tuple(surfaces), needles_checked=needles_checked)


def verify_file(
    path: Path,
    needles: Sequence[Needle],
    *,
    kept: Sequence[str] = (),
    ocr_languages: str | None = None,
    workers: int = 1,
) -> LeakReport:
    """``verify_bytes`` on the file's contents; an unreadable path is an unclean report."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return LeakReport(leaks=(structure_problem(f"cannot read output file: {type(exc).__name__}"),))
    return verify_bytes(data, needles, kept=kept, ocr_languages=ocr_languages, workers=workers)
