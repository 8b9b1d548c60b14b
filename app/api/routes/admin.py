"""Administration: users, legal grounds and their defaults, staff and protected-person lists, report
templates, the audit log and retention. Reading the grounds catalogue is open to every user."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from sqlalchemy import func, select

from app.api.deps import Administrator, ServicesDep, SignedIn
from app.api.presenters import ground_read, user_read
from app.api.schemas.admin import (
    AuditEventRead,
    AuditPage,
    ChainRead,
    GroundCreate,
    GroundDefaultItem,
    GroundDefaultRead,
    GroundRead,
    GroundUpdate,
    ListSummary,
    NameList,
    RetentionRead,
    TemplateRead,
    TemplateUpdate,
    UserCreate,
    UserRead,
    UserUpdate,
)
from app.api.schemas.common import ERROR_RESPONSES, MAX_DB_INT
from app.audit import export_csv, export_json, record, verify_chain
from app.auth import credentials, users
from app.jobs.retention import purge_expired
from app.report import service as reports
from app.report.render import DEFAULT_TEMPLATE
from app.review import grounds, lists
from app.storage.models import AuditEvent, ReportTemplate

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)
TEMPLATE_NAMES = Literal["beslut"]


# -- users -----------------------------------------------------------------------------------------


@router.get("/users", tags=["users"], summary="All users")
def list_users(principal: Administrator, services: ServicesDep) -> list[UserRead]:
    with services.db.session() as session:
        return [user_read(u) for u in users.list_users(session)]


@router.post("/users", status_code=201, tags=["users"], summary="Create a user")
def create_user(body: UserCreate, principal: Administrator, services: ServicesDep) -> UserRead:
    with services.db.session() as session:
        user = users.create_user(
            session,
            principal.actor,
            username=body.username,
            password=body.password,
            roles=[r.value for r in body.roles],
            full_name=body.full_name,
        )
        return user_read(user)


@router.patch("/users/{user_id}", tags=["users"], summary="Change a user (roles, active, password reset)")
def update_user(
    user_id: uuid.UUID, body: UserUpdate, principal: Administrator, services: ServicesDep
) -> UserRead:
    with services.db.session() as session:
        user = users.update_user(
            session,
            principal.actor,
            user_id,
            full_name=body.full_name,
            roles=[r.value for r in body.roles] if body.roles is not None else None,
            active=body.active,
            password=body.password,
        )
        if body.active is False or body.password is not None:
            credentials.end_user_sessions(session, user.id)
        return user_read(user)


# -- legal grounds ---------------------------------------------------------------------------------


@router.get("/grounds", tags=["grounds"], summary="The catalogue of legal grounds")
def list_grounds(principal: SignedIn, services: ServicesDep, active_only: bool = False) -> list[GroundRead]:
    with services.db.session() as session:
        return [ground_read(g) for g in grounds.list_grounds(session, include_inactive=not active_only)]


@router.post("/grounds", status_code=201, tags=["grounds"], summary="Add a legal ground")
def create_ground(body: GroundCreate, principal: Administrator, services: ServicesDep) -> GroundRead:
    with services.db.session() as session:
        return ground_read(grounds.create_ground(session, principal.actor, **body.model_dump()))


@router.patch("/grounds/{ground_id}", tags=["grounds"], summary="Change or deactivate a legal ground")
def update_ground(
    ground_id: Annotated[int, Path(ge=1, le=MAX_DB_INT)],
    body: GroundUpdate,
    principal: Administrator,
    services: ServicesDep,
) -> GroundRead:
    with services.db.session() as session:
        fields = body.model_dump(exclude_unset=True)
        return ground_read(grounds.update_ground(session, principal.actor, ground_id, **fields))


@router.get("/ground-defaults", tags=["grounds"], summary="Default ground per entity type and case type")
def list_defaults(principal: SignedIn, services: ServicesDep) -> list[GroundDefaultRead]:
    with services.db.session() as session:
        return [
            GroundDefaultRead(case_type=d.case_type, entity=d.entity, ground_id=d.ground_id)
            for d in grounds.list_defaults(session)
        ]


@router.put("/ground-defaults", tags=["grounds"], summary="Set (or with ground_id null remove) defaults")
def set_defaults(
    body: list[GroundDefaultItem], principal: Administrator, services: ServicesDep
) -> list[GroundDefaultRead]:
    with services.db.session() as session:
        for item in body:
            grounds.set_default(session, principal.actor, item.case_type, item.entity, item.ground_id)
    return list_defaults(principal, services)


# -- lists -----------------------------------------------------------------------------------------


@router.get("/staff", tags=["lists"], summary="The staff list (public names, proposed unticked)")
def get_staff(principal: Administrator, services: ServicesDep) -> NameList:
    with services.db.session() as session:
        return NameList(names=lists.staff_names(session))


@router.put("/staff", tags=["lists"], summary="Replace the staff list")
def put_staff(body: NameList, principal: Administrator, services: ServicesDep) -> ListSummary:
    with services.db.session() as session:
        return ListSummary(
            count=lists.replace_staff(session, principal.actor, services.vault.keyring, body.names)
        )


@router.get("/protected-persons", tags=["lists"], summary="The protected-person list (always masked)")
def get_protected(principal: Administrator, services: ServicesDep) -> NameList:
    with services.db.session() as session:
        record(session, principal.actor, "protected.view")
        return NameList(names=[v.value for v in lists.protected_values(session, services.vault.keyring)])


@router.put("/protected-persons", tags=["lists"], summary="Replace the protected-person list")
def put_protected(body: NameList, principal: Administrator, services: ServicesDep) -> ListSummary:
    with services.db.session() as session:
        count = lists.replace_protected(session, principal.actor, services.vault.keyring, body.names)
        return ListSummary(count=count)


# -- report templates ------------------------------------------------------------------------------


@router.get("/report-templates/{name}", tags=["reports"], summary="A decision report template (Jinja2 HTML)")
def get_template(name: TEMPLATE_NAMES, principal: Administrator, services: ServicesDep) -> TemplateRead:
    with services.db.session() as session:
        customised = session.get(ReportTemplate, name) is not None
        return TemplateRead(name=name, body=reports.current_template(session, name), customised=customised)


@router.put(
    "/report-templates/{name}", tags=["reports"], summary="Replace a template (checked before saving)"
)
def put_template(
    name: TEMPLATE_NAMES, body: TemplateUpdate, principal: Administrator, services: ServicesDep
) -> TemplateRead:
    with services.db.session() as session:
        reports.save_template(session, principal.actor, body.body, name)
    return get_template(name, principal, services)


@router.delete(
    "/report-templates/{name}", status_code=204, tags=["reports"], summary="Back to the shipped template"
)
def reset_template(name: TEMPLATE_NAMES, principal: Administrator, services: ServicesDep) -> Response:
    with services.db.session() as session:
        reports.reset_template(session, principal.actor, name or DEFAULT_TEMPLATE)
    return Response(status_code=204)


# -- audit and retention ---------------------------------------------------------------------------


@router.get("/audit", tags=["audit"], summary="The audit log, newest first")
def audit_log(
    principal: Administrator,
    services: ServicesDep,
    action: Annotated[str | None, Query(max_length=60)] = None,
    object_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> AuditPage:
    where = []
    if action:
        where.append(AuditEvent.action == action)
    if object_id:
        where.append(AuditEvent.object_id == object_id)
    with services.db.session() as session:
        total = session.scalar(select(func.count()).select_from(AuditEvent).where(*where)) or 0
        rows = session.scalars(
            select(AuditEvent).where(*where).order_by(AuditEvent.seq.desc()).limit(limit).offset(offset)
        )
        items = [AuditEventRead.model_validate(r, from_attributes=True) for r in rows]
    return AuditPage(total=total, items=items)


@router.get("/audit/verify", tags=["audit"], summary="Check the hash chain of the whole log")
def audit_verify(principal: Administrator, services: ServicesDep) -> ChainRead:
    with services.db.session() as session:
        check = verify_chain(session)
        record(session, principal.actor, "audit.verify", details={"ok": check.ok, "events": check.events})
    return ChainRead(ok=check.ok, events=check.events, broken_at=check.broken_at, reason=check.reason)


@router.get(
    "/audit/export",
    tags=["audit"],
    summary="Export the log as CSV or JSON",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, "application/json": {}}}},
)
def audit_export(
    principal: Administrator,
    services: ServicesDep,
    format: Literal["csv", "json"] = "csv",
    since: datetime | None = None,
    until: datetime | None = None,
) -> Response:
    since, until = (
        m.replace(tzinfo=UTC) if m is not None and m.tzinfo is None else m for m in (since, until)
    )
    with services.db.session() as session:
        record(session, principal.actor, "audit.export", details={"format": format})
        body = export_csv(session, since, until) if format == "csv" else export_json(session, since, until)
    media = "text/csv" if format == "csv" else "application/json"
    headers = {
        "Content-Disposition": f'attachment; filename="skymma-audit.{format}"',
        "Cache-Control": "no-store",
    }
    return Response(content=body, media_type=f"{media}; charset=utf-8", headers=headers)


@router.post("/admin/retention", tags=["admin"], summary="Purge documents past their retention period now")
def run_retention(principal: Administrator, services: ServicesDep) -> RetentionRead:
    return RetentionRead(purged=purge_expired(services))
