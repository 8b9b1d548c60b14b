"""Receiving uploaded files: streamed to disk with a hard size cap, never buffered whole in memory."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import UploadFile

from app.domain.errors import BadInput, LimitExceeded

CHUNK = 1 << 20


async def save_upload(upload: UploadFile, folder: Path, max_bytes: int) -> Path:
    """Write ``upload`` into ``folder`` under a safe generated name; refuse it past ``max_bytes``."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(upload.filename or "").suffix.lower()[:10]
    suffix = suffix if suffix.isascii() and suffix[1:].isalnum() else ""
    fd, name = tempfile.mkstemp(prefix="upload-", suffix=suffix, dir=folder)
    path = Path(name)
    size = 0
    try:
        with open(fd, "wb") as out:
            while chunk := await upload.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise LimitExceeded(f"the upload is larger than the limit of {max_bytes} bytes")
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if size == 0:
        path.unlink(missing_ok=True)
        raise BadInput("the uploaded file is empty")
    return path
