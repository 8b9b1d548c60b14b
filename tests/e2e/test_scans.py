"""End to end on generated scans: OCR finds the personal data on turned, skewed and layered scans and
in TIFF/PNG uploads, the masks burn it out of the pixels (and out of a scanner's hidden text layer),
and the verifier's own OCR of every output page proves no masked datum is legible while the rest of
the letter still is."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from app.cli import EXIT_BAD_INPUT, EXIT_LEAK, EXIT_OK, main
from app.verify import verify_file
from app.verify.ocr import page_readings
from tests import scan_samples as scans
from tests.e2e.ocr_support import LANGUAGES, NEEDLES, OCR_MARKS, ocr_on, redact  # noqa: F401 (ocr_on: autouse)

pytestmark = OCR_MARKS


def ocr_pages(path: Path) -> list[str]:
    """Each output page rendered at 300 dpi and read by OCR (readings joined)."""
    texts = []
    with pymupdf.open(path) as doc:
        for page in doc:
            pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
            image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
            texts.append("\n".join(page_readings(image, LANGUAGES)))
    return texts


def assert_masked_and_readable(dst: Path, pages: int) -> None:
    report = verify_file(dst, NEEDLES, ocr_languages=LANGUAGES, workers=2)
    assert report.clean, report.summary()
    assert "page-ocr" in report.surfaces_checked
    texts = ocr_pages(dst)
    assert len(texts) == pages
    for number, text in enumerate(texts, start=1):
        flat = " ".join(text.split())
        for kept in scans.KEPT:
            assert kept in flat, f"page {number}: unmasked text {kept!r} no longer readable"
        for masked in ("Svensson", "19121212", "exempel.se", "812 33"):
            assert masked not in flat, f"page {number}: masked text still readable"


def test_turned_skewed_and_layered_scans_are_burned_in_the_pixels(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Page 1 upright with a scanner's invisible text layer, page 2 turned 90 degrees, page 3 skewed 3
    degrees."""
    pages = [
        scans.scan_image(scans.LETTER),
        scans.scan_image(scans.LETTER, rotate=90),
        scans.scan_image(scans.LETTER, rotate=3),
    ]
    src = tmp_path / "scan.pdf"
    src.write_bytes(scans.scanned_pdf(pages, hidden_text=[scans.LETTER]))
    dst = tmp_path / "out.pdf"
    out = redact(capsys, src, dst)
    assert "read by OCR" in out and "verified" in out
    assert_masked_and_readable(dst, pages=3)
    with pymupdf.open(dst) as doc:
        layer = doc[0].get_text()
    assert "Nämnden har prövat ansökan" in layer, "the unmasked part of the hidden layer stays"
    for masked in ("Svensson", "19121212", "exempel.se"):
        assert masked not in layer


def test_turned_page_masks_land_on_the_original_page(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The personnummer's box on a page scanned upside down is where the number is on that page."""
    import json

    src = tmp_path / "upside-down.pdf"
    src.write_bytes(scans.scanned_pdf([scans.scan_image(scans.LETTER, rotate=180)]))
    assert main(["analyze", str(src), "--json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    (row,) = [r for r in report["findings"] if r["entity"] == "PERSONNUMMER"]
    (box,) = row["boxes"]
    with scans.text_page(scans.LETTER) as doc:  # where the number is on the sheet before turning
        (rect,) = doc[0].search_for("19121212-1212")
        width, height = doc[0].rect.width, doc[0].rect.height
    # turned 180 degrees: (x, y) -> (width - x, height - y); the box may add the full stop and a margin
    turned = pymupdf.Rect(width - rect.x1, height - rect.y1, width - rect.x0, height - rect.y0)
    found = pymupdf.Rect(box[1:])
    assert found.x0 <= turned.x0 + 1 and found.x1 >= turned.x1 - 1, "the number is covered across"
    assert found.width < turned.width + 10
    assert turned.y0 <= found.y0 < found.y1 <= turned.y1 + 1 and found.height > 0.5 * turned.height


def test_multipage_tiff_and_png_come_out_as_verified_pdfs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tiff = tmp_path / "scan.tif"
    tiff.write_bytes(
        scans.multipage_tiff([scans.scan_image(scans.LETTER), scans.scan_image(scans.LETTER, 180)])
    )
    png = tmp_path / "scan.png"
    png.write_bytes(scans.image_bytes(scans.scan_image(scans.LETTER, rotate=-2.5, dpi=200), dpi=200))
    for src, pages in ((tiff, 2), (png, 1)):
        dst = tmp_path / f"{src.stem}-{src.suffix[1:]}.pdf"
        out = redact(capsys, src, dst)
        assert "converted to PDF" in out
        assert dst.read_bytes().startswith(b"%PDF-")
        assert_masked_and_readable(dst, pages=pages)


def test_pixels_left_unburned_are_caught_by_the_ocr_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sabotage: masks only remove text, never image pixels. The text-layer checks pass; the OCR
    re-check must refuse the output."""
    from app.formats import pdf_burn

    def text_only(page: pymupdf.Page, boxes) -> None:
        for box, _ in boxes:
            page.add_redact_annot(pymupdf.Rect(box.x0, box.y0, box.x1, box.y1))
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)

    monkeypatch.setattr(pdf_burn, "_burn_page", text_only)
    src = tmp_path / "scan.png"
    src.write_bytes(scans.image_bytes(scans.scan_image(scans.LETTER)))
    dst = tmp_path / "out.pdf"
    code = main(["redact", str(src), "-o", str(dst), "--accept-all"])
    _, err = capsys.readouterr()
    assert code == EXIT_LEAK
    assert "page-ocr" in err and "Svensson" not in err
    assert not dst.exists()


def test_image_input_without_ocr_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import settings

    monkeypatch.setenv("SKYMMA_OCR", "0")
    settings.get_settings.cache_clear()
    src = tmp_path / "scan.png"
    src.write_bytes(scans.image_bytes(Image.new("L", (50, 50), 255)))
    code = main(["analyze", str(src)])
    _, err = capsys.readouterr()
    assert code == EXIT_BAD_INPUT and "OCR" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"II*\x00" + b"\x01" * 60, b"\xff\xd8\xff\xe0garbage"],
    ids=["truncated-png", "broken-tiff", "broken-jpeg"],
)
def test_broken_images_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes
) -> None:
    src = tmp_path / "bad.img"
    src.write_bytes(data)
    code = main(["redact", str(src), "-o", str(tmp_path / "out.pdf"), "--accept-all"])
    _, err = capsys.readouterr()
    assert code == EXIT_BAD_INPUT and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out.pdf").exists()
