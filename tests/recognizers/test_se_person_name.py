import pytest

from recognizers import SePersonNameRecognizer
from tests.recognizers.helpers import best_score, found


@pytest.fixture(scope="module")
def recognizer():
    return SePersonNameRecognizer()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Beslutet fattades av Anna Svensson i dag.", ["Anna Svensson"]),
        ("Anna-Karin Svensson-Lind deltog.", ["Anna-Karin Svensson-Lind"]),  # hyphenated both
        ("Anna Maria Lindqvist Berg deltog.", ["Anna Maria Lindqvist Berg"]),  # double surname
        ("ANNA SVENSSON, ordförande", ["ANNA SVENSSON"]),  # all caps
        ("Närvarande: Svensson, Anna", ["Svensson, Anna"]),  # list form
        ("Jonna Tingberg justerar", ["Jonna Tingberg"]),  # surname known only by its ending
        ("Nina Jägroth justerar", ["Nina Jägroth"]),  # unknown surname after a first name
        ("Carl von Essen", ["Carl von Essen"]),
        ("Ahmed Ali kom", ["Ahmed Ali"]),  # a first name that is also a surname
        ("Med vänliga hälsningar\nAnneli\nSjöberg", ["Anneli\nSjöberg"]),  # wrapped signature
        ("Robert Wengléns yrkande", ["Robert Wengléns"]),  # genitive
        ("Per capita och hans bil", []),  # names that are common words
        ("Stig in i Maj", []),
        ("Kommunstyrelsen i Lomma kommun", []),
        ("Anna Andersson Storgatan 9", ["Anna Andersson"]),  # a street is never part of a name
        ("Dag Tallstigen 44", []),
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected


def test_a_frequent_first_name_alone_is_proposed(recognizer):
    assert found(recognizer, "Sedan berättade Anna om mötet.") == ["Anna"]


def test_a_surname_alone_needs_context_or_propagation(recognizer):
    assert 0 < best_score(recognizer, "Sedan berättade Lindqvist om mötet.") < 0.4


def test_a_first_name_that_is_a_common_word_lowers_the_score(recognizer):
    assert best_score(recognizer, "Anna Bengtsson") > best_score(recognizer, "Per Bengtsson") >= 0.4


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hej jag heter anna svensson och bor i lund", ["anna svensson"]),  # no capital at all
        ("tack ingrid för hjälpen med ansökan", ["ingrid"]),  # a common first name alone
        ("det var karin sjöbergs bil", ["karin sjöbergs"]),  # genitive
        ("mvh\nanneli\nsjöberg", ["anneli\nsjöberg"]),
        ("anna svensson <anna.svensson@kommun.se>", ["anna svensson"]),  # not the address's parts
        ("100 kr per månad och en saga om liv och sten", []),  # names that are words
        ("vi talade med handläggaren om beslutet", []),  # unknown words are never names
    ],
)
def test_lower_case_text(recognizer, text, expected):
    assert found(recognizer, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hej, jag heter anna svensson och bor i Lund.", ["anna svensson"]),
        ("Tack till ingrid för hjälpen, hälsar Anna Berg", ["Anna Berg"]),  # a first name alone: no
        ("Vi ses per capita i Lund", []),
    ],
)
def test_lower_case_full_names_in_capitalised_text(recognizer, text, expected):
    assert found(recognizer, text) == expected
