"""A small, tolerant PDF lexer and object parser over raw bytes (ISO 32000-1 §7.2-7.3).

Used on object sources, content streams and raw file bytes alike. It never raises on malformed input:
unknown bytes become ``Word`` tokens. Strings come back as decoded text (``pdf_text``) so that
literal, hex, octal-escaped, UTF-16BE and UTF-8 spellings of a datum all read the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_DELIMS = rb"()<>\[\]{}/%"
_WS = rb"\x00\t\n\x0c\r "
_TOKEN = re.compile(
    rb"[" + _WS + rb"]*(?:"
    rb"(?P<comment>%[^\r\n]*)"
    rb"|(?P<dopen><<)|(?P<dclose>>>)"
    rb"|(?P<hex><[0-9A-Fa-f" + _WS + rb"]*>)"
    rb"|(?P<lstr>\()"
    rb"|(?P<aopen>\[)|(?P<aclose>\])"
    rb"|(?P<name>/[^" + _WS + _DELIMS + rb"]*)"
    rb"|(?P<word>[^" + _WS + _DELIMS + rb"]+)"
    rb"|(?P<other>[\s\S]))"
)
_PAREN_OR_ESCAPE = re.compile(rb"[()\\]")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\s\S])")
_ESCAPES = {
    b"n": b"\n",
    b"r": b"\r",
    b"t": b"\t",
    b"b": b"\b",
    b"f": b"\f",
    b"\n": b"",
    b"\r": b"",
    b"\r\n": b"",
}
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")
_NUMBER = re.compile(rb"[+-]?(\d+\.?\d*|\.\d+)\Z")

# PDFDocEncoding differs from Latin-1 only in 0x18-0x1F and 0x80-0xA0 (ISO 32000-1 Annex D.2).
_PDFDOC_HIGH = "•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž\ufffd€"
_PDFDOC = str.maketrans(
    {0x80 + i: ch for i, ch in enumerate(_PDFDOC_HIGH)} | {0x18 + i: c for i, c in enumerate("˘ˇˆ˙˝˛˚˜")}
)


@dataclass(frozen=True, slots=True)
class Name:
    value: str


@dataclass(frozen=True, slots=True)
class Word:
    """A bare keyword or operator (``obj``, ``R``, ``Tj``, ``true``)."""

    value: str


@dataclass(frozen=True, slots=True)
class PdfString:
    raw: bytes

    @property
    def text(self) -> str:
        return pdf_text(self.raw)


@dataclass(frozen=True, slots=True)
class Ref:
    num: int
    gen: int


Token = tuple[str, object]  # (kind, value): kinds "dopen" "dclose" "aopen" "aclose" "str" "name" "num" "word"


def pdf_text(raw: bytes) -> str:
    """Decode a PDF string: UTF-16 (BOM or NUL-interleaved), UTF-8, else PDFDocEncoding."""
    if raw[:2] == b"\xfe\xff":
        return raw[2:].decode("utf-16-be", errors="replace")
    if raw[:2] == b"\xff\xfe":
        return raw[2:].decode("utf-16-le", errors="replace")
    if raw[:3] == b"\xef\xbb\xbf":
        return raw[3:].decode("utf-8", errors="replace")
    if len(raw) >= 4 and len(raw) % 2 == 0 and raw[0::2].count(0) * 2 >= len(raw) // 2:
        return raw.decode("utf-16-be", errors="replace")
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1").translate(_PDFDOC)


def unescape_literal(body: bytes) -> bytes:
    """The bytes of a literal string body (between the outer parentheses), escapes resolved."""

    def replace(m: re.Match[bytes]) -> bytes:
        esc = m.group(1)
        if 0x30 <= esc[0] <= 0x37:  # octal digits only: "\\8" is just "8"
            return bytes([int(esc, 8) & 0xFF])
        return _ESCAPES.get(esc, esc)

    return _ESCAPE.sub(replace, body) if b"\\" in body else body


def hex_bytes(token: bytes) -> bytes:
    """The bytes of a hex string body; whitespace ignored, an odd last digit padded with 0."""
    try:
        return bytes.fromhex(token.decode("ascii"))
    except ValueError:
        pass
    digits = _NOT_HEX.sub(b"", token)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def _literal_end(data: bytes, start: int) -> int:
    """Index just past the literal string opened at ``data[start] == '('`` (balanced, escapes)."""
    depth, pos = 1, start + 1
    while depth:
        m = _PAREN_OR_ESCAPE.search(data, pos)
        if m is None:
            return len(data)
        ch = m.group()
        pos = m.end() + (1 if ch == b"\\" else 0)
        depth += 1 if ch == b"(" else -1 if ch == b")" else 0
    return pos


def tokens(data: bytes, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Lex ``data[start:end]``; comments and stray delimiters are dropped."""
    end = len(data) if end is None else end
    pos = start
    while pos < end:
        m = _TOKEN.match(data, pos, end)
        if m is None:
            return
        kind = m.lastgroup
        if kind == "lstr":
            stop = min(_literal_end(data, m.end() - 1), end)
            yield "str", PdfString(unescape_literal(data[m.end() : stop - 1]))
            pos = stop
            continue
        pos = m.end()
        value = m.group(kind) if kind else b""
        if kind == "hex":
            yield "str", PdfString(hex_bytes(value[1:-1]))
        elif kind == "name":
            yield (
                "name",
                Name(
                    _NAME_ESCAPE.sub(lambda x: bytes.fromhex(x.group(1).decode()), value[1:]).decode(
                        "latin-1"
                    )
                ),
            )
        elif kind == "word":
            yield ("num", float(value)) if _NUMBER.match(value) else ("word", Word(value.decode("latin-1")))
        elif kind in ("dopen", "dclose", "aopen", "aclose"):
            yield kind, None


def parse_object(data: bytes) -> object:
    """Parse one object source (as ``xref_object`` returns it) into dict/list/PdfString/Name/Ref/float."""
    stack: list[list[object]] = [[]]
    for kind, value in tokens(data):
        top = stack[-1]
        if kind in ("dopen", "aopen"):
            stack.append([kind])
        elif kind in ("dclose", "aclose") and len(stack) > 1:
            items = stack.pop()[1:]
            if kind == "dclose":
                stack[-1].append(
                    {
                        items[i].value: items[i + 1]
                        for i in range(0, len(items) - 1, 2)
                        if isinstance(items[i], Name)
                    }
                )
            else:
                stack[-1].append(items)
        elif (
            kind == "word"
            and value == Word("R")
            and len(top) >= 2
            and all(isinstance(x, float) for x in top[-2:])
        ):
            gen, num = top.pop(), top.pop()
            top.append(Ref(int(num), int(gen)))  # type: ignore[arg-type]
        else:
            top.append(value)
    while len(stack) > 1:  # unclosed containers: keep what was read
        items = stack.pop()[1:]
        stack[-1].append(items)
    return stack[0][0] if stack[0] else None


def strings_in(data: bytes) -> list[str]:
    """Every string in ``data`` as text, in order, plus decoded names longer than one character."""
    found: list[str] = []
    for kind, value in tokens(data):
        if kind == "str":
            found.append(value.text)  # type: ignore[union-attr]
        elif kind == "name" and len(value.value) > 1:  # type: ignore[union-attr]
            found.append(value.value)  # type: ignore[union-attr]
    return found
