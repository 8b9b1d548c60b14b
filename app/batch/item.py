"""Processing one batch item in a worker: analyse, burn every proposal, verify; or only propose.

The worker's analyzer and settings are set once in the parent before the pool forks
(``configure``), so every worker shares the loaded model copy-on-write. Workers run under the
configured address-space cap, and each item under a wall-clock alarm (``LimitExceeded`` when it
rings). Forking a child per item would cost more than the item itself (about 40 ms with the model
loaded), so items run in the worker; when a worker dies, the runner retries the items it had in
flight one by one in isolated children (``isolated=True``), so only the item at fault fails.
The result is a plain dict row for the report and the state.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.batch.sources import Item
from app.domain.errors import LeakDetected, LimitExceeded, RedactionError
from app.findings_file import findings_document
from app.formats.base import HandlerContext
from app.isolation import run_isolated
from app.pipeline import FindingSource, accept_all, analyze_file, burn_and_verify
from app.settings import Settings

DONE, FAILED, LEAK = "done", "failed", "leak"
SHARED_MEMORY = "/dev/shm"


@dataclass(slots=True)
class WorkerConfig:
    analyzer: FindingSource
    settings: Settings
    ctx: HandlerContext
    accept_all: bool
    ground: str
    outdir: Path


_config: WorkerConfig | None = None


def configure(config: WorkerConfig) -> None:
    global _config
    _config = config


def init_worker() -> None:
    """Pool initializer: the memory cap for everything this worker does."""
    assert _config is not None
    limit = _config.settings.max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if os.access(SHARED_MEMORY, os.W_OK):  # temporary copies of items and attachments: RAM, not disk
        tempfile.tempdir = SHARED_MEMORY


@contextmanager
def alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: Any) -> None:
        raise LimitExceeded(f"processing took longer than {seconds:g} s and was stopped")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process(item: Item, destination: Path, isolated: bool = False) -> dict[str, Any]:
    """Process ``item`` and write its output to ``destination``; the report row."""
    assert _config is not None, "configure() must run before the pool forks"
    started = time.monotonic()
    row: dict[str, Any] = {
        "item": item.key,
        "output": str(destination),
        "status": DONE,
        "error": "",
        "findings": 0,
        "masks": 0,
        "entities": {},
    }
    try:
        with tempfile.TemporaryDirectory(prefix="skymma-batch-") as tmp:
            src = item.path
            if src is None:
                src = Path(tmp) / "message.eml"
                src.write_bytes(item.data or b"")
            if isolated:
                row.update(_isolated(_config, src, destination))
            else:
                with alarm(_config.settings.max_seconds):
                    row.update(_job(_config, src, destination))
    except LeakDetected as exc:
        row.update(status=LEAK, error=str(exc))
    except RedactionError as exc:
        row.update(status=FAILED, error=str(exc))
    except MemoryError:
        row.update(status=FAILED, error="the item needs more memory than the configured limit")
    except Exception as exc:  # one bad item never stops the batch
        row.update(status=FAILED, error=f"internal error: {type(exc).__name__}: {exc}"[:300])
    row["seconds"] = round(time.monotonic() - started, 3)
    return row


def _isolated(config: WorkerConfig, src: Path, destination: Path) -> dict[str, Any]:
    settings = config.settings
    return run_isolated(
        _job,
        config,
        src,
        destination,
        timeout=settings.max_seconds,
        memory_bytes=settings.max_memory_mb * 1024 * 1024,
    )


def _job(config: WorkerConfig, src: Path, destination: Path) -> dict[str, Any]:
    analysis = analyze_file(src, config.analyzer, config.ctx)
    entities = Counter(f.entity.value for f in analysis.findings)
    result: dict[str, Any] = {
        "findings": len(analysis.findings),
        "entities": dict(entities),
        "format": analysis.handler.name,
        "notes": list(analysis.notes),
    }
    destination.parent.mkdir(parents=True, exist_ok=True)
    if not config.accept_all:
        doc = findings_document(
            source=src,
            sha256=analysis.sha256,
            doc=analysis.document,
            findings=list(analysis.findings),
            grounds={},
            notes=analysis.notes,
        )
        destination.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        result["status"] = "proposed"
        return result
    masks, kept = accept_all(analysis, config.ground)
    burn_and_verify(analysis, masks, kept, destination, config.ctx)
    result["masks"] = len(masks)
    return result
