"""OCR of one image with Tesseract (through tesserocr): words with boxes on the original image.

``ocr_image`` is the one entry point every format uses for pictures of text (scanned PDF pages,
TIFF/PNG/JPEG uploads, and later images inside Word files and e-mail). It detects the page
orientation (Tesseract OSD) and skew (``ocr_geometry``), reads the straightened image, and maps every
word box back onto the image it was given, so callers never see the straightened copy.

Pages are read through Tesseract's C++ API in this process (tesserocr), one page per engine and one
thread per page: callers run pages in parallel processes or threads (tesserocr releases the GIL while
Tesseract works). Initialised engines are kept and reused (``tesseract_engines``), so a page costs
neither a process start nor loading the language models, and the pixels go over as raw bytes. This
reads a page with about a quarter less CPU time than the ``tesseract`` program through pytesseract.
Orientation detection, needed only for a page whose first reading is poor, still runs the
``tesseract`` program (``--psm 0``) in a subprocess: the same call through the API aborted the
process with this language data.
"""

from __future__ import annotations

import csv
import math
import os
import re
import shutil
import time
from dataclasses import dataclass, replace

import pytesseract
from PIL import Image

from app.domain.errors import ExtractionFailed, LimitExceeded
from app.formats.ocr_geometry import Straightened, straighten
from app.tesseract_engines import EngineUnavailable, TesseractEngines

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # inherited by the Tesseract subprocesses
_TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num")
_TSV_COLUMNS += ("left", "top", "width", "height", "conf", "text")

OSD_MAX_SIDE = 1800  # pixels: orientation is detected on a copy no larger (about 150 dpi for A4)
SLICE_IF_BOX_EXCEEDS = 1.3  # a word's box this much larger than the word itself is cut into slices
GOOD_WORDS = 5
GOOD_CONFIDENCE = 75.0
MIN_OSD_CONFIDENCE = 1.0
_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.MULTILINE)
_AT_LOOKALIKES = frozenset({"Q", "Ö", "©", "@", "(@", "@)", "®"})
_LOCAL_PART = re.compile(r"[\w.+-]+$")
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+")
tesseract_engines = TesseractEngines()  # extraction's own pool (the verifier keeps another)


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One recognised word; box in pixels of the image given to ``ocr_image`` (top-left origin)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    line: int  # visual line number, in reading order
    block: int  # text block number; lines of one block belong together
    confidence: float
    # corners of the word as read (top-left, top-right, bottom-right, bottom-left) on the given image:
    # on a skewed scan the word is a tilted rectangle inside its box
    quad: tuple[tuple[float, float], ...] = ()

    def slices(self) -> list[tuple[float, float, float, float]]:
        """Boxes that together cover the word and little else: the box itself for an upright word,
        else the tilted word cut into pieces about as long as it is high."""
        if len(self.quad) != 4:
            return [(self.x0, self.y0, self.x1, self.y1)]
        tl, tr, br, bl = self.quad
        length, height = math.dist(tl, tr), math.dist(tl, bl)
        box_area = (self.x1 - self.x0) * (self.y1 - self.y0)
        if height <= 0 or box_area <= SLICE_IF_BOX_EXCEEDS * length * height:
            return [(self.x0, self.y0, self.x1, self.y1)]
        count = max(1, math.ceil(length / height))
        out = []
        for j in range(count):
            f0, f1 = j / count, (j + 1) / count
            points = [_lerp(tl, tr, f0), _lerp(tl, tr, f1), _lerp(bl, br, f1), _lerp(bl, br, f0)]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            out.append((min(xs), min(ys), max(xs), max(ys)))
        return out


