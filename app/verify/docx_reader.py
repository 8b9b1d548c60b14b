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

import hashlib
import io
import re
import zipfile
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import replace
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
SCRIPT_CODE = re.compile(r"[A-Z][a-z]{3}")
SURFACE_CACHE_SIZE = 512  # parts repeat across documents made from one template (styles, theme ...)
_surface_cache: OrderedDict[bytes, tuple[Item, ...]] = OrderedDict()


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
    digest = hashlib.sha1(raw).digest()
    cached = _surface_cache.get(digest)
    if cached is None:
        cached = tuple(_read_xml(name, raw))
        _surface_cache[digest] = cached
        if len(_surface_cache) > SURFACE_CACHE_SIZE:
            _surface_cache.popitem(last=False)
    else:
        _surface_cache.move_to_end(digest)
    for item in cached:  # the detail names this part, not the part the cached bytes were first seen as
        yield replace(item, detail=name) if isinstance(item, TextSurface) else item


def _read_xml(name: str, raw: bytes) -> Iterator[Item]:
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
    for tag, label in FORBIDDEN_ELEMENTS.items():
        if next(root.iter(tag), None) is not None:
            yield structure_problem(f"{label} in {name}", surface=name)
    texts = [str(t) for t in root.xpath("//text() | //comment() | //processing-instruction()")]  # tails too
    yield TextSurface("xml-text", ("".join(texts), "\n".join(texts)), detail=name)
    values = [str(v) for v in root.xpath("//@*[local-name() != 'script']")]
    values += [str(v) for v in root.xpath("//@*[local-name() = 'script']") if not SCRIPT_CODE.fullmatch(v)]
    values += {etree.QName(node).localname for node in root.iter(etree.Element)}  # customXml names
    distinct = list(dict.fromkeys(values))  # searched once per distinct value: presence, not counts
    if distinct:
        yield TextSurface("xml-attributes", ("\n".join(distinct),), detail=name, family="attributes")
