"""The verifier's OCR re-check: a datum legible only in the pixels is a leak; an unreadable page fails
closed. The text-layer checks alone cannot see either."""

from __future__ import annotations

import shutil

import pytest

from app.domain.model import EntityType
from app.verify import Needle, verify_bytes
from tests import scan_samples as scans

pytestmark = [
    pytest.mark.ocr,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed (make install)"),
]

NEEDLES = [Needle("Anna Svensson", EntityType.PERSON), Needle("anna.svensson@exempel.se", EntityType.EMAIL)]


@pytest.fixture(scope="module")
def scan_pdf() -> bytes:
    """An image-only page turned 90 degrees: the data is in the pixels and nowhere else."""
    return scans.scanned_pdf([scans.scan_image(scans.LETTER, rotate=90)])


def test_data_in_pixels_is_found_only_by_the_ocr_check(scan_pdf: bytes) -> None:
    assert verify_bytes(scan_pdf, NEEDLES).clean, "no text layer: the text checks see nothing"
    report = verify_bytes(scan_pdf, NEEDLES, ocr_languages="swe+eng", workers=2)
    assert not report.clean
    leaks = [leak for leak in report.leaks if leak.surface == "page-ocr"]
    assert {leak.entity for leak in leaks} == {EntityType.PERSON, EntityType.EMAIL}
    assert all(leak.page == 0 for leak in leaks)
    assert not any("Svensson" in leak.detail for leak in report.leaks)


def test_a_page_the_ocr_cannot_read_fails_closed(scan_pdf: bytes) -> None:
    report = verify_bytes(scan_pdf, NEEDLES, ocr_languages="no-such-language")
    assert not report.clean
    assert any(leak.surface == "page-ocr" and "OCR check failed" in leak.detail for leak in report.leaks)
