"""EMAIL: e-mail addresses, validated against the public suffix list bundled with tldextract."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import ClassVar

import regex
import tldextract
from presidio_analyzer import Pattern

from recognizers.base import SkymmaPatternRecognizer

_LOCAL = r"[\p{L}\p{N}!#$%&'*+/=?^_`{|}~\-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~\-]+)*"
_DOMAIN = r"(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}"
EMAIL_REGEX = rf"(?<![\p{{L}}\p{{N}}.\-_+])(?P<value>{_LOCAL}@{_DOMAIN})(?![\p{{L}}\p{{N}}\-])"


@lru_cache(maxsize=1)
def offline_suffix_extractor() -> tldextract.TLDExtract:
    """A tldextract that only ever uses the suffix list shipped inside the package.

    ``suffix_list_urls=()`` disables fetching and ``cache_dir=None`` disables the disk cache, so
    no code path opens a socket or writes a file (tldextract's default downloads on first use).
    """
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class SeEmailRecognizer(SkymmaPatternRecognizer):
    """``local@domain.tld`` with Unicode letters (``anneli.sjöberg@kommun.se``).

    Score policy: ``validated`` when the domain ends in a public suffix (``.se``, ``.com``,
    ``.gov.uk``); ``unknown_suffix`` otherwise (internal domains such as ``kommun.local``).
    """

    ENTITY = "EMAIL"
    SCORES: ClassVar[Mapping[str, float]] = {"validated": 1.0, "unknown_suffix": 0.5}
    PATTERNS = (Pattern("email", EMAIL_REGEX, 0.5),)
    REQUIRED_CHARACTER = "@"

    def assess(self, value: str, match: regex.Match, text: str) -> float | None:
        domain = value.rsplit("@", 1)[1]
        suffix = offline_suffix_extractor()(domain).suffix
        return self.scores["validated"] if suffix else self.scores["unknown_suffix"]
