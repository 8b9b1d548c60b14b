"""Rows to API models (the only place that knows both)."""

from __future__ import annotations

from app.api.schemas.admin import GroundRead, UserRead
from app.api.schemas.review import CaseRead, DocumentRead, FindingRead, JobRead, PageRead
from app.domain.model import Origin
from app.jobs.page_images import to_display
from app.review.documents import filename_of
from app.review.findings import FindingView
from app.review.states import FindingStatus, HarmTest
from app.storage.crypto import FieldCipher
from app.storage.models import Case, Document, Job, LegalGround, User
from app.storage.vault import Vault


def case_read(case: Case, counts: dict[str, int], cipher: FieldCipher) -> CaseRead:
    return CaseRead(
        id=case.id,
        diarienummer=case.diarienummer,
        title=case.title,
        case_type=case.case_type,
        requester=cipher.decrypt(case.requester_enc) if case.requester_enc else None,
        anonymous=case.requester_enc is None,
        received_on=case.received_on,
        status=case.status,
        decided_at=case.decided_at,
        created_at=case.created_at,
        documents=counts,
    )


def document_read(document: Document, vault: Vault, findings: dict[str, int]) -> DocumentRead:
    return DocumentRead(
        id=document.id,
        case_id=document.case_id,
        filename=filename_of(vault, document),
        format=document.format,
        size=document.size,
        sha256=document.sha256,
        state=document.state,
        error=document.error,
        notes=document.notes,
        needs_manual_review=document.needs_manual_review,
        page_count=document.page_count,
        findings=findings,
        output_sha256=document.output_sha256,
        verification=document.verification,
        created_at=document.created_at,
        analyzed_at=document.analyzed_at,
        released_at=document.released_at,
        purge_after=document.purge_after,
    )


def pages_read(document: Document) -> list[PageRead]:
    return [PageRead(number=n, **page) for n, page in enumerate(document.pages, start=1)]


def finding_read(view: FindingView, pages: list[dict]) -> FindingRead:
    row = view.row
    display = []
    for box in row.boxes:
        page = int(box[0])
        matrix = pages[page]["matrix"] if 0 <= page < len(pages) else (1, 0, 0, 1, 0, 0)
        display.append([page, *to_display(box[1:], matrix)])
    accepted = row.status == FindingStatus.ACCEPTED.value
    return FindingRead(
        id=row.id,
        document_id=row.document_id,
        key=row.key,
        group_id=row.group_id,
        entity=row.entity,
        text=view.text,
        start=row.start,
        end=row.end,
        score=round(row.score, 3),
        recognizer=row.recognizer,
        origin=row.origin,
        human=row.origin == Origin.REVIEWER.value,
        where=row.where,
        page=int(row.boxes[0][0]) + 1 if row.boxes else None,
        boxes=row.boxes,
        display_boxes=display,
        status=row.status,
        masked=accepted or (row.status == FindingStatus.PROPOSED.value and row.default_masked),
        default_masked=row.default_masked,
        staff=row.staff,
        protected=row.protected,
        ground_id=row.ground_id,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
    )


def job_read(job: Job) -> JobRead:
    return JobRead(
        id=job.id,
        kind=job.kind,
        document_id=job.document_id,
        state=job.state,
        attempts=job.attempts,
        error=job.error,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


def ground_read(ground: LegalGround) -> GroundRead:
    return GroundRead(
        id=ground.id,
        code=ground.code,
        reference=ground.reference,
        title=ground.title,
        harm_test=ground.harm_test,
        harm_test_label=HarmTest(ground.harm_test).label,
        secrecy_years=ground.secrecy_years,
        description=ground.description,
        active=ground.active,
    )


def user_read(user: User) -> UserRead:
    return UserRead(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        roles=user.roles,
        active=user.active,
        must_change_password=user.must_change_password,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
    )
