"""Opening the database: engine, connection settings, migrations to head, sessions.

SQLite (the default, one file in the user's data dir) runs in WAL mode so the UI can read while
a background sync writes; PostgreSQL (``postgresql://...``) serves a shared office database.
Alembic (~0.1 s of imports) loads only when the schema is not at the newest migration.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from edo_app.errors import StorageError
from edo_app.storage.failures import storage_error

SQLITE_BUSY_TIMEOUT_MS = 5000
MIGRATIONS = "edo_app.storage:migrations"
# Key of the PostgreSQL advisory lock held while migrating: two clients opening a fresh shared
# database at once must not both create the tables.
MIGRATION_LOCK_KEY = 0x4544_4F00
VERSIONS_DIR = Path(__file__).parent / "migrations" / "versions"  # shipped as files in the bundle too
VERSION_TABLE = "alembic_version"
# ``revision = "0007"`` / ``down_revision: str | None = "0006"`` lines of a migration script.
_REVISION_LINE = re.compile(r'^(revision|down_revision)\b[^=\n]*=\s*"([^"]+)"', re.MULTILINE)


class Database:
    """An open database. ``session()`` is one transaction; ``close()`` releases connections."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._closed = False
        self._unit = threading.local()  # the session of this thread's open unit of work, if any

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Commit when the block ends normally, roll back on any exception.

        Database failures leave as StorageError; the project's own errors pass unchanged.
        """
        if self._closed:
            raise StorageError("База данных закрыта")
        current: Session | None = getattr(self._unit, "session", None)
        if current is not None:  # inside unit_of_work(): committed (or rolled back) with it
            yield current
            return
        try:
            with self._sessions.begin() as session:
                yield session
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc

    @contextmanager
    def unit_of_work(self) -> Iterator[None]:
        """Every ``session()`` this thread opens inside the block joins one transaction, committed
        when the block ends normally and rolled back as a whole on any exception. Reads inside
        see the block's own writes. Used where many small steps must land together (a page of
        received events: documents, statuses, answers and the cursor)."""
        if getattr(self._unit, "session", None) is not None:
            yield  # already inside one: the outer unit decides
            return
        with self.session() as session:
            self._unit.session = session
            try:
                yield
            finally:
                self._unit.session = None

    def close(self) -> None:
        self._closed = True
        self._engine.dispose()


def open_database(url: str) -> Database:
    """Connect to ``url`` (``sqlite:///path`` or ``postgresql://...``) and migrate it to head."""
    parsed = _parse_url(url)
    try:
        engine = _create_engine(parsed)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StorageError(_driver_hint(parsed)) from exc
    try:
        _upgrade(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise storage_error(exc) from exc
    except StorageError:
        engine.dispose()
        raise
    return Database(engine)


def _parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError("Адрес базы данных не распознан: ожидается sqlite:///путь или postgresql://...") from exc
    backend = parsed.get_backend_name()
    if backend == "postgres":  # the short scheme of Heroku-style URLs
        parsed = parsed.set(drivername="postgresql")
        backend = "postgresql"
    if backend not in ("sqlite", "postgresql"):
        raise StorageError(f"База данных «{backend}» не поддерживается: используйте SQLite или PostgreSQL")
    if backend == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the one we ship
    return parsed


def _driver_hint(url: URL) -> str:
    if url.get_backend_name() == "postgresql":
        return "Для PostgreSQL нужен пакет psycopg: установите edo-app[postgres]"
    return "Не удалось подготовить подключение к базе данных: проверьте адрес"


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    return _sqlite_engine(url)


def _sqlite_engine(url: URL) -> Engine:
    in_memory = url.database in (None, "", ":memory:")
    if not in_memory:
        Path(url.database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
    # The pool hands a connection to one thread at a time, so sqlite3's thread check is moot;
    # an in-memory database exists only inside its single connection.
    options: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if in_memory:
        options["poolclass"] = StaticPool
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from sqlite3 (it skips BEGIN before DDL and SELECT), so a
    # migration or a read is a real transaction; SQLAlchemy emits BEGIN in _on_sqlite_begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no committed page
        cursor.execute("PRAGMA temp_store=MEMORY")  # statement journals too: no temp file per large statement
        # Checkpoint every 40 MB of WAL, not 4 MB: a page changed by many commits meanwhile reaches
        # the database file once (bench/sync.py --parallel, 1,000 documents: both clients wrote 126 MB into
        # their database files, now 73–77 MB)
        cursor.execute("PRAGMA wal_autocheckpoint=10000")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def _upgrade(engine: Engine) -> None:
    """Migrate to head inside one transaction (DDL is transactional on both backends)."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        if not at_head(connection):
            _migrate(connection)


def at_head(connection: Connection) -> bool:
    """True when the database records exactly the newest migration (the usual start): no alembic then."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return False
    stored = {row[0] for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}
    return bool(stored) and stored == known_heads()


@functools.cache
def known_heads() -> frozenset[str]:
    """The newest revision(s) of the shipped migration scripts, read from their text (not imported:
    they import alembic). Empty when nothing is recognised: then alembic itself decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in VERSIONS_DIR.glob("*.py"):
        for name, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8")):
            (revisions if name == "revision" else parents).add(value)
    return frozenset(revisions - parents)


def _migrate(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    try:
        command.upgrade(config, "head")
    except CommandError as exc:  # an unknown revision: a newer edo-app made this database
        raise StorageError(
            "Схема базы данных не распознана: возможно, база создана более новой версией edo-app"
        ) from exc
