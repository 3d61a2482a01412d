"""Alembic environment: runs on the connection ``open_database`` passes in, never from an ini.

``open_database`` holds the transaction (and, on PostgreSQL, the migration lock); this only
configures the context on that connection.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from edo_app.storage.models import Base


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("edo-app migrations run through edo_app.storage.open_database(url)")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite ALTER needs table copies
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("edo-app migrations run online only (open_database)")
run_migrations_online()
