"""The statements of a send, compiled once for SQLite and run on the pooled connection's DBAPI cursor.

Through ``Connection.execute`` every statement paid SQLAlchemy's per-call bookkeeping (execution
context, parameter and result processing, ~15 µs), which made up half of the store's CPU per
accepted package while SQLite itself needs a few µs. The statements are still written as Core
constructs (tables.py) and compiled by SQLAlchemy, once, at import; they run on the same pooled
connection and in the same transaction as the rest of the session (a write session opens it with
BEGIN IMMEDIATE, pysqlite otherwise at the first INSERT or UPDATE; the session's commit ends it).
No type processing is applied, so only columns of plain types (text, integer, blob, boolean as 0/1)
belong in these statements.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.sql.compiler import SQLCompiler

__all__ = ["Prepared"]

_DIALECT = sqlite.dialect(paramstyle="named")


class Prepared:
    """One statement: its SQL text, the constants bound when it was built, and for a SELECT a row
    type with the column names as attributes (like SQLAlchemy's rows)."""

    def __init__(self, statement: sa.ClauseElement, keys: Sequence[str] | None = None) -> None:
        compiled = statement.compile(dialect=_DIALECT, column_keys=list(keys) if keys else None)
        assert isinstance(compiled, SQLCompiler)
        self.sql = str(compiled)
        self._constants = {name: bind.value for name, bind in compiled.binds.items() if not bind.required}
        columns = [column.key for column in getattr(statement, "selected_columns", ())]
        self._row: Any = namedtuple("_Row", columns) if columns else None  # fields known at run time

    def first(self, conn: Connection, **values: Any) -> Any:
        """The first row (attributes named as the columns), or None."""
        assert self._row is not None, "first() is for SELECT statements"
        found = self._fetch_one(conn, values)
        return None if found is None else self._row._make(found)

    def scalar(self, conn: Connection, **values: Any) -> Any:
        found = self._fetch_one(conn, values)
        return None if found is None else found[0]

    def many(self, conn: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
        """The statement once per row, in one executemany."""
        _cursor(conn).executemany(self.sql, [self._params(row) for row in rows]).close()

    def _fetch_one(self, conn: Connection, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        cursor = _cursor(conn).execute(self.sql, self._params(values))
        try:
            found: tuple[Any, ...] | None = cursor.fetchone()
            return found
        finally:
            cursor.close()  # resets the statement at once: no read transaction stays open on the connection

    def _params(self, values: Mapping[str, Any]) -> Mapping[str, Any]:
        return {**self._constants, **values} if self._constants else values


def _cursor(conn: Connection) -> sqlite3.Connection:
    """The pysqlite connection under ``conn`` (its ``execute`` makes a cursor)."""
    raw = conn.connection.driver_connection
    assert raw is not None, "a pooled connection has its DBAPI connection"
    return raw  # type: ignore[no-any-return]  # pysqlite's, typed Any by SQLAlchemy
