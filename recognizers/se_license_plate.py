"""LICENSE_PLATE: Swedish registration numbers (``ABC 123`` and, since 2019, ``ABC 12D``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from presidio_analyzer import Pattern

from recognizers.base import SkymmaPatternRecognizer

# Transportstyrelsen: I, Q and V are never used (nor Å, Ä, Ö); the last character of the new
# format is a letter other than O, so it cannot be read as zero.
_LETTER = "A-HJ-PR-UW-Z"
_LAST_LETTER = "A-HJ-NPR-UW-Z"
PLATE_REGEX = rf"(?<![\p{{L}}\p{{N}}\-])[{_LETTER}]{{3}}[ \-]?\d{{2}}[\d{_LAST_LETTER}](?![\p{{L}}\p{{N}}])"


class SeLicensePlateRecognizer(SkymmaPatternRecognizer):
    """Three capital letters and three digits, or two digits and a letter, with a space, a hyphen
    or nothing between (upper case only: "abc 123" is not how plates are written).

    Score policy: ``plate`` for the shape with Transportstyrelsen's letter rules; there is no check
    digit, so acronyms followed by numbers ("SFS 123") can match: context words ("bil",
    "registreringsnummer", "fordon") lift the score well over the threshold.
    """

    ENTITY = "LICENSE_PLATE"
    SCORES: ClassVar[Mapping[str, float]] = {"plate": 0.4}
    PATTERNS = (Pattern("plate", PLATE_REGEX, 0.4),)
