"""The Analyzer: public API, raw spans, filters, context words, NER pipeline, failures, no network."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span as SpacySpan

from app.analysis import AnalysisIncomplete, Analyzer
from app.analysis.config import load_analysis_config, load_nlp_config
from app.domain.document import ExtractedDocument, Segment
from app.domain.model import EntityType, Origin
from app.settings import Settings
from recognizers import SePhoneRecognizer

LETTER = (
    "Beslut. Sökande: Anna Svensson, pnr 811218-9876, Storgatan 12B, 645 34 STRÄNGNÄS.\n"
    "Tel 070-812 33 09, e-post anna.svensson@strangnas.se. Bil ABC 123.\n"
)


@pytest.fixture(scope="module")
def no_model(tmp_path_factory):
    return tmp_path_factory.mktemp("no-model")


@pytest.fixture(scope="module")
def analyzer(no_model):
    return Analyzer.from_settings(Settings(ner_model_path=no_model))


def by_entity(findings):
    return {(f.entity, f.text) for f in findings}


def test_finds_every_kind_in_a_letter(analyzer):
    assert by_entity(analyzer.analyze_text(LETTER)) == {
        (EntityType.PERSON, "Anna Svensson"),
        (EntityType.PERSONNUMMER, "811218-9876"),
        (EntityType.STREET_ADDRESS, "Storgatan 12B"),
        (EntityType.POSTCODE, "645 34 STRÄNGNÄS"),
        (EntityType.PHONE, "070-812 33 09"),
        (EntityType.EMAIL, "anna.svensson@strangnas.se"),
        (EntityType.LICENSE_PLATE, "ABC 123"),
    }


def test_spans_point_at_the_raw_text_of_each_segment(analyzer):
    raw_page1 = "Sida 1\n"
    raw_page2 = "Till Svens\u00adson och Sjo\u0308berg: ﬁl. kand. Anna Sjo\u0308berg, 811218-\n9876."
    text = raw_page1 + raw_page2
    doc = ExtractedDocument(
        format="pdf",
        text=text,
        segments=(Segment(0, len(raw_page1), "page 1", 0), Segment(len(raw_page1), len(text), "page 2", 1)),
    )
    findings = analyzer.analyze(doc)
    for finding in findings:
        assert finding.text == text[finding.span.start : finding.span.end]
        assert finding.where == "page 2" and finding.boxes == ()
    texts = {f.text for f in findings}
    assert "Anna Sjo\u0308berg" in texts and "811218-\n9876" in texts
    assert "Sjo\u0308berg" in texts  # propagated from the full name, in its NFD spelling


def test_only_requested_entities_are_returned(no_model):
    settings = Settings(ner_model_path=no_model, entities=(EntityType.PHONE, EntityType.EMAIL))
    found = {f.entity for f in Analyzer.from_settings(settings).analyze_text(LETTER)}
    assert found == {EntityType.PHONE, EntityType.EMAIL}


def test_threshold_filters_scores(no_model):
    low = Analyzer.from_settings(Settings(ner_model_path=no_model, score_threshold=0.4))
    high = Analyzer.from_settings(Settings(ner_model_path=no_model, score_threshold=0.95))
    low_found, high_found = low.analyze_text(LETTER), high.analyze_text(LETTER)
    assert all(f.score >= 0.95 for f in high_found)
    assert {f.entity for f in high_found} < {f.entity for f in low_found}


def test_context_words_raise_a_score(analyzer):
    """A blank pipeline has no lemmas; the lemma fallback must still let context words work."""
    without = [f for f in analyzer.analyze_text("Nummer 811218-9875 noterat.")]
    with_context = [f for f in analyzer.analyze_text("Personnummer 811218-9875 noterat.")]
    assert without == []  # wrong check digit: below the threshold alone
    assert [f.entity for f in with_context] == [EntityType.PERSONNUMMER]
    assert with_context[0].score >= 0.4


def test_a_box_number_needs_a_postcode_or_a_context_word(analyzer):
    assert analyzer.analyze_text("Kryssa i Check Box 2 och Check Box 3.") == []
    for text in ("Postadress: Box 45 i Lomma", "Skicka till Box 45, 234 21 Lomma"):
        assert [f.text for f in analyzer.analyze_text(text) if f.entity is EntityType.STREET_ADDRESS] == [
            "Box 45"
        ], text


def test_one_finding_per_place(analyzer):
    findings = analyzer.analyze_text("Pnr 0708123309 och 070-812 33 09")
    spans = [(f.span.start, f.span.end) for f in findings]
    assert len(spans) == len(set(spans))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_loading_and_analysing_never_touch_the_network(no_network, no_model):
    analyzer = Analyzer.from_settings(Settings(ner_model_path=no_model))
    assert analyzer.analyze_text(LETTER)


def test_empty_document(analyzer):
    assert analyzer.analyze(ExtractedDocument(format="text", text="", segments=())) == []


@pytest.fixture(scope="module")
def ner_pipeline(tmp_path_factory):
    """A real spaCy pipeline on disk with PER/LOC labels and per-entity scores (no training)."""
    nlp = spacy.blank("sv")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Xiomara"}, {"label": "LOC", "pattern": "Ystad"}])
    path = tmp_path_factory.mktemp("sv_ner") / "model"
    nlp.to_disk(path)
    return path


def test_ner_pipeline_entities_become_findings(ner_pipeline):
    analyzer = Analyzer.from_settings(Settings(ner_model_path=ner_pipeline))
    findings = analyzer.analyze_text("Enligt Xiomara ska mötet hållas.")
    assert [(f.entity, f.text, f.origin) for f in findings] == [(EntityType.PERSON, "Xiomara", Origin.NER)]


def test_ner_locations_only_when_requested(ner_pipeline):
    settings = Settings(ner_model_path=ner_pipeline, entities=(EntityType.LOCATION,))
    findings = Analyzer.from_settings(settings).analyze_text("Mötet i Ystad.")
    assert [(f.entity, f.text) for f in findings] == [(EntityType.LOCATION, "Ystad")]


def test_ner_scores_come_from_the_pipeline_when_it_offers_them(ner_pipeline):
    if not SpacySpan.has_extension("score"):
        SpacySpan.set_extension("score", default=None)
    analyzer = Analyzer.from_settings(Settings(ner_model_path=ner_pipeline, score_threshold=0.1))
    nlp = analyzer.nlp_engine.get_nlp("sv")

    @spacy.Language.component("test_scorer")
    def scorer(doc):
        for ent in doc.ents:
            ent._.score = 0.31
        return doc

    nlp.add_pipe("test_scorer", last=True)
    try:
        findings = analyzer.analyze_text("Enligt Xiomara.")
    finally:
        nlp.remove_pipe("test_scorer")
        SpacySpan.remove_extension("score")
    assert len(findings) == 1 and 0.3 < findings[0].score < 0.32


class ExplodingPhoneRecognizer(SePhoneRecognizer):
    def _analyze_patterns(self, text):
        raise TimeoutError("simulated regex timeout")


def test_a_failing_recognizer_makes_analysis_incomplete_not_shorter(no_model, monkeypatch):
    config = load_analysis_config()
    original = config.build_recognizers

    def build_with_exploding_phone():
        return [ExplodingPhoneRecognizer() if isinstance(r, SePhoneRecognizer) else r for r in original()]

    monkeypatch.setattr(type(config), "build_recognizers", lambda self: build_with_exploding_phone())
    analyzer = Analyzer(config, load_nlp_config(), no_model, Settings().entities, 0.4)
    with pytest.raises(AnalysisIncomplete) as info:
        analyzer.analyze_text(LETTER)
    assert [f.recognizer for f in info.value.failures] == ["ExplodingPhoneRecognizer"]
    assert "timed out" in info.value.failures[0].reason
    assert EntityType.PERSONNUMMER in {f.entity for f in info.value.findings}  # the rest is kept


def test_hyphenated_name_across_a_line_break_maps_to_both_halves(analyzer):
    text = "Handläggare: Anna Svens-\nson, tel 070-812 33 09."
    persons = [f for f in analyzer.analyze_text(text) if f.entity is EntityType.PERSON]
    assert [f.text for f in persons] == ["Anna Svens-\nson"]


def test_one_analyzer_serves_several_threads(analyzer):
    from concurrent.futures import ThreadPoolExecutor

    texts = [LETTER, "Personnummer 811218-9875, Storgatan 3.", "Ordförande Lindqvist och Per Bengtsson."] * 8
    expected = [analyzer.analyze_text(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(analyzer.analyze_text, texts)) == expected


def test_model_person_spans_are_trimmed_to_names(tmp_path):
    nlp = spacy.blank("sv")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PER", "pattern": "DeviceRGB with"},
            {"label": "PER", "pattern": "till Zarko Gajic"},
            {"label": "PER", "pattern": "README"},
        ]
    )
    nlp.to_disk(tmp_path / "model")
    analyzer = Analyzer.from_settings(Settings(ner_model_path=tmp_path / "model"))
    findings = analyzer.analyze_text("Bilden är DeviceRGB with färg. README skickades till Zarko Gajic.")
    assert [f.text for f in findings if f.entity is EntityType.PERSON] == ["Zarko Gajic"]


def test_shipped_model_proposes_no_names_in_english_technical_text():
    analyzer = Analyzer.from_settings(Settings())
    text = (
        "This chapter describes how to build the library. Images use DeviceRGB with DCTDecode, "
        "and the QPDF Manual explains the options. Thanks to Jay Berkenbilt for the work."
    )
    persons = {f.text for f in analyzer.analyze_text(text) if f.entity is EntityType.PERSON}
    assert persons <= {"Jay Berkenbilt", "Jay", "Berkenbilt"}


def test_lower_case_names_are_proposed_by_the_gazetteer_alone(analyzer):
    """Without the name model: a citizen's e-mail written without capitals, and a lower-case full
    name in ordinary text."""
    found = analyzer.analyze_text("hej! jag heter anna svensson och min dotter ingrid går i skolan")
    assert by_entity(found) == {(EntityType.PERSON, "anna svensson"), (EntityType.PERSON, "ingrid")}
    found = analyzer.analyze_text("Hej, jag heter anna svensson och bor i Lund. Pris: 100 kr per person.")
    assert [f.text for f in found if f.entity is EntityType.PERSON] == ["anna svensson"]
