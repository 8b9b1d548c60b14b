import pytest

from recognizers import SeEmailRecognizer
from tests.recognizers.helpers import best_score, found


@pytest.fixture(scope="module")
def recognizer():
    return SeEmailRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mejla anneli.sjoberg@lomma.se!", ["anneli.sjoberg@lomma.se"]),
        ("Mejla anneli.sjöberg@strängnäs.se.", ["anneli.sjöberg@strängnäs.se"]),
        ("<kalle.anka+test@example.co.uk>", ["kalle.anka+test@example.co.uk"]),
        ("mailto:info@kommun.se", ["info@kommun.se"]),
        ("Ingen adress @ här", []),
        ("namn@", []),
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected


def test_unknown_suffix_scores_lower_than_public_suffix(recognizer):
    assert best_score(recognizer, "x@server.intern") < best_score(recognizer, "x@kommun.se")
    assert found(recognizer, "x@server.intern") == ["x@server.intern"]


def test_uses_only_the_bundled_suffix_list(recognizer, no_network):
    assert found(recognizer, "Skriv till a.b@foo.gov.uk") == ["a.b@foo.gov.uk"]
