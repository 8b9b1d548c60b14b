"""OrderedRegistry: recognizers come back in the order they were registered, so a tie between two
recognizers on the same span is credited the same way in every run."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from app.analysis.registry import OrderedRegistry


def _recognizer(n: int) -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity="PERSON" if n % 2 else "PHONE",
        name=f"R{n:02d}",
        supported_language="sv",
        patterns=[Pattern(f"p{n}", "x", 0.5)],
    )


def test_recognizers_come_back_in_registration_order() -> None:
    recognizers = [_recognizer(n) for n in range(40)]
    registry = OrderedRegistry(recognizers=recognizers, supported_languages=["sv"])
    assert registry.get_recognizers(language="sv", entities=["PHONE", "PERSON"]) == recognizers
    assert registry.get_recognizers(language="sv", entities=["PERSON"]) == recognizers[1::2]


def test_a_tie_is_credited_to_the_first_registered_recognizer() -> None:
    first, second = (
        PatternRecognizer(
            supported_entity="PERSON",
            name=name,
            supported_language="sv",
            patterns=[Pattern(name, "Anna", 0.6)],
        )
        for name in ("First", "Second")
    )
    for order in ([first, second], [second, first]):
        registry = OrderedRegistry(recognizers=order, supported_languages=["sv"])
        chosen = registry.get_recognizers(language="sv", entities=["PERSON"])
        results = [result for recognizer in chosen for result in recognizer.analyze("Anna", ["PERSON"])]
        kept = PatternRecognizer.remove_duplicates(results)
        assert [r.recognition_metadata["recognizer_name"] for r in kept] == [order[0].name]
