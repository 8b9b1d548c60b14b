"""Back-end services on a fresh database, without the web layer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.analysis.engine import Analyzer
from app.jobs.bootstrap import Backend, start_services, stop_services
from app.settings import Settings
from tests.api.conftest import service_settings
from tests.storage.databases import fresh_database_url


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.from_settings(Settings())


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    with fresh_database_url(tmp_path) as url:
        yield service_settings(tmp_path, url)


@pytest.fixture
def backend(settings: Settings, analyzer: Analyzer) -> Iterator[Backend]:
    started = start_services(settings, analyzer)
    try:
        yield started
    finally:
        stop_services(started)
