"""Encryption at rest: files and fields round-trip, and any change, truncation or wrong key is refused."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from app.storage.crypto import (
    CHUNK,
    DecryptionFailed,
    FieldCipher,
    Keyring,
    decrypt_stream,
    encrypt_stream,
    load_master_key,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def _encrypt(data: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    encrypt_stream(key, io.BytesIO(data), out)
    return out.getvalue()


def _decrypt(sealed: bytes, key: bytes = KEY) -> bytes:
    return b"".join(decrypt_stream(key, io.BytesIO(sealed)))


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 17])
def test_files_round_trip_across_chunk_boundaries(size: int) -> None:
    data = os.urandom(size)
    sealed = _encrypt(data)
    if size >= 16:  # a shorter random string may occur in any byte string by chance
        assert data[:64] not in sealed
    assert _decrypt(sealed) == data


def test_a_changed_byte_is_refused() -> None:
    sealed = bytearray(_encrypt(b"Anna Svensson 19121212-1212" * 100))
    sealed[40] ^= 1
    with pytest.raises(DecryptionFailed):
        _decrypt(bytes(sealed))


def test_a_truncated_file_is_refused() -> None:
    sealed = _encrypt(os.urandom(CHUNK + 100))
    first_chunk_end = 16 + 4 + CHUNK + 16
    with pytest.raises(DecryptionFailed):
        _decrypt(sealed[:first_chunk_end])  # a whole first chunk, the last one missing
    with pytest.raises(DecryptionFailed):
        _decrypt(sealed[:-5])


def test_another_key_is_refused() -> None:
    with pytest.raises(DecryptionFailed):
        _decrypt(_encrypt(b"hemligt"), OTHER_KEY)


def test_fields_are_bound_to_their_context() -> None:
    sealed = FieldCipher(KEY, b"document:1").encrypt("Anna Svensson")
    assert b"Anna" not in sealed
    assert FieldCipher(KEY, b"document:1").decrypt(sealed) == "Anna Svensson"
    with pytest.raises(DecryptionFailed):
        FieldCipher(KEY, b"document:2").decrypt(sealed)


def test_data_keys_unwrap_only_for_their_owner() -> None:
    keyring = Keyring(KEY)
    key, wrapped = keyring.new_data_key("document:a")
    assert keyring.unwrap(wrapped, "document:a") == key
    with pytest.raises(DecryptionFailed):
        keyring.unwrap(wrapped, "document:b")
    with pytest.raises(DecryptionFailed):
        Keyring(OTHER_KEY).unwrap(wrapped, "document:a")


def test_keyed_hashes_depend_on_the_master_key() -> None:
    assert Keyring(KEY).keyed_hash("1212121212") == Keyring(KEY).keyed_hash("1212121212")
    assert Keyring(KEY).keyed_hash("1212121212") != Keyring(OTHER_KEY).keyed_hash("1212121212")


def test_master_key_is_generated_once_with_private_permissions(tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "master.key"
    first = load_master_key(None, key_file)
    assert len(first) == 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_master_key(None, key_file) == first


@pytest.mark.parametrize("configured", ["not base64!", "c2hvcnQ="])
def test_a_bad_configured_key_is_refused(configured: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        load_master_key(configured, tmp_path / "unused.key")
