"""What the verifier looks for: masked data (needles), kept texts, and the search keys built from both.

A ``SearchKey`` is one distinct normalised string. Several needles with the same normalised text share
a key; a kept text adds to its key's ``allowance`` (how often it may appear). A kept text that equals
no needle becomes a shield-only key: it is never a leak itself, but needles inside one of its allowed
occurrences are excused ("Anna" masked elsewhere, "Anna Svensson" deliberately left visible).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.model import EntityType
from app.verify.normalize import digits_of, normalize

MIN_DIGITS = 7  # digits-only search only for numbers at least this long
MIN_FOLDED_LENGTH = 5  # needles at least this long are also matched with diacritics folded

_CENTURIES = frozenset({"18", "19", "20"})
_PHONE_PREFIXES = frozenset({"0", "46", "460", "0046", "00460"})


@dataclass(frozen=True, slots=True)
class Needle:
    """One masked datum as the pipeline confirmed it."""

    text: str
    entity: EntityType


@dataclass(frozen=True, slots=True)
class DigitForm:
    """A numeric needle as bare digits, with the digit strings allowed directly before/after it."""

    digits: str
    prefixes: frozenset[str] = frozenset()
    suffixes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SearchKey:
    """One distinct normalised string to search for. ``index`` is its first needle's position."""

    index: int
    text: str
    entity: str
    folded: bool
    digits: DigitForm | None
    allowance: int
    is_needle: bool


def digit_form(text: str, entity: EntityType) -> DigitForm | None:
    """The digits-only form of a numeric needle, or None when it is too short or not numeric.

    Personnummer and samordningsnummer: the last 10 digits, a century may precede them.
    Organisationsnummer: the last 10 digits, "16" may precede and a VAT "01" follow.
    Phone: the national number without trunk 0 or country code 46, which may precede it.
    """
    if not entity.is_numeric:
        return None
    digits = digits_of(text)
    if entity in (EntityType.PERSONNUMMER, EntityType.SAMORDNINGSNUMMER):
        return DigitForm(digits[-10:], prefixes=_CENTURIES) if len(digits) >= 10 else None
    if entity is EntityType.ORGANISATIONSNUMMER and len(digits) >= 10:
        return DigitForm(digits[-10:], prefixes=frozenset({"16"}), suffixes=frozenset({"01"}))
    if entity is EntityType.PHONE:
        digits = _national_phone_digits(text.strip(), digits)
        prefixes = _PHONE_PREFIXES
    else:
        prefixes = frozenset()
    return DigitForm(digits, prefixes=prefixes) if len(digits) >= MIN_DIGITS else None


def _national_phone_digits(text: str, digits: str) -> str:
    """Swedish national significant number: drop "+46"/"0046" (and a "(0)") or a leading trunk "0"."""
    if text.startswith("+") and digits.startswith("46"):
        digits = digits[2:]
    elif digits.startswith("0046"):
        digits = digits[4:]
    return digits[1:] if digits.startswith("0") else digits


def build_keys(needles: Sequence[Needle], kept: Sequence[str]) -> tuple[SearchKey, ...]:
    """Distinct search keys for ``needles`` plus shield keys for kept texts; empty texts are dropped."""
    allowances = Counter(t for t in (normalize(k) for k in kept) if t)
    keys: dict[str, SearchKey] = {}
    for index, needle in enumerate(needles):
        text = normalize(needle.text)
        if not text or text in keys:
            continue
        keys[text] = SearchKey(
            index=index,
            text=text,
            entity=str(needle.entity),
            folded=len(text) >= MIN_FOLDED_LENGTH,
            digits=digit_form(needle.text, needle.entity),
            allowance=allowances.get(text, 0),
            is_needle=True,
        )
    for text, count in allowances.items():
        if text not in keys:
            keys[text] = SearchKey(-1, text, "", len(text) >= MIN_FOLDED_LENGTH, None, count, False)
    return tuple(keys.values())
