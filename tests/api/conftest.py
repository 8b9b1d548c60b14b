"""A running service per test module: fresh database (PostgreSQL when available) and data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.api.main import create_app
from app.settings import Settings
from tests.api.client import ADMIN_PASSWORD, Api
from tests.storage.databases import fresh_database_url


def service_settings(folder: Path, url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": folder / "data",
        "database_url": url,
        "admin_password": SecretStr(ADMIN_PASSWORD),
        "max_bytes": 2_000_000,
        "max_seconds": 60,
        "workers": 1,
        "authority_name": "Exempelkommunen",
    }
    return Settings(**(values | overrides))


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("service")
    with fresh_database_url(folder) as url, TestClient(create_app(service_settings(folder, url))) as client:
        yield client


@pytest.fixture
def admin(app_client: TestClient) -> Api:
    """The first administrator (also a registrator), signed in with a session."""
    api = Api(TestClient(app_client.app))
    api.login()
    return api
