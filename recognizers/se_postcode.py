"""POSTCODE: Swedish postcodes with their postal town (``645 34 STRÄNGNÄS``), from a shipped gazetteer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from recognizers import gazetteers
from recognizers.base import SkymmaPatternRecognizer

_TOWN_WORD = r"\p{Lu}[\p{L}\-]*"
POSTCODE_REGEX = (
    r"(?<![\p{L}\p{N}\-])(?:SE[\- ]?)?(?P<code>[1-9]\d{2}[ \u00a0]?\d{2})(?!\d)"
    rf"(?P<town>[ \u00a0]{{1,3}}{_TOWN_WORD}(?:[ ]{_TOWN_WORD}){{0,2}})?"
)


class SePostcodeRecognizer(SkymmaPatternRecognizer):
    """A five-digit postcode (``NNN NN``, optionally ``SE-``) and the postal town after it.

    Score policy: ``with_known_town`` when the words after the code (one to three, any case) are a
    postal town or municipality in the gazetteer; the finding then covers code and town.
    ``code_alone`` for a code whose three-digit prefix is in use but no known town follows
    (context words "postnummer", "postadress" lift it); unknown prefixes are dropped.
    """

    ENTITY = "POSTCODE"
    SCORES: ClassVar[Mapping[str, float]] = {"with_known_town": 0.9, "code_alone": 0.15}
    PATTERNS = (Pattern("postcode", POSTCODE_REGEX, 0.15),)

    def _analyze_patterns(self, text: str):
        pattern, compiled = self._compiled[0]
        results = []
        for match in compiled.finditer(text, timeout=self.regex_timeout_seconds):
            code = match.group("code").replace(" ", "").replace("\u00a0", "")
            if code[:3] not in gazetteers.postcode_prefixes():
                continue
            town_end = self._known_town_end(match)
            if town_end is not None:
                results.append(self._result(match.start(), town_end, self.scores["with_known_town"], pattern))
            else:
                end = match.end("code")
                results.append(self._result(match.start(), end, self.scores["code_alone"], pattern))
        return results

    @staticmethod
    def _known_town_end(match: regex.Match) -> int | None:
        """End offset of the longest run of words after the code that names a known town."""
        if match.group("town") is None:
            return None
        towns = gazetteers.towns()
        words = list(regex.finditer(r"\S+", match.group("town")))
        offset = match.start("town")
        for count in range(len(words), 0, -1):
            candidate = match.group("town")[words[0].start() : words[count - 1].end()]
            if candidate.casefold() in towns:
                return offset + words[count - 1].end()
        return None
