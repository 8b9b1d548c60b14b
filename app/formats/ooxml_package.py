"""Reading and writing OOXML packages (ZIP files of XML parts) from untrusted input, bounded.

python-docx loads every related part whole and keeps unmodelled parts as opaque bytes, so it cannot
bound a zip bomb nor reach comments' authors, customXml or docProps/custom.xml. Skymma therefore
reads the package with ``zipfile`` under hard caps (entries, declared and actual unzipped bytes,
overlapping members) and parses each XML part with an lxml parser that never resolves an entity,
never loads a DTD and never touches the network. Any DTD is refused (OPC [M1.18]).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from app.domain.errors import CorruptFile, EncryptedFile, LimitExceeded, UnsupportedFormat
from app.formats.atomic_output import atomic_output
from app.formats.base import Limits

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
READ_CHUNK = 1 << 16


def safe_parser() -> etree.XMLParser:
    """An XML parser that resolves no entity, loads no DTD, opens no URL and refuses huge trees."""
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, remove_blank_text=False
    )


def parse_part(name: str, data: bytes) -> etree._Element:
    """The root element of an XML part; ``CorruptFile`` for a DTD or malformed XML."""
    if b"<!DOCTYPE" in data or b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in data:
        raise CorruptFile(
            f"the part {name} declares a DTD, which Office files must not (possible XXE attack)"
        )
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise CorruptFile(
            f"the part {name} is not well-formed XML: {str(exc).splitlines()[0][:120]}"
        ) from exc
    if root is None:
        raise CorruptFile(f"the part {name} is empty")
    if root.getroottree().docinfo.doctype:
        raise CorruptFile(f"the part {name} declares a DTD, which Office files must not")
    return root


def serialize_part(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_package(src: Path, limits: Limits, kind: str = "Word document") -> dict[str, bytes]:
    """Every member of the ZIP package at ``src``, in archive order, read under ``limits``."""
    with src.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(CFB_MAGIC):
        raise EncryptedFile(f"{src.name} is a password-protected or legacy (OLE) Office file, not a {kind}")
    if not head.startswith(ZIP_MAGIC):
        raise CorruptFile(f"{src.name} is not a {kind} (not a ZIP package)")
    if src.stat().st_size > limits.max_bytes:
        raise LimitExceeded(f"{src.name} is larger than {limits.max_bytes} bytes")
    try:
        with zipfile.ZipFile(src) as archive:
            infos = archive.infolist()
            _check_directory(infos, limits)
            budget = [limits.max_unzipped_bytes]
            return {info.filename: _read_member(archive, info, budget) for info in infos if not info.is_dir()}
    except zipfile.BadZipFile as exc:
        raise CorruptFile(f"{src.name} is a damaged ZIP package: {exc}") from exc
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encrypted member
        raise CorruptFile(f"{src.name} cannot be unpacked: {exc}") from exc


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_zip_entries:
        raise LimitExceeded(f"the package has more than {limits.max_zip_entries} members")
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_unzipped_bytes:
        raise LimitExceeded(f"the package unpacks to more than {limits.max_unzipped_bytes} bytes (zip bomb?)")
    offsets = sorted(info.header_offset for info in infos)
    if len(set(offsets)) != len(offsets):
        raise CorruptFile("the package has overlapping members (zip bomb?)")
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise CorruptFile("the package has duplicate member names")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes:
    """The member's bytes; stops as soon as the remaining budget is used (sizes in headers can lie)."""
    out = io.BytesIO()
    with archive.open(info) as member:
        while chunk := member.read(READ_CHUNK):
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise LimitExceeded("the package unpacks to more than the configured limit (zip bomb?)")
            out.write(chunk)
    return out.getvalue()


def write_package(parts: Iterable[tuple[str, bytes]], dst: Path) -> None:
    """Write a new ZIP package atomically: temporary file, fsync, rename."""
    with atomic_output(dst) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def require_parts(parts: dict[str, bytes], names: Iterable[str], src_name: str, kind: str) -> None:
    missing = [n for n in names if n not in parts]
    if missing:
        raise UnsupportedFormat(f"{src_name} is a ZIP file but not a {kind} (no {missing[0]})")
