"""The verifier's own OCR: read a rendered page with Tesseract, in every orientation it might have.

Deliberately separate from ``app.formats.ocr`` (the verifier never imports ``app.formats``): a bug in
the reading that found the data must not also hide what is left of it. It returns readings only (no
boxes): the verifier needs to know whether a masked datum is still legible, not where.

Pages are read through Tesseract's C++ API (tesserocr) with engines kept per process and lent to one
thread at a time (its own ``app.tesseract_engines`` pool; only that loading and lending code is
shared with extraction): no process start or model loading per page, about a quarter less CPU
time per page than the ``tesseract`` program. Orientation detection (only for a weak reading) runs
the program in a subprocess (``--psm 0``): through the API it aborted the process with this data.

A skewed page (a scan fed at an angle) is levelled before it is read (``_levelled``, this module's
own projection-profile measurement): Tesseract 5.5 with ``swe+eng`` reads a skewed Swedish word
through the English model more often ("Overklagas" for "överklagas" on a 2.5 degree scan).
"""

from __future__ import annotations

import csv
import math
import os
import re

import numpy as np
import pytesseract
from PIL import Image

from app.tesseract_engines import EngineUnavailable, TesseractEngines

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread per Tesseract: pages run in parallel

_OSD_MAX_SIDE = 1800
_MAX_SKEW = 5.0  # degrees searched either way
_MIN_SKEW = 0.2  # smaller skews are read as they are
_SKEW_WIDTH = 700  # pixels: the skew is measured on a copy reduced to about this width
_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
# Tesseract reads the "@" of an address as a lone "Q", "Ö" or "©" in some fonts, or spaces it off.
_LOOKALIKE_AT = re.compile(r"(?<=[\w.+-])\s*(?:\s[QÖ©®]\s|@)\s*(?=[\w-]+\.[\w-])")


class OcrUnavailable(Exception):
    """Tesseract is missing or failed; the page cannot be checked (the caller fails closed)."""


_engines = TesseractEngines()  # the verifier's own pool, never the extraction's


def page_readings(image: Image.Image, languages: str, timeout: float = 120.0) -> tuple[str, ...]:
    """Readings of ``image``: as it is and, when that reading is weak and Tesseract's orientation
    detection says the page is turned, turned upright; each also with look-alike "@" signs repaired."""
    gray = image.convert("L")
    text, confident = _read(_levelled(gray), languages, timeout)
    texts = [text]
    if not confident:
        turn = _orientation(gray, timeout)
        if turn:
            texts.append(_read(_levelled(gray.rotate(-turn, expand=True)), languages, timeout)[0])
    repaired = [_LOOKALIKE_AT.sub("@", t) for t in texts]
    return tuple(dict.fromkeys(texts + repaired))


def _levelled(image: Image.Image) -> Image.Image:
    """``image`` turned so its text lines are level, or ``image`` itself when they (nearly) are.

    The skew is the angle whose row projection of the ink pixels (of a reduced copy) varies most from
    row to row: level lines of text alternate between ink rows and paper rows."""
    factor = max(1, image.width // _SKEW_WIDTH)
    ys, xs = np.nonzero(np.asarray(image.reduce(factor) if factor > 1 else image) < 128)
    if not len(ys):
        return image
    xs, ys = xs.astype(np.float64), ys.astype(np.float64)

    def variation(degrees: float) -> float:  # row of a point turned counter-clockwise: y cos a - x sin a
        a = math.radians(degrees)
        rows = np.floor(ys * math.cos(a) - xs * math.sin(a)).astype(np.int64)
        return float(np.square(np.diff(np.bincount(rows - rows.min()).astype(np.float64))).sum())

    coarse = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.5), key=variation)
    angle = float(max(np.arange(coarse - 0.5, coarse + 0.51, 0.1), key=variation))
    if abs(angle) < _MIN_SKEW:
        return image
    return image.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)


def _read(image: Image.Image, languages: str, timeout: float) -> tuple[str, bool]:
    """The text of a greyscale ``image`` line by line, and whether it was read with confidence."""
    try:
        with _engines.engine(languages) as api:
            api.SetImageBytes(image.tobytes(), image.width, image.height, 1, image.width)
            if not api.Recognize(timeout=max(1, int(timeout * 1000))):
                raise OcrUnavailable("Tesseract could not read the page (too large, or out of time)")
            tsv = api.GetTSVText(0)
    except EngineUnavailable as exc:
        raise OcrUnavailable(str(exc)) from exc
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences = []
    # Tesseract's TSV columns: level, page, block, paragraph, line, word, left, top, width, height,
    # confidence, text
    for row in csv.reader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(row) != 12 or row[0] != "5" or not row[11].strip():
            continue
        word = row[11].strip()
        lines.setdefault((int(row[2]), int(row[3]), int(row[4])), []).append(word)
        if len(word) >= 3:
            confidences.append(float(row[10]))
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
