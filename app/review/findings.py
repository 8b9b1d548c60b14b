"""Findings on a document and the decisions on them: proposals stored after analysis, manual masks,
single and bulk decisions, and carrying a decision over to every document of the case.

Contract:
- A finding's text is stored encrypted under its document's key; ``text_key`` (keyed hash of the
  normal form) matches equal data across documents without decrypting.
- Staff names are proposed unticked (``default_masked=False``); protected persons are accepted at
  once and can never be rejected.
- Every decision is recorded with its user (``DecisionRecord``) and in the audit log (ids only).
- Rows made by one manual action share ``group_id`` and are always decided together.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import Actor, record
from app.domain.model import Box, EntityType, Finding, Origin
from app.review.documents import ensure_state, get_document
from app.review.grounds import active_ground
from app.review.matching import normal_form
from app.review.states import DocumentState, FindingStatus
from app.storage.errors import Conflict, InvalidRequest, NotFound
from app.storage.models import DecisionRecord, Document, FindingRow, utcnow
from app.storage.vault import Vault


@dataclass(frozen=True, slots=True)
class FindingView:
    """A stored finding with its text decrypted, for the API."""

    row: FindingRow
    text: str


@dataclass(frozen=True, slots=True)
class DecisionInput:
    finding_id: uuid.UUID
    status: FindingStatus | None = None
    entity: EntityType | None = None
    ground_id: int | None = None


@dataclass(frozen=True, slots=True)
class ListFilter:
    entity: str | None = None
    page: int | None = None  # 0-based
    status: str | None = None
    origin: str | None = None  # "machine" or "human" or an Origin value
    text: str | None = None


def _user_id(actor: Actor) -> uuid.UUID | None:
    return uuid.UUID(actor.user_id) if actor.user_id else None


def _row(vault: Vault, document: Document, key: bytes, finding: Finding) -> FindingRow:
    return FindingRow(
        document_id=document.id,
        key=finding.id,
        entity=finding.entity.value,
        start=finding.span.start,
        end=finding.span.end,
        text_enc=vault.cipher_for(document.id, key).encrypt(finding.text),
        text_key=vault.keyring.keyed_hash(normal_form(finding.text, finding.entity)),
        score=float(finding.score),
        recognizer=finding.recognizer[:80],
        origin=finding.origin.value,
        where=finding.where[:80],
        boxes=[box.as_list() for box in finding.boxes],
    )


def store_proposals(
    session: Session,
    vault: Vault,
    document: Document,
    findings: Iterable[Finding],
    *,
    staff_keys: set[str],
    protected_keys: set[str],
    defaults: dict[str, int],
) -> int:
    """Replace the document's machine proposals with ``findings``; returns how many were stored."""
    for old in session.scalars(select(FindingRow).where(FindingRow.document_id == document.id)):
        session.delete(old)
    session.flush()
    key = vault.document_key(document)
    count = 0
    for finding in findings:
        row = _row(vault, document, key, finding)
        row.ground_id = defaults.get(row.entity)
        if row.text_key in protected_keys:
            row.protected = True
            row.status = FindingStatus.ACCEPTED.value
            row.decided_at = utcnow()
        elif finding.entity is EntityType.PERSON and row.text_key in staff_keys:
            row.staff = True
            row.default_masked = False
        session.add(row)
        count += 1
    session.flush()
    return count


def get_finding(session: Session, finding_id: uuid.UUID) -> FindingRow:
    row = session.get(FindingRow, finding_id)
    if row is None:
        raise NotFound(f"finding {finding_id} does not exist")
    return row


def _matches(row: FindingRow, text: str, flt: ListFilter) -> bool:
    if flt.entity and row.entity != flt.entity:
        return False
    if flt.status and row.status != flt.status:
        return False
    if flt.page is not None and not any(int(b[0]) == flt.page for b in row.boxes):
        return False
    if flt.origin == "human" and row.origin != Origin.REVIEWER.value:
        return False
    if flt.origin == "machine" and row.origin == Origin.REVIEWER.value:
        return False
    if flt.origin not in (None, "human", "machine") and row.origin != flt.origin:
        return False
    return not flt.text or flt.text.casefold() in text.casefold()


def list_findings(session: Session, vault: Vault, document: Document, flt: ListFilter) -> list[FindingView]:
    """The document's findings in text order, filtered (the text filter works on decrypted text)."""
    cipher = vault.document_cipher(document)
    rows = session.scalars(
        select(FindingRow)
        .where(FindingRow.document_id == document.id)
        .order_by(FindingRow.start, FindingRow.end)
    )
    views = []
    for row in rows:
        text = cipher.decrypt(row.text_enc)
        if _matches(row, text, flt):
            views.append(FindingView(row, text))
    return views


def view_of(vault: Vault, document: Document, row: FindingRow) -> FindingView:
    return FindingView(row, vault.document_cipher(document).decrypt(row.text_enc))


# -- decisions -------------------------------------------------------------------------------------


def _siblings(session: Session, row: FindingRow) -> list[FindingRow]:
    if row.group_id is None:
        return [row]
    return list(session.scalars(select(FindingRow).where(FindingRow.group_id == row.group_id)))


