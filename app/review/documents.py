"""Documents in a case: registering an upload (encrypted at rest), state changes, and listing.

A document's state moves ``received -> analyzing -> review -> burning -> released`` (see
``DocumentState``); only the functions here and the job tasks change it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import Actor, record
from app.review.cases import get_case
from app.review.states import DocumentState
from app.storage.errors import Conflict, NotFound
from app.storage.models import Document, FindingRow, utcnow
from app.storage.vault import ORIGINAL, OUTPUT, Vault

MAX_FILENAME = 200


@dataclass(frozen=True, slots=True)
class Upload:
    """A received file, already streamed to a private temporary path and sniffed."""

    path: Path
    filename: str
    format: str
    size: int
    sha256: str


def get_document(session: Session, document_id: uuid.UUID) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"document {document_id} does not exist")
    return document


def list_documents(session: Session, case_id: uuid.UUID) -> list[Document]:
    get_case(session, case_id)
    return list(
        session.scalars(select(Document).where(Document.case_id == case_id).order_by(Document.created_at))
    )


def filename_of(vault: Vault, document: Document) -> str:
    if document.wrapped_key is None:
        return ""
    return vault.document_cipher(document).decrypt(document.filename_enc)


def register_upload(
    session: Session, actor: Actor, vault: Vault, case_id: uuid.UUID, upload: Upload, retention: timedelta
) -> Document:
    """Store the upload encrypted under a new document key and create the document (``received``)."""
    case = get_case(session, case_id)
    if case.status == "decided":
        raise Conflict("the case is decided; no documents can be added")
    document_id = uuid.uuid4()
    key, wrapped = vault.new_document_key(document_id)
    name = Path(upload.filename or "dokument").name[:MAX_FILENAME] or "dokument"
    document = Document(
        id=document_id,
        case_id=case.id,
        filename_enc=vault.cipher_for(document_id, key).encrypt(name),
        format=upload.format,
        size=upload.size,
        sha256=upload.sha256,
        wrapped_key=wrapped,
        state=DocumentState.RECEIVED.value,
        created_by=uuid.UUID(actor.user_id) if actor.user_id else None,
        purge_after=utcnow() + retention,
    )
    vault.blobs.put_file(Vault.owner(document_id), ORIGINAL, key, upload.path)
    session.add(document)
    session.flush()
    record(
        session,
        actor,
        "document.upload",
        object_type="document",
        object_id=document.id,
        details={
            "case": str(case.id),
            "sha256": upload.sha256,
            "bytes": upload.size,
            "format": upload.format,
        },
    )
    return document


def set_state(document: Document, state: DocumentState, error: str = "") -> None:
    document.state = state.value
    document.error = error


def ensure_state(document: Document, *allowed: DocumentState) -> None:
    if document.state not in {s.value for s in allowed}:
        wanted = " or ".join(s.value for s in allowed)
        raise Conflict(f"document {document.id} is {document.state}; this needs it to be {wanted}")


def reopen(session: Session, actor: Actor, vault: Vault, document: Document) -> None:
    """A released document goes back to review: its output is deleted and must be burned again."""
    ensure_state(document, DocumentState.RELEASED)
    vault.blobs.delete(Vault.owner(document.id), OUTPUT)
    document.output_sha256 = None
    document.released_at = document.released_by = None
    set_state(document, DocumentState.REVIEW)
    record(session, actor, "document.reopen", object_type="document", object_id=document.id)


def purge(session: Session, actor: Actor, vault: Vault, document: Document, reason: str) -> None:
    """Delete the files and shred the key: the original, output and every encrypted text become
    unreadable. Ids, hashes and the decision history remain (the audit log keeps them too)."""
    vault.blobs.delete_owner(Vault.owner(document.id))
    document.wrapped_key = None
    document.filename_enc = b""
    document.purged_at = utcnow()
    set_state(document, DocumentState.PURGED)
    for row in session.scalars(select(FindingRow).where(FindingRow.document_id == document.id)):
        row.text_enc = b""
    record(
        session,
        actor,
        "document.purge",
        object_type="document",
        object_id=document.id,
        details={"reason": reason},
    )
