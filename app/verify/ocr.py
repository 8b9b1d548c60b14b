"""The verifier's own OCR: read a rendered page with Tesseract, in every orientation it might have.

Deliberately separate from ``app.formats.ocr`` (the verifier never imports ``app.formats``): a bug in
the reading that found the data must not also hide what is left of it. It returns readings only (no
boxes): the verifier needs to know whether a masked datum is still legible, not where.
"""

from __future__ import annotations

import os
import re

import pytesseract
from PIL import Image

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread per Tesseract: pages run in parallel

_OSD_MAX_SIDE = 1800
_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
# Tesseract reads the "@" of an address as a lone "Q", "Ö" or "©" in some fonts, or spaces it off.
_LOOKALIKE_AT = re.compile(r"(?<=[\w.+-])\s*(?:\s[QÖ©®]\s|@)\s*(?=[\w-]+\.[\w-])")


class OcrUnavailable(Exception):
    """Tesseract is missing or failed; the page cannot be checked (the caller fails closed)."""


def page_readings(image: Image.Image, languages: str, timeout: float = 120.0) -> tuple[str, ...]:
    """Readings of ``image``: as it is and, when that reading is weak and Tesseract's orientation
    detection says the page is turned, turned upright; each also with look-alike "@" signs repaired."""
    gray = image.convert("L")
    text, confident = _read(gray, languages, timeout)
    texts = [text]
    if not confident:
        turn = _orientation(gray, timeout)
        if turn:
            texts.append(_read(gray.rotate(-turn, expand=True), languages, timeout)[0])
    repaired = [_LOOKALIKE_AT.sub("@", t) for t in texts]
    return tuple(dict.fromkeys(texts + repaired))


def _read(image: Image.Image, languages: str, timeout: float) -> tuple[str, bool]:
    """The text of ``image`` line by line, and whether it was read with confidence."""
    image.format = "TIFF"  # the temporary file pytesseract writes: uncompressed (BMP misreads pages)
    try:
        data = pytesseract.image_to_data(image, lang=languages, timeout=timeout, output_type="dict")
    except (RuntimeError, OSError, pytesseract.TesseractError, pytesseract.TesseractNotFoundError) as exc:
        raise OcrUnavailable(type(exc).__name__) from exc
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences = []
    for i, word in enumerate(data["text"]):
        if int(data["level"][i]) == 5 and word.strip():
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            lines.setdefault(key, []).append(word.strip())
            if len(word.strip()) >= 3:
                confidences.append(float(data["conf"][i]))
    confident = len(confidences) >= 5 and sum(confidences) / len(confidences) >= 75.0
    return "\n".join(" ".join(words) for words in lines.values()), confident


def _orientation(image: Image.Image, timeout: float) -> int:
    scale = min(1.0, _OSD_MAX_SIDE / max(image.width, image.height, 1))
    small = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))))
    try:
        report = pytesseract.image_to_osd(small, config="--psm 0", timeout=timeout)
    except pytesseract.TesseractError:  # too little text to tell: read as it is
        return 0
    except (RuntimeError, OSError, pytesseract.TesseractNotFoundError) as exc:
        raise OcrUnavailable(type(exc).__name__) from exc
    found = _ROTATE.search(report)
    return int(found.group(1)) % 360 if found else 0
