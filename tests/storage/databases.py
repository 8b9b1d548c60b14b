"""A fresh, empty database for a test: PostgreSQL when one answers, SQLite otherwise.

PostgreSQL is used when ``SKYMMA_TEST_DATABASE_URL`` names a server (any database on it; each test
database is created next to it and dropped afterwards) or when one answers on 127.0.0.1:5432 with
trust authentication (as on the CI machine). ``SKYMMA_TEST_SQLITE=1`` forces SQLite.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/test"


@lru_cache(maxsize=1)
def postgres_server() -> str | None:
    """The URL of a reachable PostgreSQL server, or None."""
    if os.environ.get("SKYMMA_TEST_SQLITE"):
        return None
    url = os.environ.get("SKYMMA_TEST_DATABASE_URL", DEFAULT_SERVER)
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=2):
            return url
    except Exception:
        return None


def _with_database(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


@contextmanager
def fresh_database_url(folder: Path) -> Iterator[str]:
    """A URL (as ``Settings.database_url`` takes it) of a new empty database, removed afterwards."""
    server = postgres_server()
    if server is None:
        yield f"sqlite:///{folder / 'test.db'}"
        return
    import psycopg

    name = f"skymma_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def backend_name() -> str:
    return "postgresql" if postgres_server() else "sqlite"
