"""What a burn needs from the review: the confirmed masks with their grounds, and the kept texts.

``burn_plan`` refuses (``InvalidRequest``) while any accepted mask lacks a legal ground, and while
proposals are undecided unless the caller asks to take their defaults (``accept_remaining``: ticked
ones become masks, unticked ones stay visible), which is refused when analysis was incomplete.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import Actor
from app.domain.model import Box, EntityType, Finding, Mask, Origin, Span
from app.review.documents import ensure_state
from app.review.findings import DecisionInput, apply_decision
from app.review.states import DocumentState, FindingStatus
from app.storage.errors import InvalidRequest
from app.storage.models import Document, FindingRow, LegalGround
from app.storage.vault import Vault


@dataclass(frozen=True, slots=True)
class BurnPlan:
    masks: tuple[Mask, ...]
    kept: tuple[str, ...]  # texts of rejected findings: the verifier lets them stay

    @property
    def finding_count(self) -> int:
        return len(self.masks)


def take_defaults(session: Session, actor: Actor, document: Document) -> int:
    """Decide every undecided proposal by its default; returns how many were decided."""
    if document.needs_manual_review:
        raise InvalidRequest("analysis was incomplete: every proposal must be decided by hand")
    rows = session.scalars(
        select(FindingRow).where(
            FindingRow.document_id == document.id, FindingRow.status == FindingStatus.PROPOSED.value
        )
    ).all()
    for row in rows:
        status = FindingStatus.ACCEPTED if row.default_masked else FindingStatus.REJECTED
        apply_decision(session, actor, row, DecisionInput(row.id, status))
    return len(rows)


def burn_plan(session: Session, vault: Vault, document: Document) -> BurnPlan:
    """The masks to burn and the texts to keep; refuses undecided proposals and ungrounded masks."""
    ensure_state(document, DocumentState.REVIEW)
    rows = session.scalars(select(FindingRow).where(FindingRow.document_id == document.id)).all()
    undecided = sum(1 for r in rows if r.status == FindingStatus.PROPOSED.value)
    if undecided:
        raise InvalidRequest(
            f"{undecided} proposals are not decided yet: decide them, or burn with accept_remaining"
        )
    accepted = [r for r in rows if r.status == FindingStatus.ACCEPTED.value]
    ungrounded = sum(1 for r in accepted if r.ground_id is None)
    if ungrounded:
        raise InvalidRequest(f"{ungrounded} accepted masks have no legal ground; every mask needs one")
    grounds = {g.id: g for g in session.scalars(select(LegalGround))}
    cipher = vault.document_cipher(document)
    masks = tuple(
        Mask(_finding(r, cipher.decrypt(r.text_enc)), grounds[r.ground_id].reference) for r in accepted
    )
    kept = tuple(
        text
        for r in rows
        if r.status == FindingStatus.REJECTED.value and (text := cipher.decrypt(r.text_enc)).strip()
    )
    return BurnPlan(masks, kept)


def _finding(row: FindingRow, text: str) -> Finding:
    return Finding(
        entity=EntityType(row.entity),
        span=Span(row.start, row.end),
        text=text,
        score=row.score,
        recognizer=row.recognizer,
        origin=Origin(row.origin),
        boxes=tuple(Box.from_list(b) for b in row.boxes),
        where=row.where,
        id=row.key,
    )


def grounds_used(session: Session, document_ids: list[uuid.UUID]) -> dict[int, int]:
    """ground id -> number of accepted masks resting on it, over the given documents."""
    counts: dict[int, int] = {}
    rows = session.scalars(
        select(FindingRow.ground_id).where(
            FindingRow.document_id.in_(document_ids), FindingRow.status == FindingStatus.ACCEPTED.value
        )
    )
    for ground_id in rows:
        if ground_id is not None:
            counts[ground_id] = counts.get(ground_id, 0) + 1
    return counts