def _lerp(a: tuple[float, float], b: tuple[float, float], f: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f


def tesseract_available() -> bool:
    """Whether the Tesseract program is installed (the language data is checked on first use)."""
    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None and tesseract_engines.importable()


def ocr_image(image: Image.Image, languages: str = "swe+eng", timeout: float = 120.0) -> list[OcrWord]:
    """The words of ``image`` in reading order. Raises ``ExtractionFailed`` if Tesseract fails and
    ``LimitExceeded`` if it takes longer than ``timeout`` seconds.

    Most scans are upright, so the deskewed image is read first; only when that reading is poor
    is the orientation detected and, if the page is turned, the turned-back image read as well.
    The reading with the larger total confidence wins.
    """
    gray = image.convert("L")
    words = _read(straighten(gray, 0), languages, timeout)
    if _good(words):
        return words
    orientation = detect_orientation(gray, timeout)
    if orientation == 0:
        return words
    turned = _read(straighten(gray, orientation), languages, timeout)
    return max((words, turned), key=lambda ws: sum(max(w.confidence, 0.0) for w in ws))


def _read(upright: Straightened, languages: str, timeout: float) -> list[OcrWord]:
    return repair_at_signs(_words(recognise(upright.image, languages, timeout), upright))


def recognise(image: Image.Image, languages: str, timeout: float) -> dict[str, list[str]]:
    """Tesseract's word table (its TSV output) of a greyscale ``image``, column by column."""
    image = image if image.mode == "L" else image.convert("L")
    started = time.monotonic()
    try:
        with tesseract_engines.engine(languages) as api:
            api.SetImageBytes(image.tobytes(), image.width, image.height, 1, image.width)
            if not api.Recognize(timeout=max(1, int(timeout * 1000))):
                if time.monotonic() - started >= timeout:
                    raise LimitExceeded(f"OCR of one image took longer than {timeout:g} s")
                raise ExtractionFailed("OCR failed: Tesseract could not read the image")
            tsv = api.GetTSVText(0)
    except EngineUnavailable as exc:
        raise ExtractionFailed(f"OCR failed: {exc}") from exc
    columns: dict[str, list[str]] = {name: [] for name in _TSV_COLUMNS}
    for row in csv.reader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(row) == len(_TSV_COLUMNS):
            for name, value in zip(_TSV_COLUMNS, row, strict=True):
                columns[name].append(value)
    return columns


def _good(words: list[OcrWord]) -> bool:
    """Enough confidently read words that the page is certainly upright."""
    long_words = [w.confidence for w in words if len(w.text) >= 3]
    return len(long_words) >= GOOD_WORDS and sum(long_words) / len(long_words) >= GOOD_CONFIDENCE


def detect_orientation(image: Image.Image, timeout: float = 60.0) -> int:
    """Degrees (0, 90, 180, 270) to turn ``image`` clockwise so its text stands upright; 0 when
    Tesseract cannot tell (too little text)."""
    scale = min(1.0, OSD_MAX_SIDE / max(image.width, image.height, 1))
    small = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))))
    try:
        report = _run(pytesseract.image_to_osd, small, timeout, config="--psm 0")
    except ExtractionFailed:
        return 0
    rotate, confidence = _ROTATE.search(report), _CONFIDENCE.search(report)
    if rotate is None or confidence is None or float(confidence.group(1)) < MIN_OSD_CONFIDENCE:
        return 0
    return int(rotate.group(1)) % 360


def _run(fn, image: Image.Image, timeout: float, **kwargs):  # the tesseract program (orientation only)
    image.format = "TIFF"  # the temporary file pytesseract writes: uncompressed, no PNG encoding time
    try:
        return fn(image, timeout=timeout, **kwargs)
    except RuntimeError as exc:  # pytesseract signals its timeout this way
        if "timeout" in str(exc).lower():
            raise LimitExceeded(f"OCR of one image took longer than {timeout:g} s") from exc
        raise ExtractionFailed(f"OCR failed: {str(exc).strip().splitlines()[0][:160]}") from exc
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, OSError) as exc:
        message = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise ExtractionFailed(f"OCR failed: {message}") from exc


def _words(data: dict, upright: Straightened) -> list[OcrWord]:
    words: list[OcrWord] = []
    lines: dict[tuple[int, int, int], int] = {}
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if int(data["level"][i]) != 5 or not text:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        line = lines.setdefault(key, len(lines))
        left, top = float(data["left"][i]), float(data["top"][i])
        right, bottom = left + float(data["width"][i]), top + float(data["height"][i])
        box = upright.box_to_source(left, top, right, bottom)
        quad = tuple(
            upright.to_source(x, y) for x, y in ((left, top), (right, top), (right, bottom), (left, bottom))
        )
        words.append(
            OcrWord(text, *box, line=line, block=key[0], confidence=float(data["conf"][i]), quad=quad)
        )
    return words


def repair_at_signs(words: list[OcrWord]) -> list[OcrWord]:
    """Tesseract reads the "@" of an e-mail address in some fonts as "Q", "Ö" or "©" standing alone
    between the local part and the domain; such a word becomes "@" again."""
    out = list(words)
    for i in range(1, len(out) - 1):
        prev, word, nxt = out[i - 1], out[i], out[i + 1]
        if (
            word.text in _AT_LOOKALIKES
            and prev.line == word.line == nxt.line
            and _LOCAL_PART.search(prev.text)
            and _DOMAIN.match(nxt.text)
        ):
            out[i] = replace(word, text="@")
    return out


def ocr_text(words: list[OcrWord]) -> tuple[str, list[tuple[int, int]]]:
    """The words as text (lines joined by newlines, blocks by blank lines) and each word's
    ``(start, end)`` in it. Tesseract splits e-mail addresses at the "@": no space is put there.
    Use ``repair_at_signs`` first."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    offset = 0
    prev: OcrWord | None = None
    for word in words:
        if prev is None:
            sep = ""
        elif word.line == prev.line:
            sep = "" if word.text.startswith("@") or prev.text.endswith("@") else " "
        else:
            sep = "\n" if word.block == prev.block else "\n\n"
        parts.append(sep)
        offset += len(sep)
        parts.append(word.text)
        offsets.append((offset, offset + len(word.text)))
        offset += len(word.text)
        prev = word
    return "".join(parts), offsets
