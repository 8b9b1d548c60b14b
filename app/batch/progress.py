"""Progress for a batch: a tqdm bar (items, rate, ETA) on a terminal, nothing otherwise (CI, pipes)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.batch.sources import Source, classify


def count_items(source: Source) -> int | None:
    """Items in ``source`` for the ETA: ``From `` lines of an mbox (one streaming pass), files of a folder."""
    if source.kind == "mbox":
        count, previous_blank = 0, True
        with source.root.open("rb") as fh:
            for line in fh:  # the same rule as iter_messages: a From line after a blank line
                count += previous_blank and line.startswith(b"From ")
                previous_blank = line in (b"\n", b"\r\n")
        return count
    if source.kind == "file":
        return 1
    return sum(1 for p in source.root.rglob("*") if p.is_file() and ".skymma-batch" not in p.parts)


def progress_callback(
    src: Path, enabled: bool | None = None
) -> tuple[Callable[[dict[str, Any]], None] | None, Callable[[], None]]:
    """(per-item callback, close) — both no-ops unless stderr is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=count_items(classify(src)), unit="item", dynamic_ncols=True, file=sys.stderr)

    def update(row: dict[str, Any]) -> None:
        bar.update(1)
        if row["status"] != "done":
            bar.set_postfix_str(f"last problem: {row['status']}", refresh=False)

    return update, bar.close
