"""Photos of a letter inside other files: attached to an e-mail, pasted into a Word file. The letter
is ``scan_samples.LETTER`` (test data only: the personnummer is a test number), cropped to its text so
OCR stays quick."""

from __future__ import annotations

import io
from email import policy
from email.message import EmailMessage

import docx
from docx.shared import Cm

from tests import scan_samples as scans

DPI = 300
SUBTYPE = {"PNG": "png", "JPEG": "jpeg", "TIFF": "tiff"}
BODY = "Hej! Här kommer en bild av beslutet som ni bad om. Med vänlig hälsning, registrator"


def letter_photo(fmt: str = "PNG", rotate: float = 0.0) -> bytes:
    """The letter's text area (1700 x 600 pixels at 300 dpi) as a picture file in format ``fmt``;
    ``rotate`` degrees counter-clockwise skews the sheet."""
    image = scans.scan_image(scans.LETTER, dpi=DPI, rotate=rotate)
    crop = image.crop((150, 250, 1850, 850))
    return scans.image_bytes(crop, fmt, DPI)


def eml_with_picture(picture: bytes, subtype: str = "png", filename: str = "beslut.png") -> bytes:
    m = EmailMessage()
    m["From"] = "Registrator <registrator@kommun.se>"
    m["To"] = "nämnden@kommun.se"
    m["Subject"] = "Foto av beslut"
    m["Date"] = "Fri, 03 May 2024 10:12:00 +0200"
    m.set_content(BODY)
    m.add_attachment(picture, maintype="image", subtype=subtype, filename=filename)
    return m.as_bytes(policy=policy.default)


def docx_with_picture(picture: bytes) -> bytes:
    d = docx.Document()
    d.add_paragraph("Bilaga: foto av beslutet.")
    d.add_picture(io.BytesIO(picture), width=Cm(15))
    d.add_paragraph("Handlingen registrerades i diariet.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
