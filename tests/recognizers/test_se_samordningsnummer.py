import datetime as dt

import pytest

from recognizers import SeSamordningsnummerRecognizer
from tests.recognizers.helpers import found, load_json


@pytest.fixture(scope="module")
def recognizer():
    rec = SeSamordningsnummerRecognizer()
    rec.today = dt.date(2026, 11, 23)
    return rec


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Samordningsnr 730288-9931.", ["730288-9931"]),
        ("Nr 19730288-9931", ["19730288-9931"]),
        ("Nr 202107919967", ["202107919967"]),
        ("Nr 730288-\n9931", ["730288-\n9931"]),
        ("Nr 730288-9932", []),  # check digit
        ("Nr 730292-9931", []),  # day 32 + 60
        ("Pnr 811218-9876", []),  # a personnummer
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected


def test_meta_vectors(recognizer):
    for record in load_json("personnummer", "list.json"):
        for key in ("long_format", "short_format", "separated_format", "separated_long"):
            expected = record["type"] == "con" and record["valid"]
            assert bool(found(recognizer, f"Nr {record[key]}")) is expected, (record[key], key)


def test_every_sampled_skatteverket_testsamordningsnummer_is_found(recognizer):
    numbers = load_json("personnummer", "skatteverket-testsamordningsnummer-sample.json")
    missed = [
        n for n in numbers if found(recognizer, f"Nr {n[2:8]}-{n[8:]} eller {n}") != [f"{n[2:8]}-{n[8:]}", n]
    ]
    assert missed == []
