"""DocxHandler: every text-bearing part of a Word package in, masks burned into its XML nodes out.

See ``ooxml_package`` (bounded, entity-free reading), ``docx_text`` (what is analysed and how each
character maps back to a node), ``docx_burn`` (replacing masked characters) and ``docx_clean``
(comments, tracked changes, properties and thumbnails removed from every output).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from app.domain.document import ExtractedDocument, Segment
from app.domain.errors import BadInput, BurnFailed
from app.domain.model import Mask
from app.formats.base import HandlerContext, WithoutPages
from app.formats.docx_burn import apply_edits, plan_edits
from app.formats.docx_clean import NOTES, clean_part, dropped_part
from app.formats.docx_pictures import burn_pictures, picture_segments
from app.formats.docx_text import SEPARATOR, analysed, part_segments
from app.formats.image_text import OCR_NOTE
from app.formats.ooxml_package import (
    ZIP_MAGIC,
    parse_part,
    read_package,
    require_parts,
    serialize_part,
    write_package,
)

MAIN_PART = "word/document.xml"
OOXML_MARKERS = (b"[Content_Types].xml", b"_rels/.rels", b"word/", b"docProps/")
KIND = "Word document"


class DocxHandler(WithoutPages):
    """Reads and burns Office Open XML word-processing documents (.docx)."""

    name: ClassVar[str] = "docx"
    media_types: ClassVar[frozenset[str]] = frozenset(
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    )
    output_suffix: ClassVar[str] = ".docx"

    def sniff(self, head: bytes) -> bool:
        """A ZIP whose first members are OOXML package parts (their names stand uncompressed in the
        local headers); any other ZIP is not a supported file type."""
        return head.startswith(ZIP_MAGIC) and any(marker in head for marker in OOXML_MARKERS)

    def extract(self, src: Path, ctx: HandlerContext) -> ExtractedDocument:
        parts = _read(src, ctx)
        texts: list[str] = []
        segments: list[Segment] = []
        offset = 0
        for name, data in parts.items():
            if not analysed(name):
                continue
            for text, locator in part_segments(name, parse_part(name, data)):
                if texts:
                    offset += len(SEPARATOR)
                segments.append(Segment(offset, offset + len(text), name, None, locator))
                texts.append(text)
                offset += len(text)
        read, pictures = picture_segments(parts, ctx)
        for text, locator in pictures:
            if texts:
                offset += len(SEPARATOR)
            segments.append(Segment(offset, offset + len(text), f"{locator.member} (OCR)", None, locator))
            texts.append(text)
            offset += len(text)
        media = sum(1 for n in parts if n.startswith(("word/media/", "word/embeddings/")) and n not in read)
        notes = NOTES + ((f"{media} images or embedded objects are not analysed",) if media else ())
        read_names = sorted({locator.member for _, locator in pictures})
        notes += tuple(OCR_NOTE.format(what=f"picture {name}") for name in read_names)
        return ExtractedDocument(self.name, SEPARATOR.join(texts), tuple(segments), 0, notes)

    def redact(
        self, src: Path, doc: ExtractedDocument, masks: Sequence[Mask], dst: Path, ctx: HandlerContext
    ) -> None:
        parts = _read(src, ctx)
        try:
            output = burn_package(parts, doc, masks, ctx)
        except BadInput:
            raise
        except Exception as exc:
            raise BurnFailed(f"the masks could not be burned: {type(exc).__name__}: {exc}"[:300]) from exc
        write_package(output, dst)


def _read(src: Path, ctx: HandlerContext) -> dict[str, bytes]:
    parts = read_package(src, ctx.limits, KIND)
    require_parts(parts, ("[Content_Types].xml", MAIN_PART), src.name, KIND)
    return parts


def burn_package(
    parts: dict[str, bytes], doc: ExtractedDocument, masks: Sequence[Mask], ctx: HandlerContext
) -> list[tuple[str, bytes]]:
    """The package's members with masks burned and the always-removed surfaces cleaned."""
    by_part: dict[str, dict[tuple[int, str], list]] = defaultdict(dict)
    for (part, index, slot), edits in plan_edits(doc, masks, ctx.label_mode).items():
        by_part[part][(index, slot)] = edits
    parts = {**parts, **burn_pictures(parts, doc, masks, ctx)}
    dropped = {name for name in parts if dropped_part(name)}
    output: list[tuple[str, bytes]] = []
    for name, data in parts.items():
        if name in dropped:
            continue
        if not name.endswith((".xml", ".rels")) or (not analysed(name) and name not in by_part):
            output.append((name, data))  # media, and layout parts (fonts, styles, theme) as they are
            continue
        root = parse_part(name, data)
        changed = False
        if name in by_part:
            apply_edits(root, by_part[name])
            changed = True
        changed = clean_part(name, root, dropped) or changed
        output.append((name, serialize_part(root) if changed else data))
    return output
