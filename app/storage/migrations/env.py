"""Alembic environment. ``Database.migrate`` passes its connection in ``config.attributes``; the
``alembic`` command line (``alembic -c app/storage/alembic.ini ...``) connects to the configured URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from app.storage.models import Base

target_metadata = Base.metadata


def run_migrations(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    if not config.get_main_option("sqlalchemy.url"):
        from app.settings import get_settings

        config.set_main_option("sqlalchemy.url", get_settings().sqlalchemy_url)
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), poolclass=pool.NullPool)
    with engine.connect() as connection:
        run_migrations(connection)


main()
