"""The job queue, kept in the database so that nothing is lost on a restart.

A job is ``queued -> running -> done | failed``. ``recover`` (called at start) puts jobs that were
running when the process stopped back in the queue, or marks them failed once they have been tried
``max_attempts`` times; each task is idempotent, so running one again is safe.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import SYSTEM, Actor, record
from app.storage.errors import NotFound
from app.storage.models import Job, utcnow


class JobKind(StrEnum):
    ANALYZE = "analyze"
    BURN = "burn"


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


INTERRUPTED = "interrupted by a restart too many times"


def enqueue(
    session: Session,
    actor: Actor,
    kind: JobKind,
    document_id: uuid.UUID,
    payload: dict[str, Any] | None = None,
) -> Job:
    """A queued job; submit its id to the runner after the transaction commits."""
    job = Job(
        kind=kind.value,
        document_id=document_id,
        payload=payload or {},
        created_by=uuid.UUID(actor.user_id) if actor.user_id else None,
    )
    session.add(job)
    session.flush()
    record(session, actor, "job.enqueue", object_type="job", object_id=job.id, details={"kind": kind.value})
    return job


def get_job(session: Session, job_id: uuid.UUID) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"job {job_id} does not exist")
    return job


def start(session: Session, job_id: uuid.UUID) -> Job | None:
    """Mark a queued job running (one more attempt); None if it is not queued any more."""
    job = session.get(Job, job_id)
    if job is None or job.state != JobState.QUEUED.value:
        return None
    job.state, job.started_at, job.attempts = JobState.RUNNING.value, utcnow(), job.attempts + 1
    return job


def finish(session: Session, job_id: uuid.UUID, error: str = "") -> None:
    job = session.get(Job, job_id)
    if job is None:
        return
    job.state = JobState.FAILED.value if error else JobState.DONE.value
    job.error, job.finished_at = error[:500], utcnow()


def recover(session: Session, max_attempts: int) -> tuple[list[uuid.UUID], list[Job]]:
    """After a restart: (ids of jobs to run, jobs given up as failed)."""
    given_up: list[Job] = []
    for job in session.scalars(select(Job).where(Job.state == JobState.RUNNING.value)):
        if job.attempts >= max_attempts:
            job.state, job.error, job.finished_at = JobState.FAILED.value, INTERRUPTED, utcnow()
            given_up.append(job)
            record(
                session,
                SYSTEM,
                "job.failed",
                object_type="job",
                object_id=job.id,
                details={"reason": "interrupted"},
            )
        else:
            job.state = JobState.QUEUED.value
            record(
                session,
                SYSTEM,
                "job.resume",
                object_type="job",
                object_id=job.id,
                details={"attempts": job.attempts},
            )
    queued = session.scalars(
        select(Job.id).where(Job.state == JobState.QUEUED.value).order_by(Job.created_at)
    )
    return list(queued), given_up
