"""The analysis engine: Presidio's AnalyzerEngine with Skymma's recognizers, over extracted documents.

``Analyzer.analyze(doc)`` SHALL return findings whose ``span`` indexes ``doc.text`` (the raw text)
with ``text == doc.text[span]``, ``where`` = the segment's ``where`` and no boxes (the pipeline
locates them with the format handler); only entities in ``settings.entities`` with scores of at
least ``settings.score_threshold``; at most one finding per place. It SHALL raise
``AnalysisIncomplete`` (carrying every finding it has) when a recognizer fails on a segment rather
than return fewer findings. Loading SHALL NOT download anything.

Steps per document: normalise each segment (offset map kept), run the spaCy pipeline over all
segments with ``nlp.pipe``, run the recognizers per segment through ``AnalyzerEngine.analyze``
(context words included), trim the model's person spans to what looks like a name
(``person_shape``), map spans back to the raw text, propagate found data to their other
mentions, and resolve overlaps.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

import regex
from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from app.analysis.candidate import Candidate
from app.analysis.config import AnalysisConfig, NlpConfig, load_analysis_config, load_nlp_config
from app.analysis.context import FastLemmaContextAwareEnhancer
from app.analysis.errors import AnalysisIncomplete, RecognizerFailure
from app.analysis.nlp_engine import SwedishNlpEngine
from app.analysis.normalize import normalize
from app.analysis.overlaps import Accepted, resolve_overlaps
from app.analysis.person_shape import has_known_name, is_caseless, mostly_english, name_parts
from app.analysis.propagation import SegmentText, propagate
from app.analysis.registry import OrderedRegistry
from app.domain.document import ExtractedDocument, Segment
from app.domain.model import EntityType, Finding, Origin, Span
from app.forked import chunks, fork_map
from app.settings import Settings
from recognizers import RecognizerFailed
from recognizers.base import ORIGIN_KEY, VALIDATED_KEY

logger = logging.getLogger(__name__)

_LETTERS = regex.compile(r"\p{L}+")
NER_ENTITIES = (EntityType.PERSON, EntityType.LOCATION, EntityType.ORGANIZATION)
NER_RECOGNIZER_NAME = "SwedishNerRecognizer"
NLP_BATCH_SIZE = 32
MIN_SEGMENTS_PER_WORKER = 16  # below this, forking a worker costs more than it saves


class Analyzer:
    """Finds personal data in extracted documents. Build once, reuse for many documents."""

    def __init__(
        self,
        analysis_config: AnalysisConfig,
        nlp_config: NlpConfig,
        model_path: Path | None,
        entities: Iterable[EntityType],
        score_threshold: float,
        workers: int = 1,
    ) -> None:
        self.language = nlp_config.language
        self.workers = workers
        self.score_threshold = score_threshold
        self.nlp_engine = SwedishNlpEngine(
            model_path=model_path,
            ner_model_configuration=nlp_config.ner_model_configuration,
            language=self.language,
            fallback_pipes=nlp_config.fallback_pipes,
            span_score_extension=nlp_config.span_score_extension,
            span_scores_key=nlp_config.span_scores_key,
        )
        self.nlp_engine.load()
        recognizers = analysis_config.build_recognizers()
        if self.nlp_engine.has_ner:
            ner = SpacyRecognizer(
                supported_language=self.language,
                supported_entities=[e.value for e in NER_ENTITIES],
                name=NER_RECOGNIZER_NAME,
            )
            recognizers.append(ner)
        registry = OrderedRegistry(recognizers=recognizers, supported_languages=[self.language])
        context = analysis_config.context
        self.engine = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=[self.language],
            context_aware_enhancer=FastLemmaContextAwareEnhancer(
                context_similarity_factor=context.similarity_factor,
                min_score_with_context_similarity=context.min_score_with_context,
                context_prefix_count=context.prefix_words,
                context_suffix_count=context.suffix_words,
                context_matching_mode="whole_word",
            ),
        )
        supported = set(self.engine.get_supported_entities(self.language))
        self.entities = tuple(e for e in dict.fromkeys(entities) if e.value in supported)
        self._recognizer_entities = {r.name: tuple(r.supported_entities) for r in recognizers}

    @classmethod
    def from_settings(cls, settings: Settings) -> Analyzer:
        """The analyzer the settings describe (model path, entities, threshold) with the shipped YAML."""
        return cls(
            analysis_config=load_analysis_config(),
            nlp_config=load_nlp_config(),
            model_path=settings.ner_model_path,
            entities=settings.entities,
            score_threshold=settings.score_threshold,
            workers=settings.workers,
        )

    def analyze_text(self, text: str) -> list[Finding]:
        """Findings in a plain string, treated as a one-segment document."""
        doc = ExtractedDocument(format="text", text=text, segments=(Segment(0, len(text), where=""),))
        return self.analyze(doc)

    def analyze(self, doc: ExtractedDocument) -> list[Finding]:
        """Findings in ``doc`` (see the module docstring for the contract)."""
        if not self.entities:
            return []
        segments = segment_texts(doc)
        ranges = chunks(len(segments), self.workers, MIN_SEGMENTS_PER_WORKER)
        parts = fork_map(lambda r: self._analyze_segments(segments[r.start : r.stop]), ranges, self.workers)
        candidates = [c for part_candidates, _ in parts for c in part_candidates]
        failures = [f for _, part_failures in parts for f in part_failures]
        findings = self._findings(doc, segments, candidates)
        if failures:
            raise AnalysisIncomplete(tuple(findings), tuple(failures))
        return findings

    def _analyze_segments(
        self, segments: Sequence[SegmentText]
    ) -> tuple[list[Candidate], list[RecognizerFailure]]:
        """Candidates in ``segments`` (the NLP pipeline batched over them), and recognizer failures."""
        candidates: list[Candidate] = []
        failures: list[RecognizerFailure] = []
        artifacts = self.nlp_engine.process_batch_docs([s.norm.text for s in segments], NLP_BATCH_SIZE)
        for segment, nlp_artifacts in zip(segments, artifacts, strict=True):
            results, segment_failures = self._analyze_segment(segment, nlp_artifacts)
            candidates.extend(self._candidate(segment, r) for r in _name_shaped(segment.norm.text, results))
            failures.extend(segment_failures)
        return candidates, failures

    def _analyze_segment(
        self, segment: SegmentText, nlp_artifacts: NlpArtifacts
    ) -> tuple[list[RecognizerResult], list[RecognizerFailure]]:
        """Presidio over one segment; a failing recognizer is recorded, its entities retried without it."""
        entities = [e.value for e in self.entities]
        failures: list[RecognizerFailure] = []
        while entities:
            try:
                results = self.engine.analyze(
                    text=segment.norm.text,
                    language=self.language,
                    entities=entities,
                    nlp_artifacts=nlp_artifacts,
                    score_threshold=self.score_threshold,
                )
                return results, failures
            except RecognizerFailed as e:
                where = segment.where or "text"
                logger.error("recognizer %s failed on %s: %s", e.recognizer, where, e.reason)
                failures.append(RecognizerFailure(segment.where, e.recognizer, e.reason))
                lost = set(self._recognizer_entities.get(e.recognizer, ()))
                entities = [entity for entity in entities if entity not in lost]
                if not lost:
                    return [], failures
        return [], failures

    def _candidate(self, segment: SegmentText, result: RecognizerResult) -> Candidate:
        """A Presidio result on a segment's normalised text as a candidate on the raw document text."""
        metadata = result.recognition_metadata or {}
        recognizer = metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")
        origin = Origin(metadata[ORIGIN_KEY]) if ORIGIN_KEY in metadata else Origin.NER
        raw_start, raw_end = segment.norm.to_raw(result.start, result.end)
        return Candidate(
            start=segment.start + raw_start,
            end=segment.start + raw_end,
            entity=EntityType(result.entity_type),
            score=min(float(result.score), 1.0),
            recognizer=recognizer,
            origin=origin,
            validated=bool(metadata.get(VALIDATED_KEY, False)),
            where=segment.where,
        )

    def _findings(
        self, doc: ExtractedDocument, segments: Sequence[SegmentText], candidates: list[Candidate]
    ) -> list[Finding]:
        """Drop common words taken for names, propagate, resolve overlaps (found data before
        propagated copies) and build Findings."""
        candidates = _without_common_words(doc.text, candidates)
        accepted = Accepted(resolve_overlaps(candidates))
        propagated = propagate(segments, candidates, doc.text, self.score_threshold)
        for candidate in resolve_overlaps(c for c in propagated if c.entity in self.entities):
            accepted.merge_or_add(candidate)
        return [
            Finding(
                entity=c.entity,
                span=Span(c.start, c.end),
                text=doc.text[c.start : c.end],
                score=round(c.score, 4),
                recognizer=c.recognizer,
                origin=c.origin,
                where=c.where,
            )
            for c in accepted.sorted()
            if c.score >= self.score_threshold
        ]


