"""The findings/decisions JSON file: what ``skymma analyze --json`` writes and ``--decisions`` reads.

One format for both directions. ``analyze`` writes every proposal with ``"accept": true`` (a proposal
is a suggestion to mask); a person sets ``"accept": false`` to keep a datum visible, may change
``"entity"`` or ``"ground"``, and may add manual masks:

- ``{"text": "Kalle", "entity": "PERSON", "accept": true}``: every occurrence of the text;
- ``{"start": 120, "end": 125, "accept": true}``: a character range of the extracted text;
- ``{"boxes": [[page, x0, y0, x1, y1]], "accept": true}``: a rectangle on a page (PDF points).

``sha256`` ties the file to its source: decisions for another file are refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__
from app.domain.document import ExtractedDocument
from app.domain.errors import BadInput, DecisionsMismatch
from app.domain.model import Box, EntityType, Finding

FORMAT_VERSION = 1


def finding_to_dict(finding: Finding, ground: str | None, accept: bool = True) -> dict[str, Any]:
    return {
        "id": finding.id,
        "entity": finding.entity.value,
        "text": finding.text,
        "start": finding.span.start,
        "end": finding.span.end,
        "score": round(finding.score, 3),
        "recognizer": finding.recognizer,
        "origin": finding.origin.value,
        "page": finding.pages[0] + 1 if finding.boxes else None,
        "where": finding.where,
        "boxes": [box.as_list() for box in finding.boxes],
        "ground": ground,
        "accept": accept,
    }


def findings_document(
    *,
    source: Path,
    sha256: str,
    doc: ExtractedDocument,
    findings: list[Finding],
    grounds: dict[EntityType, str],
    notes: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The JSON document ``analyze --json`` prints."""
    return {
        "skymma": __version__,
        "format_version": FORMAT_VERSION,
        "source": source.name,
        "sha256": sha256,
        "format": doc.format,
        "pages": doc.page_count,
        "notes": list(notes or doc.notes),
        "findings": [finding_to_dict(f, grounds.get(f.entity)) for f in findings],
    }


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    """One row of a decisions file, validated but not yet resolved against the document."""

    accept: bool
    id: str | None = None
    entity: EntityType | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    boxes: tuple[Box, ...] = ()
    ground: str | None = None


@dataclass(frozen=True, slots=True)
class Decisions:
    sha256: str | None
    entries: tuple[DecisionEntry, ...]


def read_decisions(path: Path) -> Decisions:
    """Parse and validate a decisions file; ``BadInput`` with a one-line reason if it is malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BadInput(f"decisions file {path} does not exist") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"decisions file {path.name} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BadInput(f"decisions file {path.name} has no 'findings' list")
    entries = tuple(_entry(row, n) for n, row in enumerate(data["findings"], start=1))
    sha = data.get("sha256")
    return Decisions(sha256=sha if isinstance(sha, str) else None, entries=entries)


def _entry(row: Any, n: int) -> DecisionEntry:
    if not isinstance(row, dict):
        raise BadInput(f"decisions entry {n} is not an object")
    accept = row.get("accept")
    if not isinstance(accept, bool):
        raise BadInput(f'decisions entry {n} needs "accept": true or false')
    entity = row.get("entity")
    try:
        entity_type = EntityType(entity) if entity is not None else None
    except ValueError as exc:
        raise BadInput(f"decisions entry {n} has an unknown entity type {entity!r}") from exc
    try:
        boxes = tuple(Box.from_list(b) for b in row.get("boxes") or ())
        start = int(row["start"]) if row.get("start") is not None else None
        end = int(row["end"]) if row.get("end") is not None else None
    except (TypeError, ValueError) as exc:
        raise BadInput(f"decisions entry {n} has malformed boxes or offsets") from exc
    text = row.get("text")
    if row.get("id") is None and text is None and start is None and not boxes:
        raise BadInput(f"decisions entry {n} needs an id, a text, a start/end range or boxes")
    return DecisionEntry(
        accept=accept,
        id=str(row["id"]) if row.get("id") is not None else None,
        entity=entity_type,
        text=text if isinstance(text, str) else None,
        start=start,
        end=end,
        boxes=boxes,
        ground=row.get("ground") if isinstance(row.get("ground"), str) else None,
    )


def ensure_matches(decisions: Decisions, sha256: str, source: Path) -> None:
    if decisions.sha256 is not None and decisions.sha256 != sha256:
        raise DecisionsMismatch(f"the decisions file was made for another file than {source.name}")
