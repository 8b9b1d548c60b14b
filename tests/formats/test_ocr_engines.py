"""Tesseract engines kept per process: reused one caller at a time, never shared by two at once, and
a missing language is a one-line error rather than a crash."""

from __future__ import annotations

import shutil
import threading

import pytest
from PIL import Image

from app.domain.errors import ExtractionFailed
from app.formats.ocr import ocr_image
from app.tesseract_engines import EngineUnavailable, TesseractEngines

pytestmark = [
    pytest.mark.ocr,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed (make install)"),
]


def test_an_engine_is_reused_after_its_caller_is_done() -> None:
    engines = TesseractEngines()
    with engines.engine("eng") as first:
        pass
    with engines.engine("eng") as second:
        assert second is first


def test_concurrent_callers_get_engines_of_their_own() -> None:
    engines = TesseractEngines()
    inside, release, seen = threading.Barrier(2), threading.Event(), []

    def use() -> None:
        with engines.engine("eng") as api:
            seen.append(api)
            inside.wait(timeout=30)
            release.wait(timeout=30)

    threads = [threading.Thread(target=use) for _ in range(2)]
    for thread in threads:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(timeout=60)
    assert len(seen) == 2 and seen[0] is not seen[1]


@pytest.mark.parametrize("languages", ["no-such-language", "swe+xx", "../eng"])
def test_a_language_without_data_is_refused_in_one_line(languages: str) -> None:
    with pytest.raises(EngineUnavailable), TesseractEngines().engine(languages):
        pass
    with pytest.raises(ExtractionFailed, match=r"^OCR failed: [^\n]+$"):
        ocr_image(Image.new("L", (200, 100), 255), languages)
