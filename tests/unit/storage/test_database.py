"""open_database on SQLite: connection settings, failures as StorageError, sessions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from edo_app.errors import StorageError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.storage import DocumentQuery, DocumentRepository, database, open_database
from tests.unit.storage.factories import CONTENT, REPORT_OK, summary


def pragma(db: database.Database, name: str) -> object:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "edo.sqlite3"  # missing folders are created
    db = open_database(f"sqlite:///{path}")
    try:
        assert pragma(db, "journal_mode") == "wal"
        assert pragma(db, "foreign_keys") == 1
        assert pragma(db, "busy_timeout") == database.SQLITE_BUSY_TIMEOUT_MS
        assert pragma(db, "synchronous") == 1  # NORMAL
        assert pragma(db, "temp_store") == 2  # MEMORY: statement journals are not spilled to temp files
        assert pragma(db, "wal_autocheckpoint") == 10000
        DocumentRepository(db).add_document(summary(), CONTENT, Direction.OUTGOING, DocumentStatus.DRAFT,
                                            REPORT_OK)
        assert path.with_name(path.name + "-wal").exists()
    finally:
        db.close()
    with sqlite3.connect(path) as raw:  # WAL is a property of the file: other programs see it too
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_foreign_keys_are_enforced(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    try:
        with pytest.raises(StorageError, match="отсутствующий документ"), db.session() as s:
            s.execute(text("INSERT INTO document_contents (document_id, content) VALUES (999, x'00')"))
    finally:
        db.close()


def test_reopening_keeps_the_data_and_the_schema(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    doc_id = DocumentRepository(db).add_document(summary(), CONTENT, Direction.OUTGOING,
                                                 DocumentStatus.DRAFT, REPORT_OK)
    db.close()
    db = open_database(sqlite_url)
    try:
        assert DocumentRepository(db).get(doc_id).content == CONTENT
    finally:
        db.close()


def test_in_memory_database_works() -> None:
    db = open_database("sqlite://")
    try:
        repo = DocumentRepository(db)
        repo.add_document(summary(), CONTENT, Direction.OUTGOING, DocumentStatus.DRAFT, REPORT_OK)
        assert repo.count(DocumentQuery()) == 1
    finally:
        db.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("не адрес", "Адрес базы данных не распознан"),
        ("mysql://user@localhost/edo", "«mysql» не поддерживается"),
        ("postgresql://postgres@/edo?host=/nonexistent-socket-dir&port=1", "Не удалось подключиться"),
    ],
)
def test_unusable_urls_are_storage_errors(url: str, message: str) -> None:
    with pytest.raises(StorageError, match=message):
        open_database(url)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "edo.sqlite3"
    path.write_bytes(b"this is a text file, not SQLite " * 100)
    with pytest.raises(StorageError, match="не является базой данных") as caught:
        open_database(f"sqlite:///{path}")
    assert "file is not a database" not in str(caught.value)


def test_a_database_from_a_newer_version_is_refused(sqlite_url: str) -> None:
    open_database(sqlite_url).close()
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError, match="более новой версией"):
        open_database(sqlite_url)


def test_a_locked_database_is_reported_in_russian(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 50)
    db = open_database(sqlite_url)
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        with pytest.raises(StorageError, match="занята другой программой"):
            DocumentRepository(db).add_document(summary(), CONTENT, Direction.OUTGOING,
                                                DocumentStatus.DRAFT, REPORT_OK)
        holder.execute("ROLLBACK")
        assert DocumentRepository(db).count(DocumentQuery()) == 0
    finally:
        holder.close()
        db.close()


def test_a_closed_database_refuses_work(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    db.close()
    with pytest.raises(StorageError, match="закрыта"):
        DocumentRepository(db).count(DocumentQuery())


def test_a_unit_of_work_lands_whole_or_not_at_all(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    repo = DocumentRepository(db)
    try:
        with pytest.raises(RuntimeError), db.unit_of_work():
            first = repo.add_document(summary(number="U-1"), CONTENT, Direction.OUTGOING, DocumentStatus.DRAFT,
                                      REPORT_OK)
            assert repo.get(first).summary.number == "U-1"  # reads inside see the unit's own writes
            raise RuntimeError("a crash half-way")
        assert repo.count(DocumentQuery()) == 0
        with db.unit_of_work(), db.unit_of_work():  # nested: one transaction
            for n in (2, 3):
                repo.add_document(summary(n), CONTENT, Direction.OUTGOING, DocumentStatus.DRAFT,
                                  REPORT_OK)
        assert repo.count(DocumentQuery()) == 2
    finally:
        db.close()
