"""IP_ADDRESS: IPv4 and IPv6 addresses (personal data under GDPR when they point to a subscriber)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from recognizers.base import SkymmaPatternRecognizer

_IPV4 = r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)"
_IPV6 = r"(?<![\w:])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:)[0-9A-Fa-f:]{2,39}(?:%\w+)?(?![\w:])"


class IpAddressRecognizer(SkymmaPatternRecognizer):
    """Dotted IPv4 and colon-separated IPv6, each confirmed by ``ipaddress``.

    Score policy: ``validated`` for a parsable address (version-number lookalikes such as
    ``1.2.3.4`` score the same: context cannot tell them apart cheaply); invalid ones are dropped.
    """

    ENTITY = "IP_ADDRESS"
    COUNTRY_CODE = None
    SCORES: ClassVar[Mapping[str, float]] = {"validated": 0.6}
    PATTERNS = (Pattern("ipv4", _IPV4, 0.6), Pattern("ipv6", _IPV6, 0.6))

    def is_validated(self, score: float) -> bool:
        return score > 0

    def assess(self, value: str, match: regex.Match, text: str) -> float | None:
        try:
            ipaddress.ip_address(value.split("%", 1)[0])
        except ValueError:
            return 0.0
        return self.scores["validated"]
