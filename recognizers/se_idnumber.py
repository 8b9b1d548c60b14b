"""The shared shape of personnummer, samordningsnummer and organisationsnummer, and how to tell them apart.

All three are ten digits ``NNNNNN-NNNN`` with a Luhn check digit (personnummer and samordningsnummer
may also be written with a four-digit year). What tells them apart is the middle pair and the day:

- personnummer: a real birth date ``YYMMDD``;
- samordningsnummer: the day plus 60 (61-91; Skatteverket also issues 00 for an unknown month and
  60 for an unknown day);
- organisationsnummer: the "month" is 20 or more (third digit >= 2), so it is never a date; the first
  digit is the group (1 dödsbon, 2 stat/kommun/region, 3 utländska, 5 aktiebolag, 6 enkla bolag,
  7 ekonomiska föreningar, 8 ideella föreningar/stiftelser, 9 handels-/kommanditbolag).

An enskild firma has its owner's personnummer as organisationsnummer: it parses as a personnummer
and is reported as one, whatever the context calls it.

Interim numbers (``YYMMDD-T220``: a letter in the first serial position, used in health care
before a personnummer is issued) identify a person and are reported as personnummer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar

import regex

from recognizers.base import SkymmaPatternRecognizer
from recognizers.checksums import birth_date_ok, full_year, luhn_valid, samordning_date_ok

INTERIM_LETTERS = "TRSUWXJKLMN"
_DASHES = "-\u2010\u2011\u2012\u2013\u2212"  # PDFs set hyphen-minus, hyphen, en dash or minus
_LINE_BREAK = r"[ \t]*\r?\n[ \t]*"

# The separator between date and serial: a dash, ``+`` (aged 100 or more), either with a space
# around it, one space, nothing, or a line break (with the dash at the end of the first line or at
# the start of the next).
SEPARATOR = rf"(?:[{_DASHES}+]?{_LINE_BREAK}[{_DASHES}+]?|[ ]?[{_DASHES}+][ ]?|[ \u00a0]|)"
_SERIAL = rf"(?:\d|[{INTERIM_LETTERS}])\d{{3}}"

# Ten or twelve digits, not glued to other digits. Letters may touch the number ("pnr850514-1234").
ID_NUMBER_REGEX = rf"(?<!\d)(?<!\d[{_DASHES}+/])(?:(?:16|18|19|20)\d{{6}}|\d{{6}}){SEPARATOR}{_SERIAL}(?!\d)"


class IdKind(Enum):
    PERSONNUMMER = "PERSONNUMMER"
    SAMORDNINGSNUMMER = "SAMORDNINGSNUMMER"
    ORGANISATIONSNUMMER = "ORGANISATIONSNUMMER"


@dataclass(frozen=True, slots=True)
class IdNumber:
    """A ten- or twelve-digit Swedish identity number split into its parts."""

    century: str  # "19", "20", "18" or "" (ten-digit form)
    date6: str  # YYMMDD (or the organisationsnummer's first six digits)
    separator: str  # "-", "+", " ", "" or "\n" (any line break)
    serial: str  # three digits (or an interim letter and two digits)
    check: str  # the Luhn check digit

    @property
    def ten(self) -> str:
        """The ten digits the Luhn check runs over (an interim letter counts as 1)."""
        serial = self.serial
        if serial[0] in INTERIM_LETTERS:
            serial = "1" + serial[1:]
        return self.date6 + serial + self.check

    @property
    def is_interim(self) -> bool:
        return self.serial[0] in INTERIM_LETTERS


def parse_id_number(text: str) -> IdNumber | None:
    """Split a matched number into parts; None when it is not 10 or 12 characters of digits."""
    compact = "".join(ch for ch in text if ch.isalnum())
    separator = ""
    if "\n" in text:
        separator = "\n"
    elif "+" in text:
        separator = "+"
    elif any(d in text for d in _DASHES):
        separator = "-"
    elif " " in text or "\u00a0" in text:
        separator = " "
    if len(compact) == 12:
        century, rest = compact[:2], compact[2:]
    elif len(compact) == 10:
        century, rest = "", compact
    else:
        return None
    if not rest[:6].isdigit() or not rest[7:].isdigit():
        return None
    return IdNumber(century, rest[:6], separator, rest[6:9], rest[9])


def _years(number: IdNumber, today: dt.date) -> list[int]:
    """Candidate birth years: the written century, or the one the separator implies.

    Without a separator, or with ``-`` (often written by mistake for people over 100), both
    centuries are tried, so a real number is never lost to the century rule; ``+`` means 100+.
    """
    yy = int(number.date6[:2])
    if number.century:
        return [int(number.century) * 100 + yy]
    recent = full_year(yy, plus=False, today=today)
    if number.separator == "+":
        return [recent - 100]
    return [recent, recent - 100]


def classify(number: IdNumber, today: dt.date | None = None) -> IdKind | None:
    """Which kind of number this is by its date part alone (no checksum), or None."""
    today = today or dt.date.today()
    month, day = int(number.date6[2:4]), int(number.date6[4:6])
    if month >= 20:
        if number.century in ("", "16") and number.date6[0] in "1235789" and not number.is_interim:
            return IdKind.ORGANISATIONSNUMMER
        return None
    years = _years(number, today)
    if day >= 60 and not number.is_interim:
        if any(samordning_date_ok(year, month, day, today) for year in years):
            return IdKind.SAMORDNINGSNUMMER
        return None
    if any(birth_date_ok(year, month, day, today) for year in years):
        return IdKind.PERSONNUMMER
    return None


def checksum_ok(number: IdNumber) -> bool:
    """The Luhn check over the ten-digit form."""
    return luhn_valid(number.ten)


def identify(text: str, today: dt.date | None = None) -> tuple[IdKind | None, bool]:
    """(kind by date part, number valid) for a matched candidate; (None, False) if unparsable.

    Valid means the Luhn digit holds and, for people, the serial is not 000 (never issued).
    """
    number = parse_id_number(text)
    if number is None:
        return None, False
    kind = classify(number, today)
    if kind is None:
        return None, False
    serial_issued = kind is IdKind.ORGANISATIONSNUMMER or number.serial != "000"
    return kind, serial_issued and checksum_ok(number)


class IdNumberRecognizer(SkymmaPatternRecognizer):
    """Shared recognizer logic: one regex for the whole family, a kind per subclass.

    Score policy: ``validated`` when the date part fits the subclass's kind and the Luhn digit
    holds; ``checksum_failed`` (below the default threshold, raised over it by context words such
    as "personnummer") when only the check digit is wrong, because a mistyped personnummer in a
    document still identifies a person; dropped when the date part belongs to another kind.
    """

    KIND: ClassVar[IdKind]
    SCORES: ClassVar[Mapping[str, float]] = {"validated": 1.0, "checksum_failed": 0.25}
    today: dt.date | None = None  # fixed in tests; None means the current date

    def assess(self, value: str, match: regex.Match, text: str) -> float | None:
        kind, checksum = identify(value, self.today)
        if kind is not self.KIND:
            return 0.0
        return self.scores["validated"] if checksum else self.scores["checksum_failed"]
