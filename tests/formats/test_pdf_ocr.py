"""OCR in the PDF handler and pixel burning, per image encoding: the re-encoded image, read on its own,
no longer holds the masked text, and the rest of it is still legible."""

from __future__ import annotations

import shutil
from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from app.domain.model import EntityType, Finding, Mask, Origin, Span
from app.formats.base import HandlerContext
from app.formats.pdf import PdfHandler
from app.verify.ocr import page_readings
from tests import scan_samples as scans

pytestmark = [
    pytest.mark.ocr,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed (make install)"),
]

CTX = HandlerContext(ocr_enabled=True, ocr_languages="swe+eng", workers=1)
MASKED = ["Anna Svensson", "19121212-1212"]


def image_texts(path: Path) -> list[str]:
    """Every image of the output decoded and read on its own (not as the page shows it)."""
    texts = []
    with pymupdf.open(path) as doc:
        for xref in {info[0] for page in doc for info in page.get_images(full=True)}:
            pix = pymupdf.Pixmap(doc, xref)
            if pix.alpha:
                pix = pymupdf.Pixmap(pix, 0)
            if pix.n != 1:
                pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
            image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
            texts.append(" ".join(" ".join(page_readings(image, "swe+eng")).split()))
    return texts


def assert_black_in_the_image(path: Path, boxes) -> None:
    """The image itself (which fills the page) is solid black under each mask, not just covered."""
    with pymupdf.open(path) as doc:
        page = doc[0]
        (xref,) = {info[0] for info in page.get_images(full=True)}
        pix = pymupdf.Pixmap(doc, xref)
        sx, sy = pix.width / page.rect.width, pix.height / page.rect.height
        for box in boxes:
            inner = pymupdf.Rect(box.x0, box.y0, box.x1, box.y1) + (1, 1, -1, -1)
            for x in (inner.x0, (inner.x0 + inner.x1) / 2, inner.x1):
                for y in (inner.y0, (inner.y0 + inner.y1) / 2, inner.y1):
                    assert max(pix.pixel(int(x * sx), int(y * sy))[: pix.n - pix.alpha]) == 0


@pytest.mark.parametrize(
    "build",
    [scans.jpeg_scan, scans.ccitt_scan, scans.form_xobject_scan],
    ids=["jpeg", "ccitt", "form-xobject"],
)
def test_masked_pixels_are_gone_from_the_reencoded_image(build, tmp_path: Path) -> None:
    src = tmp_path / "scan.pdf"
    src.write_bytes(build(scans.scan_image(scans.LETTER)))
    handler = PdfHandler()
    doc = handler.extract(src, CTX)
    assert "personnummer 19121212-1212" in doc.text and doc.notes
    masks = []
    for text in MASKED:
        start = doc.text.index(text)
        span = Span(start, start + len(text))
        boxes = handler.locate(doc, span)
        assert boxes and all(b.page == 0 for b in boxes)
        masks.append(Mask(Finding(EntityType.PERSON, span, text, 1.0, "test", Origin.REVIEWER, boxes), None))
    dst = tmp_path / "out.pdf"
    handler.redact(src, doc, masks, dst, CTX)
    texts = image_texts(dst)
    assert texts, "the output still has its image"
    assert_black_in_the_image(dst, [box for mask in masks for box in mask.finding.boxes])
    for text in texts:
        assert "Svensson" not in text and "19121212" not in text
        assert "förvaltningsrätten" in text and "personnummer" in text
