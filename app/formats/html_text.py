"""The visible text of an HTML body, with a map from each text character back to the raw HTML.

Block tags, scripts and styles become line breaks; inline tags and comments vanish; character
references are decoded (``Bj&ouml;rk`` reads ``Björk``); link targets, alt and title texts are
appended after the text. Each character remembers the raw range it came from, so a mask on the
text is burned into the raw HTML without touching the markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?P<skip><(?P<block>script|style)\b.*?</(?P=block)\s*>)|(?P<tag><!--.*?-->|<[^>]*>)"
    r"|(?P<ref>&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?)",
    re.IGNORECASE | re.DOTALL,
)
_BREAKING_TAGS = re.compile(r"<\s*/?\s*(p|div|br|tr|td|th|li|h\d|table|blockquote)\b", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b(?:href|alt|title)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.IGNORECASE)
BLOCK = "█"


@dataclass(frozen=True, slots=True)
class HtmlText:
    """``text`` and, per character of it, the raw range ``[starts[i], ends[i])`` (-1 for separators)."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def html_text(raw: str) -> HtmlText:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def literal(lo: int, hi: int) -> None:
        for i in range(lo, hi):
            chars.append(raw[i])
            starts.append(i)
            ends.append(i + 1)

    def separator(text: str) -> None:
        chars.append(text)
        starts.append(-1)
        ends.append(-1)

    pos = 0
    attributes: list[tuple[int, int]] = []  # link targets, alt and title texts: analysed after the text
    for match in _TOKEN.finditer(raw):
        literal(pos, match.start())
        if match.group("tag"):
            for attr in _ATTRIBUTE.finditer(match.group(0)):
                group = "dq" if attr.group("dq") is not None else "sq"
                attributes.append((match.start() + attr.start(group), match.start() + attr.end(group)))
        if match.group("ref"):
            decoded = html.unescape(match.group("ref"))
            for ch in decoded:
                chars.append(ch)
                starts.append(match.start())
                ends.append(match.end())
        elif match.group("skip") or _BREAKING_TAGS.match(match.group(0)):
            separator("\n")  # inline tags (b, span, a ...) separate nothing: "<b>Sv</b>ensson" is one word
        pos = match.end()
    literal(pos, len(raw))
    for start, end in attributes:
        separator("\n")
        literal(start, end)
    return HtmlText("".join(chars), tuple(starts), tuple(ends))


def burn_html(raw: str, mapping: HtmlText, ranges: list[tuple[int, int, str | None]]) -> str:
    """``raw`` with the raw characters behind each text range ``[lo, hi)`` replaced (blocks or label)."""
    raw_ranges: list[tuple[int, int, str | None]] = []
    for lo, hi, label in ranges:
        covered = [(mapping.starts[i], mapping.ends[i]) for i in range(lo, hi) if mapping.starts[i] >= 0]
        if not covered:
            continue
        runs: list[list[int]] = []
        for start, end in covered:
            if runs and start <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], end)
            else:
                runs.append([start, end])
        for k, (start, end) in enumerate(runs):
            raw_ranges.append((start, end, None if label is None else (label if k == 0 else "")))
    out, pos = [], 0
    for start, end, label in sorted(raw_ranges):
        if start < pos:
            start = pos
        if start >= end:
            continue
        out.append(raw[pos:start])
        out.append(BLOCK * (end - start) if label is None else html.escape(label))
        pos = end
    out.append(raw[pos:])
    return "".join(out)
