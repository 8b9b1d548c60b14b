"""The model's person spans are trimmed to what looks like a name; non-names are dropped."""

from __future__ import annotations

import pytest

from app.analysis.person_shape import UNKNOWN_NAME_FACTOR, mostly_english, name_parts


def parts(text: str, english: bool = False, caseless: bool = False) -> list[tuple[str, float]]:
    return [(text[p.start : p.end], p.factor) for p in name_parts(text, english, caseless)]


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("Anna Svensson", "Anna Svensson"),
        ("ANNA SVENSSON", "ANNA SVENSSON"),
        ("Anna-Karin Ek", "Anna-Karin Ek"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("MOHAMMED AL-SAYED", "MOHAMMED AL-SAYED"),
        ("Anna B. Svensson", "Anna B. Svensson"),
        ("anneli sjöberg", "anneli sjöberg"),  # lower case, but a common first name and a surname
        ("Svenssons", "Svenssons"),  # genitive of a known surname
        ("from Apex", "Apex"),  # trimmed to the capitalised word
        ("qpdf.pas created by Zarko Gajic", "Zarko Gajic"),
    ],
)
def test_names_are_kept(span: str, expected: str) -> None:
    assert [text for text, _ in parts(span)] == [expected]


@pytest.mark.parametrize(
    "span",
    ["DeviceRGB with", "DCTDecode", "ChangeLog", "This work would", "been", "QPDF Manual", "README",
     "blue at", "Constants.h", "version 5.1.3", "von"],
)  # fmt: skip
def test_non_names_are_dropped(span: str) -> None:
    assert parts(span) == []


def test_unknown_capitalised_words_are_kept_with_a_lower_score() -> None:
    assert parts("Zlatkow Vujovicz") == [("Zlatkow Vujovicz", UNKNOWN_NAME_FACTOR)]
    assert parts("Anna Vujovicz") == [("Anna Vujovicz", 1.0)]


def test_in_english_text_only_runs_with_a_known_name_are_kept() -> None:
    assert parts("Release Notes", english=True) == []
    assert parts("Jay Berkenbilt", english=True) == [("Jay Berkenbilt", 1.0)]
    assert parts("anna", english=True) == []


def test_english_detection() -> None:
    assert mostly_english("This chapter describes how to build the library from source with the tools.")
    assert not mostly_english("Nämnden beslutade att bevilja ansökan och att ärendet ska avslutas.")
    assert not mostly_english("Anna Svensson")


def test_mcdonald_and_o_brien_are_well_formed() -> None:
    assert [t for t, _ in parts("Ronald McDonald")] == ["Ronald McDonald"]
    assert [t for t, _ in parts("Sinéad O'Brien")] == ["Sinéad O'Brien"]


def test_in_caseless_text_lower_case_words_count_like_capitalised_ones() -> None:
    assert parts("kalle vujovicz", caseless=True) == [("kalle vujovicz", 1.0)]
    assert parts("zlatkow vujovicz", caseless=True) == [("zlatkow vujovicz", UNKNOWN_NAME_FACTOR)]
    assert parts("zlatkow vujovicz") == []
    assert parts("och den", caseless=True) == []


def test_capitalised_stop_words_stand_inside_a_name_never_at_its_edge() -> None:
    assert [t for t, _ in parts("Enligt Anna Svensson")] == ["Anna Svensson"]
    assert [t for t, _ in parts("Anna Och Svensson")] == ["Anna Och Svensson"]
    assert parts("This") == []
