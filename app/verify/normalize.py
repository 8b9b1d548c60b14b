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
from collections.abc import Callable
from typing import Generic, TypeVar

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
T = TypeVar("T", str, tuple[str, ...])


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


class LongTextMemo(Generic[T]):
    """``function`` of a text, remembered for texts of at least ``min_chars`` characters (shorter ones
    are cheap, and rarely repeat), least recently used dropped first, within a budget of characters
    (the texts and their results together; a text costing more than a quarter of it is not kept). In a
    batch the same attachment (a Word file's parts, a PDF's pages) comes back message after message."""

    def __init__(self, function: Callable[[str], T], min_chars: int, budget_chars: int) -> None:
        self.function = function
        self.min_chars = min_chars
        self.budget_chars = budget_chars
        self._entries: OrderedDict[str, tuple[T, int]] = OrderedDict()
        self._chars = 0

    def __call__(self, text: str) -> T:
        if len(text) < self.min_chars:
            return self.function(text)
        entry = self._entries.get(text)
        if entry is not None:
            self._entries.move_to_end(text)
            return entry[0]
        result = self.function(text)
        cost = len(text) + (len(result) if isinstance(result, str) else sum(map(len, result)))
        if cost <= self.budget_chars // 4:
            self._entries[text] = (result, cost)
            self._chars += cost
            while self._chars > self.budget_chars:
                _, (_, old_cost) = self._entries.popitem(last=False)
                self._chars -= old_cost
        return result


def _variants(text: str) -> tuple[str, ...]:
    """Normalised forms of a haystack: joined hyphenation, and kept hard hyphens if any were joined."""
    prepared = _prepare(text)
    joined, count = _LINE_END_HYPHEN.subn("", prepared)
    first = _finish(joined)
    if not count:
        return (first,)
    kept = _finish(_LINE_END_HYPHEN.sub(lambda m: "" if m.group(1) == "\u00ad" else "-", prepared))
    return (first,) if kept == first else (first, kept)


# the normalised forms of a haystack (see ``_variants``), remembered for long texts
haystack_variants = LongTextMemo(_variants, min_chars=4096, budget_chars=8_000_000)


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
