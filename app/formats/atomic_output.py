"""Writing an output file so that no partial file is ever visible under its name."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_output(dst: Path, durable: bool = True) -> Iterator[Path]:
    """A temporary path beside ``dst`` to write the output to. When the block ends normally the file
    is fsynced (``durable``) and renamed to ``dst``; whatever happens, the temporary file is gone."""
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        if durable:
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomically(data: bytes, dst: Path, durable: bool = True) -> None:
    """``data`` as the file ``dst``, written through ``atomic_output``."""
    with atomic_output(dst, durable) as tmp:
        tmp.write_bytes(data)