def apply_decision(session: Session, actor: Actor, row: FindingRow, change: DecisionInput) -> None:
    if change.status is FindingStatus.REJECTED and row.protected:
        raise Conflict("a protected person's data (skyddade personuppgifter) is always masked")
    if change.status is FindingStatus.PROPOSED:
        raise InvalidRequest("a decision is accepted or rejected")
    if change.status is not None:
        row.status = change.status.value
    if change.entity is not None:
        row.entity = change.entity.value
    if change.ground_id is not None:
        row.ground_id = active_ground(session, change.ground_id).id
    row.decided_by, row.decided_at = _user_id(actor), utcnow()
    session.add(
        DecisionRecord(
            finding_id=row.id,
            user_id=_user_id(actor),
            status=row.status,
            entity=row.entity,
            ground_id=row.ground_id,
        )
    )
    record(
        session,
        actor,
        "finding.decide",
        object_type="finding",
        object_id=row.id,
        details={"status": row.status, "entity": row.entity, "ground_id": row.ground_id},
    )


def decide(session: Session, actor: Actor, document_id: uuid.UUID, changes: Sequence[DecisionInput]) -> int:
    """Apply decisions to findings of one document (in review); returns how many rows changed."""
    document = get_document(session, document_id)
    ensure_state(document, DocumentState.REVIEW)
    changed = 0
    for change in changes:
        row = get_finding(session, change.finding_id)
        if row.document_id != document.id:
            raise NotFound(f"finding {change.finding_id} does not belong to document {document.id}")
        for target in _siblings(session, row):
            apply_decision(session, actor, target, change)
            changed += 1
    return changed


def apply_to_case(session: Session, actor: Actor, finding_id: uuid.UUID) -> int:
    """Give every finding of the same datum in the case's other documents under review the same
    decision (status, entity, ground); returns how many findings changed."""
    source = get_finding(session, finding_id)
    document = get_document(session, source.document_id)
    if source.status == FindingStatus.PROPOSED.value:
        raise InvalidRequest("decide the finding first, then apply the decision to the case")
    targets = session.scalars(
        select(FindingRow)
        .join(Document, Document.id == FindingRow.document_id)
        .where(
            Document.case_id == document.case_id,
            Document.state == DocumentState.REVIEW.value,
            FindingRow.text_key == source.text_key,
            FindingRow.id != source.id,
        )
    ).all()
    change = DecisionInput(
        source.id, FindingStatus(source.status), EntityType(source.entity), source.ground_id
    )
    changed = 0
    for row in targets:
        if change.status is FindingStatus.REJECTED and row.protected:
            continue
        apply_decision(
            session, actor, row, DecisionInput(row.id, change.status, change.entity, change.ground_id)
        )
        changed += 1
    record(
        session,
        actor,
        "finding.apply_to_case",
        object_type="finding",
        object_id=source.id,
        details={"changed": changed},
    )
    return changed


def add_manual(
    session: Session,
    actor: Actor,
    vault: Vault,
    document: Document,
    findings: Sequence[Finding],
    *,
    ground_id: int | None,
    grouped: bool,
    box: Box | None = None,
) -> list[FindingRow]:
    """Store masks a person added (accepted at once). A mask over an existing finding of the same
    datum accepts that finding instead of adding a second one."""
    ensure_state(document, DocumentState.REVIEW)
    if ground_id is not None:
        active_ground(session, ground_id)
    key = vault.document_key(document)
    existing = {
        r.key: r for r in session.scalars(select(FindingRow).where(FindingRow.document_id == document.id))
    }
    group = uuid.uuid4() if grouped else None
    rows: list[FindingRow] = []
    for finding in findings:
        row = existing.get(finding.id) if box is None else None
        if row is None:
            row = _row(vault, document, key, finding)
            row.group_id, row.created_by = group, _user_id(actor)
            session.add(row)
            session.flush()
        rows.append(row)
        apply_decision(
            session,
            actor,
            row,
            DecisionInput(
                row.id, FindingStatus.ACCEPTED, None, ground_id if ground_id is not None else row.ground_id
            ),
        )
    record(
        session,
        actor,
        "finding.manual",
        object_type="document",
        object_id=document.id,
        details={"findings": [str(r.id) for r in rows], "box": box is not None},
    )
    return rows


def remove_manual(session: Session, actor: Actor, finding_id: uuid.UUID) -> int:
    """Delete a mask a person added (with its group); machine proposals are rejected, not deleted."""
    row = get_finding(session, finding_id)
    ensure_state(get_document(session, row.document_id), DocumentState.REVIEW)
    if row.origin != Origin.REVIEWER.value or row.created_by is None:
        raise InvalidRequest("only masks added by a person can be removed; reject a proposal instead")
    rows = _siblings(session, row)
    for target in rows:
        session.delete(target)
    record(
        session, actor, "finding.remove", object_type="finding", object_id=row.id, details={"rows": len(rows)}
    )
    return len(rows)


def status_counts(session: Session, document_id: uuid.UUID) -> dict[str, int]:
    counts = {s.value: 0 for s in FindingStatus}
    for status in session.scalars(select(FindingRow.status).where(FindingRow.document_id == document_id)):
        counts[status] = counts.get(status, 0) + 1
    return counts
