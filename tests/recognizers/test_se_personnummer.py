"""PERSONNUMMER: table tests, the personnummer/meta vectors and Skatteverket's test numbers."""

import datetime as dt

import pytest

from recognizers import SePersonnummerRecognizer
from tests.recognizers.helpers import best_score, found, load_json, spans

VALID = "811218-9876"  # Luhn-valid, 1981-12-18


@pytest.fixture(scope="module")
def recognizer():
    rec = SePersonnummerRecognizer()
    rec.today = dt.date(2026, 11, 23)
    return rec


@pytest.mark.parametrize(
    "text, expected",
    [
        # the formats
        (f"Pnr {VALID} ok", [VALID]),
        ("Pnr 19811218-9876 ok", ["19811218-9876"]),
        ("Pnr 8112189876 ok", ["8112189876"]),
        ("Pnr 198112189876 ok", ["198112189876"]),
        ("Pnr 811218 9876 ok", ["811218 9876"]),
        ("Pnr 811218 - 9876 ok", ["811218 - 9876"]),
        ("Pnr 811218\u20139876 ok", ["811218\u20139876"]),  # en dash, as PDFs set it
        ("född 090527+1474", ["090527+1474"]),  # + : 100 years or older
        ("Leap 000229-2399", ["000229-2399"]),
        # boundaries
        (f"({VALID})", [VALID]),
        (f"pnr{VALID}.", [VALID]),  # glued to a word: still found
        (f"{VALID}, {VALID}", [VALID, VALID]),
        ("Pnr 811218-\n9876 ok", ["811218-\n9876"]),  # broken over two lines in a PDF
        ("Pnr 811218\n-9876 ok", ["811218\n-9876"]),
        ("Pnr 811218\n9876 ok", ["811218\n9876"]),
        # not personnummer
        ("Pnr 811218-9875", []),  # wrong check digit
        ("Pnr 811318-9876", []),  # month 13
        ("Pnr 810230-9876", []),  # 30 February
        ("Pnr 010229-9876", []),  # 2001 is no leap year
        ("000229+2399", []),  # + makes it 1900: no 29 February
        ("Nr 12811218-98765", []),  # inside a longer number
        ("Ref 1811218-9876", []),
        ("Summa 811 218 9876 kr", []),
        ("Datum 2024-03-14", []),
        ("Pnr 201509160006", []),  # serial 000 is never issued
        ("Orgnr 556036-0793", []),  # an organisationsnummer
        ("Samordningsnummer 730288-9931", []),
    ],
)
def test_table(recognizer, text, expected):
    assert found(recognizer, text) == expected


def test_checksum_failure_is_kept_below_threshold_for_context_to_lift(recognizer):
    score = best_score(recognizer, "Pnr 811218-9875")
    assert 0 < score < 0.4


def test_spans_are_exact(recognizer):
    text = f"Sökande, {VALID}, bor i Lomma."
    assert spans(recognizer, text) == [(9, 9 + len(VALID))]


@pytest.mark.parametrize("record", load_json("personnummer", "list.json"), ids=lambda r: r["separated_long"])
def test_personnummer_meta_vectors(recognizer, record):
    should_find = record["type"] == "ssn" and (record["valid"] or " " in record["separated_format"])
    for key in ("long_format", "short_format", "separated_format", "separated_long"):
        result = found(recognizer, f"Nummer: {record[key]}.")
        assert (result == [record[key]]) is should_find, key


@pytest.mark.parametrize(
    "record", load_json("personnummer", "interim.json"), ids=lambda r: r["separated_long"]
)
def test_interim_numbers_are_personnummer(recognizer, record):
    for key in ("long_format", "short_format", "separated_format", "separated_long"):
        assert bool(found(recognizer, f"Reservnr {record[key]}")) is record["valid"], key


def test_organisationsnummer_vectors_are_not_personnummer(recognizer):
    for record in load_json("personnummer", "orgnumber.json"):
        assert found(recognizer, f"Org {record['separated_format']}") == []


def test_every_sampled_skatteverket_testpersonnummer_is_found(recognizer):
    numbers = load_json("personnummer", "skatteverket-testpersonnummer-sample.json")
    missed = [
        n
        for n in numbers
        if found(recognizer, f"Pnr {n[:8]}-{n[8:]} och {n[2:]}") != [f"{n[:8]}-{n[8:]}", n[2:]]
    ]
    assert missed == []


def test_samordningsnummer_are_not_personnummer(recognizer):
    numbers = load_json("personnummer", "skatteverket-testsamordningsnummer-sample.json")
    assert [n for n in numbers if found(recognizer, f"Nr {n}")] == []
