"""Work on a stored document's file: analyse, resolve manual masks, render pages, burn.

Every operation runs in a forked child (``app.isolation.run_isolated``: wall-clock limit, memory
cap), because the file is untrusted and read by C libraries. The child decrypts the original into a
private working file, works, and deletes it; the parent never holds plain files. The extracted text
of recently used documents is kept in the parent's memory (``extract_cache_size`` documents) so a
manual mask does not re-read the file; children see it copy-on-write.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from app.domain.document import ExtractedDocument
from app.domain.errors import BurnFailed
from app.domain.model import LabelMode
from app.formats.base import FormatHandler
from app.formats.registry import HANDLERS
from app.isolation import run_isolated
from app.jobs import page_images
from app.jobs.manual import ManualRequest, protected_findings, resolve_request
from app.pipeline import Analysis, FindingSource, analyze_file, burn_and_verify
from app.review.burning import BurnPlan
from app.review.lists import ProtectedValue
from app.settings import Settings
from app.storage.vault import ORIGINAL, OUTPUT, Vault

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    findings: tuple  # tuple[Finding, ...], located
    pages: list[dict[str, Any]]
    notes: tuple[str, ...]
    incomplete: bool
    document: ExtractedDocument
    source: Path  # where the document was read from (its locators refer to it)


@dataclass(frozen=True, slots=True)
class BurnResult:
    sha256: str
    summary: str
    pages_touched: tuple[int, ...]
    masks: int


@dataclass(frozen=True, slots=True)
class _Cached:
    document: ExtractedDocument
    source: Path


class Workspace:
    """Runs file work for the service; see the module docstring."""

    def __init__(self, settings: Settings, vault: Vault, analyzer: FindingSource) -> None:
        self.settings = settings
        self.vault = vault
        self.analyzer = analyzer
        self.root = settings.work_path
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._cache: OrderedDict[uuid.UUID, _Cached] = OrderedDict()
        self._lock = threading.Lock()
        self._doc_locks: dict[uuid.UUID, threading.Lock] = {}

    # -- plumbing ---------------------------------------------------------------------------------

    def _isolated(self, fn: Callable[..., T], *args: Any) -> T:
        mb = self.settings.max_memory_mb
        return run_isolated(fn, *args, timeout=self.settings.max_seconds, memory_bytes=mb * 1024 * 1024)

    def _fresh_path(self, document_id: uuid.UUID, fmt: str) -> Path:
        suffix = HANDLERS[fmt].output_suffix if fmt in HANDLERS else ""
        return self.root / document_id.hex / f"{uuid.uuid4().hex}{suffix}"

    @contextmanager
    def _materialized(self, document_id: uuid.UUID, key: bytes, path: Path):  # noqa: ANN202
        """(In a child) the original decrypted at ``path`` for the duration of the block."""
        self.vault.blobs.get_file(Vault.owner(document_id), ORIGINAL, key, path)
        try:
            yield path
        finally:
            path.unlink(missing_ok=True)

    def _doc_lock(self, document_id: uuid.UUID) -> threading.Lock:
        with self._lock:
            return self._doc_locks.setdefault(document_id, threading.Lock())

    def _remember(self, document_id: uuid.UUID, entry: _Cached) -> None:
        with self._lock:
            self._cache[document_id] = entry
            self._cache.move_to_end(document_id)
            while len(self._cache) > max(1, self.settings.extract_cache_size):
                self._cache.popitem(last=False)

    def forget(self, document_id: uuid.UUID) -> None:
        with self._lock:
            self._cache.pop(document_id, None)

    def _cached(self, document_id: uuid.UUID, key: bytes, fmt: str) -> _Cached:
        with self._lock:
            entry = self._cache.get(document_id)
        if entry is not None:
            return entry
        path = self._fresh_path(document_id, fmt)
        ctx = self.settings.handler_context()

        def extract() -> ExtractedDocument:
            with self._materialized(document_id, key, path):
                return HANDLERS[fmt].extract(path, ctx)

        entry = _Cached(self._isolated(extract), path)
        self._remember(document_id, entry)
        return entry

    # -- operations -------------------------------------------------------------------------------

    def analyze(
        self, document_id: uuid.UUID, key: bytes, fmt: str, protected: Sequence[ProtectedValue]
    ) -> AnalysisResult:
        path = self._fresh_path(document_id, fmt)
        ctx = self.settings.handler_context()
        analyzer = self.analyzer

        def job() -> AnalysisResult:
            with self._materialized(document_id, key, path):
                analysis = analyze_file(path, analyzer, ctx)
                pages = page_images.geometry(path) if analysis.handler.name == "pdf" else []
                extra = protected_findings(analysis.handler, analysis.document, analysis.findings, protected)
            findings = tuple(sorted((*analysis.findings, *extra), key=lambda f: (f.span.start, f.span.end)))
            return AnalysisResult(
                findings, pages, analysis.notes, analysis.incomplete is not None, analysis.document, path
            )

        result = self._isolated(job)
        self._remember(document_id, _Cached(result.document, result.source))
        return result

    def resolve(self, document_id: uuid.UUID, key: bytes, fmt: str, request: ManualRequest) -> list:
        """The findings a manual mask request covers (located, with boxes)."""
        with self._doc_lock(document_id):
            entry = self._cached(document_id, key, fmt)

            def job() -> list:
                with self._materialized(document_id, key, entry.source):
                    return resolve_request(HANDLERS[fmt], entry.document, request)

            return self._isolated(job)

    def page_text(self, document_id: uuid.UUID, key: bytes, fmt: str, page: int) -> tuple[int, str] | None:
        """(offset, text) of a page's text in the document text, or None if there is no such page."""
        entry = self._cached(document_id, key, fmt)
        segment = next((s for s in entry.document.segments if s.page == page), None)
        if segment is None:
            return None
        return segment.start, entry.document.text[segment.start : segment.end]

    def render(
        self,
        document_id: uuid.UUID,
        key: bytes,
        fmt: str,
        page: int,
        dpi: int,
        masks: Sequence,
        *,
        output: bool = False,
    ) -> bytes:
        """A PNG of a page of the original (with ``masks`` drawn) or of the released output."""
        path = self._fresh_path(document_id, fmt)
        blob = OUTPUT if output else ORIGINAL
        owner = Vault.owner(document_id)

        def job() -> bytes:
            self.vault.blobs.get_file(owner, blob, key, path)
            try:
                return page_images.render(path, page, dpi, masks)
            finally:
                path.unlink(missing_ok=True)

        return self._isolated(job)

    def burn(
        self, document_id: uuid.UUID, key: bytes, fmt: str, sha256: str, plan: BurnPlan, label: LabelMode
    ) -> BurnResult:
        """Burn ``plan`` into a new file, verify it, and store it encrypted as the document's output.

        Raises ``LeakDetected`` (nothing stored) when the verifier finds masked text in it."""
        entry = self._cached(document_id, key, fmt)
        src, dst = self._fresh_path(document_id, fmt), self._fresh_path(document_id, fmt)
        ctx = self.settings.handler_context(label)
        handler: FormatHandler = HANDLERS[fmt]

        def job() -> BurnResult:
            _check_texts(entry.document, plan)
            with self._materialized(document_id, key, src):
                analysis = Analysis(src, sha256, handler, entry.document, ())
                redaction = burn_and_verify(analysis, list(plan.masks), list(plan.kept), dst, ctx)
            try:
                digest = hashlib.sha256(dst.read_bytes()).hexdigest()
                self.vault.blobs.put_file(Vault.owner(document_id), OUTPUT, key, dst)
            finally:
                dst.unlink(missing_ok=True)
            return BurnResult(digest, redaction.report.summary(), redaction.pages_touched, len(plan.masks))

        return self._isolated(job)


def _check_texts(document: ExtractedDocument, plan: BurnPlan) -> None:
    """Refuse to burn if the file no longer reads as it did at analysis (e.g. after an upgrade)."""
    for mask in plan.masks:
        span = mask.finding.span
        if len(span) and document.text[span.start : span.end] != mask.text:
            raise BurnFailed("the document reads differently than when it was analysed; analyse it again")
