"""Persistence: SQLAlchemy models and migrations, encrypted file storage, retention.

Imports only ``app.domain`` and libraries. ``Database`` owns the engine and sessions; ``Keyring`` and
``BlobStore`` keep uploaded originals and outputs encrypted at rest with a key per document.
"""
