"""ORGANISATIONSNUMMER: numbers of legal entities, and the VAT numbers built on them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from recognizers.se_idnumber import ID_NUMBER_REGEX, IdKind, IdNumberRecognizer


class SeOrganisationsnummerRecognizer(IdNumberRecognizer):
    """``NNNNNN-NNNN`` whose third digit is 2 or more (never a date), with a group digit in
    1-3, 5-9 and a Luhn check digit; also the twelve-digit form with ``16`` in front and the VAT
    number ``SE NNNNNNNNNN 01``. Numbers with a real date are personnummer (enskild firma) and are
    left to ``SePersonnummerRecognizer``.
    """

    ENTITY = "ORGANISATIONSNUMMER"
    KIND = IdKind.ORGANISATIONSNUMMER
    SCORES: ClassVar[Mapping[str, float]] = {"validated": 1.0, "checksum_failed": 0.1}
    PATTERNS = (
        Pattern("organisationsnummer", ID_NUMBER_REGEX, 0.0),
        Pattern("momsregistreringsnummer", r"(?<![\w])SE[ ]?(?P<digits>\d{10})[ ]?01(?!\d)", 0.0),
    )

    def assess(self, value: str, match: regex.Match, text: str) -> float | None:
        if "digits" in match.re.groupindex and match.group("digits"):
            return super().assess(match.group("digits"), match, text)
        return super().assess(value, match, text)
