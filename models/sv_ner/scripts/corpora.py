"""Readers for the NER corpora in shared/data, returning plain text with character-offset spans.

Every reader yields ``Example(text, spans)`` with ``spans = [(start, end, label), ...]`` over the
labels PER, LOC and ORG. Other labels (MISC, TME, MSR, ...) become outside. Sentences carrying
SUC's mixed tags (LOCPRS, ORGPRS, ...) are skipped and counted, because their type is undecided.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LABELS = ("PER", "LOC", "ORG")
NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "”", "'", "»"}
NO_SPACE_AFTER = {"(", "[", "{", "“", "«"}
SOFT_HYPHEN = "\u00ad"


@dataclass
class Example:
    text: str
    spans: list[tuple[int, int, str]]


@dataclass
class ReadStats:
    sentences: int = 0
    skipped_mixed_tags: int = 0
    spans: dict[str, int] = field(default_factory=dict)


def detokenize(tokens: list[str], tags: list[str], scheme: str, labels: tuple[str, ...] = LABELS) -> Example:
    """Join tokens into text with ordinary spacing and turn IO/IOB2 tags into char spans."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    for i, token in enumerate(tokens):
        if i and token not in NO_SPACE_BEFORE and tokens[i - 1] not in NO_SPACE_AFTER:
            parts.append(" ")
            length += 1
        offsets.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
    return Example("".join(parts), _tags_to_spans(tags, offsets, scheme, labels))


def _tags_to_spans(tags: list[str], offsets: list[tuple[int, int]], scheme: str, labels: tuple) -> list:
    spans: list[tuple[int, int, str]] = []
    current: list | None = None
    for tag, (start, end) in zip(tags, offsets, strict=True):
        prefix, _, label = tag.partition("-") if scheme == "iob2" else ("I", "", tag)
        if label not in labels:
            current = None
            continue
        if current and current[2] == label and prefix == "I":
            current[1] = end
        else:
            current = [start, end, label]
            spans.append(current)  # type: ignore[arg-type]
    return [tuple(s) for s in spans]  # type: ignore[misc]


def _clean(tokens: list[str], tags: list[str]) -> tuple[list[str], list[str]]:
    """Drop soft hyphens (U+00AD) inside tokens, and tokens that were only soft hyphens."""
    pairs = [(t.replace(SOFT_HYPHEN, ""), g) for t, g in zip(tokens, tags, strict=True)]
    pairs = [(t, g) for t, g in pairs if t.strip()]
    return [t for t, _ in pairs], [g for _, g in pairs]


def _count(stats: ReadStats, example: Example) -> None:
    stats.sentences += 1
    for _, _, label in example.spans:
        stats.spans[label] = stats.spans.get(label, 0) + 1


def read_klintan(path: Path, stats: ReadStats, labels: tuple[str, ...] = LABELS) -> Iterator[Example]:
    """Klintberg's corpus: ``token<whitespace>tag`` lines (tabs or spaces), IO tags, ``0`` = outside.

    A line with a single column (a known defect: ``bn`` in train) is skipped.
    """
    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        cols = line.strip().rsplit(None, 1)
        if len(cols) == 2:
            tokens.append(cols[0])
            tags.append("O" if cols[1] == "0" else cols[1])
        elif not line.strip() and tokens:
            example = detokenize(*_clean(tokens, tags), scheme="io", labels=labels)
            _count(stats, example)
            yield example
            tokens, tags = [], []


def read_suc(path: Path, stats: ReadStats) -> Iterator[Example]:
    """KBLab's SUC 3.0 NER JSON lines (IO tags). Sentences with mixed tags are skipped and counted."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            tags = record["ner_tags"]
            if any(t not in LABELS and t != "O" and len(t) > 3 for t in tags):
                stats.skipped_mixed_tags += 1
                continue
            example = detokenize(*_clean(record["tokens"], tags), scheme="io")
            _count(stats, example)
            yield example


def read_iob2(path: Path, stats: ReadStats) -> Iterator[Example]:
    """Universal NER files: ``# comments``, then ``idx<TAB>token<TAB>IOB2-tag<TAB>...`` lines."""
    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if line.strip() and len(cols) >= 3:
            tokens.append(cols[1])
            tags.append(cols[2])
        elif not line.strip() and tokens:
            example = detokenize(*_clean(tokens, tags), scheme="iob2")
            _count(stats, example)
            yield example
            tokens, tags = [], []
