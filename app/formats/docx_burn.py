"""Burning masks into the XML nodes of a Word package, character by character.

Masked characters become "█" (same length, so the rest of the run keeps its place and formatting)
or, in label mode, the label replaces the first piece of each mask and the other pieces are emptied.
Only the masked characters change; runs, their properties and the paragraph structure stay.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from lxml import etree

from app.domain.document import ExtractedDocument
from app.domain.model import LabelMode, Mask
from app.formats.docx_text import DocxLocator
from app.formats.pdf_burn import mask_label

BLOCK = "█"
NodeKey = tuple[str, int, str]  # part, element index, slot
Edit = tuple[int, int, str | None]  # node start, node end, label for this piece (None: fill)


def plan_edits(doc: ExtractedDocument, masks: Sequence[Mask], mode: LabelMode) -> dict[NodeKey, list[Edit]]:
    """Character ranges to replace, per XML node."""
    edits: dict[NodeKey, list[Edit]] = defaultdict(list)
    for mask in masks:
        span = mask.finding.span
        label = mask_label(mask, mode)
        for segment in doc.segments_for(span):
            locator = segment.locator
            if not isinstance(locator, DocxLocator):
                continue
            lo, hi = (
                max(span.start, segment.start) - segment.start,
                min(span.end, segment.end) - segment.start,
            )
            first = True
            for offset, length, index, slot, node_offset in locator.pieces:
                start, end = max(lo, offset), min(hi, offset + length)
                if start >= end:
                    continue
                piece_label = None if label is None else (label if first else "")
                first = False
                node_start = node_offset + start - offset
                edits[(locator.part, index, slot)].append((node_start, node_start + end - start, piece_label))
    return edits


def apply_edits(root: etree._Element, part_edits: dict[tuple[int, str], list[Edit]]) -> None:
    nodes = list(root.iter())
    for (index, slot), edits in part_edits.items():
        node = nodes[index]
        if slot == "text":
            node.text = burn_string(node.text or "", edits)
        elif slot == "tail":
            node.tail = burn_string(node.tail or "", edits)
        else:
            key = slot[1:]
            node.set(key, burn_string(node.get(key, ""), edits))


def burn_string(text: str, edits: list[Edit]) -> str:
    """``text`` with each (merged) edit range filled with blocks or replaced by its label."""
    merged: list[list] = []
    for start, end, label in sorted(edits, key=lambda e: (e[0], e[1])):
        end = min(end, len(text))
        if start >= end:
            continue
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if last[2] is None or last[2] == "":
                last[2] = label if label else last[2]
        else:
            merged.append([start, end, label])
    out, pos = [], 0
    for start, end, label in merged:
        out.append(text[pos:start])
        out.append(BLOCK * (end - start) if label is None else label)
        pos = end
    out.append(text[pos:])
    return "".join(out)
