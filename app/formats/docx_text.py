"""The text of a Word package, part by part, with a map from every character back to an XML node.

A ``DocxLocator`` lists pieces ``(segment offset, length, element index, slot, node offset)``:
the element is the ``index``-th node of ``root.iter()`` of the part (document order, so the same
bytes always give the same numbering), the slot is ``text``, ``tail`` or ``@{ns}attr``.

What becomes a segment:
- each paragraph (``w:p``, nested ones in text boxes too) of every WordprocessingML part (body,
  headers, footers, footnotes, endnotes, comments, glossary): its runs joined, so a name split
  across runs reads as one. A paragraph with tracked changes gives two readings: the final text,
  and the original text (deleted text included, inserted text left out);
- field instructions (``w:instrText``, e.g. ``HYPERLINK "mailto:..."``) of a paragraph;
- text-bearing attributes (alt text, titles, authors, ``fldSimple`` instructions, docVars);
- every element text and attribute value of other XML parts (docProps, customXml, people.xml);
- external relationship targets (hyperlinks, the attached template path) in ``.rels`` parts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_P, W_T, W_DELTEXT, W_INSTRTEXT = w("p"), w("t"), w("delText"), w("instrText")
INSERTED = frozenset({w("ins"), w("moveTo")})
DELETED = frozenset({w("del"), w("moveFrom")})
BREAKS = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
COVERED_TEXT = frozenset({W_T, W_DELTEXT, W_INSTRTEXT})
TEXT_ATTRIBUTES = frozenset({"descr", "title", "author", "initials", "instr", "tooltip", "alt"})
NAMED_ELEMENTS = frozenset({"docPr", "cNvPr", "docVar", "alias", "tag"})  # their name/val is text too
# Parts with fonts, styles and layout only: not analysed (the verifier still reads them whole).
LAYOUT_PARTS = (
    "word/fontTable.xml",
    "word/styles.xml",
    "word/stylesWithEffects.xml",
    "word/numbering.xml",
    "word/webSettings.xml",
    "[Content_Types].xml",
)
SEPARATOR = "\n\n"
DCTERMS = "http://purl.org/dc/terms/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
TIMESTAMPS = frozenset({f"{{{DCTERMS}}}created", f"{{{DCTERMS}}}modified", f"{{{CP}}}lastPrinted"})


@dataclass(frozen=True, slots=True)
class DocxLocator:
    """Where each character of one segment lives: ``part`` and pieces (see the module docstring)."""

    part: str
    pieces: tuple[tuple[int, int, int, str, int], ...]


@dataclass(slots=True)
class _Builder:
    part: str
    chars: list[str] = field(default_factory=list)
    pieces: list[tuple[int, int, int, str, int]] = field(default_factory=list)
    length: int = 0

    def add(self, index: int, slot: str, text: str) -> None:
        if text:
            self.pieces.append((self.length, len(text), index, slot, 0))
            self.gap(text)

    def gap(self, text: str) -> None:
        self.chars.append(text)
        self.length += len(text)

    def result(self) -> tuple[str, DocxLocator] | None:
        text = "".join(self.chars)
        if not self.pieces or not text.strip():
            return None
        return text, DocxLocator(self.part, tuple(self.pieces))


def analysed(name: str) -> bool:
    if name in LAYOUT_PARTS or name.startswith("word/theme/"):
        return False
    return name.endswith((".xml", ".rels"))


def part_segments(name: str, root: etree._Element) -> Iterator[tuple[str, DocxLocator]]:
    """(text, locator) for every text-bearing place of one parsed part."""
    if name.endswith(".rels"):
        yield from _relationship_targets(name, root)
    elif root.tag.startswith(f"{{{W}}}"):
        yield from _word_segments(name, root)
    else:
        yield from _generic_segments(name, root)


def _preorder(root: etree._Element) -> list[etree._Element]:
    return list(root.iter())


def _word_segments(name: str, root: etree._Element) -> Iterator[tuple[str, DocxLocator]]:
    nodes = _preorder(root)
    index_of = {id(node): i for i, node in enumerate(nodes)}
    for node in nodes:
        if node.tag == W_P:
            yield from _paragraph_readings(name, node, index_of)
    for i, node in enumerate(nodes):
        yield from _attribute_segments(name, i, node)
        if isinstance(node.tag, str) and node.tag not in COVERED_TEXT and node.text and node.text.strip():
            yield from _single(name, i, "text", node.text)
        if node.tail and node.tail.strip():
            yield from _single(name, i, "tail", node.tail)


def _own_nodes(paragraph: etree._Element) -> Iterator[tuple[etree._Element, bool, bool]]:
    """Descendants of ``paragraph`` outside nested paragraphs, with (inside insertion, inside deletion)."""
    stack = [(child, False, False) for child in reversed(paragraph)]
    while stack:
        node, inserted, deleted = stack.pop()
        if node.tag == W_P:
            continue
        yield node, inserted, deleted
        inserted = inserted or node.tag in INSERTED
        deleted = deleted or node.tag in DELETED
        stack.extend((child, inserted, deleted) for child in reversed(node))


def _paragraph_readings(
    name: str, paragraph: etree._Element, index_of: dict[int, int]
) -> Iterator[tuple[str, DocxLocator]]:
    final, original, instructions = _Builder(name), _Builder(name), _Builder(name)
    revised = False
    for node, inserted, deleted in _own_nodes(paragraph):
        tag = node.tag
        revised = revised or tag in INSERTED or tag in DELETED
        if tag == W_T:
            if not deleted:
                final.add(index_of[id(node)], "text", node.text or "")
            if not inserted:
                original.add(index_of[id(node)], "text", node.text or "")
        elif tag == W_DELTEXT:
            original.add(index_of[id(node)], "text", node.text or "")
        elif tag == W_INSTRTEXT:
            instructions.add(index_of[id(node)], "text", node.text or "")
        elif tag in BREAKS:
            final.gap(BREAKS[tag])
            original.gap(BREAKS[tag])
    readings = (final, original, instructions) if revised else (final, instructions)
    for builder in readings:
        result = builder.result()
        if result is not None:
            yield result


def _attribute_segments(name: str, index: int, node: etree._Element) -> Iterator[tuple[str, DocxLocator]]:
    if not isinstance(node.tag, str):
        return
    local = etree.QName(node).localname
    for key, value in node.attrib.items():
        attr = etree.QName(key).localname
        if attr in TEXT_ATTRIBUTES or (local in NAMED_ELEMENTS and attr in ("name", "val")):
            yield from _single(name, index, f"@{key}", value)


def _generic_segments(name: str, root: etree._Element) -> Iterator[tuple[str, DocxLocator]]:
    for i, node in enumerate(_preorder(root)):
        if isinstance(node.tag, str) and node.tag not in TIMESTAMPS:
            if node.text and node.text.strip():
                yield from _single(name, i, "text", node.text)
            for key, value in node.attrib.items():
                yield from _single(name, i, f"@{key}", value)
        if node.tail and node.tail.strip():
            yield from _single(name, i, "tail", node.tail)


def _relationship_targets(name: str, root: etree._Element) -> Iterator[tuple[str, DocxLocator]]:
    for i, node in enumerate(_preorder(root)):
        if isinstance(node.tag, str) and node.get("TargetMode") == "External":
            yield from _single(name, i, "@Target", node.get("Target", ""))


def _single(name: str, index: int, slot: str, text: str) -> Iterator[tuple[str, DocxLocator]]:
    if text.strip():
        yield text, DocxLocator(name, ((0, len(text), index, slot, 0),))
