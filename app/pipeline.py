"""The redaction pipeline as plain functions: extract, analyze, decide, burn, verify.

The CLI, the batch runner and the service call these same functions, so their paths cannot diverge.
Nothing here reads settings or the environment: configuration arrives as arguments.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from app.analysis.errors import AnalysisIncomplete
from app.domain.document import ExtractedDocument
from app.domain.errors import BadInput, LeakDetected
from app.domain.leaks import LeakReport
from app.domain.model import EntityType, Finding, Mask, Origin, Span
from app.findings_file import DecisionEntry, Decisions, ensure_matches
from app.formats.base import FormatHandler, HandlerContext
from app.formats.registry import handler_for
from app.occurrences import find_all_occurrences, find_occurrences
from app.verify import Needle, verify_file


class FindingSource(Protocol):
    """What the pipeline needs from analysis (``app.analysis.engine.Analyzer`` fulfils it)."""

    def analyze(self, doc: ExtractedDocument) -> list[Finding]: ...


@dataclass(frozen=True, slots=True)
class Analysis:
    """A document with its located proposals."""

    source: Path
    sha256: str
    handler: FormatHandler
    document: ExtractedDocument
    findings: tuple[Finding, ...]
    incomplete: AnalysisIncomplete | None = None  # set when a recognizer failed: manual review needed

    @property
    def notes(self) -> tuple[str, ...]:
        extra = (str(self.incomplete),) if self.incomplete else ()
        return self.document.notes + extra


@dataclass(frozen=True, slots=True)
class Redaction:
    """The outcome of a burn that passed verification."""

    output: Path
    masks: tuple[Mask, ...]
    pages_touched: tuple[int, ...]
    report: LeakReport
    notes: tuple[str, ...]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def extract_document(src: Path, ctx: HandlerContext) -> tuple[FormatHandler, ExtractedDocument]:
    handler = handler_for(src)
    return handler, handler.extract(src, ctx)


def analyze_document(
    handler: FormatHandler, doc: ExtractedDocument, analyzer: FindingSource
) -> list[Finding]:
    """Proposals with their boxes, in document order."""
    findings = analyzer.analyze(doc)
    located = [replace(f, boxes=handler.locate(doc, f.span)) for f in findings]
    return sorted(located, key=lambda f: (f.span.start, f.span.end))


def analyze_file(src: Path, analyzer: FindingSource, ctx: HandlerContext) -> Analysis:
    """Extract and analyse ``src``. A failed recognizer does not lose the other findings: they are
    kept and the analysis is marked incomplete, which blocks ``accept_all``."""
    handler, doc = extract_document(src, ctx)
    incomplete = None
    try:
        findings = analyze_document(handler, doc, analyzer)
    except AnalysisIncomplete as exc:
        incomplete = exc
        findings = [replace(f, boxes=handler.locate(doc, f.span)) for f in exc.findings]
    return Analysis(src, file_sha256(src), handler, doc, tuple(findings), incomplete)


# -- decisions -------------------------------------------------------------------------------------


def accept_all(analysis: Analysis, ground: str | None) -> tuple[list[Mask], list[str]]:
    """Every proposal becomes a mask; nothing is deliberately kept. Refused when analysis was
    incomplete: then a person must review the document (``--decisions``)."""
    if analysis.incomplete is not None:
        raise analysis.incomplete
    return [Mask(f, ground) for f in analysis.findings], []


def apply_decisions(
    analysis: Analysis, decisions: Decisions, default_ground: str | None
) -> tuple[list[Mask], list[str]]:
    """Masks for accepted entries and the texts of rejected ones (the verifier lets those stay)."""
    ensure_matches(decisions, analysis.sha256, analysis.source)
    by_id = {f.id: f for f in analysis.findings}
    masks: list[Mask] = []
    kept: list[str] = []
    for n, entry in enumerate(decisions.entries, start=1):
        findings = _resolve(analysis, entry, by_id, n)
        if entry.entity is not None:
            findings = [replace(f, entity=entry.entity) for f in findings]
        if entry.accept:
            masks.extend(Mask(f, entry.ground or default_ground) for f in findings)
        else:
            kept.extend(f.text for f in findings)
    return masks, kept


def _resolve(analysis: Analysis, entry: DecisionEntry, by_id: dict[str, Finding], n: int) -> list[Finding]:
    doc, handler = analysis.document, analysis.handler
    if entry.id is not None and entry.id in by_id:
        return [by_id[entry.id]]
    if entry.start is not None and entry.end is not None:
        if not 0 <= entry.start < entry.end <= len(doc.text):
            raise BadInput(f"decisions entry {n}: range {entry.start}-{entry.end} is outside the document")
        return [_manual(handler, doc, Span(entry.start, entry.end), entry.entity)]
    if entry.text is not None:
        return [_manual(handler, doc, span, entry.entity) for span in find_occurrences(doc.text, entry.text)]
    if entry.boxes:
        return _box_findings(handler, doc, entry)
    if entry.id is not None:
        raise BadInput(f"decisions entry {n}: finding {entry.id} is not among this document's findings")
    return []


def _manual(handler: FormatHandler, doc: ExtractedDocument, span: Span, entity: EntityType | None) -> Finding:
    return _finding_at(handler, doc, span, entity or EntityType.OTHER, 1.0, "manual", Origin.REVIEWER)


def _finding_at(
    handler: FormatHandler,
    doc: ExtractedDocument,
    span: Span,
    entity: EntityType,
    score: float,
    recognizer: str,
    origin: Origin,
) -> Finding:
    """A finding for ``span`` of the document, located on its pages by the handler."""
    segment = doc.segment_at(span.start)
    return Finding(
        entity=entity,
        span=span,
        text=doc.text[span.start : span.end],
        score=score,
        recognizer=recognizer,
        origin=origin,
        boxes=handler.locate(doc, span),
        where=segment.where if segment else "",
    )


def _box_findings(handler: FormatHandler, doc: ExtractedDocument, entry: DecisionEntry) -> list[Finding]:
    """A drawn box burns exactly the box; the text lying under it is what the verifier checks."""
    findings = []
    for box in entry.boxes:
        spans = handler.spans_at(doc, box) or (Span(0, 0),)
        for i, span in enumerate(spans):
            findings.append(
                Finding(
                    entity=entry.entity or EntityType.OTHER,
                    span=span,
                    text=doc.text[span.start : span.end],
                    score=1.0,
                    recognizer="manual-box",
                    origin=Origin.REVIEWER,
                    boxes=(box,) if i == 0 else (),
                )
            )
    return findings


# -- burning and verification ----------------------------------------------------------------------


def complete_masks(analysis: Analysis, masks: Sequence[Mask], kept: Sequence[str]) -> list[Mask]:
    """``masks`` plus a mask for every other occurrence of a masked text that no mask covers.

    The verifier treats every occurrence of a masked string in the output as a leak (case-folded,
    word-bounded). Analysis may leave a copy unproposed on purpose (the word "art" beside the
    name "Art"), so a burn completes the masks to every occurrence before it runs. Texts a person
    kept (rejected somewhere) are left as decided: their copies are for the person to mask.
    """
    doc, handler = analysis.document, analysis.handler
    kept_keys = {_occurrence_key(k) for k in kept}
    by_key: dict[str, Mask] = {}
    for mask in masks:
        key = _occurrence_key(mask.text)
        if key and key not in kept_keys:
            by_key.setdefault(key, mask)
    if not by_key:
        return list(masks)
    covered = _merged((m.finding.span.start, m.finding.span.end) for m in masks)
    extra: list[Mask] = []
    for span in find_all_occurrences(doc.text, [mask.text for mask in by_key.values()]):
        mask = by_key.get(_occurrence_key(doc.text[span.start : span.end]))
        if mask is None or _is_covered(covered, span):
            continue
        finding = _finding_at(
            handler, doc, span, mask.entity, mask.finding.score, "completion", Origin.PROPAGATION
        )
        extra.append(Mask(finding, mask.ground))
    return [*masks, *extra]


def _occurrence_key(text: str) -> str:
    return " ".join(text.casefold().split())


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint ranges covering the same characters as ``ranges``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _is_covered(covered: list[tuple[int, int]], span: Span) -> bool:
    """True when the merged ranges in ``covered`` cover all of ``span``."""
    i = bisect.bisect_right(covered, (span.start, float("inf"))) - 1
    return i >= 0 and covered[i][0] <= span.start and covered[i][1] >= span.end


def needles_for(masks: Iterable[Mask]) -> list[Needle]:
    seen: set[tuple[str, EntityType]] = set()
    needles = []
    for mask in masks:
        key = (mask.text, mask.entity)
        if mask.text.strip() and key not in seen:
            seen.add(key)
            needles.append(Needle(text=mask.text, entity=mask.entity))
    return needles


def burn_and_verify(
    analysis: Analysis,
    masks: Sequence[Mask],
    kept: Sequence[str],
    dst: Path,
    ctx: HandlerContext,
) -> Redaction:
    """Burn ``masks`` into ``dst`` and verify it; on a leak ``dst`` is deleted and ``LeakDetected`` raised."""
    if dst.resolve() == analysis.source.resolve():
        raise BadInput("the output must not overwrite the source file")
    masks = complete_masks(analysis, masks, kept)
    analysis.handler.redact(analysis.source, analysis.document, masks, dst, ctx)
    try:
        ocr = ctx.ocr_languages if ctx.ocr_enabled else None
        report = verify_file(dst, needles_for(masks), kept=kept, ocr_languages=ocr, workers=ctx.workers)
    except BaseException:
        dst.unlink(missing_ok=True)
        raise
    if not report.clean:
        dst.unlink(missing_ok=True)
        raise LeakDetected(report)
    pages = tuple(sorted({p for m in masks for p in m.finding.pages}))
    return Redaction(dst, tuple(masks), pages, report, analysis.notes)
