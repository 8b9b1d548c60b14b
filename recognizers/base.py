"""The base every Skymma pattern recognizer builds on: Presidio's PatternRecognizer, made fail-loud.

Differences from ``presidio_analyzer.PatternRecognizer`` (on purpose, for a redaction product):

- A regex timeout raises ``RecognizerFailed`` instead of logging a warning and skipping the pattern:
  a skipped pattern is a silent false negative. Any other exception inside a recognizer is wrapped
  in ``RecognizerFailed`` too, so the engine can name the recognizer that failed.
- Validation returns a score, not a bool: ``assess(value, match)`` may keep the pattern's score,
  set another one (1.0 for a checksum that holds), or drop the match (0). A pattern may report only
  part of its match through a named group ``value`` (context words stay out of the span).
- Every result carries ``validated`` and ``origin`` in its recognition metadata; the engine's overlap
  resolution prefers validated findings, and the origin ends up on the Finding.
- Scores live in ``SCORES`` (a name per score policy step) and can be overridden from
  ``recognizers/conf/recognizers.yaml``; context words come from that YAML file only.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import ClassVar

import regex
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)

logger = logging.getLogger(__name__)

DEFAULT_REGEX_TIMEOUT_SECONDS = 2.0
VALIDATED_KEY = "validated"
ORIGIN_KEY = "origin"


class RecognizerFailed(RuntimeError):
    """A recognizer could not finish on a text (regex timeout or a bug). Never swallowed."""

    def __init__(self, recognizer: str, reason: str) -> None:
        self.recognizer = recognizer
        self.reason = reason
        super().__init__(f"{recognizer}: {reason}")


class SkymmaPatternRecognizer(PatternRecognizer):
    """A Presidio pattern recognizer with scored validation and no silent failure.

    Subclasses declare ``ENTITY``, ``PATTERNS`` (``Pattern`` objects; ``Pattern.score`` is the score
    before ``assess``), ``SCORES`` and optionally ``REGEX_FLAGS`` and ``ORIGIN``, and override
    ``assess``. Constructor keywords ``context`` and ``scores`` come from the YAML configuration.
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[Sequence[Pattern]] = ()
    SCORES: ClassVar[Mapping[str, float]] = {}
    REGEX_FLAGS: ClassVar[int] = regex.VERSION1 | regex.MULTILINE
    ORIGIN: ClassVar[str] = "pattern"
    REQUIRED_CHARACTER: ClassVar[str | None] = None  # a text without it cannot match (a fast skip)
    COUNTRY_CODE = "se"

    def __init__(
        self,
        context: Sequence[str] | None = None,
        scores: Mapping[str, float] | None = None,
        regex_timeout_seconds: float = DEFAULT_REGEX_TIMEOUT_SECONDS,
        supported_language: str = "sv",
    ) -> None:
        unknown = set(scores or {}) - set(self.SCORES)
        if unknown:
            raise ValueError(f"{type(self).__name__}: unknown score names {sorted(unknown)}")
        self.scores = {**self.SCORES, **(scores or {})}
        self.regex_timeout_seconds = regex_timeout_seconds
        patterns = [Pattern(p.name, p.regex, self.scores.get(p.name, p.score)) for p in self.PATTERNS]
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            supported_language=supported_language,
            patterns=patterns,
            context=list(context or []),
            global_regex_flags=self.REGEX_FLAGS,
        )
        self._compiled = [(p, regex.compile(p.regex, flags=self.REGEX_FLAGS)) for p in self.patterns]

    def assess(self, value: str, match: regex.Match, text: str) -> float | None:
        """Score one match. ``None`` keeps the pattern's score, 0 drops the match.

        A subclass that validates (checksum, calendar, gazetteer) SHALL return its validated score
        only when the rule holds, and SHALL say so by naming the score ``validated`` in ``SCORES``.
        """
        return None

    def is_validated(self, score: float) -> bool:
        """True when ``score`` is this recognizer's validated score."""
        validated = self.scores.get("validated")
        return validated is not None and score >= validated

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """Run every pattern over ``text``; raise ``RecognizerFailed`` rather than return less."""
        if self.REQUIRED_CHARACTER is not None and self.REQUIRED_CHARACTER not in text:
            return []
        try:
            return self._analyze_patterns(text)
        except RecognizerFailed:
            raise
        except TimeoutError as e:
            raise RecognizerFailed(self.name, f"regex timed out after {self.regex_timeout_seconds}s") from e
        except Exception as e:  # a bug must not turn into a missed personnummer
            raise RecognizerFailed(self.name, f"{type(e).__name__}: {e}") from e

    def _analyze_patterns(self, text: str) -> list[RecognizerResult]:
        best: dict[tuple[int, int], RecognizerResult] = {}
        for pattern, compiled in self._compiled:
            for match in compiled.finditer(text, timeout=self.regex_timeout_seconds):
                start, end = match.span("value") if "value" in compiled.groupindex else match.span()
                if end <= start or start < 0:
                    continue
                assessed = self.assess(text[start:end], match, text)
                score = pattern.score if assessed is None else assessed
                if score <= 0:
                    continue
                result = self._result(start, end, score, pattern)
                previous = best.get((start, end))
                if previous is None or previous.score < score:
                    best[(start, end)] = result
        kept = EntityRecognizer.remove_duplicates(list(best.values()))  # drops contained, weaker results
        return sorted(kept, key=lambda r: (r.start, r.end))

    def _result(self, start: int, end: int, score: float, pattern: Pattern) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            pattern_name=pattern.name,
            pattern=pattern.regex,
            validation_result=self.is_validated(score),
            textual_explanation=f"Detected by `{self.name}` using pattern `{pattern.name}`",
        )
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                VALIDATED_KEY: self.is_validated(score),
                ORIGIN_KEY: self.ORIGIN,
            },
        )
