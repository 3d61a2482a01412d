"""edo_app.sqlprep: prepared statements read and write exactly what SQLAlchemy would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, NoResultFound

from edo_app import sqlprep
from edo_app.model.kinds import DocumentStatus
from edo_app.sqlprep import Prepared
from edo_app.storage.models.base import Money, UtcDateTime, string_enum

META = sa.MetaData()
ITEMS = sa.Table(
    "items", META,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(40), nullable=False, unique=True),
    sa.Column("status", string_enum(DocumentStatus), nullable=False),
    sa.Column("at", UtcDateTime, nullable=True),
    sa.Column("payload", sa.JSON, nullable=True),
    sa.Column("flag", sa.Boolean, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=True),
    sa.Column("amount", Money, nullable=True),
)
WITH_DEFAULT = sa.Table("defaults", META, sa.Column("id", sa.Integer, primary_key=True),
                        sa.Column("made", sa.String(10), default=lambda: "python"))

INSERT = Prepared(ITEMS.insert())
BY_NAME = Prepared(sa.select(ITEMS).where(ITEMS.c.name == sa.bindparam("wanted")))
FLAGGED = Prepared(sa.select(ITEMS.c.name).where(ITEMS.c.flag == sa.true(), ITEMS.c.name != "skip")
                   .order_by(ITEMS.c.id).limit(1))
UPDATE = Prepared(ITEMS.update().where(ITEMS.c.name == sa.bindparam("wanted")))
AT = datetime(2026, 11, 24, 9, 30, 15, 123456, tzinfo=UTC)
ROW = {"name": "first", "status": DocumentStatus.SIGNED, "at": AT, "payload": {"ключ": ["значение", 1]},
       "flag": True, "data": b"\x00\x01", "amount": Decimal("12.34")}


@pytest.fixture(params=["prepared", "sqlalchemy"])
def conn(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sa.Connection]:
    """The SQLite fast path, and the Connection.execute path other dialects take (forced here)."""
    if request.param == "sqlalchemy":
        monkeypatch.setattr(sqlprep, "_is_sqlite", lambda _conn: False)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    META.create_all(engine)
    with engine.begin() as connection:
        yield connection
    engine.dispose()


def test_a_row_written_and_read_matches_what_sqlalchemy_reads(conn: sa.Connection) -> None:
    INSERT.run(conn, **ROW)
    INSERT.many(conn, [{**ROW, "name": "second", "at": None, "payload": None, "flag": False, "data": None,
                        "amount": None}])
    found = BY_NAME.one(conn, wanted="first")
    assert found == conn.execute(sa.select(ITEMS).where(ITEMS.c.name == "first")).one()
    assert (found.status, found.at, found.payload, found.flag, found.data, found.amount) == (
        DocumentStatus.SIGNED, AT, {"ключ": ["значение", 1]}, True, b"\x00\x01", Decimal("12.34"))
    second = BY_NAME.first(conn, wanted="second")
    assert (second.at, second.payload, second.flag, second.data, second.amount) == (None, None, False, None, None)
    assert BY_NAME.first(conn, wanted="nobody") is None
    assert FLAGGED.scalar(conn) == "first"  # constants (true, "skip", the limit) bound as compiled


def test_insert_gives_the_new_rows_key(conn: sa.Connection) -> None:
    first = INSERT.insert(conn, **ROW)
    second = INSERT.insert(conn, **{**ROW, "name": "second"})
    assert second == first + 1
    assert BY_NAME.one(conn, wanted="second").id == second
    with pytest.raises(IntegrityError):  # refused as any other statement; the key is not made up
        INSERT.insert(conn, **ROW)


def test_updates_set_only_the_columns_given(conn: sa.Connection) -> None:
    INSERT.run(conn, **ROW)
    UPDATE.run(conn, wanted="first", status=DocumentStatus.REJECTED)
    UPDATE.run(conn, wanted="first", flag=False, at=None)  # another set of names: compiled on its own
    found = BY_NAME.one(conn, wanted="first")
    assert (found.status, found.flag, found.at, found.amount) == (DocumentStatus.REJECTED, False, None,
                                                                  Decimal("12.34"))


def test_a_constraint_failure_is_sqlalchemys_error(conn: sa.Connection) -> None:
    INSERT.run(conn, **ROW)
    with pytest.raises(IntegrityError, match="UNIQUE"):
        INSERT.run(conn, **ROW)
    with pytest.raises(IntegrityError, match="UNIQUE"):
        INSERT.many(conn, [{**ROW, "name": "other"}, {**ROW, "name": "other"}])


def test_one_without_a_row_raises_as_sqlalchemy_does(conn: sa.Connection) -> None:
    with pytest.raises(NoResultFound):
        BY_NAME.one(conn, wanted="nobody")


def test_a_naive_datetime_is_refused_by_the_column_type(conn: sa.Connection) -> None:
    with pytest.raises(sa.exc.StatementError, match="naive"):
        INSERT.run(conn, **{**ROW, "at": datetime(2026, 1, 1)})  # naive: the mistake under test


def test_a_column_defaulted_in_python_must_be_given(tmp_path: Path) -> None:
    """The fast path runs no Python-side defaults (Connection.execute computes them): it refuses."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    META.create_all(engine)
    with engine.begin() as connection, pytest.raises(TypeError, match="made"):
        Prepared(WITH_DEFAULT.insert()).run(connection, id=1)
    engine.dispose()
