import datetime as dt

import pytest

from recognizers import SeDateOfBirthRecognizer
from tests.recognizers.helpers import best_score, found


@pytest.fixture(scope="module")
def recognizer():
    rec = SeDateOfBirthRecognizer()
    rec.today = dt.date(2026, 11, 23)
    return rec


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Anna, född 1968-05-29, bor", ["1968-05-29"]),
        ("född den 29 maj 1968", ["29 maj 1968"]),
        ("f. 29.5.1968", ["29.5.1968"]),
        ("Födelsedatum: 19680529", ["19680529"]),
        ("Född 3/4 1970", ["3/4 1970"]),
        ("Mötet 2024-03-14", []),  # a date, but nothing says it is a birth date
        ("född 1968-02-30", []),
        ("född 2030-01-01", []),  # in the future
        ("född 19680529-1234", []),  # a personnummer, not a date
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected


def test_other_dates_score_low_for_context_to_decide(recognizer):
    assert 0 < best_score(recognizer, "den 2024-03-14") < 0.4
