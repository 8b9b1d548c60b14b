"""Remove every document-level surface that can hold text outside the page content.

After the masks are applied, the pages hold only what may be released. Everything else that can
carry text (metadata, XMP, bookmarks, page labels, named destinations, JavaScript, form data,
embedded files, the structure tree with its /Alt and /ActualText, marked-content /ActualText,
piece info, thumbnails) is removed, not redacted: it is not needed to read the document, and a
surface that is gone cannot leak. The file is then written as a full rewrite with garbage
collection, so objects that are no longer referenced (old revisions included) are not written.
"""

from __future__ import annotations

import re

import pymupdf

from app.formats.pdf_open import delete_key

CATALOG_KEYS = (
    "AA",
    "AcroForm",
    "Collection",
    "Dests",
    "Legal",
    "MarkInfo",
    "Metadata",
    "Names",
    "OCProperties",
    "OpenAction",
    "Outlines",
    "PageLabels",
    "Perms",
    "PieceInfo",
    "SpiderInfo",
    "StructTreeRoot",
    "Threads",
    "URI",
)
PAGE_KEYS = ("AA", "Annots", "B", "Metadata", "PieceInfo", "StructParents", "Thumb")
ANY_OBJECT_KEYS = ("ActualText", "Alt", "E", "Metadata", "PieceInfo", "Thumb")

KNOWN_FILTERS = frozenset(
    {
        "FlateDecode", "Fl", "LZWDecode", "LZW", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85",
        "RunLengthDecode", "RL", "CCITTFaxDecode", "CCF", "DCTDecode", "DCT", "JPXDecode",
        "JBIG2Decode", "Crypt",
    }
)  # fmt: skip

# /ActualText, /Alt and /E inside inline marked-content property lists (`/Span <</ActualText (..)>> BDC`).
_STRING = rb"\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)|<[0-9A-Fa-f\s]*>"
_MARKED_TEXT = re.compile(rb"/(?:ActualText|Alt|E)\s*(?:" + _STRING + rb")", re.DOTALL)


def clean_document(doc: pymupdf.Document) -> None:
    """Strip all non-page surfaces from ``doc`` in place."""
    doc.set_metadata({})
    doc.del_xml_metadata()
    for name in doc.embfile_names():
        doc.embfile_del(name)
    doc.set_toc([])
    catalog = doc.pdf_catalog()
    for key in CATALOG_KEYS:
        _drop_key(doc, catalog, key)
    if doc.xref_get_key(catalog, "PageMode")[1] in ("/UseOutlines", "/UseAttachments", "/UseOC"):
        doc.xref_set_key(catalog, "PageMode", "/UseNone")
    for page in doc:
        for key in PAGE_KEYS:
            _drop_key(doc, page.xref, key)
    for xref in range(1, doc.xref_length()):
        _clean_object(doc, xref)


def _drop_key(doc: pymupdf.Document, xref: int, key: str) -> None:
    if key in doc.xref_get_keys(xref):
        delete_key(doc, xref, key)


def _clean_object(doc: pymupdf.Document, xref: int) -> None:
    try:
        keys = doc.xref_get_keys(xref)
    except Exception:  # free or broken object: garbage collection drops it
        return
    for key in ANY_OBJECT_KEYS:
        if key in keys:
            delete_key(doc, xref, key)
    if not doc.xref_is_stream(xref):
        return
    if "Filter" in keys and not _filters_known(doc, xref):
        _empty_stream(doc, xref)
    elif _is_content_stream(doc, xref, keys):
        _strip_marked_text(doc, xref)


def _filters_known(doc: pymupdf.Document, xref: int) -> bool:
    """True when every filter of the stream is one MuPDF decodes (MuPDF passes others through raw)."""
    kind, value = doc.xref_get_key(xref, "Filter")
    if kind == "xref":  # an indirect filter name or array
        value = doc.xref_object(int(value.split()[0]), compressed=True)
    names = re.findall(r"/([A-Za-z0-9]+)", value)
    return bool(names) and all(name in KNOWN_FILTERS for name in names)


def _empty_stream(doc: pymupdf.Document, xref: int) -> None:
    """A stream no reader can decode cannot be checked, and shows nothing: its bytes are dropped."""
    for key in ("Filter", "DecodeParms", "DP", "F", "FFilter", "FDecodeParms"):
        if key in doc.xref_get_keys(xref):
            delete_key(doc, xref, key)
    doc.update_stream(xref, b"", compress=False)


def _is_content_stream(doc: pymupdf.Document, xref: int, keys: tuple[str, ...]) -> bool:
    if "Subtype" in keys:
        return doc.xref_get_key(xref, "Subtype")[1] == "/Form"
    # page content streams carry no /Type or /Subtype; images, fonts and the like do
    return "Type" not in keys and "Length1" not in keys and "Width" not in keys


def _strip_marked_text(doc: pymupdf.Document, xref: int) -> None:
    try:
        data = doc.xref_stream(xref)
    except Exception:
        return
    if data and (b"/ActualText" in data or b"/Alt" in data or b"/E" in data):
        cleaned = _MARKED_TEXT.sub(b"", data)
        if cleaned != data:
            doc.update_stream(xref, cleaned)
