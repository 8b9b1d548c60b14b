"""Straightening a scanned image before OCR, and mapping points of the straightened image back.

Two corrections, each a rotation about the image centre with the canvas expanded (Pillow's
``rotate(angle, expand=True)``): the page orientation (a multiple of 90 degrees, from Tesseract's
orientation detection) and the skew (a few degrees, from projection profiles: rows of a straight
text image alternate between ink and paper, so the variance of the row sums peaks at the right angle).
``Straightened.to_source`` undoes both, so word boxes found in the straightened image land on the
original image (and so on the original page).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

MAX_SKEW = 5.0  # degrees searched either way
MIN_SKEW = 0.2  # smaller skews are left alone (Tesseract copes, and resampling blurs)
PROFILE_WIDTH = 700  # pixels: skew is measured on a copy at least this wide (0.1 degree: 1 px over it)


@dataclass(frozen=True, slots=True)
class _Rotation:
    angle: float  # degrees counter-clockwise, as Pillow's rotate
    source_size: tuple[int, int]
    size: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Straightened:
    """An upright, deskewed image and the rotations that made it from the source image."""

    image: Image.Image
    steps: tuple[_Rotation, ...]
    orientation: int  # degrees the source was turned clockwise to stand upright
    skew: float  # degrees the upright image was turned counter-clockwise to level its lines

    def to_source(self, x: float, y: float) -> tuple[float, float]:
        """A point of ``image`` in source image pixels."""
        for step in reversed(self.steps):
            x, y = _unrotate(step, x, y)
        return x, y

    def box_to_source(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """The axis-aligned box, in source pixels, around a box of ``image``."""
        corners = [self.to_source(x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return min(xs), min(ys), max(xs), max(ys)


def _unrotate(step: _Rotation, x: float, y: float) -> tuple[float, float]:
    """Pillow's inverse mapping for ``rotate(angle, expand=True)``: output point -> input point."""
    a = -math.radians(step.angle)
    w, h = step.source_size
    nw, nh = step.size
    dx, dy = x - nw / 2.0, y - nh / 2.0
    return math.cos(a) * dx + math.sin(a) * dy + w / 2.0, -math.sin(a) * dx + math.cos(a) * dy + h / 2.0


def rotate(image: Image.Image, angle: float) -> tuple[Image.Image, _Rotation]:
    """``image`` turned ``angle`` degrees counter-clockwise on an expanded white canvas."""
    if angle % 90 == 0:
        out = image.rotate(angle, expand=True)
    else:
        out = image.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    return out, _Rotation(angle, image.size, out.size)


def straighten(image: Image.Image, orientation: int) -> Straightened:
    """Turn a greyscale ``image`` upright (``orientation``: degrees clockwise, from OSD) and deskew it."""
    steps: list[_Rotation] = []
    if orientation % 360:
        image, step = rotate(image, -orientation)
        steps.append(step)
    skew = measure_skew(image)
    if abs(skew) >= MIN_SKEW:
        image, step = rotate(image, skew)
        steps.append(step)
    else:
        skew = 0.0
    return Straightened(image, tuple(steps), orientation % 360, skew)


def measure_skew(image: Image.Image) -> float:
    """The counter-clockwise rotation in degrees (within ``MAX_SKEW``) that levels the text lines.

    The ink pixels of a reduced copy are projected onto the rows of the image turned by each candidate
    angle (the row of a point turned counter-clockwise by ``a`` about the centre is
    ``y cos a - x sin a``): counting points per row needs no rotated copy of the image."""
    factor = max(1, image.width // PROFILE_WIDTH)
    small = image.reduce(factor) if factor > 1 else image
    ys, xs = np.nonzero(np.asarray(small) < 128)
    if not len(ys):
        return 0.0
    xs = xs.astype(np.float64) - small.width / 2.0
    ys = ys.astype(np.float64) - small.height / 2.0

    def score(angle: float) -> float:
        a = math.radians(angle)
        rows = np.floor(ys * math.cos(a) - xs * math.sin(a)).astype(np.int64)
        counts = np.bincount(rows - rows.min()).astype(np.float64)
        return float(np.square(np.diff(counts)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=score)
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    return round(float(max(fine, key=score)), 2)
