"""Shared by the OCR end-to-end tests: OCR switched on for the test, and a redact that must succeed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import settings
from app.cli import EXIT_OK, main


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
