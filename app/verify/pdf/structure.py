"""Structural checks: objects whose mere presence means the burn's cleaning step failed.

Our burn writes one full revision without annotations, forms, attachments, scripts, layers, metadata,
bookmarks, structure tree, marked-content replacement text, page labels or named destinations
(PITFALLS §2.2). Any of them in an output file makes the report unclean, whatever the search finds.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.domain.leaks import Leak
from app.verify.pdf.raw_scan import RawFacts
from app.verify.surfaces import structure_problem

FORBIDDEN_NAMES: dict[str, str] = {
    "Annots": "annotations",
    "AcroForm": "interactive form",
    "XFA": "XFA form",
    "EmbeddedFiles": "embedded files",
    "JavaScript": "JavaScript",
    "JS": "JavaScript action",
    "OCProperties": "optional-content layers",
    "PieceInfo": "private application data",
    "Metadata": "XMP metadata",
    "Outlines": "bookmarks",
    "Thumb": "page thumbnail",
    "StructTreeRoot": "structure tree",
    "ActualText": "marked-content replacement text",
    "PageLabels": "page labels",
    "Dests": "named destinations",
}


def structural_problems(facts: RawFacts) -> Iterator[Leak]:
    """Leaks for every forbidden object kind and for a file with more than one revision."""
    if facts.eof_markers > 1:
        yield structure_problem(f"{facts.eof_markers} %%EOF markers: incremental update keeps old revisions")
    elif facts.eof_markers == 0:
        yield structure_problem("no %%EOF marker: file truncated")
    if facts.has_prev:
        yield structure_problem("/Prev in trailer: earlier revisions are kept")
    if facts.has_encrypt:
        yield structure_problem("encrypted: content cannot be verified")
    for name, meaning in FORBIDDEN_NAMES.items():
        if name in facts.names:
            yield structure_problem(f"/{name} present ({meaning})")
