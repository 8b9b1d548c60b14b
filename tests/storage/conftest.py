"""A migrated database per test (PostgreSQL when available, else SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.settings import Settings
from app.storage.db import Database
from tests.storage.databases import fresh_database_url


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    with fresh_database_url(tmp_path) as url:
        db = Database(Settings(data_dir=tmp_path, database_url=url).sqlalchemy_url)
        db.migrate()
        try:
            yield db
        finally:
            db.dispose()
