"""The ``JobRunner`` interface and the in-process runner used by default.

A runner executes job ids with a function given to it (``execute(job_id)``); all state lives in
the database (``app.jobs.queue``), so a distributed runner (a queue broker and worker processes)
can implement the same three methods later without changing the service.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol, runtime_checkable

log = logging.getLogger(__name__)


@runtime_checkable
class JobRunner(Protocol):
    """Executes queued jobs.

    - ``submit`` SHALL return at once; the job runs later, at most once per submission.
    - ``wait_idle`` SHALL return True once every submitted job has finished (False on timeout).
    - ``shutdown`` SHALL stop taking jobs; a job still running MAY be interrupted (it is resumed
      by ``queue.recover`` on the next start).
    """

    def submit(self, job_id: uuid.UUID) -> None: ...

    def wait_idle(self, timeout: float) -> bool: ...

    def shutdown(self) -> None: ...


class InProcessRunner:
    """Runs jobs on a few threads of this process (each job's file work runs in a forked child)."""

    def __init__(self, execute: Callable[[uuid.UUID], None], workers: int = 1) -> None:
        self._execute = execute
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="skymma-job")
        self._pending: set[Future] = set()
        self._idle = threading.Condition()

    def submit(self, job_id: uuid.UUID) -> None:
        with self._idle:
            future = self._pool.submit(self._run, job_id)
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _run(self, job_id: uuid.UUID) -> None:
        try:
            self._execute(job_id)
        except Exception:  # the executor records failures itself; never let a thread die silently
            log.exception("job %s failed outside its task", job_id)

    def _done(self, future: Future) -> None:
        with self._idle:
            self._pending.discard(future)
            self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: not self._pending, timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
