import datetime as dt

import pytest

from recognizers.checksums import (
    birth_date_ok,
    full_year,
    iban_valid,
    luhn_check_digit,
    luhn_valid,
    mod11_valid,
    real_date,
    samordning_date_ok,
)

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "digits, valid", [("8112189876", True), ("8112189875", False), ("5050109", True), ("0", False)]
)
def test_luhn(digits, valid):
    assert luhn_valid(digits) is valid


def test_luhn_check_digit_completes_a_valid_number():
    for payload in ("811218987", "505010", "123456789"):
        assert luhn_valid(payload + luhn_check_digit(payload))


@pytest.mark.parametrize("digits, valid", [("0001234561", False), ("0001234560", True), ("123456789", True)])
def test_mod11_bankgirot_weights(digits, valid):
    assert mod11_valid(digits) is valid


@pytest.mark.parametrize(
    "iban, valid",
    [
        ("SE45 5000 0000 0583 9825 7466", True),
        ("SE4550000000058398257466", True),
        ("SE46 5000 0000 0583 9825 7466", False),
    ],
)
def test_iban_mod97(iban, valid):
    assert iban_valid(iban) is valid


@pytest.mark.parametrize(
    "year, month, day, ok",
    [
        (2000, 2, 29, True),
        (1900, 2, 29, False),
        (2024, 2, 29, True),
        (2023, 2, 29, False),
        (2023, 4, 31, False),
    ],
)
def test_real_date_knows_leap_years(year, month, day, ok):
    assert real_date(year, month, day) is ok


def test_century_rule_for_ten_digit_numbers():
    assert full_year(85, plus=False, today=TODAY) == 1985
    assert full_year(5, plus=False, today=TODAY) == 2005
    assert full_year(26, plus=False, today=TODAY) == 2026
    assert full_year(9, plus=True, today=TODAY) == 1909


def test_birth_date_not_in_future():
    assert birth_date_ok(2026, 11, 23, TODAY)
    assert not birth_date_ok(2026, 11, 24, TODAY)


@pytest.mark.parametrize(
    "month, day, ok", [(2, 88, True), (2, 90, False), (0, 72, True), (5, 60, True), (13, 61, False)]
)
def test_samordning_dates(month, day, ok):
    assert samordning_date_ok(1973, month, day, TODAY) is ok
