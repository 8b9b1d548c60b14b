"""PHONE: Swedish fixed and mobile numbers in the ways people write them, validated by phonenumbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import phonenumbers
import regex
from presidio_analyzer import Pattern, RecognizerResult

from recognizers.base import SkymmaPatternRecognizer

_PREFIX = (
    r"\+46[ \u00a0]?(?:\(0\)[ \u00a0]?)?"  # +46 8 ..., +46(0)8 ..., +46 (0)70 ...
    r"|0046[ \u00a0]?(?:\(0\)[ \u00a0]?)?"  # 0046 70 ...
    r"|\(0\d{1,3}\)[ \u00a0]?"  # (08) 123 45 67
    r"|0"  # 08-..., 070-..., 0701-...
)
_GROUP_SEPARATOR = r"(?:[ \u00a0]?[-\u2010\u2011\u2013\u2212/][ \u00a0]?|[ \u00a0])"
# A chain of digit groups; the recognizer keeps the longest prefix of groups that is a valid number.
PHONE_CHAIN_REGEX = (
    rf"(?<![\d+\-\u2013/.])(?P<prefix>{_PREFIX})"
    rf"(?P<rest>\d{{1,9}}(?:{_GROUP_SEPARATOR}\d{{1,8}}){{0,6}})(?!\d)"
)
_DIGIT_GROUP = regex.compile(r"\d+")


class SePhoneRecognizer(SkymmaPatternRecognizer):
    """Numbers starting with ``0``, ``+46`` or ``0046`` (``08-123 456 78``, ``070-812 33 09``,
    ``0701-23 45 67``, ``073 622 10 45``, ``+46 76 201 88 45``, ``+46(0)8-123 456 78``, ``(08) 123 45 67``).

    The regex finds a chain of digit groups; the longest leading part of the chain that
    ``phonenumbers`` (region SE) accepts as a valid number is reported, so two numbers written one
    after the other come out as two findings. Score policy: ``valid_number`` when phonenumbers
    says the number is valid; chains that are not valid numbers are dropped.
    """

    ENTITY = "PHONE"
    SCORES: ClassVar[Mapping[str, float]] = {"valid_number": 0.7}
    PATTERNS = (Pattern("valid_number", PHONE_CHAIN_REGEX, 0.7),)

    def _analyze_patterns(self, text: str) -> list[RecognizerResult]:
        pattern, compiled = self._compiled[0]
        results = []
        position = 0
        while True:
            match = compiled.search(text, position, timeout=self.regex_timeout_seconds)
            if match is None:
                return results
            end = self._longest_valid_end(match)
            if end is None:
                position = match.end("prefix")
                continue
            results.append(self._result(match.start(), end, self.scores["valid_number"], pattern))
            position = end

    @staticmethod
    def _longest_valid_end(match: regex.Match) -> int | None:
        """End offset of the longest run of leading digit groups that is a valid Swedish number."""
        prefix = match.group("prefix")
        international = prefix.startswith(("+46", "0046"))
        lead = "+46" if international else "".join(ch for ch in prefix if ch.isdigit())
        groups = list(_DIGIT_GROUP.finditer(match.group("rest")))
        rest_start = match.start("rest")
        for count in range(len(groups), 0, -1):
            digits = "".join(g.group() for g in groups[:count])
            candidate = lead + digits
            if len(candidate.lstrip("+")) < 7:
                return None
            try:
                number = phonenumbers.parse(candidate, "SE")
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.region_code_for_number(number) == "SE" and phonenumbers.is_valid_number(number):
                return rest_start + groups[count - 1].end()
        return None
