"""Document-level surfaces of an opened PDF: metadata, XMP, outline, names, scripts, forms, attachments.

Each surface walks its part of the object graph from the catalog or trailer with the shared
``ObjectWalker``; everything a walk reaches (actions, appearance streams, XFA and JavaScript streams)
counts for that surface.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

import pymupdf

from app.domain.leaks import Leak
from app.verify.pdf.objects import ObjectWalker
from app.verify.pdf.page_surfaces import nested_surfaces
from app.verify.pdf.syntax import Ref
from app.verify.surfaces import ReadContext, TextSurface, structure_problem

# Catalog entries and the surface their strings belong to. /Names is split below.
_CATALOG_SURFACES = {
    "Outlines": "outline",
    "PageLabels": "page-labels",
    "Dests": "named-destinations",
    "OpenAction": "actions",
    "AA": "actions",
    "AcroForm": "form",
    "StructTreeRoot": "structure-tree",
    "PieceInfo": "piece-info",
    "URI": "actions",
    "Lang": "catalog",
    "SpiderInfo": "catalog",
    "Collection": "embedded-file",
}
_STANDARD_NAME_TREES = frozenset(
    {
        "Dests",
        "AP",
        "JavaScript",
        "Pages",
        "Templates",
        "IDS",
        "URLS",
        "EmbeddedFiles",
        "AlternatePresentations",
        "Renditions",
    }
)
_NAME_TREE_SURFACES = {"Dests": "named-destinations", "JavaScript": "javascript", "EmbeddedFiles": None}


def metadata_surfaces(doc: pymupdf.Document, walker: ObjectWalker) -> Iterator[TextSurface]:
    """The Info dictionary (every key, not only the standard ones) and the XMP packet."""
    kind, value = doc.xref_get_key(-1, "Info")
    info = walker.collect(Ref(int(value.split()[0]), 0)) if kind == "xref" else None
    texts = list(info.readings()) if info else []
    texts.append("\n".join(v for v in (doc.metadata or {}).values() if v))
    yield TextSurface("metadata", tuple(texts), detail="document information dictionary")
    kind, value = doc.xref_get_key(doc.pdf_catalog(), "Metadata")
    if kind == "xref":
        walker.visited.add(int(value.split()[0]))
    xmp = doc.get_xml_metadata() or ""
    yield TextSurface("xmp", (xmp, html.unescape(xmp)), detail="catalog /Metadata")


def catalog_surfaces(doc: pymupdf.Document, walker: ObjectWalker) -> Iterator[TextSurface]:
    """Outline, page labels, destinations, actions, forms, structure tree, private data, name trees."""
    catalog = walker.parse(doc.pdf_catalog())
    if not isinstance(catalog, dict):
        return
    toc = "\n".join(str(entry[1]) for entry in doc.get_toc(simple=True))
    for key, surface in _CATALOG_SURFACES.items():
        if key not in catalog:
            continue
        found = walker.collect(catalog[key])
        texts = found.readings() + ((toc,) if key == "Outlines" else ())
        yield TextSurface(surface, texts, detail=f"catalog /{key}")
    names = catalog.get("Names")
    names = walker.parse(names.num) if isinstance(names, Ref) else names
    if isinstance(names, dict):
        for key, value in names.items():
            surface = _NAME_TREE_SURFACES.get(key, "names")
            if surface is not None:  # a non-standard key could itself be a datum: never echo it
                label = key if key in _STANDARD_NAME_TREES else "(non-standard key)"
                yield TextSurface(surface, walker.collect(value).readings(), detail=f"/Names /{label}")


def embedded_file_surfaces(doc: pymupdf.Document, ctx: ReadContext) -> Iterator[TextSurface | Leak]:
    """Names and descriptions of embedded files, and their contents read as files of their own."""
    for i in range(doc.embfile_count()):
        label = f"embedded file #{i + 1}"
        try:
            info = doc.embfile_info(i)
            data = doc.embfile_get(i)
        except Exception:
            yield structure_problem(f"{label} cannot be read", "embedded-file")
            continue
        fields = ("name", "filename", "ufilename", "description", "desc")
        yield TextSurface("embedded-file", ("\n".join(str(info.get(f) or "") for f in fields),), detail=label)
        yield from nested_surfaces(data, label, ctx, None)
