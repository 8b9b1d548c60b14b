"""Review services on a migrated database (PostgreSQL when available)."""

from tests.storage.conftest import database  # noqa: F401  (the fixture)
