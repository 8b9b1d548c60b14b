"""The verifier's own text normalisation (deliberately independent of ``app.analysis``).

Haystacks (text read from an output file) and needles (masked data) go through the same function,
so a datum matches however the file spells it: ligatures, case, soft hyphens, zero-width characters,
non-breaking spaces, any kind of dash, dots and underscores between words, line breaks and
hyphenation at line ends.

Contracts:
- ``normalize(text)`` is idempotent and never longer-lived than the call: no offsets back to the input.
- ``fold_diacritics(text)`` maps one character to one character, so offsets in a normalised string and
  its folded form are the same.
- ``haystack_variants(text)`` returns the normalised text, plus a second variant when a hyphen at a
  line end was joined (``"Anna-\\nKarin"`` is both ``"annakarin"`` and ``"anna-karin"``).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import OrderedDict

# Characters that carry no visible text: soft hyphen, zero-width space/joiners, word joiner, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e]")
# Every dash-like character (Unicode category Pd, plus the minus sign) becomes "-".
_DASH = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp in range(0x80, sys.maxunicode + 1)
                  if unicodedata.category(chr(cp)) == "Pd" or cp == 0x2212) + "]"
)  # fmt: skip

# A hyphen (or soft hyphen) at a line end between two word characters: hyphenation.
_LINE_END_HYPHEN = re.compile(r"([-\u00ad])(?<=[^\W_][-\u00ad])[ \t]*\r?\n\s*(?=[^\W_])")
_WHITESPACE = re.compile(r"\s+")
# Dots and underscores separate words in e-mail local parts and identifiers ("anna.sjoberg@",
# "annika_sjoberg"): read as spaces on both sides, so a name matches them.
_WORD_JOINERS = re.compile(r"[._]")


def _fold_table() -> dict[int, str]:
    """One-to-one map from Latin letters with diacritics to their base letter (ö -> o, é -> e)."""
    table: dict[int, str] = {}
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        base = "".join(c for c in unicodedata.normalize("NFD", chr(cp)) if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(cp) and base.isascii():
            table[cp] = base
    table.update({ord("ø"): "o", ord("Ø"): "O", ord("đ"): "d", ord("ł"): "l", ord("Ł"): "L"})
    return table


_FOLD_MAP = _fold_table()
_COMBINING = re.compile("[\u0300-\u036f]")


def _prepare(text: str) -> str:
    """NFKC (expands ligatures, NBSP -> space) and unify dashes; keeps line breaks."""
    return _DASH.sub("-", unicodedata.normalize("NFKC", text))


def _finish(text: str) -> str:
    """Drop invisible characters, case-fold, read "." and "_" as spaces, collapse whitespace."""
    text = _WORD_JOINERS.sub(" ", _INVISIBLE.sub("", text).casefold())
    return _WHITESPACE.sub(" ", text).strip()


def normalize(text: str) -> str:
    """The canonical form of ``text``: hyphenation at line ends joined, then ``_finish``."""
    return _finish(_LINE_END_HYPHEN.sub("", _prepare(text)))


class _RecentLongTexts:
    """The variants of recently normalised long texts, within a budget of characters. In a batch the
    same attachment (a Word file's parts, a PDF's pages) comes back in message after message."""

    MIN_CHARS = 4096
    BUDGET_CHARS = 4_000_000

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self._chars = 0

    def get(self, text: str) -> tuple[str, ...] | None:
        variants = self._entries.get(text)
        if variants is not None:
            self._entries.move_to_end(text)
        return variants

    def put(self, text: str, variants: tuple[str, ...]) -> None:
        if len(text) > self.BUDGET_CHARS // 4:
            return
        self._entries[text] = variants
        self._chars += len(text)
        while self._chars > self.BUDGET_CHARS:
            old, _ = self._entries.popitem(last=False)
            self._chars -= len(old)


_recent = _RecentLongTexts()


def haystack_variants(text: str) -> tuple[str, ...]:
    """Normalised forms of a haystack: joined hyphenation, and kept hard hyphens if any were joined."""
    if len(text) < _RecentLongTexts.MIN_CHARS:
        return _variants(text)
    variants = _recent.get(text)
    if variants is None:
        variants = _variants(text)
        _recent.put(text, variants)
    return variants


def _variants(text: str) -> tuple[str, ...]:
    prepared = _prepare(text)
    joined, count = _LINE_END_HYPHEN.subn("", prepared)
    first = _finish(joined)
    if not count:
        return (first,)
    kept = _finish(_LINE_END_HYPHEN.sub(lambda m: "" if m.group(1) == "\u00ad" else "-", prepared))
    return (first,) if kept == first else (first, kept)


def fold_diacritics(normalized: str) -> str:
    """Strip diacritics letter by letter (``"sjöberg"`` -> ``"sjoberg"``); length is unchanged."""
    if normalized.isascii():
        return normalized
    folded = _COMBINING.sub("", unicodedata.normalize("NFD", normalized))
    if len(folded) != len(normalized):  # stray combining marks: fold letter by letter instead
        return normalized.translate(_FOLD_MAP)
    return folded.translate(_FOLD_MAP)  # what NFD leaves composed: ø, đ, ł


def digits_of(text: str) -> str:
    """All ASCII digits of ``text`` in order (after NFKC, so full-width digits count too)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if "0" <= ch <= "9")
