"""ImageHandler: picture uploads become an image-only PDF that carries the pixels and nothing else."""

from __future__ import annotations

import io
from pathlib import Path

import pymupdf
import pytest
from PIL import Image

from app.domain.errors import CorruptFile, LimitExceeded, UnsupportedFormat
from app.domain.model import EntityType
from app.formats.base import FormatHandler, HandlerContext, Limits
from app.formats.image import ImageHandler, image_to_pdf
from app.formats.registry import handler_for
from app.verify import Needle, verify_bytes


def picture(width: int = 600, height: int = 300, mode: str = "L") -> Image.Image:
    image = Image.new(mode, (width, height), "white")
    image.paste("black" if mode != "L" else 0, (50, 50, 150, 100))
    return image


def saved(image: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def test_handler_fulfils_the_protocol_and_sniffs_by_bytes(tmp_path: Path) -> None:
    handler = ImageHandler()
    assert isinstance(handler, FormatHandler)
    for fmt in ("PNG", "JPEG", "TIFF"):
        data = saved(picture(), fmt)
        assert handler.sniff(data[:16])
        src = tmp_path / "upload.pdf"  # the name lies; the bytes decide
        src.write_bytes(data)
        assert handler_for(src).name == "image"
    assert not handler.sniff(b"%PDF-1.7")


def test_pages_follow_frames_and_resolution(tmp_path: Path) -> None:
    frames = [picture(600, 300), picture(300, 600, "RGB")]
    src = tmp_path / "two.tif"
    frames[0].save(src, format="TIFF", save_all=True, append_images=frames[1:], dpi=(150, 150))
    with pymupdf.open("pdf", image_to_pdf(src, Limits())) as doc:
        assert doc.page_count == 2
        assert tuple(doc[0].rect) == pytest.approx((0, 0, 288, 144), abs=0.01)  # 600 px at 150 dpi
        assert tuple(doc[1].rect) == pytest.approx((0, 0, 144, 288), abs=0.01)
        assert all(len(page.get_images()) == 1 for page in doc)


def test_exif_orientation_is_applied_and_metadata_dropped(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: display rotated 90 degrees clockwise
    exif[0x013B] = "Anna Svensson"  # Artist
    exif[0x010E] = "Anna Svensson 19121212-1212"  # ImageDescription
    src = tmp_path / "photo.jpg"
    src.write_bytes(saved(picture(600, 300, "RGB"), "JPEG", exif=exif, dpi=(300, 300)))
    data = image_to_pdf(src, Limits())
    with pymupdf.open("pdf", data) as doc:
        assert doc[0].rect.width < doc[0].rect.height  # upright as the camera meant it
    needles = [Needle("Anna Svensson", EntityType.PERSON), Needle("19121212-1212", EntityType.PERSONNUMMER)]
    assert verify_bytes(data, needles).clean


def test_missing_or_absurd_resolution_assumes_300_dpi(tmp_path: Path) -> None:
    src = tmp_path / "plain.png"
    src.write_bytes(saved(picture(900, 300), "PNG", dpi=(1, 1)))
    with pymupdf.open("pdf", image_to_pdf(src, Limits())) as doc:
        assert doc[0].rect.width == pytest.approx(216, abs=0.01)


def test_bad_images_are_refused_with_one_line(tmp_path: Path) -> None:
    src = tmp_path / "broken.png"
    src.write_bytes(saved(picture(), "PNG")[:60])
    with pytest.raises(CorruptFile) as err:
        image_to_pdf(src, Limits())
    assert "\n" not in str(err.value)
    frames = [picture(60, 60) for _ in range(3)]
    many = tmp_path / "many.tif"
    frames[0].save(many, format="TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(LimitExceeded):
        image_to_pdf(many, Limits(max_pages=2))


def test_images_need_ocr(tmp_path: Path) -> None:
    src = tmp_path / "scan.png"
    src.write_bytes(saved(picture(), "PNG"))
    with pytest.raises(UnsupportedFormat, match="OCR"):
        ImageHandler().extract(src, HandlerContext(ocr_enabled=False))
