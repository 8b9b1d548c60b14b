"""Page text for analysis, built from PyMuPDF words, with a map from characters back to glyph boxes.

MuPDF groups words into blocks and lines. We keep that grouping (it keeps columns apart) and only
join two lines when they sit on the same baseline and touch horizontally: a name written as
out-of-order pieces ("Anna ", "Svens", "son") then reads as one word, as it does on screen.

Coordinates are those of PyMuPDF's text extraction: unrotated page space, origin at the top-left
of the CropBox. ``add_redact_annot`` takes the same coordinates.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

import pymupdf

# Preserve ligatures (the normaliser expands them with an offset map) and whitespace; no MediaBox
# clip, so text outside the visible page is analysed too (it is in the file, so it can leak).
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES
LINE_SEP = "\n"
BLOCK_SEP = "\n\n"
LINE_TOLERANCE = 3.0  # points: lines whose baselines differ by less are one visual line
# Punctuation that MuPDF may split words at, so a finding next to it ("Karlsson,", "Namn:Kalle")
# gets the exact box of its letters without a per-character lookup.
DELIMITERS = ",.;:()[]{}<>!?\"'«»/@|"
_DELIMITED = re.compile("[" + re.escape(DELIMITERS) + "]+")


@dataclass(frozen=True, slots=True)
class PageWords:
    """The words of one page: their offsets in the page text, boxes and visual line numbers."""

    page: int
    starts: array  # array('i'): start offset of each word in the page text
    ends: array  # array('i')
    boxes: array  # array('f'): x0, y0, x1, y1 per word
    lines: array  # array('i'): visual line index per word (merged MuPDF lines share one)
    # word index -> ((start, end, x0, y0, x1, y1), ...): punctuation-free pieces of words that hold
    # punctuation, offsets relative to the word
    pieces: dict[int, tuple[tuple[int, int, float, float, float, float], ...]] = field(default_factory=dict)
    # words from this index on were read by OCR from the page's images (no glyphs behind them)
    first_ocr_word: int | None = None

    def is_ocr(self, i: int) -> bool:
        return self.first_ocr_word is not None and i >= self.first_ocr_word

    def __len__(self) -> int:
        return len(self.starts)

    def box(self, i: int) -> tuple[float, float, float, float]:
        b = self.boxes
        return b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]


def _same_visual_line(prev: tuple, word: tuple) -> str | None:
    """Separator when ``word`` continues ``prev``'s visual line across a MuPDF line break, else None."""
    height = max(prev[3] - prev[1], word[3] - word[1], 1.0)
    if abs(prev[3] - word[3]) > 0.3 * height:
        return None
    gap = word[0] - prev[2]
    if gap < -0.2 * height or gap > 1.0 * height:
        return None
    return "" if gap < 0.12 * height else " "


def _reading_order(words: list[tuple]) -> list[tuple]:
    """Words grouped into MuPDF's lines, lines ordered top-down then left-right within each block,
    blocks ordered by their top-left corner. (PyMuPDF's ``sort=True`` for words ignores blocks, which
    interleaves columns, and costs several ms per page.)"""
    lines: dict[tuple[int, int], list[tuple]] = {}
    for word in words:
        lines.setdefault((word[5], word[6]), []).append(word)
    blocks: dict[int, list[list[tuple]]] = {}
    for (block, _), line in lines.items():
        blocks.setdefault(block, []).append(line)
    ordered: list[tuple] = []
    block_keys = {
        b: (min(w[1] for ln in ls for w in ln), min(w[0] for ln in ls for w in ln))
        for b, ls in blocks.items()
    }
    for block in sorted(blocks, key=block_keys.__getitem__):
        block_lines = blocks[block]
        block_lines.sort(key=lambda ln: (round(max(w[3] for w in ln) / LINE_TOLERANCE), ln[0][0]))
        for line in block_lines:
            ordered.extend(line)
    return ordered


