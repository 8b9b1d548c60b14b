"""Helpers for recognizer tests: run one recognizer and read its results as plain tuples."""

from __future__ import annotations

import json
from pathlib import Path

from recognizers.base import SkymmaPatternRecognizer

THRESHOLD = 0.4  # Settings.score_threshold's default: "found" means proposed to a reviewer
DATA = Path(__file__).resolve().parent.parent / "data"


def found(recognizer: SkymmaPatternRecognizer, text: str, threshold: float = THRESHOLD) -> list[str]:
    """The matched texts at or above the threshold, in order."""
    return [
        text[r.start : r.end] for r in recognizer.analyze(text, [recognizer.ENTITY]) if r.score >= threshold
    ]


def spans(
    recognizer: SkymmaPatternRecognizer, text: str, threshold: float = THRESHOLD
) -> list[tuple[int, int]]:
    return [(r.start, r.end) for r in recognizer.analyze(text, [recognizer.ENTITY]) if r.score >= threshold]


def best_score(recognizer: SkymmaPatternRecognizer, text: str) -> float:
    """The highest score of any result (0 when nothing matched)."""
    return max((r.score for r in recognizer.analyze(text, [recognizer.ENTITY])), default=0.0)


def load_json(*parts: str):
    return json.loads(DATA.joinpath(*parts).read_text(encoding="utf-8"))
