"""What a batch works on: the items of an mbox file, a Maildir, or a folder tree, and where each goes.

Items are yielded lazily: an mbox is streamed message by message (``app.formats.mbox``), a folder is
walked without listing it whole first. Each item has a stable ``key`` (its relative path, or the
archive path and message number), which the resume state uses.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import BadInput
from app.formats.mbox import iter_messages, sniff_mbox

STATE_DIR = ".skymma-batch"


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of work. ``data`` holds an mbox message's bytes; files are read from ``path``."""

    key: str
    path: Path | None
    data: bytes | None
    output: Path  # relative to the output folder (for mbox messages: the archive's output)
    from_line: bytes = b""
    archive: str | None = None  # the mbox an item belongs to (its output is assembled from parts)


@dataclass(frozen=True, slots=True)
class Source:
    kind: str  # "mbox", "maildir", "folder" or "file"
    root: Path


def classify(src: Path) -> Source:
    if not src.exists():
        raise BadInput(f"{src} does not exist")
    if src.is_dir():
        is_maildir = all((src / sub).is_dir() for sub in ("cur", "new"))
        return Source("maildir" if is_maildir else "folder", src)
    with src.open("rb") as fh:
        head = fh.read(16)
    return Source("mbox" if sniff_mbox(head) else "file", src)


def iter_items(source: Source, max_bytes: int) -> Iterator[Item]:
    if source.kind == "mbox":
        yield from _mbox_items(source.root, Path(source.root.name), max_bytes)
    elif source.kind == "file":
        yield Item(source.root.name, source.root, None, Path(source.root.name))
    else:
        yield from _folder_items(source.root, max_bytes)


def _mbox_items(path: Path, output: Path, max_bytes: int) -> Iterator[Item]:
    with path.open("rb") as fh:
        for n, (from_line, data) in enumerate(iter_messages(fh, max_bytes)):
            yield Item(f"{output.as_posix()}#{n + 1:06d}", None, data, output, from_line, output.as_posix())


def _folder_items(root: Path, max_bytes: int) -> Iterator[Item]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != STATE_DIR and not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or path.is_symlink() or not path.is_file():
                continue
            relative = path.relative_to(root)
            with path.open("rb") as fh:
                head = fh.read(16)
            if sniff_mbox(head):
                yield from _mbox_items(path, relative, max_bytes)
            else:
                yield Item(relative.as_posix(), path, None, relative)
