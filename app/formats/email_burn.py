"""Burning masks into a parsed e-mail message, in place.

- Every occurrence of a masked text anywhere in the message (headers, both body alternatives,
  filenames, attachments) is masked, so text/plain and text/html never disagree.
- Headers are rewritten from their decoded value and re-encoded (RFC 2047) by the policy; a masked
  address becomes ``maskerad@maskerad.invalid`` so the header stays valid; message ids get "X".
- HTML bodies are burned through their text map, then masked texts left in markup (``href``,
  ``alt``, comments) are swept from the raw HTML.
- Attachments go back through their format handler (with the masks that fall in them, possibly
  none, which still cleans their metadata); unsupported ones are replaced by a short note.
- Attachment filenames lose folders and control characters; DKIM/ARC signatures are removed.
"""

from __future__ import annotations

import html
import re
import tempfile
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from email.message import EmailMessage
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.domain.document import ExtractedDocument
from app.domain.errors import BurnFailed
from app.domain.model import Finding, LabelMode, Mask, Origin, Span
from app.formats.base import HandlerContext
from app.formats.docx_burn import BLOCK, burn_string
from app.formats.email_extract import attachment_handler, is_attachment
from app.formats.email_text import (
    AttachmentLocator,
    BodyLocator,
    FilenameLocator,
    HeaderLocator,
    safe_filename,
    sha256,
)
from app.formats.email_tree import (
    DROPPED_HEADERS,
    POLICY,
    analysed_headers,
    payload_bytes,
    text_content,
    walk,
)
from app.formats.html_text import burn_html
from app.formats.pdf_burn import mask_label
from app.occurrences import find_occurrences

MASKED_ADDRESS = "maskerad@maskerad.invalid"
ADDRESS_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "reply-to",
        "sender",
        "resent-from",
        "resent-to",
        "resent-cc",
        "resent-bcc",
        "resent-sender",
        "disposition-notification-to",
        "x-original-to",
        "delivered-to",
        "return-path",
    }
)
ID_HEADERS = frozenset({"message-id", "in-reply-to", "references", "resent-message-id", "thread-index"})
WITHHELD_NOTE = (
    "Bilagan {name} ({ctype}) har undantagits: formatet kan inte maskas automatiskt och lämnas inte ut.\n"
)
Range = tuple[int, int, str | None]
_burned_cache: OrderedDict[tuple, bytes] = OrderedDict()
BURNED_CACHE_SIZE = 256


def every_occurrence(doc: ExtractedDocument, masks: Sequence[Mask]) -> list[Mask]:
    """``masks`` plus a mask on every other occurrence of a masked text in ``doc``."""
    taken = {m.finding.span for m in masks}
    out = list(masks)
    seen: set[str] = set()
    for mask in masks:
        key = " ".join(mask.text.split()).casefold()
        if len(key) < 2 or key in seen:
            continue
        seen.add(key)
        for span in find_occurrences(doc.text, mask.text):
            if span not in taken:
                taken.add(span)
                finding = Finding(
                    mask.entity,
                    span,
                    doc.text[span.start : span.end],
                    1.0,
                    "every-occurrence",
                    Origin.PROPAGATION,
                )
                out.append(Mask(finding, mask.ground))
    return out


def _cased(text: str) -> bool:
    return text.lower() != text or text.upper() != text


def burn_message(
    msg: EmailMessage, doc: ExtractedDocument, masks: Sequence[Mask], ctx: HandlerContext
) -> None:
    masks = every_occurrence(doc, masks)
    edits: dict[tuple, list[Range]] = defaultdict(list)
    child_masks: dict[tuple, list[Mask]] = defaultdict(list)
    children: dict[tuple, ExtractedDocument] = {}
    for mask in masks:
        label = mask_label(mask, ctx.label_mode)
        span = mask.finding.span
        for segment in doc.segments_for(span):
            loc = segment.locator
            if isinstance(loc, AttachmentLocator):
                child_span = Span(
                    max(span.start, segment.start) - loc.base, min(span.end, segment.end) - loc.base
                )
                child = replace(
                    mask.finding, span=child_span, text=loc.child.text[child_span.start : child_span.end]
                )
                child_masks[loc.path].append(Mask(child, mask.ground))
                children[loc.path] = loc.child
                continue
            lo, hi = (
                max(span.start, segment.start) - segment.start,
                min(span.end, segment.end) - segment.start,
            )
            edits[_key(loc)].append((lo, hi, label))
    texts = sorted({m.text for m in masks if len(m.text.strip()) >= 2}, key=len, reverse=True)
    for path, part in walk(msg, ctx.limits):
        _burn_headers(part, path, edits)
        if part.is_multipart():
            continue
        if is_attachment(part):
            _burn_attachment(part, path, edits, child_masks.get(path, []), children.get(path), ctx)
        else:
            _burn_body(part, path, edits, texts, ctx.label_mode)


def _key(loc: Any) -> tuple:
    if isinstance(loc, HeaderLocator):
        return ("header", loc.path, loc.index)
    if isinstance(loc, BodyLocator):
        return ("body", loc.path, loc.html)
    if isinstance(loc, FilenameLocator):
        return ("filename", loc.path)
    raise BurnFailed(f"unknown e-mail locator {type(loc).__name__}")


def _burn_headers(part: EmailMessage, path: tuple, edits: dict[tuple, list[Range]]) -> None:
    for index, name, value in analysed_headers(part):
        ranges = edits.get(("header", path, index))
        if ranges:
            part._headers[index] = POLICY.header_store_parse(
                name, _header_safe(name, burn_string(value, ranges))
            )
    for name in {n for n in part if n.lower() in DROPPED_HEADERS}:
        del part[name]


