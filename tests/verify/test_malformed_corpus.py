"""Malformed PDFs from the qpdf test suite (Apache-2.0, shared/data/pdf-corpus/qpdf): always a report.

Skipped where the shared corpus is absent (CI clones may not have it). Each file once crashed or
stalled an earlier version of the verifier: bad escapes, page-tree cycles, huge colour spaces,
regex-hostile binary data, encryption variants.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.verify import verify_bytes
from tests.verify.builders import NAME_NEEDLE, PNR_NEEDLE

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "pdf-corpus" / "qpdf"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/data/pdf-corpus/qpdf")
FILES = [
    "deep-pages.pdf", "image-streams.pdf", "large-inline-image.pdf", "issue-100.pdf", "issue-1688a.pdf",
    "enc-XI-long-password.pdf", "bad11.pdf", "object-stream-self-ref.pdf", "incremental-3.pdf",
    "indirect-r-arg.pdf",
]  # fmt: skip


@pytest.mark.parametrize("name", FILES)
def test_malformed_pdf_gives_a_report_quickly(name: str) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("qpdf corpus not available")
    start = time.perf_counter()
    report = verify_bytes(path.read_bytes(), [NAME_NEEDLE, PNR_NEEDLE])
    assert time.perf_counter() - start < 30  # a hang guard, not a speed target
    assert not any("verification failed" in leak.detail for leak in report.leaks), report.summary()
