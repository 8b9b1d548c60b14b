"""Resumable batch state, kept next to the output (``OUTDIR/.skymma-batch/``).

``state.jsonl`` gets one line per finished item (appended and flushed as it finishes, so a crash
of the process loses at most the items in flight). On a rerun, items whose last line says ``done``
are skipped and everything else (failed, never finished) is redone. Redacted mbox messages are
kept as parts under ``parts/`` until their archive is assembled, so an interrupted archive resumes
where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from app.batch.sources import STATE_DIR

DONE = "done"


class BatchState:
    def __init__(self, outdir: Path) -> None:
        self.dir = outdir / STATE_DIR
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / "state.jsonl"
        self.results: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line torn by a crash: that item is simply redone
                self.results[row["item"]] = row
        self._fh = self.path.open("a", encoding="utf-8")

    def is_done(self, key: str) -> bool:
        row = self.results.get(key)
        return row is not None and row["status"] == DONE

    def record(self, row: dict[str, Any]) -> None:
        self.results[row["item"]] = row
        self._fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._fh.flush()  # a crash of the process loses nothing; fsync only at the end (it costs ~5 ms)

    def part_path(self, key: str) -> Path:
        """Where a redacted mbox message waits for its archive to be assembled."""
        archive, _, number = key.rpartition("#")
        folder = hashlib.sha1(archive.encode()).hexdigest()[:16]
        return self.dir / "parts" / folder / f"{number}.eml"

    def close(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
