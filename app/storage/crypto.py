"""Encryption at rest: a master key, a data key per document, and AES-256-GCM for files and fields.

- The **master key** (32 bytes) comes from settings (``SKYMMA_ENCRYPTION_KEY``, base64) or, on the
  embedded default, from ``<data_dir>/keys/master.key``, generated on first start (mode 0600).
- Each document gets its own random **data key**, stored only wrapped (encrypted) by the master key.
  Deleting the wrapped key crypto-shreds everything encrypted with it, wherever copies went.
- **Files** are encrypted in 1 MiB chunks (the STREAM construction): each chunk is sealed with a nonce
  made of a random file prefix and the chunk counter, and the last chunk is marked in its associated
  data, so chunks cannot be reordered, dropped or the file truncated without detection.
- **Fields** (finding texts, file names) are small values sealed whole with a random nonce.
- ``keyed_hash`` (HMAC-SHA256 under a key derived from the master key) lets equal values be matched
  without decrypting them; an offline guess needs the key, so short values stay protected.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
CHUNK = 1 << 20
FILE_MAGIC = b"SKYMMA1\n"
FIELD_VERSION = b"\x01"


class DecryptionFailed(Exception):
    """Ciphertext was altered, truncated, or sealed under another key."""


def load_master_key(configured: str | None, key_file: Path) -> bytes:
    """The configured key (base64 of 32 bytes), else the key file, created on first use."""
    if configured:
        try:
            key = base64.b64decode(configured, validate=True)
        except ValueError as exc:
            raise ValueError("SKYMMA_ENCRYPTION_KEY is not valid base64") from exc
        if len(key) != KEY_BYTES:
            raise ValueError("SKYMMA_ENCRYPTION_KEY must be 32 bytes (base64-encoded)")
        return key
    if key_file.exists():
        key = key_file.read_bytes()
        if len(key) != KEY_BYTES:
            raise ValueError(f"{key_file} does not hold a 32-byte key")
        return key
    key_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(KEY_BYTES)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    if len(sealed) < 12 + 16:
        raise DecryptionFailed("ciphertext too short")
    try:
        return AESGCM(key).decrypt(sealed[:12], sealed[12:], aad)
    except InvalidTag as exc:
        raise DecryptionFailed("ciphertext does not authenticate") from exc


class Keyring:
    """The master key and what is derived from it: wrapped data keys and keyed hashes."""

    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != KEY_BYTES:
            raise ValueError("the master key must be 32 bytes")
        self._master = master_key
        self._hash_key = hmac.new(master_key, b"skymma keyed hash", hashlib.sha256).digest()

    @property
    def fingerprint(self) -> str:
        """Identifies the master key without revealing it (stored to detect a wrong key at start)."""
        return hmac.new(self._master, b"skymma key fingerprint", hashlib.sha256).hexdigest()[:16]

    def new_data_key(self, owner: str) -> tuple[bytes, bytes]:
        """A fresh data key and its wrapped form, bound to ``owner`` (e.g. the document id)."""
        key = secrets.token_bytes(KEY_BYTES)
        return key, self.wrap(key, owner)

    def wrap(self, data_key: bytes, owner: str) -> bytes:
        return _seal(self._master, data_key, b"data-key:" + owner.encode())

    def unwrap(self, wrapped: bytes, owner: str) -> bytes:
        return _open(self._master, wrapped, b"data-key:" + owner.encode())

    def keyed_hash(self, value: str) -> str:
        return hmac.new(self._hash_key, value.encode(), hashlib.sha256).hexdigest()

    def derived_key(self, purpose: str) -> bytes:
        """A key for ``purpose`` (e.g. a case's stored report), derived from the master key."""
        return hmac.new(self._master, b"skymma derived key:" + purpose.encode(), hashlib.sha256).digest()

    def field_cipher(self) -> FieldCipher:
        """A cipher under the master key, for data that belongs to no document (requesters, lists)."""
        return FieldCipher(self._master, b"master")


class FieldCipher:
    """Seals small values (strings) with one key; ``context`` binds them to their purpose."""

    def __init__(self, key: bytes, context: bytes) -> None:
        self._key = key
        self._context = context

    def encrypt(self, value: str) -> bytes:
        return FIELD_VERSION + _seal(self._key, value.encode(), self._context)

    def decrypt(self, sealed: bytes) -> str:
        if not sealed.startswith(FIELD_VERSION):
            raise DecryptionFailed("unknown field format")
        return _open(self._key, sealed[1:], self._context).decode()


def _chunk_nonce(prefix: bytes, counter: int) -> bytes:
    return prefix + struct.pack(">I", counter)


def encrypt_stream(key: bytes, src: BinaryIO, dst: BinaryIO) -> None:
    """Encrypt ``src`` into ``dst`` chunk by chunk (see the module docstring)."""
    prefix = secrets.token_bytes(8)
    aead = AESGCM(key)
    dst.write(FILE_MAGIC + prefix)
    counter = 0
    chunk = src.read(CHUNK)
    while True:
        following = src.read(CHUNK)
        last = not following
        sealed = aead.encrypt(_chunk_nonce(prefix, counter), chunk, b"\x01" if last else b"\x00")
        dst.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        chunk, counter = following, counter + 1


def decrypt_stream(key: bytes, src: BinaryIO) -> Iterator[bytes]:
    """The plaintext chunks of a file written by ``encrypt_stream`` (``src`` must be seekable);
    ``DecryptionFailed`` if it was altered, truncated or sealed under another key."""
    header = src.read(len(FILE_MAGIC) + 8)
    if not header.startswith(FILE_MAGIC) or len(header) != len(FILE_MAGIC) + 8:
        raise DecryptionFailed("not an encrypted Skymma file")
    prefix = header[len(FILE_MAGIC) :]
    aead = AESGCM(key)
    counter = 0
    while True:
        size_bytes = src.read(4)
        if len(size_bytes) != 4:
            raise DecryptionFailed("encrypted file is truncated")
        (size,) = struct.unpack(">I", size_bytes)
        if size > CHUNK + 16:
            raise DecryptionFailed("encrypted file is malformed")
        sealed = src.read(size)
        last = _at_end(src)
        try:
            yield aead.decrypt(_chunk_nonce(prefix, counter), sealed, b"\x01" if last else b"\x00")
        except InvalidTag as exc:
            raise DecryptionFailed("encrypted file does not authenticate") from exc
        if last:
            return
        counter += 1


def _at_end(src: BinaryIO) -> bool:
    position = src.tell()
    at_end = src.read(1) == b""
    src.seek(position)
    return at_end
