"""SAMORDNINGSNUMMER: coordination numbers for people not registered in Sweden (day + 60)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers.se_idnumber import ID_NUMBER_REGEX, IdKind, IdNumberRecognizer


class SeSamordningsnummerRecognizer(IdNumberRecognizer):
    """Written like a personnummer, with the day of birth plus 60 (61-91; 60 for an unknown day,
    month 00 for an unknown month). Same Luhn digit, same separators and line-break tolerance.
    """

    ENTITY = "SAMORDNINGSNUMMER"
    KIND = IdKind.SAMORDNINGSNUMMER
    PATTERNS = (Pattern("samordningsnummer", ID_NUMBER_REGEX, 0.0),)
