"""STREET_ADDRESS: Swedish street addresses, box addresses, c/o lines and apartment numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import regex
from presidio_analyzer import Pattern

from recognizers.base import SkymmaPatternRecognizer

# Endings of compound street names ("Storgatan", "Kvarngränd") that are rarely anything else.
STRONG_SUFFIXES = (
    "gatan", "vägen", "gränd", "gränden", "stigen", "backen", "allén", "torget", "gången", "slingan",
    "kajen", "promenaden", "esplanaden", "leden", "plan", "platsen", "stråket", "svängen", "kroken",
)  # fmt: skip
# Endings that are also ordinary words ("-ringen", "-parken", "-höjden"): need a house number.
WEAK_SUFFIXES = (
    "gata", "väg", "torg", "allé", "backe", "parken", "höjden", "liden", "ringen", "stranden", "udden",
    "hagen", "ängen", "lyckan", "raden", "brinken", "branten", "kullen", "vik", "viken", "bron", "dal",
)  # fmt: skip
_MODIFIERS = (
    r"(?:Norra|Södra|Östra|Västra|Stora|Lilla|Gamla|Nya|Sankt|S:t|Övre|Nedre|Yttre|Inre"
    r"|NORRA|SÖDRA|ÖSTRA|VÄSTRA|STORA|LILLA|GAMLA)"
)
_CAP = r"\p{Lu}"
_LOW = r"[\p{L}\-]"


def _street(suffixes: tuple[str, ...]) -> str:
    alternatives = "|".join(sorted(suffixes, key=len, reverse=True))
    compound = rf"{_CAP}{_LOW}+?(?i:{alternatives})"  # Storgatan, KUNGSGATAN
    # Karl Johans gata, Gustav Adolfs torg
    two_words = rf"(?:{_CAP}\p{{L}}+[ ])?{_CAP}\p{{L}}+s[ ](?i:{alternatives})"
    modified = rf"{_MODIFIERS}[ ](?:{compound}|(?i:{alternatives}))"  # Norra Vägen, Gamla vägen
    return rf"(?:{modified}|{two_words}|{compound})"


_NUMBER = r"\d{1,4}(?:[ ]?[A-Za-z](?![\p{L}]))?(?:[ ]?-[ ]?\d{1,4})?"
_APARTMENT = r"(?:,?[ ](?:lgh|LGH|Lgh)\.?[ ]?\d{4}|,?[ ]\d[ ]?(?:tr|TR)\b\.?|,?[ ](?:nb|NB|ög|ÖG)\b)"
_END = r"(?![\p{L}\p{N}])"
STREET_WITH_NUMBER = (
    rf"(?<![\p{{L}}])(?:{_street(STRONG_SUFFIXES + WEAK_SUFFIXES)})[ ]{_NUMBER}(?:{_APARTMENT}){{0,2}}{_END}"
)
STREET_ALONE = rf"(?<![\p{{L}}])(?:{_street(STRONG_SUFFIXES)}){_END}"
BOX = rf"(?<![\p{{L}}])(?:Box|BOX|Postbox|Pl|PL)[ ]\d{{1,5}}{_END}"
CARE_OF = rf"(?<![\p{{L}}])(?:c/o|C/O|C/o)[ ]+{_CAP}[\p{{L}}\-]+(?:[ ]{_CAP}[\p{{L}}\-]+){{0,3}}{_END}"
APARTMENT_ALONE = rf"(?<![\p{{L}}])(?:lgh|LGH|Lgh|lägenhet|lägenhetsnummer)\.?:?[ ]?\d{{4}}{_END}"


_BOX_START = regex.compile(r"(?:Box|BOX|Postbox|Pl|PL)[ ]")
_POSTCODE_AFTER = regex.compile(r",?\s{1,3}(?:SE-?)?\d{3}[ ]?\d{2}(?!\d)")


class SeStreetAddressRecognizer(SkymmaPatternRecognizer):
    """``Storgatan 12B``, ``Drottninggatan 71 C, lgh 1102``, ``Norra vägen 3``, ``Karl Johans gata 5``,
    ``Box 123``, ``c/o Svensson``, ``lgh 1102``.

    Score policy: ``street_with_number`` a street-name word (capitalised, ending in a street suffix)
    followed by a house number; ``box`` a box number followed by a postcode (``box_alone`` without
    one: below the threshold unless a context word such as "postadress" stands before it);
    ``care_of`` lines; ``apartment`` a four-digit
    lägenhetsnummer; ``street_alone`` a street name without number (a place, not yet an address:
    context words such as "adress", "bor", "folkbokförd" lift it over the threshold).
    """

    ENTITY = "STREET_ADDRESS"
    SCORES: ClassVar[Mapping[str, float]] = {
        "street_with_number": 0.85,
        "box": 0.7,
        "box_alone": 0.3,
        "care_of": 0.7,
        "apartment": 0.6,
        "street_alone": 0.3,
    }
    PATTERNS = (
        Pattern("street_with_number", STREET_WITH_NUMBER, 0.85),
        Pattern("box", BOX, 0.7),
        Pattern("care_of", CARE_OF, 0.7),
        Pattern("apartment", APARTMENT_ALONE, 0.6),
        Pattern("street_alone", STREET_ALONE, 0.3),
    )

    def assess(self, value: str, match: regex.Match, text: str) -> float | None:
        """A box number is an address only next to a postcode ("Box 123, 234 21 Lomma"); alone
        ("Check Box 2", "Box 3" in a form) it needs a context word such as "postadress"."""
        if _BOX_START.match(value) and not _POSTCODE_AFTER.match(text, match.end()):
            return self.scores["box_alone"]
        return None
