"""Reports of a case: a draft at any time, the final decision once every document is released.

``decide_case`` records who decided and when, renders the report with the current template and
stores it encrypted, so the decision reads the same later even if the template changes.
"""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import Actor, record
from app.report.render import (
    DEFAULT_TEMPLATE,
    CaseFacts,
    DocumentFacts,
    GroundFacts,
    ReportFacts,
    TemplateInvalid,
    default_template,
    mask_lines,
    render_pdf,
    validate_template,
)
from app.review.cases import get_case, requester_of
from app.review.documents import filename_of, list_documents
from app.review.states import DocumentState, FindingStatus, HarmTest
from app.storage.errors import Conflict, InvalidRequest, NotFound
from app.storage.models import Case, FindingRow, LegalGround, ReportTemplate, User, utcnow
from app.storage.vault import REPORT, Vault


def current_template(session: Session, name: str = DEFAULT_TEMPLATE) -> str:
    stored = session.get(ReportTemplate, name)
    return stored.body if stored else default_template(name)


def save_template(session: Session, actor: Actor, body: str, name: str = DEFAULT_TEMPLATE) -> None:
    try:
        validate_template(body)
    except TemplateInvalid as exc:
        raise InvalidRequest(str(exc)) from exc
    stored = session.get(ReportTemplate, name)
    if stored is None:
        stored = ReportTemplate(name=name, body=body)
        session.add(stored)
    stored.body, stored.updated_at = body, utcnow()
    stored.updated_by = uuid.UUID(actor.user_id) if actor.user_id else None
    digest = hashlib.sha256(body.encode()).hexdigest()
    record(
        session, actor, "template.update", object_type="template", object_id=name, details={"sha256": digest}
    )


def reset_template(session: Session, actor: Actor, name: str = DEFAULT_TEMPLATE) -> None:
    stored = session.get(ReportTemplate, name)
    if stored is not None:
        session.delete(stored)
    record(session, actor, "template.reset", object_type="template", object_id=name)


def _mask_rows(session: Session, document_id: uuid.UUID) -> list[FindingRow]:
    """Accepted masks, one per manual group (a drawn box and the words under it are one mask)."""
    rows = session.scalars(
        select(FindingRow).where(
            FindingRow.document_id == document_id, FindingRow.status == FindingStatus.ACCEPTED.value
        )
    ).all()
    return [r for r in rows if r.group_id is None or r.boxes]


def _facts(
    session: Session, vault: Vault, case: Case, authority: str, decided_by: str, draft: bool
) -> ReportFacts:
    grounds = {g.id: g for g in session.scalars(select(LegalGround))}
    used: dict[int, int] = {}
    documents = []
    for document in list_documents(session, case.id):
        if document.state == DocumentState.PURGED.value:
            continue
        masks = []
        for row in _mask_rows(session, document.id):
            page = int(row.boxes[0][0]) if row.boxes else None
            ground = grounds.get(row.ground_id) if row.ground_id else None
            masks.append((page, row.entity, ground.code if ground else "saknas"))
            if ground:
                used[ground.id] = used.get(ground.id, 0) + 1
        documents.append(DocumentFacts(filename_of(vault, document), document.page_count, mask_lines(masks)))
    return ReportFacts(
        authority=authority,
        case=CaseFacts(
            case.diarienummer,
            case.title,
            requester_of(case, vault.keyring.field_cipher()),
            case.received_on.isoformat() if case.received_on else None,
        ),
        documents=tuple(documents),
        grounds=tuple(_ground_facts(grounds[gid], count) for gid, count in sorted(used.items())),
        decided_by=decided_by,
        decided_at=case.decided_at or utcnow(),
        decision_text=case.decision_text,
        draft=draft,
    )


def _ground_facts(ground: LegalGround, count: int) -> GroundFacts:
    harm = HarmTest(ground.harm_test).label
    return GroundFacts(ground.reference, ground.title, harm, ground.secrecy_years, ground.description, count)


def _user_name(session: Session, user_id: uuid.UUID | None, fallback: str) -> str:
    user = session.get(User, user_id) if user_id else None
    return (user.full_name or user.username) if user else fallback


def draft_report(session: Session, actor: Actor, vault: Vault, case_id: uuid.UUID, authority: str) -> bytes:
    case = get_case(session, case_id)
    decided_by = _user_name(session, uuid.UUID(actor.user_id), actor.username)
    facts = _facts(session, vault, case, authority, decided_by, draft=True)
    record(session, actor, "report.draft", object_type="case", object_id=case.id)
    return _render(session, facts)


def _render(session: Session, facts: ReportFacts) -> bytes:
    try:
        return render_pdf(current_template(session), facts)
    except TemplateInvalid as exc:
        raise InvalidRequest(str(exc)) from exc


def decide_case(
    session: Session, actor: Actor, vault: Vault, case_id: uuid.UUID, decision_text: str, authority: str
) -> bytes:
    """Record the decision and store its report; every document must be released first."""
    case = get_case(session, case_id)
    if case.status == "decided":
        raise Conflict("the case is already decided")
    documents = [d for d in list_documents(session, case.id) if d.state != DocumentState.PURGED.value]
    if not documents:
        raise InvalidRequest("the case has no documents to decide on")
    pending = sum(1 for d in documents if d.state != DocumentState.RELEASED.value)
    if pending:
        raise InvalidRequest(f"{pending} documents are not burned and released yet")
    case.decision_text = decision_text.strip()
    case.decided_at, case.decided_by = utcnow(), uuid.UUID(actor.user_id)
    decided_by = _user_name(session, case.decided_by, actor.username)
    facts = _facts(session, vault, case, authority, decided_by, draft=False)
    pdf = _render(session, facts)
    case.status, case.report_sha256 = "decided", hashlib.sha256(pdf).hexdigest()
    vault.blobs.put_bytes(Vault.owner(case.id), REPORT, vault.case_key(case.id), pdf)
    record(
        session,
        actor,
        "case.decide",
        object_type="case",
        object_id=case.id,
        details={"report_sha256": case.report_sha256},
    )
    return pdf


def stored_report(session: Session, actor: Actor, vault: Vault, case_id: uuid.UUID) -> bytes:
    case = get_case(session, case_id)
    if case.status != "decided" or not vault.blobs.exists(Vault.owner(case.id), REPORT):
        raise NotFound("the case has no decision report yet (decide it, or ask for a draft)")
    record(session, actor, "report.download", object_type="case", object_id=case.id)
    return vault.blobs.get_bytes(Vault.owner(case.id), REPORT, vault.case_key(case.id))
