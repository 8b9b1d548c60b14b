import pytest

from recognizers import SeOrganisationsnummerRecognizer, SePersonnummerRecognizer
from tests.recognizers.helpers import found, load_json


@pytest.fixture(scope="module")
def recognizer():
    return SeOrganisationsnummerRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Org.nr 556036-0793", ["556036-0793"]),
        ("Orgnr 5560360793.", ["5560360793"]),
        ("Orgnr 16556036-0793", ["16556036-0793"]),
        ("Momsnr SE556036079301", ["SE556036079301"]),
        ("Org.nr 556036-0794", []),  # check digit
        ("Org.nr 456036-0797", []),  # group digit 4 is not used
        ("Org.nr 811218-9876", []),  # enskild firma: a personnummer, reported as such elsewhere
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected


def test_meta_orgnumber_vectors(recognizer):
    for record in load_json("personnummer", "orgnumber.json"):
        assert found(recognizer, f"Org {record['separated_format']}") == [record["separated_format"]]
        assert found(recognizer, f"Org {record['short_format']}") == [record["short_format"]]


def test_enskild_firma_is_reported_as_personnummer():
    text = "Enskild firma, org.nr 811218-9876"
    assert found(SeOrganisationsnummerRecognizer(), text) == []
    assert found(SePersonnummerRecognizer(), text) == ["811218-9876"]
