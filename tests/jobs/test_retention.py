"""Retention: past its period a document's files and key are gone; ids and hashes remain."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.audit import SYSTEM, verify_chain
from app.jobs.bootstrap import Backend
from app.jobs.retention import purge_expired
from app.pipeline import file_sha256
from app.review import cases, documents
from app.review.cases import CaseFields
from app.review.states import DocumentState
from app.storage.crypto import DecryptionFailed
from app.storage.models import AuditEvent, utcnow
from app.storage.vault import ORIGINAL, Vault
from tests import pdf_samples as samples


def test_expired_documents_lose_files_and_keys(backend: Backend, tmp_path: Path) -> None:
    services = backend.services
    path = samples.write(tmp_path, "a.pdf", samples.simple(["Sökande: Anna Svensson."]))
    upload = documents.Upload(path, "Anna Svensson.pdf", "pdf", path.stat().st_size, file_sha256(path))
    with services.db.session() as session:
        case = cases.create_case(session, SYSTEM, services.vault.keyring.field_cipher(), CaseFields("KS 9"))
        old = documents.register_upload(session, SYSTEM, services.vault, case.id, upload, timedelta(days=1))
        fresh = documents.register_upload(session, SYSTEM, services.vault, case.id, upload, timedelta(days=1))
        old.purge_after = utcnow() - timedelta(seconds=1)
        old_id, fresh_id, sealed_name = old.id, fresh.id, old.filename_enc
    assert purge_expired(services) == 1
    with services.db.session() as session:
        old = documents.get_document(session, old_id)
        assert old.state == DocumentState.PURGED.value and old.wrapped_key is None and old.sha256
        assert not services.vault.blobs.exists(Vault.owner(old_id), ORIGINAL)
        assert services.vault.blobs.exists(Vault.owner(fresh_id), ORIGINAL)
        purge_rows = session.scalars(select(AuditEvent).where(AuditEvent.action == "document.purge")).all()
        assert [r.object_id for r in purge_rows] == [str(old_id)]
        assert verify_chain(session).ok
    with services.db.session() as session:
        fresh_key = services.vault.document_key(documents.get_document(session, fresh_id))
    with pytest.raises(DecryptionFailed):  # no other key opens the purged document's data
        services.vault.cipher_for(old_id, fresh_key).decrypt(sealed_name)
    assert purge_expired(services) == 0
