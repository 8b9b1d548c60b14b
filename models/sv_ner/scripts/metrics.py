"""Span metrics for redaction: exact-span P/R/F1, masked-at-all recall and leak rate, per label.

All functions take gold and predicted spans as ``(start, end, label)`` character offsets.

- exact: a prediction counts only with the same start, end and label.
- masked-at-all: a gold entity counts as masked when a prediction of the same label overlaps it
  (the reviewer sees a mask on it, even if its edges are off).
- leak rate: share of the gold entity's non-space characters that no same-label prediction covers
  (what would remain readable after burning only that label).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

Span = tuple[int, int, str]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    masked: int = 0
    gold: int = 0
    gold_chars: int = 0
    leaked_chars: int = 0


@dataclass
class Tally:
    by_label: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def add(self, text: str, gold: list[Span], pred: list[Span]) -> None:
        """Add one document's gold and predicted spans."""
        gold_set, pred_set = set(gold), set(pred)
        for span in pred_set:
            counts = self.by_label[span[2]]
            counts.tp += span in gold_set
            counts.fp += span not in gold_set
        for start, end, label in gold_set:
            counts = self.by_label[label]
            counts.gold += 1
            counts.fn += (start, end, label) not in pred_set
            same = [(s, e) for s, e, lab in pred_set if lab == label]
            counts.masked += any(s < end and start < e for s, e in same)
            chars = [i for i in range(start, end) if not text[i].isspace()]
            counts.gold_chars += len(chars)
            counts.leaked_chars += sum(not any(s <= i < e for s, e in same) for i in chars)

    def report(self) -> dict:
        """Per-label and micro-averaged figures, as fractions in [0, 1]."""
        out = {label: _figures(c) for label, c in sorted(self.by_label.items())}
        total = Counts()
        for c in self.by_label.values():
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(c, name))
        out["ALL"] = _figures(total)
        return out


def _figures(c: Counts) -> dict:
    precision = c.tp / (c.tp + c.fp) if c.tp + c.fp else 0.0
    recall = c.tp / (c.tp + c.fn) if c.tp + c.fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "masked_recall": c.masked / c.gold if c.gold else 0.0,
            "leak_rate": c.leaked_chars / c.gold_chars if c.gold_chars else 0.0,
            "gold": c.gold, "predicted": c.tp + c.fp}


def token_retention(token_counts: list[tuple[int, int]]) -> float:
    """Share of tokens left unmasked: input is ``[(tokens, tokens inside a prediction), ...]``."""
    total = sum(t for t, _ in token_counts)
    masked = sum(m for _, m in token_counts)
    return 1.0 - masked / total if total else 1.0
