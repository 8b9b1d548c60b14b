"""Per-page surfaces of an opened PDF: page text, content streams, marked content, annotations, widgets.

Page text is read the way a thorough reader would see it: every optional-content layer on (the caller
drops /OCProperties first), the CropBox reset to the MediaBox, an infinite clip (text outside the page
counts), ligatures expanded, reading order sorted; a second reading ignores /ActualText so glyphs
that a replacement text hides are read too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pymupdf

from app.domain.leaks import Leak
from app.verify.pdf.content import read_content
from app.verify.pdf.objects import BACK_LINKS, ObjectWalker
from app.verify.pdf.syntax import Ref
from app.verify.surfaces import ReadContext, TextSurface, structure_problem

CONTENT_FAMILY = "content"
_TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE  # no ligature preservation, no MediaBox clip
_WIDGET_SKIP = BACK_LINKS - {"Parent"}  # a widget's field name and value may sit in its parent field


def page_text(page: pymupdf.Page, has_actual_text: bool) -> TextSurface:
    """The page's text in MuPDF's order and in reading order; also without /ActualText if present."""
    clip = pymupdf.INFINITE_RECT()
    with contextlib.suppress(Exception):  # an odd MediaBox: keep the CropBox, the clip still applies
        page.set_cropbox(page.mediabox)
    textpage = page.get_textpage(flags=_TEXT_FLAGS, clip=clip)
    texts = [textpage.extractText(), reading_order_text(textpage.extractWORDS())]
    if has_actual_text:
        flags = _TEXT_FLAGS | pymupdf.TEXT_IGNORE_ACTUALTEXT
        texts.append(page.get_textpage(flags=flags, clip=clip).extractText())
    return TextSurface("page-text", tuple(texts), page=page.number)


def reading_order_text(words: list[tuple]) -> str:
    """Words sorted into lines by baseline, then left to right; touching words are joined.

    Producers that write "Anna ", "Svens", "son" as separate, out-of-order objects still read as
    "Anna Svensson" (a cheap stand-in for PyMuPDF's ``sort=True``, which is far slower).
    """
    lines: list[list[tuple]] = []
    for word in sorted(words, key=lambda w: (w[3], w[0])):
        height = max(word[3] - word[1], 1.0)
        if lines and abs(word[3] - lines[-1][-1][3]) <= 0.3 * height:
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for line in lines:
        line.sort(key=lambda w: w[0])
        parts = [line[0][4]]
        for prev, word in zip(line, line[1:], strict=False):
            touching = word[0] - prev[2] < 0.15 * max(word[3] - word[1], 1.0)
            parts.append(("" if touching else " ") + word[4])
        out.append("".join(parts))
    return "\n".join(out)


def content_stream_surfaces(page: pymupdf.Page) -> Iterator[TextSurface]:
    """Text operators and marked content of the page's content streams and Form XObjects (needs no
    walker, so pages can be read in parallel)."""
    doc, pno = page.parent, page.number
    streams = [(f"page {pno + 1} contents", page.read_contents())]
    for xref, *_ in doc.get_page_xobjects(pno):
        if doc.xref_get_key(xref, "Subtype")[1] == "/Form":
            streams.append((f"form XObject object {xref}", doc.xref_stream(xref) or b""))
    for detail, data in streams:
        content = read_content(data)
        yield TextSurface("content-stream", content.readings(), pno, detail, CONTENT_FAMILY)
        if content.marked:
            yield TextSurface("marked-content", ("\n".join(content.marked),), pno, detail, CONTENT_FAMILY)


def property_surfaces(page: pymupdf.Page, walker: ObjectWalker) -> Iterator[TextSurface]:
    """Marked-content property lists in the page's resources (objects attributed once, by ``walker``)."""
    pno = page.number
    properties = walker.parse(page.xref)
    resources = properties.get("Resources") if isinstance(properties, dict) else None
    if isinstance(resources, Ref):
        resources = walker.parse(resources.num)
    if isinstance(resources, dict) and "Properties" in resources:
        found = walker.collect(resources["Properties"])
        if not found.empty:
            yield TextSurface("marked-content", found.readings(), pno, "/Properties", CONTENT_FAMILY)


def annotation_surfaces(
    page: pymupdf.Page, walker: ObjectWalker, ctx: ReadContext
) -> Iterator[TextSurface | Leak]:
    """Every annotation of the page: its dictionary strings, appearance streams, popups, actions."""
    pno = page.number
    for xref, kind, _ in page.annot_xrefs():
        is_widget = kind == pymupdf.PDF_ANNOT_WIDGET
        found = walker.collect(xref, _WIDGET_SKIP if is_widget else BACK_LINKS)
        texts = list(found.readings())
        if is_widget:
            texts.append(_widget_text(page, xref))
        else:
            texts.append(_appearance_text(page, xref))
        surface = "widget" if is_widget else "annotation"
        yield TextSurface(surface, tuple(texts), pno, f"object {xref}")
        if kind == pymupdf.PDF_ANNOT_FILE_ATTACHMENT:
            yield from _attachment(page, xref, ctx)


def _appearance_text(page: pymupdf.Page, xref: int) -> str:
    try:
        annot = page.load_annot(xref)
        return annot.get_text("text") if annot else ""
    except Exception:
        return ""


def _widget_text(page: pymupdf.Page, xref: int) -> str:
    for widget in page.widgets():
        if widget.xref == xref:
            values = [
                widget.field_name,
                widget.field_value,
                widget.field_label,
                *(widget.choice_values or []),
            ]
            return "\n".join(str(v) for v in values if v)
    return ""


def _attachment(page: pymupdf.Page, xref: int, ctx: ReadContext) -> Iterator[TextSurface | Leak]:
    try:
        data = page.load_annot(xref).get_file()
    except Exception:
        yield structure_problem(f"file attachment object {xref} cannot be read", "embedded-file", page.number)
        return
    yield from nested_surfaces(data, f"attachment object {xref}", ctx, page.number)


def nested_surfaces(
    data: bytes, label: str, ctx: ReadContext, page: int | None
) -> Iterator[TextSurface | Leak]:
    """Surfaces of an embedded file, renamed ``embedded-file`` and placed on the host page."""
    for item in ctx.read_nested(data):
        if isinstance(item, Leak):
            detail = f"{label}: {item.surface}: {item.detail}"
            yield Leak("embedded-file", item.entity, page, detail)
            continue
        where = f" page {item.page + 1}" if item.page is not None else ""
        family = item.family if item.family == "document" else f"{label}:{item.family}"
        yield TextSurface("embedded-file", item.texts, page, f"{label}: {item.surface}{where}", family)
