"""The blob store keeps files encrypted and never leaves a partial file under a real name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.storage.blobs import BlobStore
from app.storage.crypto import DecryptionFailed

KEY = bytes(32)


def test_files_are_stored_encrypted_and_read_back(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "files")
    src = tmp_path / "in.pdf"
    src.write_bytes(b"%PDF-1.7 Anna Svensson")
    store.put_file("abc", "original", KEY, src)
    assert b"Anna" not in store.path("abc", "original").read_bytes()
    assert store.get_bytes("abc", "original", KEY) == src.read_bytes()
    out = store.get_file("abc", "original", KEY, tmp_path / "work" / "copy.pdf")
    assert out.read_bytes() == src.read_bytes()


def test_a_failed_read_leaves_no_file(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "files")
    store.put_bytes("abc", "output", KEY, b"data")
    target = tmp_path / "work" / "out.pdf"
    with pytest.raises(DecryptionFailed):
        store.get_file("abc", "output", bytes(range(32)), target)
    assert not target.exists()
    assert list((tmp_path / "work").iterdir()) == []


def test_deleting_an_owner_removes_its_files(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "files")
    store.put_bytes("abc", "original", KEY, b"1")
    store.put_bytes("abc", "output", KEY, b"2")
    store.put_bytes("def", "original", KEY, b"3")
    store.delete_owner("abc")
    assert not store.exists("abc", "original") and not store.exists("abc", "output")
    assert store.exists("def", "original")


@pytest.mark.parametrize(
    ("owner", "name"), [("../x", "original"), ("abc", "a/b"), ("", "original"), ("abc", "..")]
)
def test_unsafe_names_are_refused(owner: str, name: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        BlobStore(tmp_path).path(owner, name)
