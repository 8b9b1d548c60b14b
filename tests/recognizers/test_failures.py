"""A recognizer that cannot finish must say so, never return fewer findings."""

import pytest
from presidio_analyzer import Pattern

from recognizers import RecognizerFailed, SkymmaPatternRecognizer


class CatastrophicRecognizer(SkymmaPatternRecognizer):
    ENTITY = "OTHER"
    PATTERNS = (Pattern("backtracking", r"(a|aa)+$", 0.5),)


class BrokenRecognizer(SkymmaPatternRecognizer):
    ENTITY = "OTHER"
    PATTERNS = (Pattern("any", r"\w+", 0.5),)

    def assess(self, value, match, text):
        raise KeyError("bug")


def test_regex_timeout_raises_instead_of_skipping():
    recognizer = CatastrophicRecognizer(regex_timeout_seconds=0.01)
    with pytest.raises(RecognizerFailed, match="timed out"):
        recognizer.analyze("a" * 40 + "!", ["OTHER"])


def test_a_bug_is_reported_with_the_recognizer_name():
    with pytest.raises(RecognizerFailed, match="BrokenRecognizer"):
        BrokenRecognizer().analyze("text", ["OTHER"])


def test_unknown_score_override_is_refused():
    with pytest.raises(ValueError, match="unknown score"):
        BrokenRecognizer(scores={"nope": 1.0})
