"""Robustness: every PDF of qpdf's test suite ends in a clean, verified result or a one-line refusal.

Each file goes through the same path as ``skymma redact --accept-all``: an isolated child process
extracts, analyses, burns and verifies. No file may crash the process, hang, or fail with anything
but a ``RedactionError`` whose message is one line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.analysis import Analyzer
from app.domain.errors import BadInput, LeakDetected, RedactionError
from app.isolation import run_isolated
from app.pipeline import accept_all, analyze_file, burn_and_verify
from app.settings import Settings

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "qpdf"
FILES = sorted(CORPUS.glob("*.pdf"))
TIMEOUT_S = 60.0
# Files whose burned output the verifier refuses. Each is a safe outcome (nothing is released) and is
# listed so that a change in behaviour shows up here: the reason is in the comment.
KNOWN_REFUSALS: dict[str, str] = {}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.from_settings(Settings())


def test_corpus_is_complete() -> None:
    assert len(FILES) == 625


@pytest.mark.slow
@pytest.mark.parametrize("src", FILES, ids=[f.name for f in FILES])
def test_file_ends_clean_or_refused(analyzer: Analyzer, src: Path, tmp_path: Path) -> None:
    # OCR is off here: tests/e2e/test_scans.py covers it. With it on, the 58 files with images add about
    # 5 CPU-minutes, and 7 of them are refused (safely): their test images show PDF keywords such as
    # "DeviceRGB" or "Page", NER proposes them as names, and the raw scan finds them in the file syntax.
    settings = Settings(ocr_enabled=False)
    ctx = settings.handler_context()
    dst = tmp_path / "out.pdf"

    def job() -> int:
        analysis = analyze_file(src, analyzer, ctx)
        masks, kept = accept_all(analysis, settings.default_ground)
        burn_and_verify(analysis, masks, kept, dst, ctx)
        return len(masks)

    try:
        run_isolated(job, timeout=TIMEOUT_S, memory_bytes=4 << 30)
    except LeakDetected as exc:
        assert not dst.exists(), "a refused output must be deleted"
        assert src.name in KNOWN_REFUSALS, f"verifier refused the burned output: {exc}"
        return
    except RedactionError as exc:
        message = str(exc)
        assert message and "\n" not in message, f"not a one-line refusal: {message!r}"
        assert isinstance(exc, BadInput), f"{type(exc).__name__}: {message}"
        assert not dst.exists()
        return
    assert dst.exists() and dst.stat().st_size > 0
