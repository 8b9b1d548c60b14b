"""Fast search of many keys in one normalised haystack, on word boundaries.

Text keys are searched with ``str.find`` (in C) and checked for word boundaries. They are indexed by
their first word: a haystack's distinct words are intersected with that index (a set operation in
C), and only keys whose first word occurs are searched; a key's bounded occurrence always shows its
first word as a word of the haystack. In a long haystack with few keys (a message's, up to
``DIRECT_SEARCH_KEYS``) listing the haystack's words costs more than searching each key directly,
so each key is searched; both ways find the same. The diacritics-folded form of a long haystack is
remembered (``_FOLDS``): attachments repeat across messages, and folding tens of kilobytes of a
binary part read as Latin-1 takes milliseconds.
Numeric keys are searched in a digits-only view of the haystack in which runs of at most three
separator characters (space, dash, plus, dot, slash, parentheses) between digit groups are ignored.

A match counts only on word boundaries: "anna" does not hit "annandag". For digits, the digit
string directly adjacent to a match must be empty or one of the key's allowed prefixes/suffixes
(a century before a personnummer, "46" before a phone number).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from app.verify.needles import MIN_DIGITS, DigitForm, SearchKey
from app.verify.normalize import LongTextMemo, fold_diacritics

_WORD = re.compile(r"[^\W_]+")
_DIGIT_GROUP = re.compile(r"[0-9]+")
_NON_DIGITS = re.compile(r"[^0-9]+")
_SOFT_SEPARATORS = frozenset(" -+./()")
_MAX_SOFT_GAP = 3
DIRECT_SEARCH_KEYS = 32
DIRECT_SEARCH_MIN_CHARS = 1024
FOLD_CACHE_MIN_CHARS = 2048  # shorter haystacks are folded every time (cheap, and rarely repeated)
FOLD_CACHE_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of key ``key`` at ``[start, end)`` of the haystack, found ``via`` a projection."""

    key: int
    start: int
    end: int
    via: str  # "text", "folded" or "digits"


class Matcher:
    """Compiled search keys. ``hits(haystack)`` lists every bounded occurrence of every key."""

    def __init__(self, keys: tuple[SearchKey, ...]) -> None:
        self.keys = keys
        self._by_word: dict[str, dict[str, list[int]]] = {
            "text": defaultdict(list),
            "folded": defaultdict(list),
        }
        self._unindexed: list[tuple[int, str]] = []  # keys that do not start with a word character
        self._digit_index: dict[str, list[int]] = defaultdict(list)  # first MIN_DIGITS digits -> keys
        offsets = {0}
        for i, key in enumerate(keys):
            if key.digits is not None:
                self._digit_index[key.digits.digits[:MIN_DIGITS]].append(i)
                offsets |= {len(p) for p in key.digits.prefixes}
        self._digit_offsets = sorted(offsets)
        self._digit_strings = tuple({key.digits.digits for key in keys if key.digits is not None})
        self._direct = len(keys) <= DIRECT_SEARCH_KEYS
        for i, key in enumerate(keys):
            via = "folded" if key.folded else "text"
            first = _WORD.match(key.text)
            if first is None:
                self._unindexed.append((i, via))
            else:
                target = fold_diacritics(first.group()) if key.folded else first.group()
                self._by_word[via][target].append(i)

    def hits(self, haystack: str) -> list[Hit]:
        """All occurrences of all keys in one normalised haystack (non-overlapping per key)."""
        found: list[Hit] = []
        folded = _FOLDS(haystack) if self._by_word["folded"] or self._unindexed else haystack
        projections = {"text": haystack, "folded": folded}
        for via, index in self._by_word.items():
            if not index:
                continue
            text = projections[via]
            direct = self._direct and len(text) >= DIRECT_SEARCH_MIN_CHARS
            words = index.keys() if direct else index.keys() & set(_WORD.findall(text))
            for word in words:
                for i in index[word]:
                    found.extend(self._find_text(i, haystack, text, via))
        for i, via in self._unindexed:
            found.extend(self._find_text(i, haystack, projections[via], via))
        if self._digit_index and self._may_hold_digit_key(haystack):
            found.extend(self._find_digits(DigitView(haystack)))
        return found

    def _may_hold_digit_key(self, haystack: str) -> bool:
        """False when no digit key occurs in the haystack's digits at all (a match needs its digits
        contiguous among them): then building the ``DigitView`` is not needed."""
        if not _DIGIT_GROUP.search(haystack):
            return False
        digits = _NON_DIGITS.sub("", haystack)
        return any(d in digits for d in self._digit_strings)

    def _find_digits(self, view: DigitView) -> list[Hit]:
        """Digit keys starting at a group start, or after an allowed prefix inside a group."""
        hits: list[Hit] = []
        digits, index = view.digits, self._digit_index
        for g, group_start in enumerate(view.group_starts):
            group_len = len(view.digits_parts[g])
            for offset in self._digit_offsets:
                if offset and offset >= group_len:
                    break
                start = group_start + offset
                for i in index.get(digits[start : start + MIN_DIGITS], ()):
                    form = self.keys[i].digits
                    if form is not None and digits.startswith(form.digits, start):
                        span = view.accept(start, form)
                        if span is not None:
                            hits.append(Hit(i, span[0], span[1], "digits"))
        return hits

    def _find_text(self, i: int, haystack: str, text: str, via: str) -> list[Hit]:
        """Bounded occurrences of key ``i`` in ``text`` (``haystack`` itself or its folded form)."""
        exact = self.keys[i].text
        needle = fold_diacritics(exact) if via == "folded" else exact
        check_start, check_end = needle[0].isalnum(), needle[-1].isalnum()
        hits: list[Hit] = []
        pos = text.find(needle)
        while pos >= 0:
            end = pos + len(needle)
            if not (check_start and pos > 0 and text[pos - 1].isalnum()) and not (
                check_end and end < len(text) and text[end].isalnum()
            ):
                hits.append(Hit(i, pos, end, "text" if haystack[pos:end] == exact else via))
                pos = text.find(needle, end)
            else:
                pos = text.find(needle, pos + 1)
        return hits


