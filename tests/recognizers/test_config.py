"""recognizers.yaml and ALL_RECOGNIZERS must agree; bad configuration fails loudly."""

import pytest

from app.analysis.config import ConfigError, load_analysis_config, load_nlp_config
from app.domain.model import EntityType
from recognizers import ALL_RECOGNIZERS


def test_yaml_lists_exactly_the_recognizer_classes():
    config = load_analysis_config()
    assert set(config.recognizers) == {cls.__name__ for cls in ALL_RECOGNIZERS}


def test_every_recognizer_has_context_words_and_a_domain_entity():
    config = load_analysis_config()
    for cls in ALL_RECOGNIZERS:
        assert config.recognizers[cls.__name__].context, cls.__name__
        assert EntityType(cls.ENTITY)


def test_every_recognizer_is_built_when_enabled():
    built = load_analysis_config().build_recognizers()
    assert [type(r) for r in built] == list(ALL_RECOGNIZERS)


def test_unknown_recognizer_is_an_error(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("recognizers:\n  NoSuchRecognizer: {enabled: true}\n")
    with pytest.raises(ConfigError, match="NoSuchRecognizer"):
        load_analysis_config(path)


def test_unknown_score_name_is_an_error(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("recognizers:\n  SePhoneRecognizer: {scores: {bogus: 0.5}}\n")
    with pytest.raises(ConfigError, match="bogus"):
        load_analysis_config(path)


def test_disabled_recognizer_is_not_built(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("recognizers:\n  SePhoneRecognizer: {enabled: false}\n")
    names = {type(r).__name__ for r in load_analysis_config(path).build_recognizers()}
    assert "SePhoneRecognizer" not in names and "SeEmailRecognizer" in names


def test_nlp_yaml_maps_the_model_labels():
    mapping = load_nlp_config().ner_model_configuration.model_to_presidio_entity_mapping
    assert mapping["PER"] == "PERSON" and mapping["LOC"] == "LOCATION" and mapping["ORG"] == "ORGANIZATION"
