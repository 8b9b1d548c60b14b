"""Reviewing a document: findings with page boxes, decisions (single and bulk), manual masks, and
carrying a decision over to the whole case."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.api.deps import Registrator, ServicesDep
from app.api.presenters import finding_read
from app.api.schemas.common import ERROR_RESPONSES, Count
from app.api.schemas.review import (
    DecisionBulk,
    DecisionUpdate,
    FindingRead,
    ManualMaskCreate,
    ManualMaskResult,
)
from app.audit import record
from app.domain.model import Box, EntityType, Span
from app.jobs.manual import ManualRequest
from app.jobs.page_images import from_display
from app.review import documents as docs
from app.review import findings
from app.review.cases import get_case
from app.review.findings import DecisionInput, ListFilter
from app.review.grounds import default_grounds
from app.review.states import DocumentState, FindingStatus
from app.storage.errors import InvalidRequest
from app.storage.models import Document

router = APIRouter(prefix="/api/v1", tags=["review"], responses=ERROR_RESPONSES)


@router.get("/documents/{document_id}/findings", summary="Proposals and masks, with page boxes")
def list_findings(
    document_id: uuid.UUID,
    principal: Registrator,
    services: ServicesDep,
    entity: EntityType | None = None,
    page: Annotated[int | None, Query(ge=1, le=100_000, description="1-based")] = None,
    status: FindingStatus | None = None,
    origin: Annotated[
        str | None, Query(pattern="^(machine|human|pattern|gazetteer|ner|propagation|reviewer)$")
    ] = None,
    q: Annotated[str | None, Query(max_length=100, description="part of the text")] = None,
) -> list[FindingRead]:
    flt = ListFilter(
        entity=entity.value if entity else None,
        page=page - 1 if page else None,
        status=status.value if status else None,
        origin=origin,
        text=q,
    )
    with services.db.session() as session:
        document = docs.get_document(session, document_id)
        docs.ensure_state(document, DocumentState.REVIEW, DocumentState.BURNING, DocumentState.RELEASED)
        views = findings.list_findings(session, services.vault, document, flt)
        record(
            session, principal.actor, "document.findings.view", object_type="document", object_id=document.id
        )
        return [finding_read(v, document.pages) for v in views]


@router.patch("/findings/{finding_id}", summary="Decide one finding (accept, reject, type, ground)")
def decide_one(
    finding_id: uuid.UUID, body: DecisionUpdate, principal: Registrator, services: ServicesDep
) -> FindingRead:
    change = DecisionInput(
        finding_id, FindingStatus(body.status) if body.status else None, body.entity, body.ground_id
    )
    with services.db.session() as session:
        row = findings.get_finding(session, finding_id)
        findings.decide(session, principal.actor, row.document_id, [change])
        document = docs.get_document(session, row.document_id)
        return finding_read(findings.view_of(services.vault, document, row), document.pages)


@router.post("/documents/{document_id}/decisions", summary="Decide many findings at once")
def decide_many(
    document_id: uuid.UUID, body: DecisionBulk, principal: Registrator, services: ServicesDep
) -> Count:
    changes = [
        DecisionInput(d.finding_id, FindingStatus(d.status) if d.status else None, d.entity, d.ground_id)
        for d in body.decisions
    ]
    with services.db.session() as session:
        return Count(count=findings.decide(session, principal.actor, document_id, changes))


@router.post(
    "/findings/{finding_id}/apply-to-case", summary="Give the same datum the same decision in the case"
)
def apply_to_case(finding_id: uuid.UUID, principal: Registrator, services: ServicesDep) -> Count:
    with services.db.session() as session:
        return Count(count=findings.apply_to_case(session, principal.actor, finding_id))


@router.delete("/findings/{finding_id}", status_code=204, summary="Remove a mask a person added")
def remove_manual(finding_id: uuid.UUID, principal: Registrator, services: ServicesDep) -> Response:
    with services.db.session() as session:
        findings.remove_manual(session, principal.actor, finding_id)
    return Response(status_code=204)


def _request(body: ManualMaskCreate, document: Document) -> ManualRequest:
    if body.text is not None:
        return ManualRequest(body.entity, text=body.text)
    if body.start is not None and body.end is not None:
        return ManualRequest(body.entity, span=Span(body.start, body.end))
    assert body.box is not None and body.page is not None
    index = body.page - 1
    if not 0 <= index < document.page_count:
        raise InvalidRequest(f"the document has no page {body.page}")
    coords = body.box
    if body.box_space == "display" and index < len(document.pages):
        coords = from_display(coords, document.pages[index]["matrix"])
    x0, y0, x1, y1 = coords
    if x1 <= x0 or y1 <= y0:
        raise InvalidRequest("the box has no area (x0 < x1 and y0 < y1 are needed)")
    return ManualRequest(body.entity, box=Box(index, x0, y0, x1, y1))


@router.post(
    "/documents/{document_id}/masks", status_code=201, summary="Add a manual mask (range, text or box)"
)
def add_mask(
    document_id: uuid.UUID, body: ManualMaskCreate, principal: Registrator, services: ServicesDep
) -> ManualMaskResult:
    with services.db.session() as session:
        document = docs.get_document(session, document_id)
        docs.ensure_state(document, DocumentState.REVIEW)
        request = _request(body, document)
        targets = [document]
        if body.scope == "case" and body.text is not None:
            targets = [
                d
                for d in docs.list_documents(session, document.case_id)
                if d.state == DocumentState.REVIEW.value
            ]
        case_type = get_case(session, document.case_id).case_type
        ground_id = body.ground_id or default_grounds(session, case_type).get(body.entity.value)
        jobs = [(d.id, services.vault.document_key(d), d.format) for d in targets]
    resolved = {doc_id: services.workspace.resolve(doc_id, key, fmt, request) for doc_id, key, fmt in jobs}
    out = []
    with services.db.session() as session:
        for doc_id, found in resolved.items():
            if not found:
                continue
            document = docs.get_document(session, doc_id)
            rows = findings.add_manual(
                session,
                principal.actor,
                services.vault,
                document,
                found,
                ground_id=ground_id,
                grouped=request.box is not None,
                box=request.box,
            )
            out.extend(
                finding_read(findings.view_of(services.vault, document, r), document.pages) for r in rows
            )
    if not out:
        raise InvalidRequest("the mask covers no text of the document" if request.text else "nothing to mask")
    return ManualMaskResult(findings=out, documents=len(jobs))
