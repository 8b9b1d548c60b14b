"""Pictures inside other files, without Tesseract: masks burned into the pixels in the picture's own
format with nothing but the pixels kept, spans mapped to word boxes, bad pictures refused in one line,
and the OCR-off behaviour (e-mail: withheld; Word: kept and counted in the notes). The verifier's
picture reader fails closed on a picture it cannot decode."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from app.cli import EXIT_OK, main
from app.domain.document import ExtractedDocument, Segment
from app.domain.errors import BurnFailed, CorruptFile, UnsupportedFormat
from app.domain.model import EntityType, Finding, Mask, Origin, Span
from app.formats.base import HandlerContext, Limits
from app.formats.image_text import PictureHandler, PictureLocator, burn_picture, picture_boxes, sha256
from app.verify.image_reader import ImageReader
from app.verify.registry import root_context
from app.verify.surfaces import TextSurface
from tests import picture_samples as pictures

BOX = (20.0, 30.0, 60.0, 50.0)


def grey_picture(fmt: str, frames: int = 1) -> bytes:
    images = [Image.new("L", (120, 80), 200 + n) for n in range(frames)]
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = "Anna Svensson"  # Artist: a name in the metadata
    extra = {"save_all": True, "append_images": images[1:]} if frames > 1 else {}
    images[0].save(out, format=fmt, exif=exif.tobytes(), dpi=(300, 300), **extra)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "frames"), [("PNG", 1), ("JPEG", 1), ("TIFF", 2)])
def test_boxes_are_painted_black_in_the_pictures_own_format(fmt: str, frames: int) -> None:
    data = grey_picture(fmt, frames)
    assert b"Anna Svensson" in data
    burned = burn_picture(data, {frames - 1: [BOX]}, Limits())
    assert b"Anna Svensson" not in burned, "metadata is not carried over"
    with Image.open(io.BytesIO(burned)) as image:
        assert image.format == fmt and getattr(image, "n_frames", 1) == frames
        image.seek(frames - 1)
        last = image.convert("L")
        assert last.getpixel((40, 40)) < 10, "black under the box"
        assert last.getpixel((100, 70)) > 150, "untouched outside the box"
        assert round(image.info["dpi"][0]) == 300
        if frames > 1:
            image.seek(0)
            assert image.convert("L").getpixel((40, 40)) > 150, "other frames keep their pixels"


def test_a_mask_burns_every_word_it_touches() -> None:
    words = (
        (0, 4, ((1.0, 1.0, 9.0, 9.0),)),
        (5, 13, ((10.0, 1.0, 30.0, 9.0),)),
        (14, 18, ((31.0, 1, 40, 9),)),
    )
    locator = PictureLocator("word/media/image1.png", "x", 0, words)
    doc = ExtractedDocument("docx", "intro\n\nAnna Svensson text", (Segment(7, 25, "pic", None, locator),))
    finding = Finding(EntityType.PERSON, Span(12, 22), "Svensson t", 1.0, "test", Origin.REVIEWER)
    boxes = picture_boxes(doc, [Mask(finding, None)])
    assert boxes == {"word/media/image1.png": {0: [(10.0, 1.0, 30.0, 9.0), (31.0, 1, 40, 9)]}}


def test_bad_pictures_are_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(CorruptFile):
        burn_picture(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, {}, Limits())
    src = tmp_path / "a.picture"
    src.write_bytes(grey_picture("PNG"))
    with pytest.raises(UnsupportedFormat, match="OCR"):
        PictureHandler().extract(src, HandlerContext(ocr_enabled=False))
    locator = PictureLocator("", sha256(b"other bytes"), 0, ())
    doc = ExtractedDocument("picture", "x", (Segment(0, 1, "frame 1 (OCR)", None, locator),))
    with pytest.raises(BurnFailed):
        PictureHandler().redact(src, doc, [], tmp_path / "out.picture", HandlerContext(ocr_enabled=True))


@pytest.fixture
def ocr_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from app import settings

    monkeypatch.setenv("SKYMMA_OCR", "0")
    settings.get_settings.cache_clear()
    yield
    settings.get_settings.cache_clear()


def test_with_ocr_off_pictures_behave_as_before(
    ocr_off: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    photo = pictures.letter_photo()
    eml, word = tmp_path / "foto.eml", tmp_path / "foto.docx"
    eml.write_bytes(pictures.eml_with_picture(photo))
    word.write_bytes(pictures.docx_with_picture(photo))
    assert main(["redact", str(eml), "-o", str(tmp_path / "out.eml"), "--accept-all"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "beslut.png" in out and "withheld" in out
    assert b"beslut.png.undantagen.txt" in (tmp_path / "out.eml").read_bytes()
    assert main(["redact", str(word), "-o", str(tmp_path / "out.docx"), "--accept-all"]) == EXIT_OK
    assert "1 images or embedded objects are not analysed" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "out.docx") as package:
        assert package.read("word/media/image1.png") == photo


def test_the_verifier_fails_closed_on_a_picture_it_cannot_decode() -> None:
    broken = b"\x89PNG\r\n\x1a\n" + b"Anna Svensson" + b"\x00" * 40
    reader = ImageReader()
    assert reader.sniff(broken[:16])
    without = list(reader.read(broken, root_context()))
    assert [type(item) for item in without] == [TextSurface]
    assert "Anna Svensson" in without[0].texts[0], "the bytes are searched as text"
    with_ocr = list(reader.read(broken, root_context(ocr_languages="swe+eng")))
    assert with_ocr[-1].entity == "STRUCTURE" and "cannot be decoded" in with_ocr[-1].detail


def test_a_word_picture_that_cannot_be_read_refuses_the_document(tmp_path: Path) -> None:
    from app.formats.docx import DocxHandler
    from tests.docx_samples import with_part

    broken = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    src = tmp_path / "trasig.docx"
    src.write_bytes(
        with_part(pictures.docx_with_picture(pictures.letter_photo()), "word/media/image1.png", broken)
    )
    with pytest.raises(CorruptFile, match="^picture word/media/image1.png: the picture cannot be read"):
        DocxHandler().extract(src, HandlerContext(ocr_enabled=True))
    assert DocxHandler().extract(src, HandlerContext(ocr_enabled=False)).text, "with OCR off: as before"
