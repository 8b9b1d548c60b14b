import pytest

from recognizers import SeStreetAddressRecognizer
from tests.recognizers.helpers import found


@pytest.fixture(scope="module")
def recognizer():
    return SeStreetAddressRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Adress: Storgatan 12B, Lomma", ["Storgatan 12B"]),
        ("Drottninggatan 71 C, lgh 1102, Stockholm", ["Drottninggatan 71 C, lgh 1102"]),
        ("Bor på Kvarngränd 7 sedan", ["Kvarngränd 7"]),
        ("Skolvägen 3 2 tr", ["Skolvägen 3 2 tr"]),
        ("Norra vägen 3", ["Norra vägen 3"]),
        ("Gamla Kungsvägen 14", ["Gamla Kungsvägen 14"]),
        ("Karl Johans gata 5", ["Karl Johans gata 5"]),
        ("Stortorget 1", ["Stortorget 1"]),
        ("Ekallén 4", ["Ekallén 4"]),
        ("Vasaplan 4", ["Vasaplan 4"]),
        ("Lillbacken 2", ["Lillbacken 2"]),
        ("Tallstigen 9", ["Tallstigen 9"]),
        ("KUNGSGATAN 4", ["KUNGSGATAN 4"]),
        ("Box 123, 234 21 Lomma", ["Box 123"]),
        ("c/o Svensson, Storgatan 1", ["c/o Svensson", "Storgatan 1"]),
        ("lgh 1102", ["lgh 1102"]),
        # not addresses (or not without context)
        ("Vägen 3 till målet", []),
        ("vägen 3", []),
        ("Detaljplan för området", []),
        ("Storgatan är stängd", []),  # a street, not an address: needs context words
        ("Check Box 2 och Check Box 3", []),  # a box number needs a postcode or a context word
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected
