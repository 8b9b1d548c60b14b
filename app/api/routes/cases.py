"""Cases (ärenden) and their decision reports."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from app.api.deps import Registrator, ServicesDep, SettingsDep
from app.api.presenters import case_read
from app.api.schemas.common import ERROR_RESPONSES
from app.api.schemas.review import CaseCreate, CaseDecision, CaseList, CaseRead, CaseUpdate
from app.audit import record
from app.report import service as reports
from app.review import cases
from app.review.cases import CaseFields

router = APIRouter(prefix="/api/v1/cases", tags=["cases"], responses=ERROR_RESPONSES)
PDF = {200: {"content": {"application/pdf": {}}, "description": "the report as PDF"}}


def _read(session, services, case) -> CaseRead:  # noqa: ANN001
    counts = cases.document_counts(session, [case.id]).get(case.id, {})
    return case_read(case, counts, services.vault.keyring.field_cipher())


@router.get("", summary="List cases, newest first")
def list_cases(
    principal: Registrator,
    services: ServicesDep,
    q: Annotated[str, Query(max_length=100, description="part of a diarienummer or title")] = "",
    status: Annotated[str | None, Query(pattern="^(open|decided)$")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> CaseList:
    with services.db.session() as session:
        rows, total = cases.list_cases(session, query=q, status=status, limit=limit, offset=offset)
        counts = cases.document_counts(session, [c.id for c in rows])
        cipher = services.vault.keyring.field_cipher()
        return CaseList(total=total, items=[case_read(c, counts.get(c.id, {}), cipher) for c in rows])


@router.post("", status_code=201, summary="Open a case")
def create_case(body: CaseCreate, principal: Registrator, services: ServicesDep) -> CaseRead:
    fields = CaseFields(**body.model_dump(), anonymous=not (body.requester or "").strip())
    with services.db.session() as session:
        case = cases.create_case(session, principal.actor, services.vault.keyring.field_cipher(), fields)
        return _read(session, services, case)


@router.get("/{case_id}", summary="One case")
def get_case(case_id: uuid.UUID, principal: Registrator, services: ServicesDep) -> CaseRead:
    with services.db.session() as session:
        case = cases.get_case(session, case_id)
        record(session, principal.actor, "case.view", object_type="case", object_id=case.id)
        return _read(session, services, case)


@router.patch("/{case_id}", summary="Change a case's details")
def update_case(
    case_id: uuid.UUID, body: CaseUpdate, principal: Registrator, services: ServicesDep
) -> CaseRead:
    fields = CaseFields(**body.model_dump(exclude_unset=True))
    with services.db.session() as session:
        case = cases.update_case(
            session, principal.actor, services.vault.keyring.field_cipher(), case_id, fields
        )
        return _read(session, services, case)


@router.get(
    "/{case_id}/report/draft", summary="A draft decision report (PDF)", responses=PDF, response_class=Response
)
def draft_report(
    case_id: uuid.UUID, principal: Registrator, services: ServicesDep, settings: SettingsDep
) -> Response:
    with services.db.session() as session:
        pdf = reports.draft_report(session, principal.actor, services.vault, case_id, settings.authority_name)
    return _pdf(pdf, "utkast-beslut.pdf")


@router.post(
    "/{case_id}/decision",
    summary="Decide the case: records the decision and its report",
    responses=PDF,
    response_class=Response,
)
def decide(
    case_id: uuid.UUID,
    body: CaseDecision,
    principal: Registrator,
    services: ServicesDep,
    settings: SettingsDep,
) -> Response:
    with services.db.session() as session:
        pdf = reports.decide_case(
            session, principal.actor, services.vault, case_id, body.decision_text, settings.authority_name
        )
    return _pdf(pdf, "beslut.pdf")


@router.get(
    "/{case_id}/report",
    summary="The decision report of a decided case (PDF)",
    responses=PDF,
    response_class=Response,
)
def get_report(case_id: uuid.UUID, principal: Registrator, services: ServicesDep) -> Response:
    with services.db.session() as session:
        pdf = reports.stored_report(session, principal.actor, services.vault, case_id)
    return _pdf(pdf, "beslut.pdf")


def _pdf(data: bytes, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(content=data, media_type="application/pdf", headers=headers)
