"""Jobs survive a restart: an interrupted job runs again, or is marked failed after too many tries;
nothing is lost and the document says what happened."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.analysis.engine import Analyzer
from app.audit import SYSTEM
from app.jobs import queue
from app.jobs.bootstrap import Backend, start_services, stop_services
from app.jobs.queue import JobKind, JobState
from app.jobs.runner import InProcessRunner, JobRunner
from app.pipeline import file_sha256
from app.review import cases, documents
from app.review.cases import CaseFields
from app.review.states import DocumentState
from app.settings import Settings
from app.storage.models import Job
from tests import pdf_samples as samples


def _interrupted_analysis(settings: Settings, analyzer: Analyzer, tmp_path: Path, attempts: int) -> uuid.UUID:
    """A document whose analysis job was running when the process stopped; the document id."""
    backend = start_services(settings, analyzer)
    services = backend.services
    path = samples.write(tmp_path, "a.pdf", samples.simple(["Sökande: Anna Svensson."]))
    upload = documents.Upload(path, "a.pdf", "pdf", path.stat().st_size, file_sha256(path))
    with services.db.session() as session:
        case = cases.create_case(session, SYSTEM, services.vault.keyring.field_cipher(), CaseFields("KS 1"))
        document = documents.register_upload(
            session, SYSTEM, services.vault, case.id, upload, timedelta(days=1)
        )
        documents.set_state(document, DocumentState.ANALYZING)
        job = queue.enqueue(session, SYSTEM, JobKind.ANALYZE, document.id)
        job.state, job.attempts = JobState.RUNNING.value, attempts  # as if the process died mid-job
        document_id = document.id
    stop_services(backend)
    return document_id


def _job_of(backend: Backend, document_id: uuid.UUID) -> Job:
    with backend.services.db.session() as session:
        return session.scalars(select(Job).where(Job.document_id == document_id)).one()


def test_an_interrupted_job_runs_again_after_a_restart(
    settings: Settings, analyzer: Analyzer, tmp_path: Path
) -> None:
    document_id = _interrupted_analysis(settings, analyzer, tmp_path, attempts=1)
    backend = start_services(settings, analyzer)
    try:
        assert backend.runner.wait_idle(60)
        job = _job_of(backend, document_id)
        assert job.state == JobState.DONE.value and job.attempts == 2
        with backend.services.db.session() as session:
            document = documents.get_document(session, document_id)
            assert document.state == DocumentState.REVIEW.value and document.page_count == 1
    finally:
        stop_services(backend)


def test_a_job_interrupted_too_often_is_marked_failed(
    settings: Settings, analyzer: Analyzer, tmp_path: Path
) -> None:
    document_id = _interrupted_analysis(settings, analyzer, tmp_path, attempts=settings.job_max_attempts)
    backend = start_services(settings, analyzer)
    try:
        job = _job_of(backend, document_id)
        assert job.state == JobState.FAILED.value and queue.INTERRUPTED in job.error
        with backend.services.db.session() as session:
            document = documents.get_document(session, document_id)
            assert document.state == DocumentState.FAILED.value and queue.INTERRUPTED in document.error
    finally:
        stop_services(backend)


def test_a_wrong_encryption_key_is_refused_at_start(settings: Settings, analyzer: Analyzer) -> None:
    stop_services(start_services(settings, analyzer))
    (settings.data_dir / "keys" / "master.key").write_bytes(bytes(32))
    with pytest.raises(RuntimeError, match="encryption key"):
        start_services(settings, analyzer)


def test_the_in_process_runner_runs_every_submitted_job_and_reports_idle() -> None:
    seen: list[uuid.UUID] = []
    runner = InProcessRunner(seen.append, workers=2)
    assert isinstance(runner, JobRunner)
    ids = [uuid.uuid4() for _ in range(10)]
    for job_id in ids:
        runner.submit(job_id)
    assert runner.wait_idle(10)
    runner.shutdown()
    assert sorted(seen) == sorted(ids)


def test_a_crashing_job_does_not_stop_the_runner() -> None:
    done: list[int] = []

    def execute(job_id: uuid.UUID) -> None:
        if job_id.int % 2:
            raise RuntimeError("boom")
        done.append(job_id.int)

    runner = InProcessRunner(execute)
    for n in range(6):
        runner.submit(uuid.UUID(int=n))
    assert runner.wait_idle(10)
    runner.shutdown()
    assert sorted(done) == [0, 2, 4]