_FOLDS = LongTextMemo(fold_diacritics, min_chars=FOLD_CACHE_MIN_CHARS, budget_chars=FOLD_CACHE_CHARS)


class DigitView:
    """The digits of a haystack with, for each digit group, where it starts and what precedes it."""

    def __init__(self, text: str) -> None:
        self.digits_parts: list[str] = []
        self.group_starts: list[int] = []  # index in ``digits`` where each group starts
        self.text_starts: list[int] = []  # index in ``text`` where each group starts
        self.soft_before: list[bool] = []  # group joined to the previous one by a soft separator
        length, prev_end = 0, None
        for m in _DIGIT_GROUP.finditer(text):
            gap = text[prev_end : m.start()] if prev_end is not None else None
            soft = gap is not None and len(gap) <= _MAX_SOFT_GAP and set(gap) <= _SOFT_SEPARATORS
            self.digits_parts.append(m.group())
            self.group_starts.append(length)
            self.text_starts.append(m.start())
            self.soft_before.append(soft)
            length += len(m.group())
            prev_end = m.end()
        self.digits = "".join(self.digits_parts)

    def _group_of(self, index: int) -> int:
        return bisect.bisect_right(self.group_starts, index) - 1

    def _text_pos(self, index: int) -> int:
        g = self._group_of(index)
        return self.text_starts[g] + index - self.group_starts[g]

    def accept(self, pos: int, form: DigitForm) -> tuple[int, int] | None:
        """The text span of ``form`` found at digit index ``pos``, if its edges and gaps allow it."""
        size = len(form.digits)
        if not self._acceptable(pos, size, form):
            return None
        return self._text_pos(pos), self._text_pos(pos + size - 1) + 1

    def _acceptable(self, pos: int, size: int, form: DigitForm) -> bool:
        first, last = self._group_of(pos), self._group_of(pos + size - 1)
        if not all(self.soft_before[g] for g in range(first + 1, last + 1)):
            return False
        before = self.digits[self.group_starts[first] : pos]
        group_end = self.group_starts[last] + len(self.digits_parts[last])
        after = self.digits[pos + size : group_end]
        return (not before or before in form.prefixes) and (not after or after in form.suffixes)


@dataclass(frozen=True, slots=True)
class Occurrences:
    """How often one key occurs in one haystack, and the projection that found the first one."""

    count: int
    via: str


def count_occurrences(hits: list[Hit], remaining: list[int]) -> dict[int, Occurrences]:
    """Occurrences per key in one haystack, after excusing hits inside allowed kept occurrences.

    Hits of one key that overlap (found by several projections) are one occurrence. The first
    ``remaining[k]`` occurrences of key ``k`` are allowed; a hit of another key lying inside an
    allowed occurrence is excused and not counted. Keys without counted occurrences are absent.
    """
    merged = {key: _merge_overlapping(group) for key, group in _group_by_key(hits).items()}
    shields = [(h.start, h.end, key) for key, occ in merged.items() for h in occ[: remaining[key]]]
    result: dict[int, Occurrences] = {}
    for key, occ in merged.items():
        counted = [h for h in occ if not any(s <= h.start and h.end <= e and k != key for s, e, k in shields)]
        if counted:
            result[key] = Occurrences(len(counted), counted[0].via)
    return result


def _group_by_key(hits: list[Hit]) -> dict[int, list[Hit]]:
    groups: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        groups[hit.key].append(hit)
    return groups


def _merge_overlapping(hits: list[Hit]) -> list[Hit]:
    hits = sorted(hits, key=lambda h: (h.start, -h.end))
    merged: list[Hit] = []
    for hit in hits:
        if merged and hit.start < merged[-1].end:
            last = merged[-1]
            if hit.end > last.end:
                merged[-1] = Hit(last.key, last.start, hit.end, last.via)
            continue
        merged.append(hit)
    return merged
