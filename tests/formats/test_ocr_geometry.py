"""Straightening scans and mapping boxes back (no Tesseract needed), and OCR text assembly."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from app.formats.ocr import OcrWord, ocr_text, repair_at_signs
from app.formats.ocr_geometry import measure_skew, rotate, straighten


def lines_image(width: int = 1200, height: int = 1600) -> Image.Image:
    """Dark bars like lines of text on white paper."""
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for top in range(150, height - 150, 60):
        draw.rectangle((120, top, width - 200, top + 22), fill=0)
    return image


@pytest.mark.parametrize("angle", [3.0, -2.5, 1.2])
def test_skew_is_measured_to_a_tenth_of_a_degree(angle: float) -> None:
    skewed, _ = rotate(lines_image(), angle)
    assert measure_skew(skewed) == pytest.approx(-angle, abs=0.15)
    assert measure_skew(lines_image()) == pytest.approx(0.0, abs=0.15)


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_points_of_the_straightened_image_map_back_to_the_source(turn: int) -> None:
    """A sheet scanned turned by ``turn`` degrees and skewed 2 degrees is straightened; a mark carried
    through the same rotations by Pillow must map back onto its place in the scanned image."""
    scanned, _ = rotate(lines_image(), -turn)
    scanned, _ = rotate(scanned, 2.0)
    straight = straighten(scanned, turn)
    assert straight.orientation == turn
    assert straight.skew == pytest.approx(-2.0, abs=0.15)
    for mark in [(100, 100), (scanned.width - 150, 200), (400, scanned.height - 90)]:
        marker = Image.new("L", scanned.size, 255)
        ImageDraw.Draw(marker).rectangle((mark[0] - 4, mark[1] - 4, mark[0] + 4, mark[1] + 4), fill=0)
        for step in straight.steps:
            marker, _ = rotate(marker, step.angle)
        x, y = straight.to_source(*_centroid(marker))
        assert abs(x - mark[0]) < 2.5 and abs(y - mark[1]) < 2.5


def _centroid(image: Image.Image) -> tuple[float, float]:
    ink = np.argwhere(np.asarray(image) < 128)
    assert len(ink), "mark lost"
    cy, cx = ink.mean(axis=0)
    return float(cx) + 0.5, float(cy) + 0.5


def word(text: str, x: float, line: int = 0, block: int = 1) -> OcrWord:
    return OcrWord(text, x, 0, x + 10, 10, line=line, block=block, confidence=90.0)


def test_ocr_text_offsets_point_at_each_word() -> None:
    words = [word("Beslut", 0), word("om", 20), word("Anna", 0, line=1), word("Nya", 0, line=2, block=2)]
    text, offsets = ocr_text(words)
    assert text == "Beslut om\nAnna\n\nNya"
    assert [text[s:e] for s, e in offsets] == ["Beslut", "om", "Anna", "Nya"]


@pytest.mark.parametrize("lookalike", ["Q", "Ö", "©", "@"])
def test_a_lone_at_lookalike_between_address_parts_becomes_an_at_sign(lookalike: str) -> None:
    words = repair_at_signs(
        [word("E-post", 0), word("anna.svensson", 20), word(lookalike, 40), word("exempel.se,", 50)]
    )
    text, _ = ocr_text(words)
    assert text == "E-post anna.svensson@exempel.se,"


def test_a_q_that_is_a_word_stays() -> None:
    words = repair_at_signs([word("Klass", 0), word("Q", 20), word("enligt", 40), word("beslut", 60)])
    assert ocr_text(words)[0] == "Klass Q enligt beslut"


def test_a_tilted_word_is_covered_by_slices_that_stay_near_its_line() -> None:
    """A 600 x 40 px word tilted 3 degrees: its box is 71 px high; slices stay within 44 px and cover
    the word's corners."""
    import math

    a = math.radians(3)
    tl = (100.0, 300.0)
    tr = (tl[0] + 600 * math.cos(a), tl[1] - 600 * math.sin(a))
    bl = (tl[0] + 40 * math.sin(a), tl[1] + 40 * math.cos(a))
    br = (tr[0] + bl[0] - tl[0], tr[1] + bl[1] - tl[1])
    xs, ys = [p[0] for p in (tl, tr, br, bl)], [p[1] for p in (tl, tr, br, bl)]
    tilted = OcrWord("förvaltningsrätten", min(xs), min(ys), max(xs), max(ys), 0, 1, 90.0, (tl, tr, br, bl))
    slices = tilted.slices()
    assert 15 <= len(slices) <= 16
    assert max(s[3] - s[1] for s in slices) < 44
    for corner in (tl, tr, br, bl):
        assert any(
            s[0] - 0.01 <= corner[0] <= s[2] + 0.01 and s[1] - 0.01 <= corner[1] <= s[3] + 0.01
            for s in slices
        )
    upright = OcrWord("rätt", 0, 0, 80, 40, 0, 1, 90.0, ((0, 0), (80, 0), (80, 40), (0, 40)))
    assert upright.slices() == [(0, 0, 80, 40)]
