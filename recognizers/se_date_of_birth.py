"""DATE_OF_BIRTH: a date the text says is someone's birth date ("född 1968-05-29")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from recognizers.base import SkymmaPatternRecognizer
from recognizers.checksums import birth_date_ok

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = (
    r"(?P<iso>(?P<y1>(?:18|19|20)\d{2})-(?P<m1>\d{2})-(?P<d1>\d{2}))"
    r"|(?P<compact>(?P<y2>(?:18|19|20)\d{2})(?P<m2>\d{2})(?P<d2>\d{2}))"
    r"|(?P<dmy>(?P<d3>\d{1,2})[./](?P<m3>\d{1,2})[./ ](?P<y3>(?:18|19|20)\d{2}))"
    rf"|(?P<text>(?P<d4>\d{{1,2}})(?::e|:a)?[ ](?P<m4>(?i:{_MONTH_NAMES}))\.?[ ](?P<y4>(?:18|19|20)\d{{2}}))"
)
_NOT_GLUED = r"(?<![\p{L}\p{N}\-])(?:{date})(?![\p{{N}}]|-\d)"
_CUE = r"(?i:född|f\.|födelsedatum|födelsedag|födelsedagen|fdd)"
DATE_AFTER_CUE = rf"(?<={_CUE}:?[ ]{{1,3}}(?i:den[ ])?)(?P<value>{_DATE})(?![\p{{N}}]|-\d)"
ANY_DATE = rf"(?<![\p{{L}}\p{{N}}\-])(?P<value>{_DATE})(?![\p{{N}}]|-\d)"


def _date_of(match: regex.Match) -> tuple[int, int, int]:
    for suffix in "1234":
        if match.group(f"y{suffix}"):
            month = match.group(f"m{suffix}")
            month_number = MONTHS[month.lower()] if suffix == "4" else int(month)
            return int(match.group(f"y{suffix}")), month_number, int(match.group(f"d{suffix}"))
    raise ValueError("no date in match")  # unreachable: every alternative has a year


class SeDateOfBirthRecognizer(SkymmaPatternRecognizer):
    """Dates as ``1968-05-29``, ``19680529``, ``29.5.1968``, ``29/5 1968`` or ``29 maj 1968``.

    Score policy: ``after_cue`` when "född", "f.", "födelsedatum" or "födelsedag" stands right
    before the date; ``any_date`` for other real dates (not proposed unless context words within
    five words lift it: most dates in documents are not birth dates). Impossible or future dates
    are dropped.
    """

    ENTITY = "DATE_OF_BIRTH"
    SCORES: ClassVar[Mapping[str, float]] = {"after_cue": 0.85, "any_date": 0.1}
    PATTERNS = (Pattern("after_cue", DATE_AFTER_CUE, 0.85), Pattern("any_date", ANY_DATE, 0.1))
    REGEX_FLAGS = regex.VERSION1 | regex.MULTILINE
    today: dt.date | None = None

    def assess(self, value: str, match: regex.Match, text: str) -> float | None:
        year, month, day = _date_of(match)
        return None if birth_date_ok(year, month, day, self.today or dt.date.today()) else 0.0
