"""Presidio's NLP engine for Swedish: the shipped NER pipeline, or a blank tokenizer without one.

Differences from ``presidio_analyzer.nlp_engine.SpacyNlpEngine``:
- ``load`` never downloads: it loads a pipeline from a directory with ``spacy.load(path)`` or falls
  back to ``spacy.blank("sv")`` (+ sentencizer). Presidio's own ``load`` fetches a model from the
  internet (spaCy's CLI) for a name it does not find.
- Lemmas fall back to the lower-cased token text when the pipeline has no lemmatizer (a blank
  pipeline's ``lemma_`` is empty), so Presidio's context words still work.
- Entity scores come from the pipeline when it offers them (a ``Span._.score`` extension, or span
  scores in ``doc.spans[key].attrs["scores"]``), else the configured default.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LEMMA, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from app.analysis.blas import use_openblas

logger = logging.getLogger(__name__)
# Nothing in analysis reads sentence boundaries (Presidio's recognizers and context words work on
# tokens), and the rule-based sentencizer cost a fifth of the shipped pipeline's time.
UNUSED_PIPES = ("sentencizer",)


class SwedishNlpEngine(SpacyNlpEngine):
    """A Presidio ``NlpEngine`` over one Swedish spaCy pipeline. Never downloads anything."""

    engine_name = "skymma-spacy"

    def __init__(
        self,
        model_path: Path | None,
        ner_model_configuration: NerModelConfiguration | None = None,
        language: str = "sv",
        fallback_pipes: Iterable[str] = ("sentencizer",),
        span_score_extension: str = "score",
        span_scores_key: str = "sc",
    ) -> None:
        super().__init__(
            models=[{"lang_code": language, "model_name": str(model_path or "blank")}],
            ner_model_configuration=ner_model_configuration,
        )
        self.model_path = model_path
        self.language = language
        self.fallback_pipes = tuple(fallback_pipes)
        self.span_score_extension = span_score_extension
        self.span_scores_key = span_scores_key
        self.has_ner = False
        self._lemma_table: dict | None = None  # ORTH id -> lemma, when the lookup is done here

    def load(self) -> None:
        """Load the pipeline from ``model_path`` if it holds one, else a blank Swedish pipeline."""
        nlp = self._load_pipeline()
        self.has_ner = any("doc.ents" in nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names)
        self.nlp = {self.language: nlp}

    def _load_pipeline(self) -> Language:
        path = self.model_path
        if path is not None and (Path(path) / "config.cfg").is_file():
            logger.info("loading NER pipeline from %s", path)
            nlp = spacy.load(path, exclude=UNUSED_PIPES)
            use_openblas(nlp)
            self._lemma_table = _take_over_lookup_lemmatizer(nlp)
            return nlp
        logger.info("no NER pipeline at %s: using a blank Swedish pipeline", path)
        nlp = spacy.blank(self.language)
        for pipe in self.fallback_pipes:
            nlp.add_pipe(pipe)
        return nlp

    def process_batch_docs(self, texts: list[str], batch_size: int = 32) -> Iterator[NlpArtifacts]:
        """NlpArtifacts for each text, in order, through ``nlp.pipe``."""
        nlp = self.nlp[self.language]
        for doc in nlp.pipe(texts, batch_size=batch_size):
            yield self._doc_to_nlp_artifact(doc, self.language)

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        """Like Presidio's, but vectorised: token attributes come from one ``doc.to_array`` call."""
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LEMMA, LOWER, IDX, IS_STOP, IS_PUNCT]).tolist() if len(doc) else []
        if self._lemma_table is not None:  # the pipeline's lookup table, as its lemmatizer would
            table = self._lemma_table
            lemmas = [dict.get(table, orth) or strings[orth] for orth, *_ in rows]
        else:
            lemmas = [strings[lemma] if lemma else strings[lower] for _, lemma, lower, *_ in rows]
        entities, scores = self._get_updated_entities(list(doc.ents), self._entity_scores(doc))
        artifacts = NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[row[3] for row in rows],
            lemmas=lemmas,
            nlp_engine=None,  # skip Presidio's per-token vocabulary lookups; keywords are set below
            language=language,
            scores=scores,
        )
        artifacts.nlp_engine = self
        keywords = [
            lemma.lower() for lemma, row in zip(lemmas, rows, strict=True) if not row[4] and not row[5]
        ]
        artifacts.keywords = [part for keyword in keywords for part in keyword.split(":")]
        return artifacts

    def _entity_scores(self, doc: Doc) -> list[float]:
        """One score per ``doc.ents`` entry: the pipeline's own where available, else the default."""
        default = self.ner_model_configuration.default_score
        by_span: dict[tuple[int, int, str], float] = {}
        group = doc.spans.get(self.span_scores_key) if self.span_scores_key in doc.spans else None
        if group is not None and "scores" in group.attrs:
            for span, score in zip(group, group.attrs["scores"], strict=False):
                by_span[(span.start_char, span.end_char, span.label_)] = float(score)
        use_extension = Span.has_extension(self.span_score_extension)
        scores = []
        for ent in doc.ents:
            score = by_span.get((ent.start_char, ent.end_char, ent.label_))
            if score is None and use_extension:
                value = getattr(ent._, self.span_score_extension)
                score = float(value) if value is not None else None
            scores.append(default if score is None else score)
        return scores


def _take_over_lookup_lemmatizer(nlp: Language) -> dict | None:
    """The lookup table of ``nlp``'s lemmatizer (lookup mode), with the component disabled.

    spaCy's lookup lemmatizer visits every token from Python (a tenth of the pipeline's time);
    the engine does the same lookup (token text -> lemma, else the text) over one ``to_array``.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "lookup" or not lemmatizer.lookups.has_table("lemma_lookup"):
        return None
    nlp.disable_pipe("lemmatizer")
    return lemmatizer.lookups.get_table("lemma_lookup")  # a dict keyed by the strings' ORTH ids
