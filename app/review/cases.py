"""Cases (ärenden): a request for allmänna handlingar, identified by its diarienummer.

The requester may be anonymous (``requester=None``); a named requester is stored encrypted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit import Actor, record
from app.storage.crypto import FieldCipher
from app.storage.errors import Conflict, InvalidRequest, NotFound
from app.storage.models import Case, Document


@dataclass(frozen=True, slots=True)
class CaseFields:
    diarienummer: str | None = None
    title: str | None = None
    case_type: str | None = None
    requester: str | None = None
    anonymous: bool | None = None  # True clears a stored requester
    received_on: date | None = None


def get_case(session: Session, case_id: uuid.UUID) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"case {case_id} does not exist")
    return case


def _diarienummer(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise InvalidRequest("the diarienummer is empty")
    if not value.isprintable():
        raise InvalidRequest("the diarienummer holds characters that cannot be printed")
    return value


def _ensure_unique(session: Session, diarienummer: str, case_id: uuid.UUID | None = None) -> None:
    query = select(Case.id).where(func.lower(Case.diarienummer) == diarienummer.lower())
    existing = session.scalar(query)
    if existing is not None and existing != case_id:
        raise Conflict(f"a case with diarienummer {diarienummer} exists")


def _flush_unique(session: Session, diarienummer: str) -> None:
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise Conflict(f"a case with diarienummer {diarienummer} exists") from exc


def create_case(session: Session, actor: Actor, cipher: FieldCipher, fields: CaseFields) -> Case:
    diarienummer = _diarienummer(fields.diarienummer or "")
    _ensure_unique(session, diarienummer)
    requester = (fields.requester or "").strip()
    case = Case(
        diarienummer=diarienummer,
        title=(fields.title or "").strip(),
        case_type=(fields.case_type or "").strip(),
        requester_enc=cipher.encrypt(requester) if requester and not fields.anonymous else None,
        received_on=fields.received_on,
        created_by=uuid.UUID(actor.user_id) if actor.user_id else None,
    )
    session.add(case)
    _flush_unique(session, diarienummer)
    record(session, actor, "case.create", object_type="case", object_id=case.id)
    return case


def update_case(
    session: Session, actor: Actor, cipher: FieldCipher, case_id: uuid.UUID, fields: CaseFields
) -> Case:
    case = get_case(session, case_id)
    if case.status == "decided":
        raise Conflict("the case is decided; its details can no longer change")
    changed = []
    if fields.diarienummer is not None:
        case.diarienummer = _diarienummer(fields.diarienummer)
        _ensure_unique(session, case.diarienummer, case.id)
        _flush_unique(session, case.diarienummer)
        changed.append("diarienummer")
    for name in ("title", "case_type"):
        value = getattr(fields, name)
        if value is not None:
            setattr(case, name, value.strip())
            changed.append(name)
    if fields.anonymous:
        case.requester_enc = None
        changed.append("requester")
    elif fields.requester is not None:
        requester = fields.requester.strip()
        case.requester_enc = cipher.encrypt(requester) if requester else None
        changed.append("requester")
    if fields.received_on is not None:
        case.received_on = fields.received_on
        changed.append("received_on")
    record(session, actor, "case.update", object_type="case", object_id=case.id, details={"changed": changed})
    return case


def requester_of(case: Case, cipher: FieldCipher) -> str | None:
    return cipher.decrypt(case.requester_enc) if case.requester_enc else None


def list_cases(
    session: Session, *, query: str = "", status: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[Case], int]:
    """Cases, newest first, filtered by diarienummer or title text and status; with the total count."""
    where = []
    if query.strip():
        like = f"%{query.strip().lower()}%"
        where.append(or_(func.lower(Case.diarienummer).like(like), func.lower(Case.title).like(like)))
    if status:
        where.append(Case.status == status)
    total = session.scalar(select(func.count()).select_from(Case).where(*where)) or 0
    rows = session.scalars(
        select(Case).where(*where).order_by(Case.created_at.desc()).limit(limit).offset(offset)
    )
    return list(rows), total


def document_counts(session: Session, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, int]]:
    """case id -> {document state: count}."""
    rows = session.execute(
        select(Document.case_id, Document.state, func.count())
        .where(Document.case_id.in_(case_ids))
        .group_by(Document.case_id, Document.state)
    )
    counts: dict[uuid.UUID, dict[str, int]] = {}
    for case_id, state, count in rows:
        counts.setdefault(case_id, {})[state] = count
    return counts
