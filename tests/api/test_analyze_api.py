"""/health and POST /api/v1/analyze (proposals without storing anything), with 4xx for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.settings import Settings
from tests import pdf_samples as samples
from tests.api.client import Api
from tests.api.conftest import service_settings
from tests.storage.databases import fresh_database_url


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("data")
    with (
        fresh_database_url(folder) as url,
        TestClient(create_app(service_settings(folder, url, max_bytes=200_000))) as client,
    ):
        api = Api(client)
        api.login()  # the session cookie stays on the client
        client.headers.update(api.headers)
        yield client


def test_analyze_needs_a_signed_in_registrator(client: TestClient) -> None:
    anonymous = TestClient(client.app)
    response = anonymous.post(
        "/api/v1/analyze", files={"file": ("x.pdf", samples.simple(["Hej"]), "application/pdf")}
    )
    assert response.status_code == 401


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_analyze_returns_proposals_with_boxes(client: TestClient) -> None:
    pdf = samples.simple(["Sökande: Anna Svensson, personnummer 19121212-1212."])
    response = client.post("/api/v1/analyze", files={"file": ("beslut.pdf", pdf, "application/pdf")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source"] == "beslut.pdf"
    found = {(f["entity"], f["text"]) for f in body["findings"]}
    assert ("PERSON", "Anna Svensson") in found and ("PERSONNUMMER", "19121212-1212") in found
    assert all(f["boxes"] and f["page"] == 1 for f in body["findings"])


@pytest.mark.parametrize(
    ("data", "status", "reason"),
    [
        (b"", 400, "empty"),
        (b"PK\x03\x04 just a zip", 415, "not a supported file type"),
        (b"%PDF-1.7\n1 0 obj <<", 422, "cannot be read"),
        (samples.encrypted(["Hemligt"]), 422, "password"),
        (b"%PDF-1.7\n" + b"0" * 300_000, 413, "limit"),
    ],
    ids=["empty", "zip", "truncated", "encrypted", "too-large"],
)
def test_bad_uploads_get_a_4xx_with_a_reason(
    client: TestClient, data: bytes, status: int, reason: str
) -> None:
    response = client.post("/api/v1/analyze", files={"file": ("x.pdf", data, "application/pdf")})
    assert response.status_code == status
    assert reason in response.json()["detail"]


def test_uploads_are_not_kept(client: TestClient) -> None:
    client.post("/api/v1/analyze", files={"file": ("x.pdf", samples.simple(["Hej"]), "application/pdf")})
    settings: Settings = client.app.state.settings
    assert list(Path(settings.data_dir, "tmp").glob("upload-*")) == []
