"""BANK_ACCOUNT: Swedish bank accounts (clearing + account), bankgiro, plusgiro and Swedish IBANs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import regex
from presidio_analyzer import Pattern

from recognizers.base import SkymmaPatternRecognizer
from recognizers.checksums import iban_valid, luhn_valid, mod11_valid


class ClearingRange(NamedTuple):
    """A range of clearing numbers and how its account numbers are checked (Bankgirot's
    "Bankernas kontonummer": type 1 = 7-digit account, mod 11 over clearing+account, comment 1 using
    the clearing's last three digits, comment 2 all four; type 2 = the account alone, comment 1 and
    3 Luhn, comment 2 mod 11)."""

    first: int
    last: int
    kind: str  # "1:1", "1:2", "2:1", "2:2", "2:3"


CLEARING_RANGES = (
    ClearingRange(1100, 1199, "1:1"), ClearingRange(1200, 1399, "1:1"), ClearingRange(1400, 2099, "1:1"),
    ClearingRange(2300, 2399, "1:2"), ClearingRange(2400, 2499, "1:1"), ClearingRange(3000, 3299, "1:1"),
    ClearingRange(3300, 3300, "2:1"), ClearingRange(3301, 3399, "1:1"), ClearingRange(3400, 3409, "1:1"),
    ClearingRange(3410, 3781, "1:1"), ClearingRange(3782, 3782, "2:1"), ClearingRange(3783, 3999, "1:1"),
    ClearingRange(4000, 4999, "1:2"), ClearingRange(5000, 5999, "1:1"), ClearingRange(6000, 6999, "2:2"),
    ClearingRange(7000, 7999, "1:1"), ClearingRange(8000, 8999, "2:3"), ClearingRange(9020, 9029, "1:2"),
    ClearingRange(9040, 9049, "1:2"), ClearingRange(9060, 9069, "1:1"), ClearingRange(9100, 9109, "1:2"),
    ClearingRange(9120, 9124, "1:1"), ClearingRange(9130, 9149, "1:1"), ClearingRange(9150, 9169, "1:2"),
    ClearingRange(9170, 9179, "1:1"), ClearingRange(9180, 9189, "2:1"), ClearingRange(9190, 9199, "1:2"),
    ClearingRange(9230, 9239, "1:1"), ClearingRange(9250, 9259, "1:1"), ClearingRange(9260, 9269, "1:2"),
    ClearingRange(9270, 9279, "1:1"), ClearingRange(9280, 9289, "1:1"), ClearingRange(9300, 9349, "2:1"),
    ClearingRange(9390, 9399, "1:2"), ClearingRange(9400, 9449, "1:1"), ClearingRange(9460, 9469, "1:1"),
    ClearingRange(9470, 9479, "1:2"), ClearingRange(9500, 9549, "2:3"), ClearingRange(9550, 9569, "1:2"),
    ClearingRange(9570, 9579, "2:1"), ClearingRange(9580, 9589, "1:1"), ClearingRange(9590, 9599, "1:2"),
    ClearingRange(9630, 9639, "1:1"), ClearingRange(9640, 9649, "1:2"), ClearingRange(9660, 9669, "1:2"),
    ClearingRange(9670, 9679, "1:2"), ClearingRange(9680, 9689, "1:1"), ClearingRange(9700, 9709, "1:2"),
    ClearingRange(9750, 9759, "1:2"), ClearingRange(9780, 9789, "1:2"), ClearingRange(9960, 9969, "2:3"),
)  # fmt: skip


def clearing_kind(clearing: str) -> str | None:
    """The account-number rule for a four-digit clearing number, or None when not in use."""
    value = int(clearing[:4])
    for r in CLEARING_RANGES:
        if r.first <= value <= r.last:
            return r.kind
    return None


def account_valid(clearing: str, account: str) -> bool:
    """Bankgirot's check for clearing (4 digits, or 5 for Swedbank 8xxx-x) + account digits."""
    kind = clearing_kind(clearing)
    if kind is None:
        return False
    if kind == "1:1":
        return len(account) == 7 and mod11_valid(clearing[1:4] + account)
    if kind == "1:2":
        return len(account) == 7 and mod11_valid(clearing[:4] + account)
    if kind == "2:2":
        return len(account) in (8, 9) and mod11_valid(account)
    if kind == "2:1":
        return len(account) == 10 and luhn_valid(account)
    return 2 <= len(account) <= 10 and luhn_valid(account)  # 2:3 Swedbank 8xxxx, Plusgirot accounts


_NB = r"(?<![\d\-\u2013])"
_NA = r"(?![\d])"
CLEARING_ACCOUNT = (
    rf"{_NB}(?P<clearing>[1-9]\d{{3}}(?:[\-\u2013][ ]?\d(?=[ ,]))?)(?:,[ ]?|[ ]?[\-\u2013][ ]?|[ ])"
    rf"(?P<account>\d{{1,4}}(?:[ \-\u2013]?\d{{1,4}}){{0,4}}){_NA}"
)
IBAN_SE = r"(?<![\p{L}\p{N}])SE\d{2}(?:[ ]?\d{4}){5}(?![\p{L}\p{N}])"
BANKGIRO = rf"{_NB}\d{{3,4}}[\-\u2013]\d{{4}}{_NA}"
PLUSGIRO = rf"{_NB}\d{{1,2}}(?:[ ]?\d{{2}}){{0,3}}[\-\u2013]\d{_NA}"


class SeBankAccountRecognizer(SkymmaPatternRecognizer):
    """Clearing + account (``8327-9, 123 456 789-0``, ``6000-123 456 789``, ``3300-8501011234``),
    IBAN ``SE45 5000 0000 0583 9825 7466``, bankgiro ``5050-1055`` and plusgiro ``12 34 56-7``.

    Score policy: ``validated`` when the checksum of the form holds (mod 97 for IBAN; the clearing
    range's mod 11 or Luhn rule for accounts); ``clearing_unvalidated`` for a known clearing range
    whose account fails its rule (a typo or a rule we do not know: context words "konto",
    "kontonummer", "clearing" lift it); ``giro`` for a Luhn-valid bankgiro or plusgiro, which looks
    like many other numbers and so needs "bankgiro"/"plusgiro" nearby to be proposed.
    """

    ENTITY = "BANK_ACCOUNT"
    SCORES: ClassVar[Mapping[str, float]] = {"validated": 1.0, "clearing_unvalidated": 0.2, "giro": 0.2}
    PATTERNS = (
        Pattern("iban", IBAN_SE, 0.0),
        Pattern("clearing_account", CLEARING_ACCOUNT, 0.0),
        Pattern("bankgiro", BANKGIRO, 0.0),
        Pattern("plusgiro", PLUSGIRO, 0.0),
    )

    def assess(self, value: str, match: regex.Match, text: str) -> float | None:
        groups = match.re.groupindex
        if "clearing" in groups:
            clearing = "".join(ch for ch in match.group("clearing") if ch.isdigit())
            account = "".join(ch for ch in match.group("account") if ch.isdigit())
            if account_valid(clearing, account):
                return self.scores["validated"]
            if clearing_kind(clearing) and 7 <= len(account) <= 10:
                return self.scores["clearing_unvalidated"]
            return 0.0
        if value.startswith("SE"):
            return self.scores["validated"] if iban_valid(value) else 0.0
        digits = "".join(ch for ch in value if ch.isdigit())
        return self.scores["giro"] if luhn_valid(digits) else 0.0
