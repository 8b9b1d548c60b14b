"""Encrypted files on disk: originals, outputs and reports, one folder per owner (document or case).

Every write goes to a temporary file in the same folder, is fsynced and then renamed, so a crash
never leaves a partial file under a real name. Reads decrypt into a private file (mode 0600) or into
memory; a file that does not authenticate raises ``DecryptionFailed`` (never half-read data).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from app.storage.crypto import decrypt_stream, encrypt_stream

SAFE_NAME = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")


class BlobStore:
    """Files sealed with a caller-supplied key, under ``root/<owner>/<name>.enc``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True, mode=0o700)

    def path(self, owner: str, name: str) -> Path:
        for part in (owner, name):
            if not part or not set(part) <= SAFE_NAME:
                raise ValueError(f"unsafe blob name {part!r}")
        return self.root / owner / f"{name}.enc"

    def exists(self, owner: str, name: str) -> bool:
        return self.path(owner, name).is_file()

    def put_file(self, owner: str, name: str, key: bytes, src: Path) -> None:
        with src.open("rb") as fh:
            self._write(owner, name, key, fh)

    def put_bytes(self, owner: str, name: str, key: bytes, data: bytes) -> None:
        with tempfile.SpooledTemporaryFile() as fh:
            fh.write(data)
            fh.seek(0)
            self._write(owner, name, key, fh)

    def get_file(self, owner: str, name: str, key: bytes, dst: Path) -> Path:
        """Decrypt into ``dst`` (created 0600, replaced atomically); returns ``dst``."""
        dst.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=".part-")
        try:
            with open(fd, "wb") as out, self.path(owner, name).open("rb") as src:
                for chunk in decrypt_stream(key, src):
                    out.write(chunk)
            os.replace(tmp, dst)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return dst

    def get_bytes(self, owner: str, name: str, key: bytes) -> bytes:
        with self.path(owner, name).open("rb") as src:
            return b"".join(decrypt_stream(key, src))

    def delete(self, owner: str, name: str) -> None:
        self.path(owner, name).unlink(missing_ok=True)

    def delete_owner(self, owner: str) -> None:
        """Remove every file of ``owner``."""
        folder = self.path(owner, "x").parent
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(folder)

    def _write(self, owner: str, name: str, key: bytes, src) -> None:  # noqa: ANN001 (binary file)
        target = self.path(owner, name)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with open(fd, "wb") as out:
                encrypt_stream(key, src, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
