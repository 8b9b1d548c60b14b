"""End to end: a photo of a letter attached to an e-mail or pasted into a Word file is read by OCR,
its personal data masked in the picture's own pixels (the picture keeps its format), and the
verifier's own OCR of the output pictures proves no masked datum is legible while the rest of the
letter still is."""

from __future__ import annotations

import email
import io
import zipfile
from email import policy
from pathlib import Path

import pytest
from PIL import Image

from app.cli import main
from app.verify import verify_bytes, verify_file
from app.verify.ocr import page_readings
from tests import picture_samples as pictures
from tests import scan_samples as scans
from tests.e2e.ocr_support import LANGUAGES, NEEDLES, OCR_MARKS, ocr_on, redact  # noqa: F401 (ocr_on: autouse)

pytestmark = OCR_MARKS
MASKED_WORDS = ("Svensson", "19121212", "exempel.se", "812 33")


def assert_burned_and_readable(picture: bytes, fmt: str) -> None:
    """The output picture is still a ``fmt`` picture; OCR reads the letter but none of its data."""
    with Image.open(io.BytesIO(picture)) as image:
        assert image.format == fmt
        readings = page_readings(image, LANGUAGES)
    flat = " ".join(" ".join(readings).split())
    for kept in scans.KEPT:
        assert kept in flat, f"unmasked text {kept!r} no longer readable"
    for masked in MASKED_WORDS:
        assert masked not in flat, "masked text still readable"


def attachments(path: Path) -> list[tuple[str, str, bytes]]:
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    return [
        (part.get_content_type(), part.get_filename(), part.get_payload(decode=True))
        for part in msg.walk()
        if part.get_content_maintype() == "image"
    ]


@pytest.mark.parametrize(("fmt", "rotate"), [("PNG", 0.0), ("JPEG", 2.0)])
def test_photo_attached_to_an_email_is_burned_in_its_pixels(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, rotate: float
) -> None:
    subtype = pictures.SUBTYPE[fmt]
    src = tmp_path / "foto.eml"
    photo = pictures.letter_photo(fmt, rotate)
    src.write_bytes(pictures.eml_with_picture(photo, subtype, f"beslut.{subtype}"))
    dst = tmp_path / "out.eml"
    out = redact(capsys, src, dst)
    assert "read by OCR" in out and "verified: clean" in out
    report = verify_file(dst, NEEDLES, ocr_languages=LANGUAGES)
    assert report.clean, report.summary()
    ((ctype, filename, picture),) = attachments(dst)
    assert (ctype, filename) == (f"image/{subtype}", f"beslut.{subtype}")
    assert_burned_and_readable(picture, fmt)


def test_photo_pasted_into_a_word_file_is_burned_in_its_pixels(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "foto.docx"
    src.write_bytes(pictures.docx_with_picture(pictures.letter_photo()))
    dst = tmp_path / "out.docx"
    out = redact(capsys, src, dst)
    assert "picture word/media/image1.png was read by OCR" in out and "verified: clean" in out
    report = verify_file(dst, NEEDLES, ocr_languages=LANGUAGES)
    assert report.clean, report.summary()
    with zipfile.ZipFile(dst) as package:
        picture = package.read("word/media/image1.png")
        body = package.read("word/document.xml").decode()
    assert "Handlingen registrerades i diariet." in body, "the document's own text is kept"
    assert_burned_and_readable(picture, "PNG")


def test_the_verifier_reads_pictures_with_its_own_ocr() -> None:
    """The unredacted inputs: no text surface holds the data, only the pictures' pixels. Without OCR
    the verifier cannot see them; with OCR it reports every datum in each picture."""
    inputs = {
        "attachment": pictures.eml_with_picture(pictures.letter_photo()),
        "embedded": pictures.docx_with_picture(pictures.letter_photo()),
    }
    for surface, data in inputs.items():
        text_only = verify_bytes(data, NEEDLES)
        assert not [leak for leak in text_only.leaks if leak.entity != "STRUCTURE"], "no text holds the data"
        report = verify_bytes(data, NEEDLES, ocr_languages=LANGUAGES)
        found = {x.entity for x in report.leaks if x.surface == surface and "image-ocr" in x.detail}
        assert found == {n.entity for n in NEEDLES}, report.summary()


def test_pixels_left_unburned_in_an_attached_photo_block_the_release(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sabotage: the picture is written back without its masks. Every text surface is clean; the
    verifier's OCR of the attachment must refuse the output."""
    from collections import OrderedDict

    from app.cli import EXIT_LEAK
    from app.formats import email_burn, image_text

    monkeypatch.setattr(email_burn, "_burned_cache", OrderedDict())
    monkeypatch.setattr(image_text, "burn_picture", lambda data, boxes, limits: data)
    src = tmp_path / "foto.eml"
    src.write_bytes(pictures.eml_with_picture(pictures.letter_photo()))
    dst = tmp_path / "out.eml"
    code = main(["redact", str(src), "-o", str(dst), "--accept-all"])
    out, err = capsys.readouterr()
    assert code == EXIT_LEAK, out + err
    assert "image-ocr" in out + err
    assert not dst.exists(), "an output that leaks is not released"
