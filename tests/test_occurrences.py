"""find_all_occurrences: one trie-shaped pattern for many phrases, compared with a plain search."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app import occurrences
from app.domain.model import Span
from app.occurrences import find_all_occurrences, find_occurrences


def _plain(text: str, phrases: list[str]) -> set[tuple[int, int]]:
    """The obvious definition: every phrase on its own, word-bounded, case-insensitive."""
    found = set()
    for phrase in phrases:
        words = phrase.split()
        if not words:
            continue
        body = r"\s+".join(re.escape(w) for w in words)
        for m in re.finditer(r"(?<!\w)(?=(" + body + r")(?!\w))", text, re.IGNORECASE):
            found.add((m.start(), m.start() + len(m.group(1))))
    return found


def test_words_case_and_whitespace() -> None:
    text = "Anna  Svensson ringde.\nANNA\nsvensson och annas bror, Annaberg"
    spans = find_all_occurrences(text, ["Anna Svensson", "Anna"])
    assert [text[s.start : s.end] for s in spans] == ["Anna  Svensson", "ANNA\nsvensson"]


def test_longest_phrase_wins_and_shorter_ones_are_found_alone() -> None:
    text = "Per Olof Ek, Per Ek och Per."
    spans = find_all_occurrences(text, ["Per", "Per Olof", "Per Olof Ek", "Ek"])
    assert [text[s.start : s.end] for s in spans] == ["Per Olof Ek", "Per", "Ek", "Per"]


def test_numbers_and_punctuation_are_literal() -> None:
    text = "tel 070-123 45 67, 070x123 45 67, anna.b@x.se (anna.b@x.se)"
    spans = find_all_occurrences(text, ["070-123 45 67", "anna.b@x.se"])
    assert [text[s.start : s.end] for s in spans] == ["070-123 45 67", "anna.b@x.se", "anna.b@x.se"]


def test_no_phrases() -> None:
    assert find_all_occurrences("text", []) == []
    assert find_all_occurrences("text", ["  "]) == []
    assert find_occurrences("a b", "b") != []


_WORDS = st.sampled_from(
    ["an", "Anna", "anna", "ANNA", "Ek", "ek", "Åsa", "åsa", "070", "1-2", "x.y", "İz", "ß"]
)
_PHRASES = st.lists(st.lists(_WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=8)
_SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", "-", "", "\t", "\u00a0", "_", " \u2028"])


@settings(max_examples=300, deadline=None)
@given(_PHRASES, st.lists(st.tuples(_WORDS, _SEPARATORS), max_size=12))
def test_every_match_is_a_phrase_occurrence_and_every_place_is_found(phrases, parts) -> None:
    text = "".join(w + sep for w, sep in parts)
    spans = find_all_occurrences(text, phrases)
    plain = _plain(text, phrases)
    found = {(s.start, s.end) for s in spans}
    assert found <= plain  # nothing that is not an occurrence of some phrase
    for start, end in plain:  # every occurrence is found or lies inside a longer match found
        assert any(s <= start and end <= e for s, e in found) or any(s < end and start < e for s, e in found)
    for start, end in found:  # at a place, no longer phrase occurrence was passed over
        assert not any(s == start and e > end for s, e in plain)


@settings(max_examples=300, deadline=None)
@given(_PHRASES, st.lists(st.tuples(_WORDS, _SEPARATORS), max_size=12))
def test_phrase_by_phrase_and_trie_pattern_find_the_same(phrases, parts) -> None:
    text = "".join(w + sep for w, sep in parts)
    pattern = occurrences.phrases_pattern(phrases)
    trie = [Span(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []
    unique = list(dict.fromkeys(p for p in phrases if p.split()))
    assert occurrences._one_by_one(text, unique) == trie


def test_long_texts_take_the_trie_pattern(monkeypatch) -> None:
    text = "Per Olof Ek, Per Ek och Per."
    monkeypatch.setattr(occurrences, "ONE_BY_ONE_MAX_WORK", 0)
    spans = find_all_occurrences(text, ["Per", "Per Olof", "Per Olof Ek", "Ek"])
    assert [text[s.start : s.end] for s in spans] == ["Per Olof Ek", "Per", "Ek", "Per"]
