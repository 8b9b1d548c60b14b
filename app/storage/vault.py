"""The vault: a document's data key, its encrypted files, and ciphers for its fields, in one place."""

from __future__ import annotations

import uuid

from app.storage.blobs import BlobStore
from app.storage.crypto import FieldCipher, Keyring
from app.storage.errors import Conflict
from app.storage.models import Document

ORIGINAL = "original"
OUTPUT = "output"
REPORT = "report"


class Vault:
    """Owns the keyring and the blob store; everything encrypted at rest goes through it."""

    def __init__(self, keyring: Keyring, blobs: BlobStore) -> None:
        self.keyring = keyring
        self.blobs = blobs

    def new_document_key(self, document_id: uuid.UUID) -> tuple[bytes, bytes]:
        """A data key for a new document and its wrapped form (to store in ``Document.wrapped_key``)."""
        return self.keyring.new_data_key(f"document:{document_id}")

    def document_key(self, document: Document) -> bytes:
        if document.wrapped_key is None:
            raise Conflict(f"document {document.id} was deleted after its retention period")
        return self.keyring.unwrap(document.wrapped_key, f"document:{document.id}")

    def document_cipher(self, document: Document, key: bytes | None = None) -> FieldCipher:
        return self.cipher_for(document.id, key or self.document_key(document))

    @staticmethod
    def cipher_for(document_id: uuid.UUID, key: bytes) -> FieldCipher:
        return FieldCipher(key, f"document:{document_id}".encode())

    def case_key(self, case_id: uuid.UUID) -> bytes:
        return self.keyring.derived_key(f"case:{case_id}")

    @staticmethod
    def owner(object_id: uuid.UUID) -> str:
        return object_id.hex
