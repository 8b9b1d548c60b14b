import pytest

from recognizers import SePostcodeRecognizer
from tests.recognizers.helpers import found


@pytest.fixture(scope="module")
def recognizer():
    return SePostcodeRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Storgatan 1, 645 34 STRÄNGNÄS", ["645 34 STRÄNGNÄS"]),
        ("234 38 Lomma", ["234 38 Lomma"]),
        ("SE-111 22 Stockholm", ["SE-111 22 Stockholm"]),
        ("19530 Upplands Väsby", ["19530 Upplands Väsby"]),
        ("645 34  Strängnäs", ["645 34  Strängnäs"]),
        ("645 34", []),  # a code alone needs context ("postnummer")
        ("999 99 Lomma", []),  # prefix not in use
        ("Summa 123 45 kr", []),
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected
