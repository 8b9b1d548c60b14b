import pytest

from recognizers import SeLicensePlateRecognizer
from tests.recognizers.helpers import found


@pytest.fixture(scope="module")
def recognizer():
    return SeLicensePlateRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bil ABC 123 parkerad", ["ABC 123"]),
        ("Bil ABC 12D", ["ABC 12D"]),
        ("Reg.nr XYZ123.", ["XYZ123"]),
        ("Reg.nr KLM-456", ["KLM-456"]),
        ("AIB 123", []),  # I is never used
        ("QAB 123", []),
        ("ABV 123", []),
        ("ABC 12O", []),  # O not in the last position
        ("abc 123", []),
        ("KSAU 123", []),
        ("SFS 2010:800", []),
        ("ABC 1234", []),
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected
