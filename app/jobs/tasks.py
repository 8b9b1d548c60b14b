"""The job tasks: analyse an uploaded document, burn a reviewed one. Both are idempotent.

``execute`` is what the runner calls with a job id. Each task holds a database session only briefly
(never during file work) and records what happened in the audit log. Errors end the job as failed
with their one-line message (never a datum); the document moves to a state that says what to do.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from app.audit import SYSTEM, Actor, record
from app.domain.errors import LeakDetected, RedactionError
from app.domain.model import LabelMode
from app.jobs import queue
from app.jobs.queue import JobKind
from app.jobs.workspace import Workspace
from app.review import lists
from app.review.burning import burn_plan
from app.review.cases import get_case
from app.review.documents import ensure_state, get_document, set_state
from app.review.findings import store_proposals
from app.review.grounds import default_grounds
from app.review.states import DocumentState
from app.settings import Settings
from app.storage.db import Database
from app.storage.errors import ServiceError
from app.storage.models import User, utcnow
from app.storage.vault import OUTPUT, Vault

log = logging.getLogger(__name__)


@dataclass
class Services:
    """What tasks (and the API) work with."""

    settings: Settings
    db: Database
    vault: Vault
    workspace: Workspace


class TaskFailed(Exception):
    """A task ended without its result; the message is the job's error."""


def execute(services: Services, job_id: uuid.UUID) -> None:
    """Run one queued job to its end (done or failed)."""
    with services.db.session() as session:
        job = queue.start(session, job_id)
        if job is None:
            return
        kind, document_id, payload, created_by = job.kind, job.document_id, dict(job.payload), job.created_by
        actor = _actor(session, created_by)
    error = ""
    try:
        TASKS[JobKind(kind)](services, actor, document_id, payload)
    except TaskFailed as exc:
        error = str(exc)
    except Exception as exc:  # a bug: keep the job's record readable, log the rest
        log.exception("job %s crashed", job_id)
        error = f"internal error: {type(exc).__name__}"
    with services.db.session() as session:
        queue.finish(session, job_id, error)


def _actor(session, user_id: uuid.UUID | None) -> Actor:  # noqa: ANN001
    user = session.get(User, user_id) if user_id else None
    return Actor(str(user.id), user.username) if user else SYSTEM


def analyze_task(services: Services, actor: Actor, document_id: uuid.UUID, payload: dict) -> None:
    with services.db.session() as session:
        document = get_document(session, document_id)
        ensure_state(document, DocumentState.RECEIVED, DocumentState.ANALYZING, DocumentState.FAILED)
        set_state(document, DocumentState.ANALYZING)
        key, fmt = services.vault.document_key(document), document.format
        protected = lists.protected_values(session, services.vault.keyring)
    try:
        result = services.workspace.analyze(document_id, key, fmt, protected)
    except RedactionError as exc:
        with services.db.session() as session:
            set_state(get_document(session, document_id), DocumentState.FAILED, str(exc))
            record(
                session,
                actor,
                "document.analyze",
                object_type="document",
                object_id=document_id,
                outcome="failed",
                details={"error": type(exc).__name__},
            )
        raise TaskFailed(str(exc)) from exc
    with services.db.session() as session:
        document = get_document(session, document_id)
        case = get_case(session, document.case_id)
        count = store_proposals(
            session,
            services.vault,
            document,
            result.findings,
            staff_keys=lists.staff_keys(session),
            protected_keys=lists.protected_keys(session),
            defaults=default_grounds(session, case.case_type),
        )
        document.pages, document.page_count = result.pages, result.document.page_count
        document.notes, document.needs_manual_review = list(result.notes), result.incomplete
        document.analyzed_at = utcnow()
        set_state(document, DocumentState.REVIEW)
        record(
            session,
            actor,
            "document.analyze",
            object_type="document",
            object_id=document_id,
            details={"findings": count, "pages": document.page_count, "incomplete": result.incomplete},
        )


def burn_task(services: Services, actor: Actor, document_id: uuid.UUID, payload: dict) -> None:
    label = LabelMode(payload.get("label", services.settings.label_mode.value))
    try:
        with services.db.session() as session:
            document = get_document(session, document_id)
            ensure_state(document, DocumentState.BURNING)
            set_state(document, DocumentState.REVIEW)  # burn_plan reads a document under review
            plan = burn_plan(session, services.vault, document)
            set_state(document, DocumentState.BURNING)
            key, fmt, sha256 = services.vault.document_key(document), document.format, document.sha256
        result = services.workspace.burn(document_id, key, fmt, sha256, plan, label)
    except (RedactionError, ServiceError) as exc:
        _burn_failed(services, actor, document_id, exc)
        raise TaskFailed(str(exc)) from exc
    with services.db.session() as session:
        document = get_document(session, document_id)
        document.output_sha256, document.verification = result.sha256, result.summary
        document.released_at = utcnow()
        document.released_by = uuid.UUID(actor.user_id) if actor.user_id else None
        set_state(document, DocumentState.RELEASED)
        record(
            session,
            actor,
            "document.burn",
            object_type="document",
            object_id=document_id,
            details={
                "masks": result.masks,
                "pages": len(result.pages_touched),
                "output_sha256": result.sha256,
            },
        )


def _burn_failed(services: Services, actor: Actor, document_id: uuid.UUID, exc: Exception) -> None:
    leak = isinstance(exc, LeakDetected)
    with services.db.session() as session:
        document = get_document(session, document_id)
        if document.state == DocumentState.BURNING.value:
            set_state(document, DocumentState.REVIEW, str(exc))
        if leak:
            document.verification = str(exc)
        services.vault.blobs.delete(Vault.owner(document_id), OUTPUT)
        record(
            session,
            actor,
            "document.burn",
            object_type="document",
            object_id=document_id,
            outcome="leak" if leak else "failed",
            details={"error": type(exc).__name__},
        )


TASKS: dict[JobKind, Callable[[Services, Actor, uuid.UUID, dict], None]] = {
    JobKind.ANALYZE: analyze_task,
    JobKind.BURN: burn_task,
}
