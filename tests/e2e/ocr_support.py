"""Shared by the OCR end-to-end tests: their markers, the data ``tests.scan_samples`` plants in its
letters, OCR switched on for the test, and a redact that must succeed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import settings
from app.cli import EXIT_OK, main
from app.domain.model import EntityType
from app.verify import Needle

OCR_MARKS = [
    pytest.mark.ocr,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed (make install)"),
]
LANGUAGES = "swe+eng"
NEEDLES = [  # what the scan samples' letters hold
    Needle("Anna Svensson", EntityType.PERSON),
    Needle("19121212-1212", EntityType.PERSONNUMMER),
    Needle("anna.svensson@exempel.se", EntityType.EMAIL),
    Needle("070-812 33 09", EntityType.PHONE),
]


@pytest.fixture(autouse=True)
def ocr_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """OCR on and two workers, whatever the environment says; settings re-read around the test."""
    monkeypatch.setenv("SKYMMA_OCR", "1")
    monkeypatch.setenv("SKYMMA_WORKERS", "2")
    settings.get_settings.cache_clear()
    yield
    settings.get_settings.cache_clear()


def redact(capsys: pytest.CaptureFixture[str], src: Path, dst: Path) -> str:
    """``skymma redact SRC -o DST --accept-all``; its standard output, after exit code 0."""
    code = main(["redact", str(src), "-o", str(dst), "--accept-all"])
    out, err = capsys.readouterr()
    assert code == EXIT_OK, err
    return out
