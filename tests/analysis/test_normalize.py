"""The normaliser and its offset map back to the raw text."""

import pytest

from app.analysis.normalize import normalize


def raw_of(raw: str, norm_text_span: tuple[int, int]) -> str:
    norm = normalize(raw)
    start, end = norm.to_raw(*norm_text_span)
    return raw[start:end]


def test_plain_text_is_unchanged_and_uses_the_identity_map():
    norm = normalize("Anna Svensson bor i Lomma.")
    assert norm.text == "Anna Svensson bor i Lomma." and norm.is_identity


def test_ligature_expands_and_both_letters_map_to_the_ligature():
    raw = "Ma\ufb03 Gri\ufb03th"  # "ffi" ligatures
    norm = normalize(raw)
    assert norm.text == "Maffi Griffith"
    start = norm.text.index("Griffith")
    assert raw_of(raw, (start, start + len("Griffith"))) == "Gri\ufb03th"
    f_index = norm.text.index("ffi")
    assert norm.to_raw(f_index, f_index + 1) == norm.to_raw(f_index + 1, f_index + 2)


@pytest.mark.parametrize("ligature, letters", [("\ufb00", "ff"), ("\ufb01", "fi"), ("\ufb02", "fl")])
def test_common_ligatures_expand(ligature, letters):
    raw = f"Ste{ligature}an Sjö{ligature}"
    norm = normalize(raw)
    assert norm.text == f"Ste{letters}an Sjö{letters}"
    assert raw_of(raw, (0, len(f"Ste{letters}an"))) == f"Ste{ligature}an"


def test_soft_hyphen_inside_a_name_is_removed_and_inside_the_mapped_span():
    raw = "Till Svens\u00adson i dag"
    norm = normalize(raw)
    assert "Svensson" in norm.text
    start = norm.text.index("Svensson")
    assert raw_of(raw, (start, start + 8)) == "Svens\u00adson"


def test_zero_width_characters_are_removed():
    assert normalize("An\u200bna Svens\u200dson\ufeff").text == "Anna Svensson"


def test_nbsp_becomes_space():
    assert normalize("Anna\u00a0Svensson").text == "Anna Svensson"


def test_line_end_hyphenation_is_joined_before_lower_case():
    raw = "Anna Svens-\nson kom"
    norm = normalize(raw)
    assert norm.text == "Anna Svensson kom"
    assert raw_of(raw, (0, len("Anna Svensson"))) == "Anna Svens-\nson"


@pytest.mark.parametrize("raw", ["Anna-\nKarin", "850514-\n1234", "ord -\nord"])
def test_hyphens_before_capitals_digits_or_spaces_are_kept(raw):
    assert normalize(raw).text == raw


def test_nfd_is_composed_to_nfc_and_maps_to_both_code_points():
    raw = "Sjo\u0308berg"
    norm = normalize(raw)
    assert norm.text == "Sjöberg"
    assert raw_of(raw, (0, len(norm.text))) == raw
    assert norm.to_raw(2, 3) == (2, 4)  # "ö" came from "o" + U+0308


def test_every_span_maps_inside_the_raw_text():
    raw = "\ufb01n Sjo\u0308\u00adberg-\nson \u200b\ufb02y"
    norm = normalize(raw)
    for start in range(len(norm.text)):
        for end in range(start + 1, len(norm.text) + 1):
            raw_start, raw_end = norm.to_raw(start, end)
            assert 0 <= raw_start < raw_end <= len(raw)


def test_out_of_range_span_is_refused():
    with pytest.raises(ValueError):
        normalize("abc").to_raw(2, 9)
