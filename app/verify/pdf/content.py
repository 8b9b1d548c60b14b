"""Text of a content stream read from its operators, without fonts (ISO 32000-1 §9.4, §14.6).

This is the verifier's second, parser-independent reading of page text: the string operands of
``Tj``, ``TJ``, ``'`` and ``"`` decoded as PDFDocEncoding/UTF-8/UTF-16 (right for simple fonts; text in
2-byte CID fonts stays unreadable here and is covered by MuPDF's page text). Pieces of a ``TJ`` array
are joined; a kerning gap wider than a quarter em counts as a space. Because producers split words
over text objects, two readings are returned: pieces on the same baseline joined without a space,
and every positioning operator read as a space. Strings in marked-content property lists
(``/ActualText``, ``/Alt``, ``/E``, ``/T``) are returned separately.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from app.verify.pdf.syntax import PdfString, tokens

_BI = re.compile(rb"\bBI\b")
_ID = re.compile(rb"\bID\b")
_EI = re.compile(rb"\sEI\b")
_WORD_GAP = -250.0  # TJ adjustment (thousandths of an em) read as a space
_SHOW = frozenset({"Tj", "'", '"'})
_NEW_LINE = frozenset({"T*", "'", '"', "BT", "ET"})


@dataclass(slots=True)
class ContentText:
    """What a content stream shows: two readings of its text, and marked-content strings."""

    joined: list[str] = field(default_factory=list)
    spaced: list[str] = field(default_factory=list)
    marked: list[str] = field(default_factory=list)

    def readings(self) -> tuple[str, ...]:
        return ("".join(self.joined), " ".join(self.spaced))


def _tj_text(items: list[object]) -> str:
    parts: list[str] = []
    for item in items:
        if isinstance(item, PdfString):
            parts.append(item.text)
        elif isinstance(item, float) and item <= _WORD_GAP:
            parts.append(" ")
    return "".join(parts)


def _strings_in(value: object) -> list[str]:
    if isinstance(value, PdfString):
        return [value.text]
    if isinstance(value, list):
        return [s for item in value for s in _strings_in(item)]
    return []


class _Reader:
    """Operand stack machine over content tokens, tracking the baseline to decide on joins."""

    def __init__(self) -> None:
        self.out = ContentText()
        self.operands: list[object] = []
        self.containers: list[list[object]] = []
        self.y: float | None = None
        self.line_changed = True

    def feed(self, kind: str, value: object) -> None:
        if kind in ("aopen", "dopen"):
            self.containers.append([])
        elif kind in ("aclose", "dclose"):
            items = self.containers.pop() if self.containers else []
            self._push(items)
        elif kind == "word" and not self.containers:
            self._operator(value.value)  # type: ignore[attr-defined]
            self.operands = []
        else:
            self._push(value)

    def _push(self, value: object) -> None:
        (self.containers[-1] if self.containers else self.operands).append(value)

    def _operator(self, op: str) -> None:
        nums = [x for x in self.operands if isinstance(x, float)]
        if op in ("Td", "TD") and len(nums) >= 2:
            self._move(None if self.y is None else self.y + nums[-1], nums[-1] == 0)
        elif op == "Tm" and len(nums) >= 6:
            self._move(nums[-1], nums[-1] == self.y)
        elif op in _NEW_LINE:
            self._move(None, False)
        if op in _SHOW and self.operands and isinstance(self.operands[-1], PdfString):
            self._show(self.operands[-1].text)
        elif op == "TJ" and self.operands and isinstance(self.operands[-1], list):
            self._show(_tj_text(self.operands[-1]))
        elif op in ("BDC", "DP"):
            self.out.marked.extend(s for operand in self.operands for s in _strings_in(operand))

    def _move(self, y: float | None, same_line: bool) -> None:
        self.line_changed = self.line_changed or not same_line
        self.y = y

    def _show(self, text: str) -> None:
        if self.line_changed and self.out.joined:
            self.out.joined.append(" ")
        self.out.joined.append(text)
        self.out.spaced.append(text)
        self.line_changed = False


def _without_inline_images(data: bytes) -> bytes:
    """``data`` with every ``BI ... ID <binary> EI`` removed (linear: each search moves forward)."""
    if _BI.search(data) is None:
        return data
    parts, pos = [], 0
    while (bi := _BI.search(data, pos)) is not None:
        image_data = _ID.search(data, bi.end())
        end = _EI.search(data, image_data.end()) if image_data else None
        if end is None:
            break
        parts.append(data[pos : bi.start()])
        pos = end.end()
    parts.append(data[pos:])
    return b" ".join(parts)


@functools.lru_cache(maxsize=512)
def read_content(data: bytes) -> ContentText:
    """Text shown by a content stream (inline image data skipped) and its marked-content strings.

    Cached: the raw scan and the page reader often parse the same stream; treat the result as read-only.
    """
    reader = _Reader()
    for kind, value in tokens(_without_inline_images(data)):
        reader.feed(kind, value)
    return reader.out
