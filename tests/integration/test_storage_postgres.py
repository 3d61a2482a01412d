"""The storage contract and the migrations on a real PostgreSQL server started by the tests."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from edo_app.errors import StorageError
from edo_app.storage import DocumentQuery, DocumentRepository, open_database
from edo_app.storage.database import MIGRATION_LOCK_KEY
from tests.integration.postgres import PgServer
from tests.unit.storage.contract import RepositoryContract
from tests.unit.storage.migrations_check import altered_metadata, packages_survive_the_move, run_alembic, schema_diff

pytestmark = pytest.mark.postgres


class TestPostgresRepository(RepositoryContract):
    @pytest.fixture
    def url(self, pg_fresh_url: str) -> str:
        return pg_fresh_url


def test_migrated_schema_matches_the_models(pg_fresh_url: str) -> None:
    assert schema_diff(pg_fresh_url) == []


def test_the_comparison_notices_a_difference(pg_fresh_url: str) -> None:
    diff = schema_diff(pg_fresh_url, altered_metadata())
    assert [(d[0], d[3].name) for d in diff] == [("add_column", "extra")]


def test_downgrade_to_base_then_open_again(pg_fresh_url: str) -> None:
    run_alembic(pg_fresh_url, "downgrade", "base")
    db = open_database(pg_fresh_url)
    try:
        with db.engine.connect() as conn:
            functions = conn.execute(text("SELECT count(*) FROM pg_proc WHERE proname = 'edo_events_append_only'"))
            assert functions.scalar_one() == 1
    finally:
        db.close()
    assert schema_diff(pg_fresh_url) == []


def test_the_packages_move_to_their_own_tables_and_back(pg_fresh_url: str) -> None:
    packages_survive_the_move(pg_fresh_url)


def test_truncate_of_the_audit_log_is_refused(pg_fresh_url: str) -> None:
    db = open_database(pg_fresh_url)
    try:
        DocumentRepository(db).record_event("test", "тест")
        with pytest.raises(StorageError, match="Журнал событий нельзя"), db.session() as s:
            s.execute(text("TRUNCATE events"))
    finally:
        db.close()


def test_short_postgres_scheme_uses_psycopg(pg_server: PgServer, pg_fresh_url: str) -> None:
    url = pg_fresh_url.replace("postgresql+psycopg://", "postgres://")
    db = open_database(url)
    try:
        assert db.backend == "postgresql" and db.engine.dialect.driver == "psycopg"
    finally:
        db.close()


def test_missing_database_is_a_russian_storage_error(pg_server: PgServer) -> None:
    with pytest.raises(StorageError, match="Не удалось подключиться") as caught:
        open_database(pg_server.url("no_such_database"))
    assert "does not exist" not in str(caught.value)


def test_clients_opening_a_fresh_database_together_migrate_once(pg_fresh_url: str) -> None:
    """The advisory lock serialises migrations: both clients open, the schema exists once."""
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            open_database(pg_fresh_url).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db = open_database(pg_fresh_url)
    try:
        assert DocumentRepository(db).count(DocumentQuery()) == 0
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
            assert MIGRATION_LOCK_KEY > 0
    finally:
        db.close()


def test_value_errors_of_the_server_are_russian(pg_fresh_url: str) -> None:
    db = open_database(pg_fresh_url)
    try:
        with pytest.raises(StorageError, match="не помещается в поле") as caught, db.session() as s:
            s.execute(text("INSERT INTO counterparties (inn, kpp, name, edo_id, search_text) "
                           "VALUES ('1234567890123', '', 'x', '', 'x')"))
        assert "too long" not in str(caught.value)
    finally:
        db.close()
