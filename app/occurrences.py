"""Word-bounded, case-insensitive occurrences of phrases in a text (masked texts' other copies,
a reviewer's "mask every occurrence").

A phrase matches with any run of whitespace between its words. At one place the longest phrase
wins. A long text is searched in one pass of a pattern shaped like a trie (shared prefixes written
once), which costs about the same for ten or two thousand phrases, where a plain alternation of
thousands of names is tried one alternative after another at every position. A short text is
searched phrase by phrase with plain string search, compiling nothing. Both give the same spans.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from app.domain.model import Span

ONE_BY_ONE_MAX_WORK = 2_000_000  # characters x phrases up to which phrases are searched one by one
_WHITESPACE = " "  # the trie's token for a run of whitespace between words (phrases have no spaces)
_END = ""


def find_occurrences(text: str, phrase: str) -> list[Span]:
    """Every word-bounded, case-insensitive occurrence of ``phrase``, with any whitespace between words."""
    return find_all_occurrences(text, [phrase])


def find_all_occurrences(text: str, phrases: Iterable[str]) -> list[Span]:
    """``find_occurrences`` for many phrases (longest phrase first at a place), in text order.

    A short text (an e-mail) is searched phrase by phrase with patterns compiled once per process:
    compiling a trie pattern for each message would cost more than the search. A long one (a
    document of many pages) is searched in one pass of a trie pattern. Both give the same spans.
    """
    unique = list(dict.fromkeys(p for p in phrases if p.split()))
    if len(text) * len(unique) <= ONE_BY_ONE_MAX_WORK:
        return _one_by_one(text, unique)
    pattern = phrases_pattern(unique)
    return [Span(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []


def _one_by_one(text: str, phrases: list[str]) -> list[Span]:
    """Every occurrence of every phrase (overlapping ones too), then left to right the longest at
    each place and nothing that overlaps it: what one pass of the trie pattern finds."""
    lower = text.lower()
    if len(lower) == len(text):  # offsets agree: plain string search, nothing to compile
        places = [place for phrase in phrases for place in _places(text, lower, phrase.lower().split())]
    else:
        places = [(m.start(), m.end(1)) for phrase in phrases for m in _phrase_pattern(phrase).finditer(text)]
    places.sort(key=lambda place: (place[0], -place[1]))
    spans: list[Span] = []
    for start, end in places:
        if not spans or start >= spans[-1].end:
            spans.append(Span(start, end))
    return spans


def _places(text: str, lower: str, words: list[str]) -> Iterator[tuple[int, int]]:
    """Word-bounded occurrences of ``words`` (lower case) separated by whitespace runs, found in
    ``lower`` (``text`` lower-cased, same length); boundaries and whitespace judged as ``re`` does."""
    first = words[0]
    pos = lower.find(first)
    while pos >= 0:
        if pos == 0 or not _is_word_char(text[pos - 1]):
            end = pos + len(first)
            for word in words[1:]:
                gap = end
                while gap < len(text) and text[gap].isspace():
                    gap += 1
                if gap == end or not lower.startswith(word, gap):
                    break
                end = gap + len(word)
            else:
                if end == len(text) or not _is_word_char(text[end]):
                    yield pos, end
        pos = lower.find(first, pos + 1)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what ``\w`` matches


@functools.lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(r"(?<!\w)(?=(" + body + r")(?!\w))", re.IGNORECASE)


def phrases_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One compiled pattern for ``phrases`` (None when there is no phrase with a word in it)."""
    trie: dict = {}
    for phrase in phrases:
        words = phrase.split()
        if not words:
            continue
        node = trie
        for token in _tokens(words):
            node = node.setdefault(token, {})
        node[_END] = {}
    if not trie:
        return None
    return re.compile(r"(?<!\w)" + _alternatives(trie) + r"(?!\w)", re.IGNORECASE)


def _tokens(words: list[str]) -> Iterable[str]:
    for i, word in enumerate(words):
        if i:
            yield _WHITESPACE
        for char in word:
            lower = char.lower()  # one trie branch per letter whatever its case (IGNORECASE matches both)
            yield lower if len(lower) == 1 else char


def _alternatives(node: dict) -> str:
    """The regex for everything below ``node``: chains of single children are written out without
    recursion; an optional group where a phrase ends and a longer one goes on (greedy: longest first)."""
    branches = []
    for token, child in node.items():
        if token == _END:
            continue
        chain = [_token_regex(token)]
        while len(child) == 1 and _END not in child:
            ((token, child),) = child.items()
            chain.append(_token_regex(token))
        rest = _alternatives(child) if child.keys() - {_END} else ""
        branches.append("".join(chain) + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return "(?:" + body + ")?"
    return body


def _token_regex(token: str) -> str:
    return r"\s+" if token == _WHITESPACE else re.escape(token)
