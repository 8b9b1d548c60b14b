"""Propagation: once a datum is found in a document, propose every other mention of it too.

Two rules (issue 3):
- Exact datum: every other occurrence of any found datum (case-insensitive, diacritics folded,
  word-bounded, any whitespace between words), so "accept all" masks every copy.
- Person mentions: for each person found, also the parts of the name (first name alone, surname
  alone, each half of a hyphenated name), with a genitive -s ("Svenssons", "Anna's"), in any case,
  and e-mail local parts built from first name and surname ("anneli.sjoberg", "anneli_sjoberg").
  Parts that are also common words ("Per", "Bo", "Berg"), and words that are not known names
  ("Security" of "Product Security Team"), are only taken when capitalised. A person the NER model
  proposed without any known name in it ("Bankgiro") is not propagated at all: propagation would
  turn one mistake into a thousand.

Matching runs on a folded copy of each segment's normalised text (lower case, diacritics removed,
one character per character), so offsets carry over unchanged and map back to the raw text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from app.analysis.candidate import Candidate
from app.analysis.normalize import NormalizedText, normalize
from app.analysis.person_shape import has_known_name, is_known_name
from app.domain.model import EntityType, Origin
from recognizers import gazetteers

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_EMAIL_JOINERS = (".", "_", "-")
PART_SCORE_FACTOR = 0.9


class _FoldTable(dict):
    """str.translate table: each character to its lower-case base letter (length-preserving)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[:1] or char
        lower = base.lower()
        folded = lower if len(lower) == 1 else char.lower()[:1] or char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, diacritic-free copy of ``text`` with exactly one character per character."""
    return text.translate(_FOLD)


@dataclass(frozen=True, slots=True)
class SegmentText:
    """A segment's normalised text, where it starts in the document and what surface it is."""

    start: int
    where: str
    norm: NormalizedText

    @property
    def folded(self) -> str:
        return fold(self.norm.text)


@dataclass(frozen=True, slots=True)
class _Needle:
    entity: EntityType
    score: float
    recognizer: str
    capitalised_only: bool


def propagate(
    segments: Sequence[SegmentText], seeds: Sequence[Candidate], doc_text: str, threshold: float
) -> list[Candidate]:
    """Candidates (origin PROPAGATION) for every other mention of the seeds in ``segments``."""
    needles = _needles(seeds, doc_text, threshold)
    by_first_word: dict[str, list[tuple[list[str], list[str], _Needle]]] = {}
    for key, needle in needles.items():
        words, gaps = _split(key)
        if words:
            by_first_word.setdefault(words[0], []).append((words, gaps, needle))
            if len(words) == 1:  # genitive of a one-word needle: "Sjöbergs"
                by_first_word.setdefault(words[0] + "s", []).append((words, gaps, needle))
    found = []
    for segment in segments if by_first_word else ():
        folded = segment.folded
        tokens = list(_WORD.finditer(folded))
        for index, token in enumerate(tokens):
            for words, gaps, needle in by_first_word.get(token.group(), ()):
                end = _match_at(folded, tokens, index, words, gaps)
                if end is None or (
                    needle.capitalised_only and not segment.norm.text[token.start()].isupper()
                ):
                    continue
                found.append(_candidate(segment, token.start(), end, needle))
    return found


def _candidate(segment: SegmentText, start: int, end: int, needle: _Needle) -> Candidate:
    raw_start, raw_end = segment.norm.to_raw(start, end)
    return Candidate(
        start=segment.start + raw_start,
        end=segment.start + raw_end,
        entity=needle.entity,
        score=needle.score,
        recognizer=f"Propagation({needle.recognizer})",
        origin=Origin.PROPAGATION,
        where=segment.where,
    )


def _split(key: str) -> tuple[list[str], list[str]]:
    """A needle's words and the separators between them (any whitespace becomes " ")."""
    words = [m.group() for m in _WORD.finditer(key)]
    pieces = _WORD.split(key)
    gaps = [" " if piece.isspace() else piece for piece in pieces[1:-1]]
    return words, gaps


def _match_at(
    folded: str, tokens: list[regex.Match], index: int, words: list[str], gaps: list[str]
) -> int | None:
    """End offset when the needle's words start at ``tokens[index]`` (genitive -s allowed), else None."""
    if index + len(words) > len(tokens):
        return None
    last = len(words) - 1
    for offset, word in enumerate(words):
        token = tokens[index + offset]
        if offset:
            gap = folded[tokens[index + offset - 1].end() : token.start()]
            expected = gaps[offset - 1]
            if not (gap == expected or (expected == " " and gap.isspace())):
                return None
        if token.group() != word and not (offset == last and token.group() == word + "s"):
            return None
    end = tokens[index + last].end()
    if index + last + 1 < len(tokens):
        follower = tokens[index + last + 1]
        if follower.group() == "s" and folded[end : follower.start()] in ("'", "\u2019", ":"):
            end = follower.end()  # "Anna's", "Anna:s"
    return end


def _needles(seeds: Sequence[Candidate], doc_text: str, threshold: float) -> dict[str, _Needle]:
    """Folded search strings -> what a match means. Stronger seeds win a shared string."""
    needles: dict[str, _Needle] = {}

    def put(key: str, needle: _Needle) -> None:
        if len(key) >= 2 and (key not in needles or needles[key].score < needle.score):
            needles[key] = needle

    for seed in sorted(seeds, key=lambda s: s.score):
        text = " ".join(normalize(doc_text[seed.start : seed.end]).text.split())
        if _unsure_model_person(seed, text):
            continue
        if len(text) < 3 and seed.entity is not EntityType.PERSON:
            continue
        common_word = seed.entity is EntityType.PERSON and (
            text.casefold() in gazetteers.name_words() or not has_known_name(text)
        )
        put(fold(text), _Needle(seed.entity, seed.score, seed.recognizer, common_word))
        if seed.entity is EntityType.PERSON and " " in text:
            part_score = max(threshold, round(seed.score * PART_SCORE_FACTOR, 3))
            for key, capitalised_only in _name_parts(text):
                put(key, _Needle(EntityType.PERSON, part_score, seed.recognizer, capitalised_only))
    return needles


def _unsure_model_person(seed: Candidate, text: str) -> bool:
    """A person the model proposed in which no word is a known name ("Bankgiro", "Handlingarna"):
    proposed where it stands, never spread to the rest of the document."""
    return seed.origin is Origin.NER and seed.entity is EntityType.PERSON and not has_known_name(text)


def _name_parts(name: str) -> list[tuple[str, bool]]:
    """(folded part, capitalised only) for the searchable parts of a person's name."""
    words = [w.strip(",.;:") for w in name.split()]
    words = [w for w in words if len(w) >= 2 and not w.islower()]  # skip particles: von, af, de
    if len(words) >= 2 and words[-1].endswith("s") and not words[-1].endswith("ss") and len(words[-1]) > 4:
        words.append(words[-1][:-1])  # the seed itself was a genitive: "Robert Wengléns"
    parts: list[tuple[str, bool]] = []
    common = gazetteers.name_words()
    for word in words:
        pieces = [word, *word.split("-")] if "-" in word else [word]
        for piece in pieces:
            if len(piece) >= 2:
                unsure = piece.casefold() in common or len(piece) < 3 or not is_known_name(piece)
                parts.append((fold(piece), unsure))
    if len(words) >= 2:
        first, last = fold(words[0]), fold(words[-1])
        for joiner in _EMAIL_JOINERS:
            parts.append((f"{first}{joiner}{last}", False))
    return parts
