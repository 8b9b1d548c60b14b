"""PERSONNUMMER: Swedish personal identity numbers (Skatteverket SKV 704), incl. interim numbers."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers.se_idnumber import ID_NUMBER_REGEX, IdKind, IdNumberRecognizer


class SePersonnummerRecognizer(IdNumberRecognizer):
    """``YYMMDD-NNNN``, ``YYMMDD+NNNN`` (100+), ``YYYYMMDDNNNN``, with a space, nothing or a line break
    between date and serial. Validates a real birth date (leap years, not in the future, the ``+``
    century rule) and the Luhn digit. An enskild firma's organisationsnummer is reported here.
    """

    ENTITY = "PERSONNUMMER"
    KIND = IdKind.PERSONNUMMER
    PATTERNS = (Pattern("personnummer", ID_NUMBER_REGEX, 0.0),)
