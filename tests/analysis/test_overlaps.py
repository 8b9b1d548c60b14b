from app.analysis.candidate import Candidate
from app.analysis.overlaps import resolve_overlaps
from app.domain.model import EntityType, Origin


def candidate(start, end, entity=EntityType.PERSON, score=0.8, validated=False):
    return Candidate(start, end, entity, score, "R", Origin.PATTERN, validated)


def test_validated_beats_unvalidated():
    pnr = candidate(0, 11, EntityType.PERSONNUMMER, 1.0, validated=True)
    phone = candidate(0, 11, EntityType.PHONE, 0.7)
    assert resolve_overlaps([phone, pnr]) == [pnr]


def test_longer_beats_shorter_across_types():
    address = candidate(0, 20, EntityType.STREET_ADDRESS, 0.7)
    person = candidate(4, 17, EntityType.PERSON, 0.85)
    assert resolve_overlaps([person, address]) == [address]


def test_same_type_overlaps_merge_into_their_union():
    merged = resolve_overlaps([candidate(0, 10, score=0.6), candidate(5, 15, score=0.9)])
    assert [(c.start, c.end, c.score) for c in merged] == [(0, 15, 0.9)]


def test_separate_findings_stay_separate_and_sorted():
    result = resolve_overlaps([candidate(20, 25), candidate(0, 5), candidate(10, 15, EntityType.PHONE)])
    assert [(c.start, c.end) for c in result] == [(0, 5), (10, 15), (20, 25)]
