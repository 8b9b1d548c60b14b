"""SQLAlchemy tables of the review service.

Personal data never lies in the database in plain text: finding texts, file names and requesters are
encrypted (``text_enc``, ``filename_enc``, ``requester_enc``), and ``*_key`` columns hold keyed hashes
(HMAC) that let equal data be matched without decrypting it. Audit rows hold ids and hashes only.
Times are timezone-aware UTC (``UtcDateTime`` stores them naive in UTC on SQLite).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out, on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UtcDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


def _uuid() -> uuid.UUID:
    return uuid.uuid4()


# -- people and access -----------------------------------------------------------------------------


class User(Base):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[Any]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class LoginSession(Base):
    __tablename__ = "login_sessions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    ip: Mapped[str] = mapped_column(String(64), default="")


# -- legal grounds and lists -----------------------------------------------------------------------


class LegalGround(Base):
    """An OSL provision masks can rest on, with its harm test and secrecy time."""

    __tablename__ = "legal_grounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # short label on masks: "OSL 26:1"
    reference: Mapped[str] = mapped_column(String(120))  # "OSL 26 kap. 1 §"
    title: Mapped[str] = mapped_column(String(300))
    harm_test: Mapped[str] = mapped_column(String(30))  # HarmTest value
    secrecy_years: Mapped[int | None] = mapped_column(Integer, default=None)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class GroundDefault(Base):
    """The ground a new proposal of ``entity`` gets, in cases of ``case_type`` ('' = any type)."""

    __tablename__ = "ground_defaults"
    __table_args__ = (UniqueConstraint("case_type", "entity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_type: Mapped[str] = mapped_column(String(60), default="")
    entity: Mapped[str] = mapped_column(String(40))
    ground_id: Mapped[int] = mapped_column(ForeignKey("legal_grounds.id", ondelete="CASCADE"))


class StaffName(Base):
    """A name of the authority's own staff: public, so proposed unticked."""

    __tablename__ = "staff_names"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(64), unique=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProtectedPerson(Base):
    """A person with skyddade personuppgifter: always masked. Stored encrypted."""

    __tablename__ = "protected_persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    value_enc: Mapped[bytes] = mapped_column(LargeBinary)
    value_key: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # "name" or "personnummer"
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReportTemplate(Base):
    __tablename__ = "report_templates"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)


# -- cases, documents, findings --------------------------------------------------------------------


class Case(Base):
    """An ärende: a request for allmänna handlingar and the documents released under it."""

    __tablename__ = "cases"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    diarienummer: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    case_type: Mapped[str] = mapped_column(String(60), default="")
    requester_enc: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)  # None: anonymous
    received_on: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | decided
    decision_text: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    report_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    filename_enc: Mapped[bytes] = mapped_column(LargeBinary)
    format: Mapped[str] = mapped_column(String(20))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    wrapped_key: Mapped[bytes | None] = mapped_column(LargeBinary)  # None once purged (crypto-shredded)
    state: Mapped[str] = mapped_column(String(20), default="received")  # DocumentState value
    error: Mapped[str] = mapped_column(Text, default="")  # one line, never a datum
    notes: Mapped[list[Any]] = mapped_column(default=list)
    needs_manual_review: Mapped[bool] = mapped_column(Boolean, default=False)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[list[Any]] = mapped_column(default=list)  # [{width, height, rotation}] per page
    output_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    verification: Mapped[str] = mapped_column(Text, default="")  # the verifier's summary (safe)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    analyzed_at: Mapped[datetime | None] = mapped_column(default=None)
    released_at: Mapped[datetime | None] = mapped_column(default=None)
    released_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    purge_after: Mapped[datetime] = mapped_column()
    purged_at: Mapped[datetime | None] = mapped_column(default=None)


class FindingRow(Base):
    """A machine proposal or a human mask on one document, with its current decision.

    ``key`` is the domain ``Finding.id`` (stable hash of entity, span and text). Rows made by one
    manual action (a drawn box and the text under it) share ``group_id`` and are decided together.
    """

    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_document_status", "document_id", "status"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    group_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    entity: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text_enc: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted with the document's key
    text_key: Mapped[str] = mapped_column(String(64), index=True)  # HMAC of the normalised text
    score: Mapped[float] = mapped_column(Float)
    recognizer: Mapped[str] = mapped_column(String(80))
    origin: Mapped[str] = mapped_column(String(20))
    where: Mapped[str] = mapped_column(String(80), default="")
    boxes: Mapped[list[Any]] = mapped_column(default=list)  # [[page, x0, y0, x1, y1], ...]
    status: Mapped[str] = mapped_column(String(20), default="proposed")  # FindingStatus value
    default_masked: Mapped[bool] = mapped_column(Boolean, default=True)
    staff: Mapped[bool] = mapped_column(Boolean, default=False)
    protected: Mapped[bool] = mapped_column(Boolean, default=False)
    ground_id: Mapped[int | None] = mapped_column(ForeignKey("legal_grounds.id"), default=None)
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)


class DecisionRecord(Base):
    """Append-only history of decisions: who set which finding to what, and when."""

    __tablename__ = "decision_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    finding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    ground_id: Mapped[int | None] = mapped_column(Integer, default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)


# -- jobs and audit --------------------------------------------------------------------------------


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=_uuid)
    kind: Mapped[str] = mapped_column(String(20))  # JobKind value
    document_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), default=None
    )
    state: Mapped[str] = mapped_column(String(20), default="queued", index=True)  # JobState value
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)


class AuditEvent(Base):
    """One row of the append-only, hash-chained audit log (see ``app.audit``)."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column()
    actor_id: Mapped[str] = mapped_column(String(40), default="")
    actor: Mapped[str] = mapped_column(String(100), default="")
    ip: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    outcome: Mapped[str] = mapped_column(String(20), default="ok")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class Meta(Base):
    """Small key-value facts about the installation (schema checks, the master key's fingerprint)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
