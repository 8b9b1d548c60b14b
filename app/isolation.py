"""Run work on an untrusted file in a child process with a wall-clock limit and a memory cap.

MuPDF, libxml2 and friends are C: a decompression bomb can spin for minutes inside one call and a
crafted file can exhaust memory. Python cannot interrupt a C call, so each job on a file runs in a
forked child (which shares the parent's loaded models copy-on-write). On timeout the child is killed
and the caller gets ``LimitExceeded``; if the child dies, ``ExtractionFailed``. The parent survives.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import resource
import signal
from collections.abc import Callable
from typing import Any, TypeVar

from app.domain.errors import ExtractionFailed, LimitExceeded, RedactionError

T = TypeVar("T")
log = logging.getLogger(__name__)


def run_isolated(fn: Callable[..., T], *args: Any, timeout: float, memory_bytes: int | None = None) -> T:
    """``fn(*args)`` in a forked child; its return value or its exception, re-raised here."""
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    # not a daemon: the child may fork workers of its own; it leads its own process group so that a
    # timeout kills those workers too
    child = ctx.Process(target=_child_main, args=(sender, fn, args, memory_bytes), daemon=False)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise LimitExceeded(f"processing took longer than {timeout:g} s and was stopped")
        try:
            status, payload = receiver.recv()
        except EOFError:
            child.join(5)
            raise ExtractionFailed(
                f"the reader process stopped unexpectedly (exit code {child.exitcode}); "
                "the file may be malformed or too large"
            ) from None
    finally:
        _kill_group(child)
        child.join(5)
        receiver.close()
    if status == "ok":
        return payload
    raise payload


def _kill_group(child: multiprocessing.process.BaseProcess) -> None:
    if child.pid is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    if child.is_alive():
        child.kill()


def _child_main(sender, fn: Callable[..., Any], args: tuple, memory_bytes: int | None) -> None:
    os.setpgid(0, 0)
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        result = ("ok", fn(*args))
    except RedactionError as exc:
        result = ("error", exc)
    except MemoryError:
        result = ("error", LimitExceeded("the file needs more memory than the configured limit"))
    except Exception as exc:  # an unexpected failure: keep the one-line contract, log the rest
        log.debug("isolated job failed", exc_info=True)
        result = ("error", ExtractionFailed(f"internal error: {type(exc).__name__}: {exc}"[:300]))
    try:
        sender.send(result)
    except Exception as exc:  # unpicklable result or exception
        sender.send(("error", ExtractionFailed(f"internal error: result could not be returned: {exc}")))
    finally:
        sender.close()
        os._exit(0)
