"""Property tests: generated valid numbers are found with exact spans; one changed digit is not."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers import SePersonnummerRecognizer, SePhoneRecognizer, SeSamordningsnummerRecognizer
from recognizers.checksums import luhn_check_digit
from tests.recognizers.helpers import found, spans

TODAY = dt.date(2026, 11, 23)
WORDS = [
    "beslut",
    "kommunen",
    "ärendet",
    "handläggaren",
    "bostad",
    "ansökan",
    "enligt",
    "och",
    "att",
    "som",
    "för",
    "med",
    "har",
    "till",
    "den",
    "inte",
    "det",
    "är",
    "på",
    "av",
    "ett",
    "om",
    "vid",
    "nämnden",
    "protokoll",
    "bilaga",
    "Utredningen",
    "Socialtjänsten",
    "Lomma",
]

PERSONNUMMER = SePersonnummerRecognizer()
PERSONNUMMER.today = TODAY
SAMORDNINGSNUMMER = SeSamordningsnummerRecognizer()
SAMORDNINGSNUMMER.today = TODAY
PHONE = SePhoneRecognizer()

swedish_text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
birth_dates = st.dates(min_value=dt.date(1901, 1, 1), max_value=TODAY)
serials = st.integers(min_value=1, max_value=999).map(lambda n: f"{n:03d}")


def _written(date: dt.date, day: int, serial: str, style: str) -> str:
    date6 = f"{date.year % 100:02d}{date.month:02d}{day:02d}"
    ten = date6 + serial + luhn_check_digit(date6 + serial)
    century = str(date.year // 100)
    old = TODAY.year - date.year > 100
    return {
        "short": f"{ten[:6]}{'+' if old else '-'}{ten[6:]}",
        "long": f"{century}{ten[:6]}-{ten[6:]}",
        "compact": f"{century}{ten}",
        "space": f"{century}{ten[:6]} {ten[6:]}",
        "linebreak": f"{ten[:6]}-\n{ten[6:]}",
    }[style]


styles = st.sampled_from(["short", "long", "compact", "space", "linebreak"])


def _embed(before: str, number: str, after: str) -> tuple[str, tuple[int, int]]:
    prefix = f"{before} " if before else ""
    text = f"{prefix}{number} {after}".rstrip()
    return text, (len(prefix), len(prefix) + len(number))


@settings(max_examples=300, deadline=None)
@given(swedish_text, birth_dates, serials, styles, swedish_text)
def test_valid_personnummer_found_with_exact_span(before, date, serial, style, after):
    number = _written(date, date.day, serial, style)
    text, span = _embed(before, number, after)
    assert spans(PERSONNUMMER, text) == [span]


@settings(max_examples=200, deadline=None)
@given(swedish_text, birth_dates, serials, styles, swedish_text)
def test_valid_samordningsnummer_found_with_exact_span(before, date, serial, style, after):
    number = _written(date, date.day + 60, serial, style)
    text, span = _embed(before, number, after)
    assert spans(SAMORDNINGSNUMMER, text) == [span]
    assert found(PERSONNUMMER, text) == []


@settings(max_examples=300, deadline=None)
@given(birth_dates, serials, styles, st.data())
def test_one_changed_digit_is_rejected(date, serial, style, data):
    number = _written(date, date.day, serial, style)
    digit_positions = [i for i, ch in enumerate(number) if ch.isdigit()][-10:]  # the century is not checked
    position = data.draw(st.sampled_from(digit_positions))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    changed = number[:position] + replacement + number[position + 1 :]
    assert found(PERSONNUMMER, f"Nr {changed} ok") == []
    assert found(SAMORDNINGSNUMMER, f"Nr {changed} ok") == []


amounts = st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}".replace(",", " ") + " kr")
iso_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)).map(str)
mobile_numbers = st.tuples(
    st.sampled_from(["070", "072", "073", "076", "079"]), st.integers(min_value=1000000, max_value=9999999)
).map(lambda t: f"{t[0]}-{str(t[1])[:3]} {str(t[1])[3:5]} {str(t[1])[5:]}")


@settings(max_examples=300, deadline=None)
@given(swedish_text, st.one_of(amounts, iso_dates, mobile_numbers), swedish_text)
def test_amounts_dates_and_phone_numbers_are_not_personnummer(before, other, after):
    assert found(PERSONNUMMER, f"{before} {other} {after}") == []


@settings(max_examples=200, deadline=None)
@given(swedish_text, mobile_numbers, swedish_text)
def test_mobile_numbers_found_with_exact_span(before, number, after):
    text, span = _embed(before, number, after)
    assert spans(PHONE, text) == [span]
