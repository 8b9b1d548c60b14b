"""Processing one batch item in a worker: analyse, burn every proposal, verify; or only propose.

The worker's analyzer and settings are set once in the parent before the pool forks
(``configure``), so every worker shares the loaded model copy-on-write. Workers run under the
configured address-space cap, and each item under a wall-clock alarm (``LimitExceeded`` when it
rings). Forking a child per item would cost more than the item itself (about 40 ms with the model
loaded), so items run in the worker; when a worker dies, the runner retries the items it had in
flight one by one in isolated children (``isolated=True``), so only the item at fault fails.
The result is a plain dict row for the report and the state.

Items arrive in small chunks (``process_chunk``). The e-mail messages of a chunk are first extracted
and their segments analysed together (``CachingAnalyzer.prime``: on short e-mail the name model
costs about as much per call as per text); then each item is processed on its own as above, its
segments found in the analyzer's cache and its document in the e-mail handler's recent extractions.
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
from app.formats.email import EmailHandler
from app.formats.registry import handler_for
from app.isolation import run_isolated
from app.pipeline import FindingSource, accept_all, analyze_file, burn_and_verify
from app.settings import Settings

DONE, FAILED, LEAK = "done", "failed", "leak"
SHARED_MEMORY = "/dev/shm"
PRIME_SECONDS = 10.0  # priming stops (harmlessly) after this; each item has its own limit after it


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


def scratch_folder() -> Path:
    """A new private folder for one batch run's temporary copies of items and attachments: in RAM
    (``/dev/shm``) where possible, not on disk. The runner removes it at the end, with whatever a
    worker that died left in it (copies of messages are personal data)."""
    parent = SHARED_MEMORY if os.access(SHARED_MEMORY, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="skymma-batch-", dir=parent))


def init_worker(scratch: str) -> None:
    """Pool initializer: the memory cap for everything this worker does; temporary files in ``scratch``."""
    assert _config is not None
    limit = _config.settings.max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    tempfile.tempdir = scratch


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


def process_chunk(jobs: list[tuple[Item, Path]]) -> list[dict[str, Any]]:
    """The report rows of ``process`` for each (item, destination), after priming the analyzer with
    the chunk's e-mail messages all at once."""
    assert _config is not None, "configure() must run before the pool forks"
    if len(jobs) > 1:
        _prime(_config, [item for item, _ in jobs])
    return [process(item, destination) for item, destination in jobs]


def _prime(config: WorkerConfig, items: list[Item]) -> None:
    """Analyse the segments of the e-mail messages among ``items`` in one call. Only a head start:
    an item that cannot be read is left out (``process`` meets it again and reports it), and past
    the time allowed priming stops."""
    prime = getattr(config.analyzer, "prime", None)
    if prime is None:
        return
    seconds = min(PRIME_SECONDS, config.settings.max_seconds)
    deadline = time.monotonic() + seconds
    try:
        with tempfile.TemporaryDirectory(prefix="skymma-prime-") as tmp, alarm(seconds):
            docs = []
            for n, item in enumerate(items):
                if time.monotonic() >= deadline:
                    return
                try:
                    src = item.path or Path(tmp) / f"{n}.eml"
                    if item.path is None:
                        src.write_bytes(item.data or b"")
                    handler = handler_for(src)
                    if isinstance(handler, EmailHandler):
                        docs.append(handler.extract(src, config.ctx))
                except Exception:  # noqa: BLE001 - left for process() to report
                    continue
            prime(docs)
    except Exception:  # noqa: BLE001 - out of time, or analysis failed: each item is analysed again
        return


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
