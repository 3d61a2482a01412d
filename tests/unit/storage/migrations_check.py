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


def packages_survive_the_move(url: str) -> None:
    """Revision 0011 moves the outbox's and inbox's packages into tables of their own, and back on
    downgrade: a database of revision 0010 with an outbox row and two inbox events (one without a
    package) keeps every byte both ways."""
    from datetime import UTC, datetime

    from sqlalchemy import create_engine, inspect, select, table

    from edo_app.storage.outbox import ExchangeRepository

    open_database(url).close()
    run_alembic(url, "downgrade", "0010")
    at = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    outbox = {"id": 7, "package_id": "p-1", "document_id": None, "purpose": "ИОП", "recipient": "2ZZB-1",
              "state": "sent", "attempts": 1, "next_attempt_at": at, "created_at": at, "updated_at": at,
              "message_id": "m-1", "package": b"PK\x03\x04outbox"}
    inbox = [{"id": 3, "event_id": "e-1", "message_id": "m-2", "event_kind": "document_received", "payload": {},
              "state": "processed", "acknowledged": True, "received_at": at, "package": b"PK\x03\x04inbox"},
             {"id": 4, "event_id": "e-2", "message_id": "m-3", "event_kind": "status_changed", "payload": {},
              "state": "processed", "acknowledged": True, "received_at": at, "package": None}]
    engine = create_engine(database._parse_url(url))  # not open_database: it would migrate
    try:
        with engine.begin() as conn:
            old = MetaData()
            old.reflect(conn, only=["exchange_outbox", "exchange_inbox"])
            conn.execute(old.tables["exchange_outbox"].insert(), [outbox])
            conn.execute(old.tables["exchange_inbox"].insert(), inbox)
    finally:
        engine.dispose()
    db = open_database(url)  # upgrades to the head
    try:
        repo = ExchangeRepository(db)
        assert [(item.id, item.package) for item in repo.outbox()] == [(7, outbox["package"])]
        assert [(item.id, item.package) for item in repo.inbox()] == [(3, inbox[0]["package"]), (4, None)]
        with db.engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("exchange_outbox")}
            assert "package" not in columns
    finally:
        db.close()
    run_alembic(url, "downgrade", "0010")
    engine = create_engine(database._parse_url(url))
    try:
        with engine.connect() as conn:
            assert list(conn.execute(select(Column("package")).select_from(table("exchange_outbox")))) == \
                [(outbox["package"],)]
            found = conn.execute(select(Column("id"), Column("package")).select_from(table("exchange_inbox"))
                                 .order_by(Column("id")))
            assert [tuple(r) for r in found] == [(3, inbox[0]["package"]), (4, None)]
    finally:
        engine.dispose()
