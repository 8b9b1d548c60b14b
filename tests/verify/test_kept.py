"""The ``kept`` rule: a deliberately kept text may appear as often as it is listed, no more."""

from __future__ import annotations

from app.domain.model import EntityType
from app.verify import Needle, verify_bytes
from tests.verify.builders import NAME, NAME_NEEDLE, assert_flagged, new_doc, to_bytes


def doc_with_name(times: int) -> bytes:
    doc = new_doc(2)
    for i in range(times):
        doc[i % 2].insert_text((72, 200 + 20 * i), f"Yttrande från {NAME}.", fontname="helv")
    return to_bytes(doc)


def test_kept_as_often_as_listed_is_clean() -> None:
    data = doc_with_name(2)
    assert not verify_bytes(data, [NAME_NEEDLE]).clean
    assert verify_bytes(data, [NAME_NEEDLE], kept=[NAME, "annika  SJÖBERG"]).clean


def test_one_more_occurrence_than_kept_is_a_leak() -> None:
    report = verify_bytes(doc_with_name(3), [NAME_NEEDLE], kept=[NAME, NAME])
    assert_flagged(report, "page-text", None, NAME)
    page_leaks = [leak for leak in report.leaks if leak.surface == "page-text"]
    assert len(page_leaks) == 1
    assert "1 occurrence" in page_leaks[0].detail


def test_kept_text_in_an_extra_surface_is_a_leak() -> None:
    doc = new_doc()
    doc[0].insert_text((72, 200), NAME, fontname="helv")
    doc.set_metadata({"author": NAME})
    report = verify_bytes(to_bytes(doc), [NAME_NEEDLE], kept=[NAME])
    assert_flagged(report, "metadata", None, NAME)
    assert not any(leak.surface == "page-text" for leak in report.leaks)


def test_needle_inside_a_kept_text_is_excused() -> None:
    doc = new_doc()
    doc[0].insert_text((72, 200), "Ordförande Bertil Lindqvist", fontname="helv")
    data = to_bytes(doc)
    needles = [Needle("Bertil", EntityType.PERSON)]  # masked somewhere else in the source
    assert not verify_bytes(data, needles).clean
    assert verify_bytes(data, needles, kept=["Bertil Lindqvist"]).clean


def test_needle_outside_the_kept_text_is_still_a_leak() -> None:
    doc = new_doc()
    doc[0].insert_text((72, 200), "Ordförande Bertil Lindqvist", fontname="helv")
    doc[1].insert_text((72, 200), "Bertil ringde", fontname="helv")
    report = verify_bytes(to_bytes(doc), [Needle("Bertil", EntityType.PERSON)], kept=["Bertil Lindqvist"])
    assert_flagged(report, "page-text", 1, "Bertil")
    assert not any(leak.page == 0 for leak in report.leaks if leak.surface == "page-text")
