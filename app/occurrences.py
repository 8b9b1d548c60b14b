"""Word-bounded, case-insensitive occurrences of phrases in a text, many phrases in one regex pass.

A phrase matches with any run of whitespace between its words. At one place the longest phrase
wins. The phrases are compiled into one pattern shaped like a trie (shared prefixes written once),
so a pass costs about the same for ten or two thousand phrases; a plain alternation of thousands of
names is tried one alternative after another at every position of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.domain.model import Span

_WHITESPACE = " "  # the trie's token for a run of whitespace between words (phrases have no spaces)
_END = ""


def find_occurrences(text: str, phrase: str) -> list[Span]:
    """Every word-bounded, case-insensitive occurrence of ``phrase``, with any whitespace between words."""
    return find_all_occurrences(text, [phrase])


def find_all_occurrences(text: str, phrases: Iterable[str]) -> list[Span]:
    """``find_occurrences`` for many phrases in one pass (longest phrase first at a place), in text order."""
    pattern = phrases_pattern(phrases)
    return [Span(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []


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
