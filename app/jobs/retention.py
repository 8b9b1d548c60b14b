"""Retention (gallring): documents past their retention period lose their files and keys.

``purge_expired`` deletes the encrypted original and output and shreds the document key, so every
encrypted text of the document becomes unreadable; ids, hashes and the decision history remain.
``RetentionSweeper`` runs it periodically on a daemon thread.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import select

from app.audit import SYSTEM
from app.jobs.tasks import Services
from app.review.documents import purge
from app.review.states import DocumentState
from app.storage.models import Document, utcnow

log = logging.getLogger(__name__)
BUSY = (DocumentState.ANALYZING.value, DocumentState.BURNING.value, DocumentState.PURGED.value)


def purge_expired(services: Services) -> int:
    """Purge every document whose retention period has passed; returns how many were purged."""
    with services.db.session() as session:
        due = session.scalars(
            select(Document).where(Document.purge_after <= utcnow(), Document.state.not_in(BUSY))
        ).all()
        for document in due:
            purge(session, SYSTEM, services.vault, document, "retention period ended")
            services.workspace.forget(document.id)
        return len(due)


class RetentionSweeper:
    """Calls ``purge_expired`` every ``interval`` seconds until stopped."""

    def __init__(self, services: Services, interval: float = 3600.0) -> None:
        self._services = services
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="skymma-retention", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                purged = purge_expired(self._services)
                if purged:
                    log.info("retention: purged %d documents", purged)
            except Exception:
                log.exception("retention sweep failed")
