"""Person-mention and exact-datum propagation (issue 3)."""

import pytest

from app.analysis import Analyzer
from app.domain.model import EntityType, Origin
from app.settings import Settings


@pytest.fixture(scope="module")
def analyzer(tmp_path_factory):
    settings = Settings(ner_model_path=tmp_path_factory.mktemp("no-model"))
    return Analyzer.from_settings(settings)


def persons(findings):
    return [(f.text, f.origin) for f in findings if f.entity is EntityType.PERSON]


def test_parts_of_a_found_name_are_proposed(analyzer):
    text = (
        "Sökande är Anneli Sjöberg, Storgatan 1. Sjöbergs ansökan avslås. "
        "ANNELI SJÖBERG har överklagat. Anneli har inte svarat. Kontakt: anneli.sjoberg (intern)."
    )
    found = persons(analyzer.analyze_text(text))
    texts = [t for t, _ in found]
    assert texts[0] == "Anneli Sjöberg"
    assert "Sjöbergs" in texts and "ANNELI SJÖBERG" in texts and "Anneli" in texts
    assert "anneli.sjoberg" in texts
    assert ("Sjöbergs", Origin.PROPAGATION) in found


def test_first_name_alone_in_lower_case_is_found_once_the_person_is_known(analyzer):
    text = "Beslut om Jonna Tingberg. I samtal uppgav jonna att hon flyttat."
    assert "jonna" in [t for t, _ in persons(analyzer.analyze_text(text))]


def test_ambiguous_name_parts_are_only_taken_capitalised(analyzer):
    text = "Ersättare Per Bengtsson. Avgiften är 100 kr per månad. Per har anmält förhinder."
    texts = [f.text for f in analyzer.analyze_text(text) if f.entity is EntityType.PERSON]
    assert texts.count("Per") == 1 and "per" not in texts


def test_every_copy_of_a_found_datum_is_proposed(analyzer):
    # The check digit is wrong: only the context word lifts the first copy over the threshold,
    # and propagation carries it to the copy that has no context of its own.
    text = "Personnummer: 811218-9875. Avgiften gäller från maj. Bilaga 3 avser 811218-9875."
    pnr = [f for f in analyzer.analyze_text(text) if f.entity is EntityType.PERSONNUMMER]
    assert [(f.text, f.origin) for f in pnr] == [
        ("811218-9875", Origin.PATTERN),
        ("811218-9875", Origin.PROPAGATION),
    ]


def test_exact_propagation_is_case_and_whitespace_insensitive_and_word_bounded(analyzer):
    text = (
        "Adress: Storgatan 12B, Lomma. Tidigare STORGATAN  12B. Inte Storgatan 12BC eller Lillstorgatan 12B."
    )
    found = [f.text for f in analyzer.analyze_text(text) if f.entity is EntityType.STREET_ADDRESS]
    assert "STORGATAN  12B" in found
    assert "Storgatan 12BC" not in found


def test_a_model_person_without_a_known_name_is_not_spread(tmp_path) -> None:
    import spacy

    from app.analysis.engine import Analyzer
    from app.domain.model import EntityType, Origin
    from app.settings import Settings

    nlp = spacy.blank("sv")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "PER", "pattern": [{"ORTH": "Handlingarna"}, {"ORTH": "skickas"}]}]
    )
    nlp.to_disk(tmp_path / "model")
    analyzer = Analyzer.from_settings(Settings(ner_model_path=tmp_path / "model"))
    text = "Handlingarna skickas i dag. Handlingarna finns i akten. Handlingarna är allmänna."
    findings = [f for f in analyzer.analyze_text(text) if f.entity is EntityType.PERSON]
    assert [f.origin for f in findings] == [Origin.NER]  # the one proposal, no copies
    text += " Alla handlingarna arkiveras."
    assert not [f for f in analyzer.analyze_text(text) if f.entity is EntityType.PERSON]
