"""A long PDF is read and searched in forked workers: the report must equal the one-process report."""

from __future__ import annotations

import pymupdf
import pytest

from app.verify import verifier as verifier_module
from app.verify import verify_bytes
from app.verify.pdf import reader as reader_module
from tests.verify.builders import FILLER, NAME, NAME_NEEDLE, PNR, PNR_NEEDLE, to_bytes

PAGES = 40


def long_pdf() -> bytes:
    """40 pages of filler; the name on pages 3, 17 and 33, the personnummer on page 38."""
    doc = pymupdf.open()
    for n in range(PAGES):
        page = doc.new_page()
        for line in range(40):
            page.insert_text((40, 40 + 18 * line), f"{FILLER} {n}.{line}", fontname="helv", fontsize=8)
        if n in (3, 17, 33):
            page.insert_text((40, 800), f"Handläggare {NAME}", fontname="helv", fontsize=8)
        if n == 38:
            page.insert_text((40, 800), f"Personnummer {PNR}", fontname="helv", fontsize=8)
    return to_bytes(doc)


@pytest.fixture
def forks_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small enough thresholds that a 40-page test file takes the forked paths."""
    monkeypatch.setattr(reader_module, "MIN_PAGES_PER_WORKER", 4)
    monkeypatch.setattr(verifier_module, "PREFETCH_MIN_CHARS", 1)


def test_forked_reading_and_search_give_the_same_report(forks_always: None) -> None:
    data = long_pdf()
    needles = [NAME_NEEDLE, PNR_NEEDLE]
    single = verify_bytes(data, needles, kept=[NAME], workers=1)
    forked = verify_bytes(data, needles, kept=[NAME], workers=2)
    assert not single.clean
    assert forked == single
    pages = sorted({leak.page for leak in forked.leaks if leak.surface == "page-text"})
    assert pages == [17, 33, 38]  # the first name is kept, the other two and the number leak
