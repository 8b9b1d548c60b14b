"""``skymma batch``: every item of an archive or folder through the pipeline, on every core, resumably.

The parent streams items (an mbox message at a time) into a pool of forked workers with a bounded
number in flight, so memory does not grow with the archive. Small items travel in chunks of up to
``CHUNK_ITEMS`` items and ``CHUNK_BYTES`` bytes (one hand-off each, and the worker analyses a
chunk's e-mail together, see ``item.process_chunk``); a larger item travels alone. The first chunks
are smaller (``FIRST_CHUNK_ITEMS``, doubling once every worker has had one), so that a small batch
is still spread over every core. Workers share the loaded analyzer copy-on-write; each worker caches
extracted and burned attachments and analysed segments by content, so an attachment sent to many
recipients is analysed once per worker. Results are recorded in the resume state as they arrive;
redacted mbox messages are assembled into an output mbox at the end.
"""

from __future__ import annotations

import multiprocessing
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.batch import item as item_module
from app.batch.item import WorkerConfig
from app.batch.report import write_reports
from app.batch.sources import Item, Source, classify, iter_items
from app.batch.state import BatchState
from app.domain.errors import BadInput
from app.formats.atomic_output import atomic_output
from app.formats.mbox import iter_messages, mbox_entry

FIRST_CHUNK_ITEMS = 8
CHUNK_ITEMS = 64  # larger calls of the name model cost less per text (64 vs 8: ~10 % less CPU per e-mail)
CHUNK_BYTES = 1024 * 1024
CHUNKS_IN_FLIGHT_PER_WORKER = 2


@dataclass(slots=True)
class BatchSummary:
    processed: int = 0
    skipped: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    archives: list[Path] = field(default_factory=list)

    def count(self, status: str) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1


def run_batch(
    src: Path,
    outdir: Path,
    config: WorkerConfig,
    workers: int,
    on_progress: Callable[[dict[str, Any]], None] | None = None,
) -> BatchSummary:
    source = classify(src)
    if outdir.resolve() == src.resolve() or src.resolve() in outdir.resolve().parents:
        raise BadInput("the output folder must not be the source or lie inside it")
    outdir.mkdir(parents=True, exist_ok=True)
    state = BatchState(outdir)
    summary = BatchSummary()
    item_module.configure(config)
    try:
        for row in _run(source, outdir, config, state, workers, summary):
            state.record(row)
            summary.processed += 1
            summary.count(row["status"])
            if on_progress:
                on_progress(row)
        if config.accept_all:
            summary.archives = _assemble_archives(source, outdir, state, config.settings.max_bytes)
    finally:
        state.close()
    write_reports(outdir, state.results)
    return summary


def _destination(item: Item, outdir: Path, state: BatchState, accept_all: bool) -> Path:
    if item.archive is not None:
        part = state.part_path(item.key)
        return part if accept_all else part.with_suffix(".json")
    output = outdir / item.output
    if not accept_all:
        return output.with_name(output.name + ".json")
    if item.path is not None and item.path.suffix.lower() == ".msg":
        return output.with_suffix(".eml")
    return output


Job = tuple[Item, Path]  # an item and where its output goes


class _Pool:
    """A fork pool that survives a dead worker: the items it had in flight are redone one by one,
    each in its own isolated child, so only the item at fault fails."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.pending: dict[Future, list[Job]] = {}
        self.scratch = item_module.scratch_folder()
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        self.pool = ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=item_module.init_worker,
            initargs=(str(self.scratch),),
        )

    def submit(self, chunk: list[Job]) -> None:
        self.pending[self.pool.submit(item_module.process_chunk, chunk)] = chunk

    def finished(self, block_until_below: int) -> Iterator[dict[str, Any]]:
        while self.pending and len(self.pending) >= block_until_below:
            done, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
            for future in done:
                chunk = self.pending.pop(future)
                try:
                    rows = future.result()
                except BrokenProcessPool:
                    yield from self._recover(chunk)
                    return
                yield from rows

    def _recover(self, first: list[Job]) -> Iterator[dict[str, Any]]:
        suspects = first + [job for chunk in self.pending.values() for job in chunk]
        self.pending.clear()
        self.pool.shutdown(wait=False, cancel_futures=True)
        self._start()
        for item, destination in suspects:
            yield self.pool.submit(item_module.process, item, destination, True).result()

    def close(self) -> None:
        try:
            self.pool.shutdown(wait=True)
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)  # also what a dead worker left behind


def _chunks(jobs: Iterator[Job], workers: int = 1) -> Iterator[list[Job]]:
    """``jobs`` grouped in order: small items together, up to CHUNK_BYTES bytes and a number of items
    that starts at FIRST_CHUNK_ITEMS and doubles after every ``workers`` chunks up to CHUNK_ITEMS; a
    larger item alone."""
    chunk: list[Job] = []
    size = 0
    made = 0
    for job in jobs:
        item_size = _size(job[0])
        limit = min(CHUNK_ITEMS, FIRST_CHUNK_ITEMS << (made // max(1, workers)))
        if chunk and (len(chunk) >= limit or size + item_size > CHUNK_BYTES):
            yield chunk
            made += 1
            chunk, size = [], 0
        chunk.append(job)
        size += item_size
    if chunk:
        yield chunk


def _size(item: Item) -> int:
    if item.data is not None:
        return len(item.data)
    try:
        return item.path.stat().st_size if item.path is not None else 0
    except OSError:
        return CHUNK_BYTES  # alone: the worker reports what is wrong with it


def _run(
    source: Source, outdir: Path, config: WorkerConfig, state: BatchState, workers: int, summary: BatchSummary
) -> Iterator[dict[str, Any]]:
    def todo() -> Iterator[Job]:
        for item in iter_items(source, config.settings.max_bytes):
            destination = _destination(item, outdir, state, config.accept_all)
            if state.is_done(item.key) and destination.exists():
                summary.skipped += 1
                continue
            yield item, destination

    pool = _Pool(workers)
    try:
        for chunk in _chunks(todo(), pool.workers):
            pool.submit(chunk)
            yield from pool.finished(block_until_below=pool.workers * CHUNKS_IN_FLIGHT_PER_WORKER)
        yield from pool.finished(block_until_below=1)
    finally:
        pool.close()


def _assemble_archives(source: Source, outdir: Path, state: BatchState, max_bytes: int) -> list[Path]:
    """Write each mbox's redacted messages, in order, into its output mbox (streamed, atomically)."""
    archives: list[Path] = []
    for archive in sorted(
        {row["item"].rpartition("#")[0] for row in state.results.values() if "#" in row["item"]}
    ):
        original = source.root if source.kind == "mbox" else source.root / archive
        target = outdir / archive
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(target) as tmp, original.open("rb") as fh, tmp.open("wb") as out:
            for n, (from_line, _) in enumerate(iter_messages(fh, max_bytes)):
                key = f"{archive}#{n + 1:06d}"
                part = state.part_path(key)
                if state.is_done(key) and part.exists():
                    out.write(mbox_entry(from_line, part.read_bytes()))
        archives.append(target)
    return archives
