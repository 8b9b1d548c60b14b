"""The audit log is append-only (the database refuses changes) and hash-chained (tampering shows)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.audit import Actor, export_csv, export_json, record, verify_chain
from app.storage.db import Database

ALICE = Actor("11111111-1111-1111-1111-111111111111", "alice", "127.0.0.1")


def _fill(database: Database, count: int) -> None:
    with database.session() as session:
        for n in range(count):
            record(session, ALICE, "case.view", object_type="case", object_id=f"case-{n}", details={"n": n})


def test_an_untouched_log_verifies(database: Database) -> None:
    _fill(database, 5)
    with database.session() as session:
        check = verify_chain(session)
    assert check.ok and check.events == 5


def test_the_database_refuses_to_change_or_delete_rows(database: Database) -> None:
    _fill(database, 2)
    for statement in ("UPDATE audit_events SET actor = 'mallory'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError), database.session() as session:
            session.execute(text(statement))


def _drop_guards(database: Database) -> None:
    with database.session() as session:
        for name in ("update", "delete"):
            if database.is_sqlite:
                session.execute(text(f"DROP TRIGGER audit_events_no_{name}"))
            else:
                session.execute(text(f"DROP TRIGGER audit_events_no_{name} ON audit_events"))


def test_an_edited_row_breaks_the_chain_there(database: Database) -> None:
    _fill(database, 5)
    _drop_guards(database)  # someone with database access goes around the guard
    with database.session() as session:
        session.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"))
    with database.session() as session:
        check = verify_chain(session)
    assert not check.ok and check.broken_at == 3


def test_a_deleted_row_breaks_the_chain_after_it(database: Database) -> None:
    _fill(database, 5)
    _drop_guards(database)
    with database.session() as session:
        session.execute(text("DELETE FROM audit_events WHERE seq = 2"))
    with database.session() as session:
        check = verify_chain(session)
    assert not check.ok and check.broken_at == 3


def test_free_text_is_refused_in_details(database: Database) -> None:
    with pytest.raises(ValueError), database.session() as session:
        record(session, ALICE, "finding.decide", details={"text": "x" * 500})
    with pytest.raises(ValueError), database.session() as session:
        record(session, ALICE, "finding.decide", details={"nested": {"a": 1}})


def test_exports_carry_every_row_with_its_hashes(database: Database) -> None:
    _fill(database, 3)
    with database.session() as session:
        rows = list(csv.DictReader(io.StringIO(export_csv(session))))
        events = json.loads(export_json(session))
    assert [r["object_id"] for r in rows] == ["case-0", "case-1", "case-2"]
    assert [e["hash"] for e in events] == [r["hash"] for r in rows]
    assert events[1]["prev_hash"] == events[0]["hash"]
