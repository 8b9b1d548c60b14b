"""Check digits and date rules behind Swedish identifiers. Pure functions over digit strings.

Sources of the rules:
- Luhn (mod 10): personnummer, samordningsnummer, organisationsnummer, bankgiro, plusgiro
  (Skatteverket SKV 704; Bankgirot).
- Mod 11 with weights 1, 2, ..., 10, 1 counted from the right: bank account numbers of type 1
  and Handelsbanken's type 2 (Bankgirot, "Bankernas kontonummer").
- ISO 13616 mod 97: IBAN.
"""

from __future__ import annotations

import calendar
import datetime as dt

_LUHN_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_valid(digits: str) -> bool:
    """True when ``digits`` (only 0-9, at least two) ends in a correct Luhn check digit."""
    if len(digits) < 2 or not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        total += _LUHN_DOUBLED[value] if position % 2 else value
    return total % 10 == 0


def luhn_check_digit(payload: str) -> str:
    """The Luhn check digit that makes ``payload + digit`` valid."""
    for candidate in "0123456789":
        if luhn_valid(payload + candidate):
            return candidate
    raise ValueError(f"no Luhn digit for {payload!r}")  # unreachable for digit payloads


def mod11_valid(digits: str) -> bool:
    """Bankgirot's modulus 11: weights 1, 2, ..., 10, 1, ... from the right; sum divisible by 11."""
    if not digits.isdigit():
        return False
    total = sum((ord(char) - 48) * ((i % 10) + 1) for i, char in enumerate(reversed(digits)))
    return total % 11 == 0


def iban_valid(iban: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to 10..35, value mod 97 == 1."""
    compact = "".join(iban.split()).upper()
    if len(compact) < 5 or not compact.isalnum() or not compact[:2].isalpha():
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(char, 36)) for char in rearranged)
    return int(numeric) % 97 == 1


def real_date(year: int, month: int, day: int) -> bool:
    """True for a date that exists in the Gregorian calendar (leap years included)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year, month)[1]


def full_year(yy: int, plus: bool, today: dt.date) -> int:
    """The four-digit birth year of a ten-digit personnummer.

    Skatteverket's rule: the separator is ``-`` while the person is under 100 and ``+`` from the
    year they turn 100, so the century is the latest one that puts the year at or before today's
    year (``-``), or at least 100 years back (``+``).
    """
    year = today.year - (today.year - yy) % 100
    if plus:
        year -= 100
    return year


def birth_date_ok(year: int, month: int, day: int, today: dt.date) -> bool:
    """A plausible birth date: it exists, lies after 1850 and not in the future."""
    if not real_date(year, month, day):
        return False
    return year >= 1850 and dt.date(year, month, day) <= today


def samordning_date_ok(year: int, month: int, day: int, today: dt.date) -> bool:
    """A samordningsnummer's date: day + 60; month or day may be 00 when unknown (Skatteverket)."""
    real_day = day - 60
    if not 0 <= real_day <= 31 or not 0 <= month <= 12 or not 1850 <= year <= today.year:
        return False
    if month == 0 or real_day == 0:
        return True
    return birth_date_ok(year, month, real_day, today)
