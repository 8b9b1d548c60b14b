"""The Word (and any ZIP package) surface reader: every member, parsed and raw, with its own readers.

Each XML part yields its text nodes joined without separators (a name split across runs reads
whole) and one per line, and its attribute values and element names (alt text, authors,
relationship targets, customXml names); parts are parsed with recovery, and one that does not
parse at all is reported and searched as raw bytes. Raw bytes of parsed XML are not searched:
markup names ("ang", "val") would match short needles. Non-XML members (images, embedded objects)
are searched raw and go to the nested reader. The whole file's bytes are scanned too (ZIP comment,
stored members, bytes between members). Comments, tracked changes, thumbnails and DTDs in the
output are structural problems: the Word handler removes them.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import ClassVar

from lxml import etree

from app.verify.bytes_reader import decode_candidates
from app.verify.surfaces import Item, ReadContext, TextSurface, structure_problem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_MEMBERS = 10_000
MAX_UNZIPPED = 1 << 30
FORBIDDEN_PARTS = ("word/comments.xml", "word/commentsExtended.xml", "word/people.xml", "docProps/thumbnail")
FORBIDDEN_ELEMENTS = {
    f"{W}del": "tracked deletion",
    f"{W}ins": "tracked insertion",
    f"{W}delText": "deleted text",
    f"{W}commentReference": "comment reference",
    f"{W}rPrChange": "formatting change history",
}
RAW_FAMILY = "raw"
# Attributes the schema restricts to codes: a value in the code's syntax is not free text ("Hans" is
# the ISO 15924 code for simplified Han in every theme, and also a Swedish first name).
CODE_ATTRIBUTES = {"script": re.compile(r"[A-Z][a-z]{3}")}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, recover=True
    )


class DocxReader:
    """Surface reader for ZIP packages (``PK\\x03\\x04``): .docx and other OOXML files."""

    name: ClassVar[str] = "docx"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04")

    def read(self, data: bytes, ctx: ReadContext) -> Iterator[Item]:
        yield TextSurface("raw-file", decode_candidates(data), detail="whole package", family="raw-file")
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
        except (zipfile.BadZipFile, OSError):
            yield structure_problem("cannot be opened as a ZIP package")
            return
        if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNZIPPED:
            yield structure_problem("ZIP package too large to verify")
            return
        for info in infos:
            yield from self._member(archive, info, ctx)

    def _member(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: ReadContext) -> Iterator[Item]:
        name = info.filename
        if name.startswith(FORBIDDEN_PARTS):
            yield structure_problem(f"part {name} must not be in a released document", surface=name)
        try:
            raw = archive.read(info)
        except Exception as exc:
            yield structure_problem(f"part {name} cannot be unpacked: {type(exc).__name__}", surface=name)
            return
        if name.endswith((".xml", ".rels")) or raw.lstrip()[:5] == b"<?xml":
            yield from _xml_surfaces(name, raw)
        else:
            yield TextSurface("raw-part", decode_candidates(raw), detail=name, family=RAW_FAMILY)
            for item in ctx.read_nested(raw):
                if isinstance(item, TextSurface):
                    yield TextSurface(
                        "embedded", item.texts, None, f"{name}: {item.surface}", f"{name}:{item.family}"
                    )
                else:
                    yield item


def _xml_surfaces(name: str, raw: bytes) -> Iterator[Item]:
    if b"<!DOCTYPE" in raw:
        yield structure_problem(f"part {name} declares a DTD", surface=name)
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError:
        root = None
    if root is None:  # then its bytes are all there is to search
        yield structure_problem(f"part {name} is not readable XML", surface=name)
        yield TextSurface("raw-part", decode_candidates(raw), detail=name, family=RAW_FAMILY)
        return
    texts: list[str] = []
    attributes: list[str] = []
    for node in root.iter():
        if isinstance(node.tag, str):
            if node.tag in FORBIDDEN_ELEMENTS:
                yield structure_problem(f"{FORBIDDEN_ELEMENTS[node.tag]} in {name}", surface=name)
            attributes.extend(_free_text_values(node))
            attributes.append(etree.QName(node).localname)  # customXml may name elements after data
        elif node.text:  # comments and processing instructions carry text too
            texts.append(node.text)
        if isinstance(node.tag, str) and node.text:
            texts.append(node.text)
        if node.tail:
            texts.append(node.tail)
    yield TextSurface("xml-text", ("".join(texts), "\n".join(texts)), detail=name)
    if attributes:
        yield TextSurface("xml-attributes", ("\n".join(attributes),), detail=name, family="attributes")


def _free_text_values(node: etree._Element) -> list[str]:
    values = []
    for key, value in node.attrib.items():
        code = CODE_ATTRIBUTES.get(etree.QName(key).localname)
        if code is None or not code.fullmatch(value):
            values.append(value)
    return values
