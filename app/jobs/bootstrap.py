"""Starting and stopping the service's back end: database, keys, files, job runner, retention.

``start_services`` migrates the database, checks the master key against the one the database was
made with (a wrong key is refused before anything is written), seeds the legal-ground catalogue,
creates the first administrator, and resumes jobs a restart interrupted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from sqlalchemy.orm import Session

from app.auth.users import ensure_initial_admin
from app.jobs import queue
from app.jobs.queue import JobKind
from app.jobs.retention import RetentionSweeper
from app.jobs.runner import InProcessRunner, JobRunner
from app.jobs.tasks import Services, execute
from app.jobs.workspace import Workspace
from app.pipeline import FindingSource
from app.review.documents import set_state
from app.review.grounds import seed_catalogue
from app.review.states import DocumentState
from app.settings import Settings
from app.storage.blobs import BlobStore
from app.storage.crypto import Keyring, load_master_key
from app.storage.db import Database
from app.storage.models import Document, Job, Meta
from app.storage.vault import Vault

log = logging.getLogger(__name__)
KEY_FINGERPRINT = "master_key_fingerprint"


@dataclass
class Backend:
    services: Services
    runner: JobRunner
    sweeper: RetentionSweeper
    initial_password: str | None  # generated for the first administrator: print it once


def keyring_from(settings: Settings) -> Keyring:
    configured = settings.encryption_key.get_secret_value() if settings.encryption_key else None
    return Keyring(load_master_key(configured, settings.data_dir / "keys" / "master.key"))


def _check_key(session: Session, keyring: Keyring) -> None:
    stored = session.get(Meta, KEY_FINGERPRINT)
    if stored is None:
        session.add(Meta(key=KEY_FINGERPRINT, value=keyring.fingerprint))
    elif stored.value != keyring.fingerprint:
        raise RuntimeError("the encryption key is not the one this database was created with")


def _settle(session: Session, given_up: list[Job]) -> None:
    """Documents whose job was given up: analysis failed, or back to review after a burn."""
    for job in given_up:
        document = session.get(Document, job.document_id) if job.document_id else None
        if document is None:
            continue
        if job.kind == JobKind.ANALYZE.value and document.state == DocumentState.ANALYZING.value:
            set_state(document, DocumentState.FAILED, queue.INTERRUPTED)
        elif job.kind == JobKind.BURN.value and document.state == DocumentState.BURNING.value:
            set_state(document, DocumentState.REVIEW, queue.INTERRUPTED)


def start_services(
    settings: Settings, analyzer: FindingSource, *, retention_interval: float = 3600.0
) -> Backend:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.sqlalchemy_url)
    db.migrate()
    keyring = keyring_from(settings)
    admin_password = settings.admin_password.get_secret_value() if settings.admin_password else None
    with db.session() as session:
        _check_key(session, keyring)
        seed_catalogue(session)
        initial_password = ensure_initial_admin(session, settings.admin_username, admin_password)
    vault = Vault(keyring, BlobStore(settings.data_dir / "files"))
    services = Services(settings, db, vault, Workspace(settings, vault, analyzer))
    runner = InProcessRunner(partial(execute, services), settings.job_workers)
    with db.session() as session:
        queued, given_up = queue.recover(session, settings.job_max_attempts)
        _settle(session, given_up)
    for job_id in queued:
        runner.submit(job_id)
    sweeper = RetentionSweeper(services, retention_interval)
    sweeper.start()
    return Backend(services, runner, sweeper, initial_password)


def stop_services(backend: Backend) -> None:
    backend.sweeper.stop()
    backend.runner.shutdown()
    backend.services.db.dispose()
