"""Reads recognizers/conf/recognizers.yaml and nlp.yaml and builds what they describe.

The YAML files are the one place where recognizers are switched on or off, where their context
words live and where their scores may be tuned; classes come from ``recognizers.ALL_RECOGNIZERS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from presidio_analyzer.nlp_engine import NerModelConfiguration

import recognizers
from recognizers import ALL_RECOGNIZERS, SkymmaPatternRecognizer

CONF_DIR = Path(recognizers.__file__).resolve().parent / "conf"
RECOGNIZERS_YAML = CONF_DIR / "recognizers.yaml"
NLP_YAML = CONF_DIR / "nlp.yaml"


class ConfigError(ValueError):
    """A configuration file names something that does not exist or holds a bad value."""


@dataclass(frozen=True, slots=True)
class RecognizerConfig:
    enabled: bool = True
    context: tuple[str, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ContextConfig:
    similarity_factor: float = 0.35
    min_score_with_context: float = 0.4
    prefix_words: int = 5
    suffix_words: int = 1


@dataclass(frozen=True, slots=True)
class AnalysisConfig:
    """Everything recognizers.yaml says."""

    recognizers: Mapping[str, RecognizerConfig]
    context: ContextConfig
    regex_timeout_seconds: float

    def build_recognizers(self) -> list[SkymmaPatternRecognizer]:
        """One instance of every enabled recognizer class, configured."""
        built = []
        for cls in ALL_RECOGNIZERS:
            conf = self.recognizers.get(cls.__name__, RecognizerConfig())
            if conf.enabled:
                built.append(
                    cls(
                        context=conf.context,
                        scores=conf.scores,
                        regex_timeout_seconds=self.regex_timeout_seconds,
                    )
                )
        return built


@dataclass(frozen=True, slots=True)
class NlpConfig:
    """Everything nlp.yaml says."""

    language: str
    fallback_pipes: tuple[str, ...]
    ner_model_configuration: NerModelConfiguration
    span_score_extension: str
    span_scores_key: str


def _read_yaml(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


def load_analysis_config(path: Path = RECOGNIZERS_YAML) -> AnalysisConfig:
    """Parse recognizers.yaml; unknown recognizer names or score names are errors, not ignored."""
    data = _read_yaml(path)
    known = {cls.__name__: cls for cls in ALL_RECOGNIZERS}
    entries = data.get("recognizers") or {}
    unknown = sorted(set(entries) - set(known))
    if unknown:
        raise ConfigError(f"{path}: unknown recognizers {unknown}")
    parsed = {}
    for name, entry in entries.items():
        entry = entry or {}
        scores = {str(k): float(v) for k, v in (entry.get("scores") or {}).items()}
        bad = sorted(set(scores) - set(known[name].SCORES))
        if bad:
            raise ConfigError(f"{path}: {name} has no scores named {bad}")
        context = tuple(str(word).lower() for word in entry.get("context") or ())
        parsed[name] = RecognizerConfig(bool(entry.get("enabled", True)), context, scores)
    context = data.get("context") or {}
    return AnalysisConfig(
        recognizers=parsed,
        context=ContextConfig(**{k: context[k] for k in context}),
        regex_timeout_seconds=float(data.get("regex_timeout_seconds", 2.0)),
    )


def load_nlp_config(path: Path = NLP_YAML) -> NlpConfig:
    """Parse nlp.yaml."""
    data = _read_yaml(path)
    return NlpConfig(
        language=str(data.get("language", "sv")),
        fallback_pipes=tuple(data.get("fallback_pipes") or ("sentencizer",)),
        ner_model_configuration=NerModelConfiguration.from_dict(data.get("ner_model_configuration") or {}),
        span_score_extension=str(data.get("span_score_extension", "score")),
        span_scores_key=str(data.get("span_scores_key", "sc")),
    )