def segment_texts(doc: ExtractedDocument, base: int = 0) -> list[SegmentText]:
    """The segments of ``doc`` that hold more than white space, normalised for analysis, their starts
    shifted by ``base``. White space at either end of a segment is left out: it holds nothing to find,
    and a part that differs from another only there (an HTML body's text and its plain-text
    alternative, say) is then the same text to the analyzer's cache."""
    out = []
    for segment in doc.segments:
        raw = doc.text[segment.start : segment.end]
        text = raw.lstrip()
        lead = len(raw) - len(text)
        text = text.rstrip()
        if text:
            out.append(SegmentText(base + segment.start + lead, segment.where, normalize(text)))
    return out


def _name_shaped(text: str, results: Iterable[RecognizerResult]) -> list[RecognizerResult]:
    """The results, with the model's person spans trimmed to the parts that look like names."""
    shaped = []
    english: bool | None = None
    caseless = is_caseless(text)
    for result in results:
        metadata = result.recognition_metadata or {}
        is_model_person = (
            result.entity_type == EntityType.PERSON.value
            and metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY) == NER_RECOGNIZER_NAME
        )
        if not is_model_person:
            shaped.append(result)
            continue
        if english is None:
            english = mostly_english(text)
        for part in name_parts(text[result.start : result.end], english, caseless):
            shaped.append(
                RecognizerResult(
                    entity_type=result.entity_type,
                    start=result.start + part.start,
                    end=result.start + part.end,
                    score=result.score * part.factor,
                    analysis_explanation=result.analysis_explanation,
                    recognition_metadata=metadata,
                )
            )
    return shaped


def _without_common_words(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates without the model's person spans made only of unknown words that the same
    document also writes in lower case ("Handlingarna" at a sentence start, "handlingarna" inside
    one): a name keeps its capital, a common word does not."""
    lowercase: set[str] | None = None
    kept = []
    for candidate in candidates:
        if candidate.origin is Origin.NER and candidate.entity is EntityType.PERSON:
            words = _LETTERS.findall(text[candidate.start : candidate.end])
            capitalised = words and not any(w.islower() for w in words)  # else its own copy counts
            if capitalised and not has_known_name(text[candidate.start : candidate.end]):
                if lowercase is None:
                    lowercase = {w for w in _LETTERS.findall(text) if w.islower()}
                if all(w.lower() in lowercase for w in words):
                    continue
        kept.append(candidate)
    return kept
