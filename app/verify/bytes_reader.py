"""Fallback reader for bytes no format reader claims: search them as text in every likely encoding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from app.verify.surfaces import Item, ReadContext, TextSurface


def decode_candidates(data: bytes) -> tuple[str, ...]:
    """Readings of raw bytes: UTF-8 (or Latin-1 when it is not UTF-8), plus UTF-16 when likely."""
    readings: list[str] = []
    if data[:2] in (b"\xfe\xff", b"\xff\xfe"):
        readings.append(data.decode("utf-16", errors="replace"))
    try:
        readings.append(data.decode("utf-8"))
    except UnicodeDecodeError:
        readings.append(data.decode("latin-1"))
    zeros = data[:4096].count(0)
    if zeros * 4 >= min(len(data), 4096) > 0:  # many NULs: probably UTF-16 without a BOM
        readings.append(data[: len(data) // 2 * 2].decode("utf-16-be", errors="replace"))
        readings.append(data[: len(data) // 2 * 2].decode("utf-16-le", errors="replace"))
    return tuple(readings)


class BytesReader:
    """Claims nothing by sniffing; used for embedded content no other reader understands."""

    name: ClassVar[str] = "bytes"

    def sniff(self, head: bytes) -> bool:
        return False

    def read(self, data: bytes, ctx: ReadContext) -> Iterator[Item]:
        yield TextSurface("raw-bytes", decode_candidates(data), detail="unrecognised content")
