"""Stream filters the raw scan can undo itself: Flate, ASCIIHex, ASCII85, LZW, RunLength.

Every decoder is bounded (``limit`` bytes of output) and tolerant: a damaged stream yields what could
be decoded before the damage. Image codecs (DCT, JPX, JBIG2, CCITT) carry no text and are not decoded.
"""

from __future__ import annotations

import base64
import re
import zlib

IMAGE_FILTERS = frozenset({"DCTDecode", "DCT", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode", "CCF"})
_ALIASES = {
    "Fl": "FlateDecode",
    "AHx": "ASCIIHexDecode",
    "A85": "ASCII85Decode",
    "LZW": "LZWDecode",
    "RL": "RunLengthDecode",
}


class LimitReached(Exception):
    """A stream decodes to more than the verifier is willing to hold."""


class UnsupportedFilter(Exception):
    """A non-image filter the verifier cannot undo (so it cannot see inside the stream)."""


def inflate(data: bytes, limit: int) -> bytes:
    """zlib (or raw deflate) decompression, keeping whatever precedes corruption."""
    for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
        out = bytearray()
        engine = zlib.decompressobj(wbits)
        try:
            for start in range(0, len(data), 65536):
                out += engine.decompress(data[start : start + 65536], limit + 1 - len(out))
                if len(out) > limit or engine.unconsumed_tail:
                    raise LimitReached
        except zlib.error:
            pass
        if out:
            return bytes(out)
    return b""


def ascii_hex(data: bytes) -> bytes:
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", data.split(b">", 1)[0])
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def ascii85(data: bytes) -> bytes:
    body = re.sub(rb"\s", b"", data.split(b"~>", 1)[0])
    if body.startswith(b"<~"):
        body = body[2:]
    try:
        return base64.a85decode(body + b"~>", adobe=True)
    except ValueError:
        return b""


def lzw(data: bytes, limit: int) -> bytes:
    """LZWDecode with EarlyChange 1 (the PDF default)."""
    out = bytearray()
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    buffer, nbits, width, prev = 0, 0, 9, b""
    for byte in data:
        buffer, nbits = (buffer << 8) | byte, nbits + 8
        while nbits >= width:
            nbits -= width
            code = (buffer >> nbits) & ((1 << width) - 1)
            if code == 256:
                table, width, prev = table[:258], 9, b""
                continue
            if code == 257:
                return bytes(out)
            entry = table[code] if code < len(table) else prev + prev[:1]
            if prev:
                table.append(prev + entry[:1])
            out += entry
            if len(out) > limit:
                raise LimitReached
            prev = entry
            if len(table) + 1 >= (1 << width) and width < 12:
                width += 1
    return bytes(out)


def run_length(data: bytes, limit: int) -> bytes:
    out, i = bytearray(), 0
    while i < len(data) and data[i] != 128:
        n = data[i]
        if n < 128:
            out += data[i + 1 : i + 2 + n]
            i += n + 2
        else:
            out += data[i + 1 : i + 2] * (257 - n)
            i += 2
        if len(out) > limit:
            raise LimitReached
    return bytes(out)


def decode(data: bytes, filters: list[str], limit: int) -> bytes:
    """Apply ``filters`` in order. Raises LimitReached / UnsupportedFilter; image filters stop early."""
    for name in filters:
        name = _ALIASES.get(name, name)
        if name in IMAGE_FILTERS:
            return b""
        if name == "FlateDecode":
            data = inflate(data, limit)
        elif name == "ASCIIHexDecode":
            data = ascii_hex(data)
        elif name == "ASCII85Decode":
            data = ascii85(data)
        elif name == "LZWDecode":
            data = lzw(data, limit)
        elif name == "RunLengthDecode":
            data = run_length(data, limit)
        elif name != "Crypt":
            raise UnsupportedFilter(name)
    return data
