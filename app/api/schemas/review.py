"""API models for cases, documents, findings, decisions, manual masks, pages and jobs.

Pages are 1-based everywhere in the API. Boxes are ``[page, x0, y0, x1, y1]`` in PDF points in the
unrotated page space (origin at the top-left of the CropBox); ``display_boxes`` are the same boxes
on the displayed (rotated) page, i.e. on the page image: scale by ``image width / display_width``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from app.api.schemas.common import RowId, Strict, TextOffset
from app.domain.model import EntityType, LabelMode
from app.review.states import DocumentState, FindingStatus

TEXT = Field(max_length=300)


class CaseCreate(Strict):
    diarienummer: str = Field(min_length=1, max_length=60, examples=["KS 2026/123"])
    title: str = Field(default="", max_length=300)
    case_type: str = Field(default="", max_length=60, description="selects default legal grounds")
    requester: str | None = Field(default=None, max_length=200, description="empty or null: anonymous")
    received_on: date | None = None


class CaseUpdate(Strict):
    diarienummer: str | None = Field(default=None, min_length=1, max_length=60)
    title: str | None = Field(default=None, max_length=300)
    case_type: str | None = Field(default=None, max_length=60)
    requester: str | None = Field(default=None, max_length=200)
    anonymous: bool | None = Field(default=None, description="true removes the stored requester")
    received_on: date | None = None


class CaseRead(BaseModel):
    id: uuid.UUID
    diarienummer: str
    title: str
    case_type: str
    requester: str | None
    anonymous: bool
    received_on: date | None
    status: str
    decided_at: datetime | None
    created_at: datetime
    documents: dict[str, int] = Field(description="number of documents per state")


class CaseList(BaseModel):
    total: int
    items: list[CaseRead]


class CaseDecision(Strict):
    decision_text: str = Field(default="", max_length=5000, description="added to the report's decision")


class PageRead(BaseModel):
    number: int = Field(description="1-based")
    width: float
    height: float
    rotation: int
    display_width: float
    display_height: float
    matrix: list[float] = Field(description="PyMuPDF rotation_matrix: unrotated -> displayed")


class DocumentRead(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    filename: str
    format: str
    size: int
    sha256: str
    state: DocumentState
    error: str
    notes: list[str]
    needs_manual_review: bool
    page_count: int
    findings: dict[str, int] = Field(description="number of findings per status")
    output_sha256: str | None
    verification: str
    created_at: datetime
    analyzed_at: datetime | None
    released_at: datetime | None
    purge_after: datetime


class JobRead(BaseModel):
    id: uuid.UUID
    kind: str
    document_id: uuid.UUID | None
    state: str
    attempts: int
    error: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class UploadRead(BaseModel):
    document: DocumentRead
    job: JobRead


class FindingRead(BaseModel):
    id: uuid.UUID
    document_id: uuid.UUID
    key: str = Field(description="stable id of the datum at its place (as in decisions files)")
    group_id: uuid.UUID | None = Field(description="findings made by one manual action; decided together")
    entity: EntityType
    text: str
    start: int
    end: int
    score: float
    recognizer: str
    origin: str
    human: bool = Field(description="added by a person (not a machine proposal)")
    where: str
    page: int | None = Field(description="1-based page of the first box")
    boxes: list[list[float]]
    display_boxes: list[list[float]]
    status: FindingStatus
    masked: bool = Field(description="burned if the document were burned now (accepted, or ticked)")
    default_masked: bool
    staff: bool = Field(description="a name on the staff list: public, proposed unticked")
    protected: bool = Field(description="a protected person: always masked")
    ground_id: int | None
    decided_by: uuid.UUID | None
    decided_at: datetime | None


class DecisionItem(Strict):
    finding_id: uuid.UUID
    status: Literal["accepted", "rejected"] | None = None
    entity: EntityType | None = None
    ground_id: RowId | None = None

    @model_validator(mode="after")
    def _something(self) -> DecisionItem:
        if self.status is None and self.entity is None and self.ground_id is None:
            raise ValueError("a decision sets status, entity or ground_id")
        return self


class DecisionUpdate(Strict):
    status: Literal["accepted", "rejected"] | None = None
    entity: EntityType | None = None
    ground_id: RowId | None = None


class DecisionBulk(Strict):
    decisions: list[DecisionItem] = Field(min_length=1, max_length=5000)


class ManualMaskCreate(Strict):
    """Exactly one of: ``start``+``end`` (a range of the document text), ``text`` (every occurrence,
    in this document or with ``scope: "case"`` in every document of the case), or ``box``."""

    entity: EntityType = EntityType.OTHER
    ground_id: RowId | None = Field(default=None, description="default: the entity's default ground")
    start: TextOffset | None = None
    end: TextOffset | None = None
    text: str | None = Field(default=None, min_length=1, max_length=300)
    scope: Literal["document", "case"] = "document"
    page: int | None = Field(default=None, ge=1, description="1-based page of the box")
    box: list[float] | None = Field(default=None, min_length=4, max_length=4, description="[x0, y0, x1, y1]")
    box_space: Literal["page", "display"] = Field(
        default="page", description="page: unrotated page points; display: points on the displayed page"
    )

    @model_validator(mode="after")
    def _one_kind(self) -> ManualMaskCreate:
        kinds = [self.start is not None or self.end is not None, self.text is not None, self.box is not None]
        if sum(kinds) != 1:
            raise ValueError("give exactly one of start/end, text or box")
        if kinds[0] and (self.start is None or self.end is None or self.end <= self.start):
            raise ValueError("a range needs start < end")
        if kinds[2] and self.page is None:
            raise ValueError("a box needs its page")
        return self


class ManualMaskResult(BaseModel):
    findings: list[FindingRead]
    documents: int = Field(description="documents searched")


class BurnRequest(Strict):
    accept_remaining: bool = Field(
        default=False, description="decide undecided proposals by their default (ticked -> masked)"
    )
    label: LabelMode | None = Field(default=None, description="text on each mask; default: settings")


class PageText(BaseModel):
    page: int
    start: int = Field(description="offset of the page's first character in the document text")
    text: str
