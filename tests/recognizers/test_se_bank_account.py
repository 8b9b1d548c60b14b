import pytest

from recognizers import SeBankAccountRecognizer
from recognizers.se_bank_account import account_valid, clearing_kind
from tests.recognizers.helpers import best_score, found


@pytest.fixture(scope="module")
def recognizer():
    return SeBankAccountRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("IBAN SE45 5000 0000 0583 9825 7466.", ["SE45 5000 0000 0583 9825 7466"]),
        ("IBAN SE4550000000058398257466", ["SE4550000000058398257466"]),
        ("Konto 6000-123 456 789", ["6000-123 456 789"]),  # Handelsbanken, mod 11 over the account
        ("Konto 5000 123 45 60", ["5000 123 45 60"]),  # SEB, type 1 comment 1
        ("Konto 7000-1234560", ["7000-1234560"]),  # Swedbank 7xxx
        ("Konto 8327-9, 123 456 789-7", ["8327-9, 123 456 789-7"]),  # Swedbank 8xxxx-x, Luhn
        ("IBAN SE46 5000 0000 0583 9825 7466", []),  # mod 97 fails
        ("Konto 6000-123 456 788", []),
        ("År 2024 1234", []),
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected


def test_giro_numbers_need_context(recognizer):
    assert 0 < best_score(recognizer, "505-0109") < 0.4  # Luhn-valid bankgiro
    assert 0 < best_score(recognizer, "5555-1238") < 0.4
    assert best_score(recognizer, "505-0108") == 0  # Luhn fails
    assert 0 < best_score(recognizer, "PG 12 34 56-6") < 0.4


def test_clearing_table():
    assert clearing_kind("3300") == "2:1"  # Nordea personkonto
    assert clearing_kind("0999") is None
    assert account_valid("3300", "8112189876")  # personkonto: the personnummer is the account
    assert not account_valid("3300", "8112189875")
