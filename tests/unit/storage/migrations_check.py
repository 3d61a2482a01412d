"""Helpers shared by the SQLite and PostgreSQL migration tests."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Column, MetaData, String

from edo_app.storage import database, open_database
from edo_app.storage.models import Base


def schema_diff(url: str, metadata: MetaData = Base.metadata) -> list[Any]:
    """What alembic autogenerate would change to make the migrated database match ``metadata``."""
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        db.close()


def altered_metadata() -> MetaData:
    """The models plus one extra column: the comparison must notice it."""
    copy = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(copy)
    copy.tables["documents"].append_column(Column("extra", String(10), nullable=True))
    return copy


def run_alembic(url: str, verb: str, target: str) -> None:
    """Run ``alembic <verb> <target>`` on ``url`` the way open_database does."""
    db = open_database(url)
    try:
        with db.engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", database.MIGRATIONS)
            config.attributes["connection"] = conn
            getattr(command, verb)(config, target)
    finally:
        db.close()