def _with_pieces(words: list[tuple], subwords: list[tuple]) -> list[tuple]:
    """Attach to each word holding punctuation its pieces from the delimited extraction (same
    traversal order, so the k pieces of a word are the next k sub-words)."""
    out = []
    j = 0
    for word in words:
        text = word[4]
        if not _DELIMITED.search(text):
            out.append((*word[:8], None))
            j += 1
            continue
        pieces = []
        offset = 0
        for piece in _DELIMITED.split(text):
            if piece:
                start = text.index(piece, offset)
                offset = start + len(piece)
                pieces.append((start, offset, piece))
        found = subwords[j : j + len(pieces)]
        if [f[4] for f in found] == [p[2] for p in pieces]:
            out.append((*word[:8], tuple((p[0], p[1], *f[:4]) for p, f in zip(pieces, found, strict=True))))
            j += len(pieces)
        else:  # traversal did not line up: no pieces (locate falls back to character boxes)
            out.append((*word[:8], None))
            j = _resync(subwords, j, word)
    return out


def _resync(subwords: list[tuple], j: int, word: tuple) -> int:
    """Skip sub-words that lie inside ``word``'s box."""
    x0, y0, x1, y1 = word[:4]
    while (
        j < len(subwords)
        and x0 - 1 <= subwords[j][0]
        and subwords[j][2] <= x1 + 1
        and (y0 - 1 <= subwords[j][1] and subwords[j][3] <= y1 + 1)
    ):
        j += 1
    return j


def page_words(page: pymupdf.Page, index: int) -> tuple[str, PageWords]:
    """Extract the page's words in reading order; return the page text and its word map."""
    textpage = page.get_textpage(flags=TEXT_FLAGS, clip=pymupdf.INFINITE_RECT())
    raw = textpage.extractWORDS()
    if any(_DELIMITED.search(w[4]) for w in raw):
        raw = _with_pieces(raw, textpage.extractWORDS(DELIMITERS))
    words = _reading_order(raw)
    parts: list[str] = []
    pieces: dict[int, tuple] = {}
    starts, ends, lines = array("i"), array("i"), array("i")
    boxes = array("f")
    offset = 0
    visual_line = -1
    prev = None
    for word in words:
        text = word[4]
        if prev is None:
            sep = ""
            visual_line = 0
        elif (word[5], word[6]) == (prev[5], prev[6]):
            sep = " "
        else:
            joined = _same_visual_line(prev, word)
            if joined is not None:
                sep = joined
            else:
                sep = LINE_SEP if word[5] == prev[5] else BLOCK_SEP
                visual_line += 1
        parts.append(sep)
        offset += len(sep)
        parts.append(text)
        starts.append(offset)
        offset += len(text)
        ends.append(offset)
        boxes.extend(word[:4])
        lines.append(visual_line)
        if len(word) > 8 and word[8]:
            pieces[len(starts) - 1] = word[8]
        prev = word
    return "".join(parts), PageWords(index, starts, ends, boxes, lines, pieces)


def char_boxes(page: pymupdf.Page, word_box: tuple[float, float, float, float], length: int):
    """Per-character boxes of the word occupying ``word_box``, or None if they cannot be matched.

    Used only when a finding covers part of a word ("Namn:Anna"); whole words use the word box.
    """
    x0, y0, x1, y1 = word_box
    clip = pymupdf.Rect(x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5)
    raw = page.get_text("rawdict", flags=TEXT_FLAGS, clip=clip)
    chars = []
    for block in raw.get("blocks", ()):
        for line in block.get("lines", ()):
            for span in line.get("spans", ()):
                for ch in span.get("chars", ()):
                    cx0, cy0, cx1, cy1 = ch["bbox"]
                    cx, cy = (cx0 + cx1) / 2, (cy0 + cy1) / 2
                    if clip.contains(pymupdf.Point(cx, cy)) and not ch["c"].isspace():
                        chars.append(ch["bbox"])
    if len(chars) != length:
        return None
    return chars
