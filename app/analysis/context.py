"""Presidio's lemma context enhancer, made cheap enough to run on every page.

``LemmaContextAwareEnhancer`` deep-copies every result, walks the whole spaCy Doc per result to find
its token (creating a Token object per step) and scans keyword lists linearly: on a 300-word page
that was most of the analysis time. This subclass keeps the rules (a context word among the
``prefix`` words before or ``suffix`` words after a result adds ``similarity_factor``, with a
floor of ``min_score_with_context``; results already boosted by their recognizer are left alone)
and changes only the mechanics: shallow copies, a bisect over token offsets, set lookups.
"""

from __future__ import annotations

import bisect
import copy
import threading

from presidio_analyzer import RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer, LemmaContextAwareEnhancer


class FastLemmaContextAwareEnhancer(LemmaContextAwareEnhancer):
    """Same context rules as Presidio's enhancer in ``whole_word`` mode, at a fraction of the cost."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**{**kwargs, "context_matching_mode": "whole_word"})
        self._local = threading.local()  # per-thread cache: one Analyzer may serve several threads

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        by_id = {recognizer.id: recognizer for recognizer in recognizers}
        extra = [word.lower() for word in context or []]
        results = []
        for raw in raw_results:
            result = copy.copy(raw)
            result.recognition_metadata = dict(raw.recognition_metadata or {})
            results.append(result)
            recognizer = by_id.get(
                result.recognition_metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY)
            )
            if recognizer is None or not recognizer.context or nlp_artifacts is None:
                continue
            if result.recognition_metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            words = self._extract_surrounding_words(
                nlp_artifacts, text[result.start : result.end], result.start
            )
            if not set(words + extra) & set(recognizer.context):
                continue
            result.score = min(
                max(result.score + self.context_similarity_factor, self.min_score_with_context_similarity),
                ContextAwareEnhancer.MAX_SCORE,
            )
            if result.analysis_explanation is not None:
                result.analysis_explanation = copy.copy(result.analysis_explanation)
                result.analysis_explanation.set_improved_score(result.score)
        return results

    @staticmethod
    def _find_index_of_match_token(word, start, tokens, tokens_indices) -> int:
        if not tokens_indices:
            raise ValueError(f"Did not find word '{word}' in the list of tokens")
        index = max(bisect.bisect_right(tokens_indices, start) - 1, 0)
        if tokens_indices[index] + len(tokens[index]) <= start and index + 1 < len(tokens_indices):
            index += 1  # start lies in the whitespace after token ``index``
        return index

    def _add_n_words(self, index, n_words, lemmas, lemmatized_filtered_keywords, is_backward):
        keywords = self._keywords_as_set(lemmatized_filtered_keywords)
        context_words = []
        remaining = n_words + 1
        while 0 <= index < len(lemmas) and remaining > 0:
            lower = lemmas[index].lower()
            if lower in keywords:
                context_words.append(lower)
                remaining -= 1
            index = index - 1 if is_backward else index + 1
        return context_words

    def _keywords_as_set(self, keywords: list[str]) -> frozenset[str]:
        """The keyword list of the current document as a set, built once per document.

        Holds the list itself (not its id), so a later list can never be mistaken for it.
        """
        cached = getattr(self._local, "keywords", (None, frozenset()))
        if cached[0] is not keywords:
            cached = (keywords, frozenset(keywords))
            self._local.keywords = cached
        return cached[1]
