"""Page geometry and page images for review, read with PyMuPDF (run in an isolated child).

Boxes are stored in the unrotated page space (PyMuPDF's text-extraction space: origin at the top-left
of the CropBox). A rendered page image shows the page as displayed, i.e. rotated; ``geometry`` gives
each page's ``rotation_matrix`` so that boxes can be drawn on it (``to_display``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pymupdf

from app.formats.base import Limits
from app.formats.image import ImageHandler, image_to_pdf

MIN_DPI, MAX_DPI = 36, 200
MASK_FILL = (0, 0, 0)


def geometry(src: Path) -> list[dict[str, object]]:
    """Per page: unrotated ``width``/``height``, ``rotation``, displayed size and the rotation matrix."""
    with _open(src) as pdf:
        pages = []
        for page in pdf:
            rect, shown, m = page.cropbox, page.rect, page.rotation_matrix
            pages.append(
                {
                    "width": round(rect.width, 2),
                    "height": round(rect.height, 2),
                    "rotation": page.rotation,
                    "display_width": round(shown.width, 2),
                    "display_height": round(shown.height, 2),
                    "matrix": [round(v, 4) for v in (m.a, m.b, m.c, m.d, m.e, m.f)],
                }
            )
        return pages


def to_display(box: Sequence[float], matrix: Sequence[float]) -> list[float]:
    """An unrotated box ``[x0, y0, x1, y1]`` as a box on the displayed (rotated) page."""
    a, b, c, d, e, f = matrix
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return [round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2)]


def from_display(box: Sequence[float], matrix: Sequence[float]) -> list[float]:
    """The inverse of ``to_display``: a box drawn on the displayed page, in unrotated page space."""
    inverse = ~pymupdf.Matrix(*matrix)
    return to_display(box, (inverse.a, inverse.b, inverse.c, inverse.d, inverse.e, inverse.f))


def render(src: Path, page_index: int, dpi: int, masks: Sequence[Sequence[float]] = ()) -> bytes:
    """A PNG of one page as displayed; ``masks`` (unrotated boxes) are filled black on a copy of the
    page first, which is how the released page will look (the burn removes what lies under them)."""
    dpi = max(MIN_DPI, min(MAX_DPI, dpi))
    with _open(src) as pdf:
        page = pdf.load_page(page_index)
        for box in masks:
            page.draw_rect(pymupdf.Rect(*box[:4]), color=None, fill=MASK_FILL, overlay=True)
        return page.get_pixmap(dpi=dpi, annots=True).tobytes("png")


def _open(src: Path) -> pymupdf.Document:
    """The document as the handlers see it: an image upload as the PDF it is converted to (same page
    size and orientation as its boxes)."""
    with src.open("rb") as fh:
        head = fh.read(16)
    if ImageHandler().sniff(head):
        return pymupdf.open("pdf", image_to_pdf(src, Limits()))
    return pymupdf.open(src)
