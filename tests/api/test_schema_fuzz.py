"""Property-based fuzzing of every operation in the OpenAPI schema (schemathesis + Hypothesis):
whatever a client sends, the answer is never a server error.

Requests carry an administrator's API token (both roles), so they reach the route bodies rather than
stopping at authentication. The service runs on SQLite in a temporary folder.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from pydantic import SecretStr

from app.api.main import create_app
from app.settings import Settings
from tests.api.client import ADMIN_PASSWORD, Api

FOLDER = Path(tempfile.mkdtemp(prefix="skymma-fuzz-"))
APP = create_app(
    Settings(
        data_dir=FOLDER,
        admin_password=SecretStr(ADMIN_PASSWORD),
        max_bytes=200_000,
        max_seconds=30,
        workers=1,
    )
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module")
def token() -> Iterator[str]:
    with TestClient(APP) as client:  # runs the app's start-up, shared with schemathesis' calls
        api = Api(client)
        api.login()
        created = api.ok(api.post("/api/v1/auth/tokens", json={"name": "fuzz"}), 201)
        yield created["token"]
        APP.state.backend.runner.wait_idle(60)


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_no_request_gets_a_server_error(case: schemathesis.Case, token: str) -> None:
    if case.path == "/api/v1/auth/logout":
        return  # would end nothing (token auth) but is not worth a special case
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"
