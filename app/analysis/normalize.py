"""Text normalisation for analysis, with an offset map back to the raw extracted text.

PDF text is not the text a reader sees: ligatures ("ﬁ" U+FB01), decomposed letters ("o" + U+0308),
soft hyphens, zero-width characters, non-breaking spaces and words hyphenated at line ends.
Recognizers run on the normalised text; every span they report is mapped back to the raw text so
the finding still points at the original glyphs.

What ``normalize`` does:
- NFKC per character cluster (a base character and its combining marks), which also composes
  NFD sequences to NFC and expands compatibility characters (ligatures, NBSP -> space);
- removes soft hyphens (U+00AD) and zero-width characters (U+200B-U+200D, U+2060, U+FEFF);
- joins words hyphenated at a line end ("Svens-\\nson" -> "Svensson") when a lower-case letter
  follows; "Anna-\\nKarin" and numbers broken over lines ("850514-\\n1234") are left alone.

The map: output character ``i`` came from raw characters ``[raw_start[i], raw_end[i])``; an expanded
ligature maps each of its output letters to the whole ligature; removed characters belong to no
output character but lie inside any span that covers characters on both sides of them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

_REMOVED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_HYPHENATION = regex.compile(r"(?<=\p{L})[\-\u2010\u00ad][ \t]*\r?\n[ \t]*(?=\p{Ll})")
_CLUSTER = regex.compile(r"\P{M}\p{M}*|\p{M}+", flags=regex.DOTALL)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text plus, unless it equals the raw text, where each character came from."""

    text: str
    raw_length: int
    raw_start: tuple[int, ...] | None = None  # None: identity map
    raw_end: tuple[int, ...] | None = None

    @property
    def is_identity(self) -> bool:
        return self.raw_start is None

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the raw text it came from.

        A non-empty span maps to a non-empty raw span that covers every raw character the span's
        characters came from, including characters removed between them.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside normalised text of length {len(self.text)}")
        if self.raw_start is None or self.raw_end is None:
            return start, end
        if start == end:
            position = self.raw_start[start] if start < len(self.text) else self.raw_length
            return position, position
        return self.raw_start[start], self.raw_end[end - 1]


def needs_normalizing(raw: str) -> bool:
    """False when ``normalize(raw)`` would return ``raw`` unchanged (the common, fast case)."""
    if not unicodedata.is_normalized("NFKC", raw):
        return True
    if any(ch in raw for ch in _REMOVED):
        return True
    return "\n" in raw and _HYPHENATION.search(raw) is not None


def normalize(raw: str) -> NormalizedText:
    """Normalise ``raw`` for analysis and keep the offset map (see the module docstring)."""
    if not needs_normalizing(raw):
        return NormalizedText(raw, len(raw))
    dropped = _hyphenation_ranges(raw)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    drop_index = 0
    for cluster in _CLUSTER.finditer(raw):
        start, end = cluster.span()
        while drop_index < len(dropped) and dropped[drop_index][1] <= start:
            drop_index += 1
        if drop_index < len(dropped) and dropped[drop_index][0] <= start:
            continue
        piece = cluster.group()
        if piece in _REMOVED:
            continue
        if not piece.isascii():
            piece = "".join(ch for ch in unicodedata.normalize("NFKC", piece) if ch not in _REMOVED)
        for ch in piece:
            out.append(ch)
            starts.append(start)
            ends.append(end)
    return NormalizedText("".join(out), len(raw), tuple(starts), tuple(ends))


def _hyphenation_ranges(raw: str) -> list[tuple[int, int]]:
    """Raw ranges of line-end hyphenation to delete ("-\\n" between two letters)."""
    return [m.span() for m in _HYPHENATION.finditer(raw)]
