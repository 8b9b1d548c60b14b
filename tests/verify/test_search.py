"""Normalisation, variants and word boundaries of the verifier's search."""

from __future__ import annotations

import pytest

from app.domain.model import EntityType
from app.verify import Needle
from app.verify.needles import build_keys
from app.verify.normalize import haystack_variants, normalize
from app.verify.search import Matcher, count_occurrences


def occurrences(text: str, needle: str, entity: EntityType = EntityType.PERSON) -> int:
    """Occurrences of one needle in one haystack, as the verifier counts them (max over variants)."""
    keys = build_keys([Needle(needle, entity)], [])
    matcher = Matcher(keys)
    counts = [count_occurrences(matcher.hits(v), [0]).get(0) for v in haystack_variants(text)]
    return max((c.count for c in counts if c), default=0)


@pytest.mark.parametrize(
    ("haystack", "needle"),
    [
        ("Handläggare ANNA SVENSSON", "Anna Svensson"),
        ("Anna\u00a0Svensson", "Anna Svensson"),
        ("Anna\n  Svensson", "Anna Svensson"),
        ("Anna Svens-\nson", "Anna Svensson"),
        ("Anna Svens\u00ad\nson", "Anna Svensson"),
        ("Anna Sv\u00adens\u200bson", "Anna Svensson"),
        ("Ste\ufb00an Gri\ufb03th", "Steffan Griffith"),
        ("Sjo\u0308berg", "Sjöberg"),
        ("annika.sjoberg@kommun.se", "Annika Sjöberg"),
        ("Anna-\nKarin Berg", "Anna-Karin Berg"),
        ("Anna\u2013Karin Berg", "Anna-Karin Berg"),
    ],
    ids=[
        "case", "nbsp", "line-break", "hyphenation", "soft-hyphen-line-end", "invisible-chars",
        "ligatures", "decomposed", "email-local-part", "hyphenated-name-at-line-end", "en-dash",
    ],
)  # fmt: skip
def test_spelling_variants_match(haystack: str, needle: str) -> None:
    assert occurrences(haystack, needle) == 1


@pytest.mark.parametrize(
    ("haystack", "needle"),
    [
        ("Annandag jul", "Anna"),
        ("Evaluering av Evas ärende", "Eva"),
        ("Bertilsson har ringt", "Bertil"),
        ("Lundberg", "Lund"),
        ("Åsa och Asa", "Åsa"),
    ],
)
def test_word_boundaries_prevent_false_hits(haystack: str, needle: str) -> None:
    assert occurrences(haystack, needle) == (1 if needle == "Åsa" else 0)


@pytest.mark.parametrize(
    "written",
    ["850101-2382", "8501012382", "19850101-2382", "198501012382", "19850101 2382", "850101 - 2382",
     "850101-\n2382", "85 01 01-23 82", "850101+2382"],
)  # fmt: skip
def test_personnummer_in_any_writing(written: str) -> None:
    assert occurrences(f"Sökande {written}, se bilaga", "19850101-2382", EntityType.PERSONNUMMER) == 1


@pytest.mark.parametrize(
    ("haystack", "expected"),
    [
        ("Belopp 1850101238200 kr", 0),  # glued inside a longer number
        ("Nr 850101-23821", 0),
        ("8501012382 och 850101-2382", 2),
        ("Konto 8501012382 0701234567", 1),  # another number after a space does not hide it
    ],
)
def test_digit_boundaries(haystack: str, expected: int) -> None:
    assert occurrences(haystack, "850101-2382", EntityType.PERSONNUMMER) == expected


def test_samordningsnummer_uses_last_ten_digits() -> None:
    assert occurrences("Samordningsnr 900179-2382.", "19900179-2382", EntityType.SAMORDNINGSNUMMER) == 1


@pytest.mark.parametrize("written", ["070-123 45 67", "+46 70 123 45 67", "+46(0)70-1234567", "0701234567"])
def test_phone_in_any_writing(written: str) -> None:
    assert occurrences(f"Ring {written} i dag", "070-123 45 67", EntityType.PHONE) == 1


def test_short_numbers_are_not_searched_digits_only() -> None:
    assert occurrences("Rum 12 34", "1234", EntityType.BANK_ACCOUNT) == 0
    assert occurrences("Rum 1234", "1234", EntityType.BANK_ACCOUNT) == 1


def test_non_numeric_entities_have_no_digit_variant() -> None:
    assert occurrences("Gatan 1 2 3 4 5 6 7", "Gatan 1234567", EntityType.STREET_ADDRESS) == 0


def test_diacritics_folded_only_for_longer_needles() -> None:
    assert occurrences("sjoberg@example.se", "Sjöberg") == 1
    assert occurrences("Asa Berg", "Åsa") == 0


def test_normalize_is_idempotent() -> None:
    text = "Ste\ufb00an  SJO\u0308BERG-\nBerg\u00a0 070\u2013123"
    assert normalize(normalize(text)) == normalize(text)


def test_long_haystack_few_keys_finds_what_the_word_index_finds() -> None:
    """A long haystack with few keys is searched key by key, one with many keys through the word
    index: the same occurrences either way (boundaries, folding, digits included)."""
    from app.verify.search import DIRECT_SEARCH_KEYS, DIRECT_SEARCH_MIN_CHARS

    haystack = normalize(
        "annandag Svenssons " * (DIRECT_SEARCH_MIN_CHARS // 10)
        + "ANNA SVENSSON, Anna Svenssons och anna; SJOBERG, sjöberg; 850101-2382 och 8501012382"
    )
    needles = [
        Needle("Anna Svensson", EntityType.PERSON),
        Needle("Anna", EntityType.PERSON),
        Needle("Sjöberg", EntityType.PERSON),
        Needle("19850101-2382", EntityType.PERSONNUMMER),
    ]
    fillers = [Needle(f"Person{n} Efternamn", EntityType.PERSON) for n in range(DIRECT_SEARCH_KEYS)]
    few, many = build_keys(needles, []), build_keys(needles + fillers, [])
    assert len(few) <= DIRECT_SEARCH_KEYS < len(many)

    def found(keys: tuple) -> set[tuple[str, int, int, str]]:
        return {(keys[h.key].text, h.start, h.end, h.via) for h in Matcher(keys).hits(haystack)}

    direct = found(few)
    assert direct == found(many)
    texts = [text for text, *_ in direct]
    assert texts.count("anna svensson") == 1 and texts.count("anna") == 3 and texts.count("sjöberg") == 2
    assert texts.count("19850101-2382") == 2
