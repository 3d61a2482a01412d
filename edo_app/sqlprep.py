"""Hot-path SQL: Core statements compiled once and run on the pooled connection's DBAPI cursor.

Through ``Connection.execute`` a small statement costs ~17 µs of SQLAlchemy bookkeeping (execution
context, parameter and result processing) while SQLite itself needs about one (bench/sync.py
profile); receiving one document runs tens of them on each side. A ``Prepared`` statement is
still written as a Core construct and compiled by SQLAlchemy, once per set of parameter names,
and runs on the same pooled connection and in the same transaction as the rest of the session.

On SQLite the values go through the column types' own bind and result processors (dates, JSON,
enums), so rows read back the same as through SQLAlchemy; a sqlite3 error is raised as
SQLAlchemy's matching ``DBAPIError`` so callers translate failures one way. Any other dialect
(PostgreSQL) runs the statement through ``Connection.execute`` unchanged.

Not for IN lists (``expanding`` parameters): those stay with ``Connection.execute``.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError, NoResultFound, StatementError
from sqlalchemy.sql.compiler import SQLCompiler

__all__ = ["Prepared"]

_NAMED = sqlite.dialect(paramstyle="named")  # the SQL text only; processors come from the live dialect
Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class _Form:
    """The statement compiled for one set of parameter names."""

    sql: str
    constants: dict[str, Any]
    binds: tuple[tuple[str, Processor], ...]  # (parameter, processor) for the typed ones
    results: tuple[Processor | None, ...]

    def params(self, values: Mapping[str, Any]) -> dict[str, Any]:
        params = {**self.constants, **values}
        for name, process in self.binds:
            if name in params:
                try:
                    params[name] = process(params[name])
                except Exception as exc:  # a value the column type refuses: SQLAlchemy's error, as it would say
                    raise StatementError(f"({type(exc).__name__}) {exc}", self.sql, values, exc) from exc
        return params

    def row(self, found: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(value if process is None else process(value) for value, process in zip(found, self.results,
                                                                                               strict=True))


class Prepared:
    """One statement; for a SELECT its rows have the column names as attributes."""

    def __init__(self, statement: sa.Executable) -> None:
        assert isinstance(statement, sa.ClauseElement), "a Core statement"
        self.statement = statement
        self._columns = [column.key for column in getattr(statement, "selected_columns", ())]
        self._row: Any = namedtuple("_Row", self._columns) if self._columns else None
        self._forms: dict[frozenset[str], _Form] = {}

    def run(self, conn: Connection, **values: Any) -> None:
        """An INSERT, UPDATE or DELETE."""
        if not _is_sqlite(conn):
            conn.execute(self.statement, values)
            return
        form = self._form(conn.dialect, values)
        self._execute(conn, form, form.params(values)).close()

    def insert(self, conn: Connection, **values: Any) -> Any:
        """An INSERT of one row; the new row's integer primary key."""
        if not _is_sqlite(conn):
            key = conn.execute(self.statement, values).inserted_primary_key
            assert key is not None, "an INSERT has a primary key"
            return key[0]
        form = self._form(conn.dialect, values)
        cursor = self._execute(conn, form, form.params(values))
        try:
            return cursor.lastrowid
        finally:
            cursor.close()

    def many(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """The statement once per row (all with the same names), in one executemany."""
        if not rows:
            return
        if not _is_sqlite(conn):
            conn.execute(self.statement, list(rows))
            return
        form = self._form(conn.dialect, rows[0])
        try:
            _raw(conn).executemany(form.sql, [form.params(row) for row in rows]).close()
        except sqlite3.Error as exc:
            raise _translated(exc, form.sql, rows) from exc

    def first(self, conn: Connection, **values: Any) -> Any:
        """The first row, or None."""
        if not _is_sqlite(conn):
            return conn.execute(self.statement, values).first()
        form = self._form(conn.dialect, values)
        cursor = self._execute(conn, form, form.params(values))
        try:
            found = cursor.fetchone()
        finally:
            cursor.close()  # resets the statement at once: no read stays open on the connection
        return None if found is None else self._make(form.row(found))

    def all(self, conn: Connection, **values: Any) -> list[Any]:
        """Every row."""
        if not _is_sqlite(conn):
            return list(conn.execute(self.statement, values))
        form = self._form(conn.dialect, values)
        cursor = self._execute(conn, form, form.params(values))
        try:
            return [self._make(form.row(found)) for found in cursor.fetchall()]
        finally:
            cursor.close()

    def one(self, conn: Connection, **values: Any) -> Any:
        """The first row; NoResultFound (as SQLAlchemy's ``one``) when there is none."""
        found = self.first(conn, **values)
        if found is None:
            raise NoResultFound("No row was found when one was required")
        return found

    def scalar(self, conn: Connection, **values: Any) -> Any:
        """The first column of the first row, or None."""
        found = self.first(conn, **values)
        return None if found is None else found[0]

    def _make(self, values: tuple[Any, ...]) -> Any:
        return values if self._row is None else self._row._make(values)

    def _execute(self, conn: Connection, form: _Form, params: Mapping[str, Any]) -> sqlite3.Cursor:
        try:
            return _raw(conn).execute(form.sql, params)
        except sqlite3.Error as exc:
            raise _translated(exc, form.sql, params) from exc

    def _form(self, dialect: Dialect, values: Mapping[str, Any]) -> _Form:
        names = frozenset(values)
        form = self._forms.get(names)
        if form is None:
            form = self._forms[names] = self._compile(dialect, sorted(names))
        return form

    def _compile(self, dialect: Dialect, keys: list[str]) -> _Form:
        statement = self.statement
        assert isinstance(statement, sa.ClauseElement)
        compiled = statement.compile(dialect=_NAMED, column_keys=keys)
        assert isinstance(compiled, SQLCompiler)
        assert not compiled.escaped_bind_names, "plain parameter names only"
        if compiled.insert_prefetch or compiled.update_prefetch:  # defaults computed in Python: not run here
            raise TypeError(f"give every column a value: {[*compiled.insert_prefetch, *compiled.update_prefetch]}")
        binds = tuple((name, process) for name, bind in compiled.binds.items()
                      if (process := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None)
        constants = {name: bind.value for name, bind in compiled.binds.items() if not bind.required}
        columns = getattr(self.statement, "selected_columns", ())
        results = tuple(column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns)
        return _Form(str(compiled), constants, binds, results)


def _is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def _raw(conn: Connection) -> sqlite3.Connection:
    """The pysqlite connection under ``conn`` (its ``execute`` makes a cursor)."""
    raw = conn.connection.driver_connection
    assert raw is not None, "a pooled connection has its DBAPI connection"
    return raw  # type: ignore[no-any-return]  # pysqlite's, typed Any by SQLAlchemy


def _translated(exc: sqlite3.Error, sql: str, params: Any) -> StatementError:
    return DBAPIError.instance(sql, params, exc, sqlite3.Error)
