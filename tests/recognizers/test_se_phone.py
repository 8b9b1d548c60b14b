import pytest

from recognizers import SePhoneRecognizer
from tests.recognizers.helpers import found


@pytest.fixture(scope="module")
def recognizer():
    return SePhoneRecognizer()


@pytest.mark.parametrize(
    "number",
    [
        "08-123 456 78",
        "070-812 33 09",
        "0701-23 45 67",
        "073 622 10 45",
        "+46 76 201 88 45",
        "+46(0)8-123 456 78",
        "+46 (0)70 812 33 09",
        "0046 70 812 33 09",
        "031-711 22 33",
        "0171-123 45",
        "(08) 123 45 67",
        "0708123309",
        "08-12345678",
        "0771-123 456",
    ],
)
def test_common_writings(recognizer, number):
    assert found(recognizer, f"Ring {number} i dag.") == [number]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tel: 070-812 33 09 08-123 456 78", ["070-812 33 09", "08-123 456 78"]),  # two in a row
        ("(070-812 33 09)", ["070-812 33 09"]),
        ("tel070-812 33 09", ["070-812 33 09"]),  # glued to a word
        ("08-123 456 78,070-812 33 09", ["08-123 456 78", "070-812 33 09"]),
        ("070-812 33 09", ["070-812 33 09"]),  # the whole text
        ("Ring\n070-812 33 09\nnu", ["070-812 33 09"]),
        ("Nr 1070-812 33 09", []),  # glued to a digit
        ("Kurs 3.070 812", []),
        ("Datum 2024-03-14", []),
        ("Dnr 2024/123", []),
        ("Belopp 12 345 kr", []),
        ("kl. 08.30", []),
        ("Nr 08-12", []),  # too short
        ("Ring 0000-000 000", []),  # not a valid number
        ("Ring +1 212 555 0100", []),  # not Swedish
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected
