"""Default grounds by case type, and the burn plan's refusals (undecided, ungrounded, protected)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from app.audit import SYSTEM
from app.domain.model import Box, EntityType, Finding, Origin, Span
from app.review import cases, documents, findings, grounds
from app.review.burning import burn_plan, take_defaults
from app.review.cases import CaseFields
from app.review.findings import DecisionInput
from app.review.states import DocumentState, FindingStatus
from app.storage.blobs import BlobStore
from app.storage.crypto import Keyring
from app.storage.db import Database
from app.storage.errors import Conflict, InvalidRequest
from app.storage.vault import Vault

TEXT = "Anna Svensson bor i Ankeborg. Karin Berg handlägger."


def _finding(text: str, entity: EntityType = EntityType.PERSON, box: Box | None = None) -> Finding:
    start = TEXT.index(text)
    boxes = (box,) if box else (Box(0, 10, 10, 50, 20),)
    return Finding(entity, Span(start, start + len(text)), text, 0.9, "test", Origin.NER, boxes, "page 1")


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    return Vault(Keyring(bytes(range(32))), BlobStore(tmp_path / "files"))


def _document(database: Database, vault: Vault, tmp_path: Path, case_type: str = "") -> uuid.UUID:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.7 placeholder")
    upload = documents.Upload(path, "a.pdf", "pdf", path.stat().st_size, "0" * 64)
    with database.session() as session:
        grounds.seed_catalogue(session)
        fields = CaseFields(f"KS {uuid.uuid4().hex[:6]}", case_type=case_type)
        case = cases.create_case(session, SYSTEM, vault.keyring.field_cipher(), fields)
        document = documents.register_upload(session, SYSTEM, vault, case.id, upload, timedelta(days=1))
        documents.set_state(document, DocumentState.REVIEW)
        defaults = grounds.default_grounds(session, case_type)
        anna, karin = _finding("Anna Svensson"), _finding("Karin Berg")
        staff = {vault.keyring.keyed_hash("karin berg")}
        findings.store_proposals(
            session, vault, document, [anna, karin], staff_keys=staff, protected_keys=set(), defaults=defaults
        )
        return document.id


def test_case_type_defaults_win_over_general_ones(database: Database, vault: Vault, tmp_path: Path) -> None:
    with database.session() as session:
        grounds.seed_catalogue(session)
        by_code = {g.code: g.id for g in grounds.list_grounds(session)}
        assert grounds.default_grounds(session, "socialtjanst")["PERSON"] == by_code["OSL 26:1"]
        assert grounds.default_grounds(session, "socialtjanst")["PHONE"] == by_code["OSL 21:7"]
        assert grounds.default_grounds(session, "")["PERSON"] == by_code["OSL 21:7"]
        grounds.set_default(session, SYSTEM, "socialtjanst", EntityType.PHONE, by_code["OSL 26:1"])
        assert grounds.default_grounds(session, "socialtjanst")["PHONE"] == by_code["OSL 26:1"]


def test_burn_plan_refuses_undecided_then_takes_defaults(
    database: Database, vault: Vault, tmp_path: Path
) -> None:
    document_id = _document(database, vault, tmp_path)
    with database.session() as session:
        document = documents.get_document(session, document_id)
        with pytest.raises(InvalidRequest, match="not decided"):
            burn_plan(session, vault, document)
        assert take_defaults(session, SYSTEM, document) == 2
        plan = burn_plan(session, vault, document)
    assert [m.text for m in plan.masks] == ["Anna Svensson"] and plan.kept == ("Karin Berg",)
    assert plan.masks[0].ground == "OSL 21 kap. 7 §"


def test_burn_plan_refuses_ungrounded_masks(database: Database, vault: Vault, tmp_path: Path) -> None:
    document_id = _document(database, vault, tmp_path)
    with database.session() as session:
        document = documents.get_document(session, document_id)
        box = Box(0, 100, 100, 200, 120)
        manual = Finding(
            EntityType.OTHER, Span(20, 28), "Ankeborg", 1.0, "manual-box", Origin.REVIEWER, (box,)
        )
        findings.add_manual(session, SYSTEM, vault, document, [manual], ground_id=None, grouped=True, box=box)
        take_defaults(session, SYSTEM, document)
        with pytest.raises(InvalidRequest, match="no legal ground"):
            burn_plan(session, vault, document)


def test_a_protected_finding_cannot_be_rejected(database: Database, vault: Vault, tmp_path: Path) -> None:
    document_id = _document(database, vault, tmp_path)
    with database.session() as session:
        row = findings.list_findings(
            session, vault, documents.get_document(session, document_id), findings.ListFilter()
        )[0]
        row.row.protected = True
        with pytest.raises(Conflict):
            findings.decide(session, SYSTEM, document_id, [DecisionInput(row.row.id, FindingStatus.REJECTED)])