def _header_safe(name: str, value: str) -> str:
    lowered = name.lower()
    if lowered in ID_HEADERS:
        return value.replace(BLOCK, "X")
    if lowered not in ADDRESS_HEADERS:
        return value
    items = []
    for item in re.split(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", value):
        item = item.strip()
        if not item:
            continue
        if "<" in item:
            display, address = item.rsplit("<", 1)
            address = address.rstrip("> ").strip()
            if BLOCK in address or "@" not in address:
                address = MASKED_ADDRESS
            display = display.strip().strip('"').replace("\\", "\\\\").replace('"', '\\"')
            items.append(f'"{display}" <{address}>' if display else f"<{address}>")
        elif BLOCK in item or "@" not in item:
            items.append(MASKED_ADDRESS)
        else:
            items.append(item)
    return ", ".join(items) or MASKED_ADDRESS


def _burn_body(part: EmailMessage, path: tuple, edits: dict, texts: list[str], mode: LabelMode) -> None:
    content_type = part.get_content_type()
    text = original = text_content(part)
    html_ranges = [(k, r) for k, r in edits.items() if k[0] == "body" and k[1] == path]
    if content_type == "text/html":
        for (_, _, mapping), ranges in html_ranges:
            text = burn_html(text, mapping, ranges) if mapping is not None else text
        new = _sweep(text, texts, html_escaped=True)
    else:
        for _, ranges in html_ranges:
            text = burn_string(text, ranges)
        new = _sweep(text, texts, html_escaped=False)
    filename = _new_filename(part, path, edits)
    if new == original and filename == part.get_filename():
        return
    disposition = part.get_content_disposition()
    part.set_content(
        new, subtype=part.get_content_subtype(), charset="utf-8", disposition=disposition, filename=filename
    )


def _sweep(text: str, texts: list[str], html_escaped: bool) -> str:
    for needle in texts:
        variants = {needle, html.escape(needle)} if html_escaped else {needle}
        for variant in variants:
            if _cased(variant):
                text = _compiled(re.escape(variant)).sub(lambda m: BLOCK * len(m.group(0)), text)
            else:  # no letter with a case: what the pattern would match is the text itself
                text = text.replace(variant, BLOCK * len(variant))
    return text


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled case-insensitively. Masked names recur across the messages of an archive,
    and the ``re`` module's own cache (512 patterns, first in first out) forgets them within a few
    dozen messages."""
    return re.compile(pattern, re.IGNORECASE)


def _new_filename(part: EmailMessage, path: tuple, edits: dict) -> str | None:
    name = part.get_filename()
    if name is None:
        return None
    ranges = edits.get(("filename", path))
    burned = burn_string(name, ranges) if ranges else name
    return safe_filename(burned, "bilaga")


def _burn_attachment(
    part: EmailMessage,
    path: tuple,
    edits: dict,
    masks: list[Mask],
    child: ExtractedDocument | None,
    ctx: HandlerContext,
) -> None:
    data = payload_bytes(part)
    filename = _new_filename(part, path, edits) or f"bilaga-{'.'.join(str(i + 1) for i in path)}"
    handler = attachment_handler(data) if data else None
    burned = None
    if handler is not None:
        try:
            burned = burn_bytes(handler, data, masks, child, ctx)
        except BurnFailed:
            raise
        except Exception:
            burned = None  # an attachment that failed extraction was withheld there; the same here
    if burned is None:
        note = WITHHELD_NOTE.format(name=filename, ctype=part.get_content_type())
        part.set_content(
            note,
            subtype="plain",
            charset="utf-8",
            disposition="attachment",
            filename=f"{filename}.undantagen.txt",
        )
        return
    maintype, subtype = part.get_content_maintype(), part.get_content_subtype()
    if maintype in ("text", "multipart", "message"):
        maintype, subtype = "application", "octet-stream"
    part.set_content(burned, maintype=maintype, subtype=subtype, disposition="attachment", filename=filename)


def burn_bytes(
    handler: Any, data: bytes, masks: list[Mask], child: ExtractedDocument | None, ctx: HandlerContext
) -> bytes:
    """The attachment burned by its own handler. Identical attachments with identical masks are
    burned once per process (``_burned_cache``)."""
    key = (
        handler.name,
        sha256(data),
        ctx.label_mode,
        tuple(sorted((m.finding.span, m.entity, m.ground or "") for m in masks)),
    )
    if key in _burned_cache:
        _burned_cache.move_to_end(key)
        return _burned_cache[key]
    with tempfile.TemporaryDirectory(prefix="skymma-att-") as tmp:
        src = Path(tmp) / f"attachment{handler.output_suffix}"
        dst = Path(tmp) / f"redacted{handler.output_suffix}"
        src.write_bytes(data)
        fresh = handler.extract(src, ctx)
        if child is not None and fresh.text != child.text:
            raise BurnFailed("an attachment reads differently than when it was analysed")
        located = [
            Mask(replace(m.finding, boxes=handler.locate(fresh, m.finding.span)), m.ground) for m in masks
        ]
        handler.redact(src, fresh, located, dst, ctx)
        out = dst.read_bytes()
    _burned_cache[key] = out
    if len(_burned_cache) > BURNED_CACHE_SIZE:
        _burned_cache.popitem(last=False)
    return out
