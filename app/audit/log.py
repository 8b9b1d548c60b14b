"""Appending to and checking the hash-chained audit log.

Each row's ``hash`` is SHA-256 over its canonical JSON (time, actor, address, action, object, outcome,
details) and the previous row's hash, so editing, deleting or reordering any row breaks the chain
from that row on; ``verify_chain`` finds the first broken row. The database refuses UPDATE and
DELETE on the table (triggers in the initial migration). Appends serialise: on PostgreSQL with a
transaction-scoped advisory lock, on SQLite because every transaction begins IMMEDIATE.

``details`` SHALL hold only ids, counts, types and hashes (scalars or lists of scalars), never a
masked datum; ``record`` refuses long strings to keep free text out.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.audit.actor import Actor
from app.storage.models import AuditEvent, utcnow

GENESIS = "0" * 64
ADVISORY_LOCK_ID = 0x5C7A_0D17  # any constant shared by every Skymma process
MAX_DETAIL_CHARS = 200
EXPORT_FIELDS = (
    "seq", "at", "actor_id", "actor", "ip", "action", "object_type", "object_id", "outcome", "details",
    "prev_hash", "hash",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ChainCheck:
    ok: bool
    events: int
    broken_at: int | None = None  # seq of the first row whose hash does not match
    reason: str = ""


def _canonical(event: AuditEvent) -> bytes:
    body = {
        "at": event.at.isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor": event.actor,
        "ip": event.ip,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "outcome": event.outcome,
        "details": event.details,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def _check_details(details: dict[str, Any]) -> None:
    def scalar_ok(value: Any) -> bool:
        if isinstance(value, str):
            return len(value) <= MAX_DETAIL_CHARS
        return value is None or isinstance(value, bool | int | float)

    for key, value in details.items():
        values = value if isinstance(value, list) else [value]
        if not all(scalar_ok(v) for v in values):
            raise ValueError(f"audit detail {key!r} must be ids, counts or hashes")


def record(
    session: Session,
    actor: Actor,
    action: str,
    *,
    object_type: str = "",
    object_id: object = "",
    outcome: str = "ok",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event in ``session``'s transaction (it is kept only if the transaction commits)."""
    details = dict(details or {})
    _check_details(details)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": ADVISORY_LOCK_ID})
    previous = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1))
    event = AuditEvent(
        at=utcnow(),
        actor_id=actor.user_id,
        actor=actor.username,
        ip=actor.ip,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        outcome=outcome,
        details=details,
        prev_hash=previous or GENESIS,
    )
    event.hash = _hash(event)
    session.add(event)
    session.flush()
    return event


def verify_chain(session: Session) -> ChainCheck:
    """Recompute every hash in order; the first row that does not match breaks the chain."""
    previous = GENESIS
    count = 0
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(1000):
        count += 1
        if event.prev_hash != previous:
            return ChainCheck(False, count, event.seq, "a row before it was changed, removed or reordered")
        if _hash(event) != event.hash:
            return ChainCheck(False, count, event.seq, "the row was changed after it was written")
        previous = event.hash
    return ChainCheck(True, count)


def _rows(session: Session, since: datetime | None, until: datetime | None) -> Iterator[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.seq)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    yield from session.scalars(query).yield_per(1000)


def event_dict(event: AuditEvent) -> dict[str, Any]:
    values = {name: getattr(event, name) for name in EXPORT_FIELDS}
    values["at"] = event.at.isoformat()
    return values


def export_json(session: Session, since: datetime | None = None, until: datetime | None = None) -> str:
    """The log as a JSON array (with the hashes, so a copy can be checked on its own)."""
    return json.dumps([event_dict(e) for e in _rows(session, since, until)], ensure_ascii=False, indent=1)


def export_csv(session: Session, since: datetime | None = None, until: datetime | None = None) -> str:
    """The log as CSV; ``details`` is a JSON cell."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_FIELDS)
    for event in _rows(session, since, until):
        row = event_dict(event)
        row["details"] = json.dumps(row["details"], ensure_ascii=False, sort_keys=True)
        writer.writerow([row[name] for name in EXPORT_FIELDS])
    return out.getvalue()
