"""The operator's own database: participants, messages (package ZIP bytes), event feeds, flow state.

SQLite in the data folder, WAL, written through SQLAlchemy Core. It is not the app's database:
its schema is created with ``create_all`` and stamped with a version in ``operator_meta``; an
unknown version refuses to open rather than guess (see docs/operator.md for why not alembic).

Writes go through one lock: the idempotency check by package_id, the flow decision and the
inserts of one accepted package happen as one step, so two concurrent sends of the same package
give one message. Event ids are the table's integer keys, so a cursor is stable and monotonic.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from edo_app.errors import InputError, StorageError
from edo_app.transport.base import EventKind, TransportEvent
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.flow import State, Step, Subject
from edo_app.transport.operator.participant_cache import ParticipantCache, count_changes, participant_from_row
from edo_app.transport.operator.tables import (
    FLOW_STATE,
    INSERT_EVENTS,
    INSERT_FLOW,
    INSERT_MESSAGES,
    MESSAGE_BY_ID,
    MESSAGE_BY_PACKAGE,
    PENDING_ANNULMENT,
    SUBJECT,
    events,
    files,
    messages,
    meta,
    operator_meta,
    participants,
)

__all__ = ["SCHEMA_VERSION", "Delivery", "Message", "Notice", "OperatorStore", "StoreSession", "StoredMessage"]

SCHEMA_VERSION = 2  # 2: flow_files.related (the ИдФайл a file answers), for open ПоА
DB_NAME = "operator.sqlite3"
_T = TypeVar("_T")

@dataclass(frozen=True)
class Message:
    """One package to store and deliver: the participant's own, or an operator confirmation."""

    message_id: str
    package_id: str
    sender: str
    recipient: str
    sha256: str
    data: bytes


@dataclass(frozen=True)
class Notice:
    """One event to append to ``owner``'s feed."""

    owner: str
    kind: EventKind
    message_id: str
    payload: dict[str, str]


@dataclass(frozen=True)
class Delivery:
    """Everything one accepted send writes, in one transaction."""

    accepted_at: datetime
    messages: tuple[Message, ...]
    notices: tuple[Notice, ...]
    subject: Subject | None = None  # the flow file this send creates
    updates: tuple[tuple[str, State], ...] = ()  # (ИдФайл, new state) of the files it answers


@dataclass(frozen=True)
class StoredMessage:
    message_id: str
    package_id: str
    sender: str
    recipient: str
    sha256: str
    accepted_at: datetime


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


class OperatorStore:
    """The operator's database. Thread-safe: SQLAlchemy's pool gives each thread a connection."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.write_lock = threading.RLock()
        self._participants = ParticipantCache()

    @classmethod
    def open(cls, folder: Path) -> OperatorStore:
        folder.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(f"sqlite:///{folder / DB_NAME}", connect_args={"check_same_thread": False})
        sa.event.listen(engine, "connect", _pragmas)
        store = cls(engine)
        store._prepare()
        return store

    @classmethod
    def in_memory(cls) -> OperatorStore:
        """A private database for unit tests (one shared connection)."""
        engine = sa.create_engine("sqlite://", poolclass=sa.StaticPool, connect_args={"check_same_thread": False})
        store = cls(engine)
        store._prepare()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def _prepare(self) -> None:
        with self._begin() as conn:
            meta.create_all(conn)
            count_changes(conn)
            found = conn.execute(sa.select(operator_meta.c.value).where(operator_meta.c.key == "schema")).scalar()
            if found is None:
                conn.execute(operator_meta.insert().values(key="schema", value=str(SCHEMA_VERSION)))
            elif found == "1":
                _upgrade_from_1(conn)
            elif found != str(SCHEMA_VERSION):
                raise StorageError(f"база оператора версии {found}, эта программа знает версию {SCHEMA_VERSION}")

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as exc:  # the prepared statements' sqlite3 errors arrive as these too
            raise StorageError(f"база данных оператора: {exc.__class__.__name__}: {exc}") from exc

    @contextmanager
    def session(self) -> Iterator[StoreSession]:
        """One pooled connection for the several reads (and at most one write) of a step; what is
        recorded is committed when the block ends, rolled back if it raises."""
        with self._begin() as conn:
            yield StoreSession(conn, self._participants)

    @contextmanager
    def write_session(self) -> Iterator[StoreSession]:
        """A session that holds the database's write lock from its first read to its commit, so a
        re-check, the flow's reads and the write that follows them are one step, also between
        several server processes on this database (``serve --workers``). The thread lock first:
        this process's threads queue on it instead of polling SQLite's busy handler."""
        with self.write_lock, self._begin() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield StoreSession(conn, self._participants)

    def _read(self, query: Callable[[Connection], _T]) -> _T:
        with self._begin() as conn:
            return query(conn)

    # --- participants -------------------------------------------------------------------------

    def add_participant(self, participant: Participant, token_hash: str) -> None:
        row = {"id": participant.participant_id, "inn": participant.inn, "kpp": participant.kpp,
               "name": participant.name, "token_hash": token_hash, "created": _iso(datetime.now(UTC))}
        with self.write_lock, self._begin() as conn:
            if conn.execute(sa.select(participants.c.id).where(participants.c.id == row["id"])).first():
                raise StorageError(f"участник {row['id']} уже зарегистрирован")
            conn.execute(participants.insert().values(**row))  # the triggers count the change

    def replace_token(self, participant_id: str, token_hash: str) -> None:
        """The box's new token: the old one is refused from the next request on."""
        with self.write_lock, self._begin() as conn:
            done = conn.execute(participants.update().where(participants.c.id == participant_id)
                                .values(token_hash=token_hash))
            if done.rowcount != 1:
                raise InputError(f"участник {participant_id} не зарегистрирован у оператора", "id")

    def participant_by_token(self, token_hash: str) -> Participant | None:
        with self.session() as session:
            return session.participant_by_token(token_hash)

    def participant(self, participant_id: str) -> Participant | None:
        with self.session() as session:
            return session.participant(participant_id)

    def participants(self, inn: str | None = None, kpp: str | None = None) -> list[Participant]:
        query = sa.select(participants).order_by(participants.c.id)
        if inn:
            query = query.where(participants.c.inn == inn)
        if kpp:
            query = query.where(participants.c.kpp == kpp)
        return [participant_from_row(row) for row in self._read(lambda conn: conn.execute(query).all())]

    # --- messages and events ------------------------------------------------------------------

    def message_by_package(self, package_id: str) -> StoredMessage | None:
        with self.session() as session:
            return session.message_by_package(package_id)

    def message(self, message_id: str) -> StoredMessage | None:
        return _stored(self._read(lambda conn: conn.execute(MESSAGE_BY_ID, {"value": message_id}).first()))

    def message_data(self, message_id: str) -> bytes | None:
        query = sa.select(messages.c.data).where(messages.c.message_id == message_id)
        data = self._read(lambda conn: conn.execute(query).scalar())
        return bytes(data) if data is not None else None

    def subject(self, file_id: str) -> Subject | None:
        with self.session() as session:
            return session.subject(file_id)

    def pending_annulment(self, file_id: str) -> Subject | None:
        """The ПоА of ``file_id`` still waiting for the counterparty's answer, if any."""
        with self.session() as session:
            return session.pending_annulment(file_id)

    def record(self, delivery: Delivery) -> None:
        """Write one accepted send in a step of its own (tests; the server writes in ``write_session``)."""
        with self.write_session() as session:
            session.record(delivery)

    def events(self, owner: str, after: int, limit: int) -> list[TransportEvent]:
        query = (sa.select(events).where(events.c.owner == owner, events.c.id > after)
                 .order_by(events.c.id).limit(limit))
        return [_event(row) for row in self._read(lambda conn: conn.execute(query).all())]

    def last_event_id(self) -> int:
        return int(self._read(lambda conn: conn.execute(sa.select(sa.func.max(events.c.id))).scalar()) or 0)

    def acknowledge(self, owner: str, event_ids: list[int]) -> bool:
        """Mark the events handled, all or none; False when ``owner`` lacks any of them."""
        with self._begin() as conn:
            mine = events.c.owner == owner
            known = conn.execute(sa.select(sa.func.count()).where(mine, events.c.id.in_(event_ids))).scalar()
            if known != len(event_ids):
                return False
            conn.execute(events.update().where(mine, events.c.id.in_(event_ids)).values(acked=True))
            return True

    def messages_data(self, party: str, message_ids: list[str]) -> list[tuple[str, bytes]]:
        """(message id, ZIP bytes) of those messages ``party`` sent or receives, in the order asked."""
        if not message_ids:
            return []
        query = sa.select(messages.c.message_id, messages.c.data).where(
            messages.c.message_id.in_(message_ids), sa.or_(messages.c.recipient == party, messages.c.sender == party))
        rows = {row[0]: bytes(row[1]) for row in self._read(lambda conn: conn.execute(query).all())}
        return [(m, rows[m]) for m in message_ids if m in rows]

    def counts(self) -> dict[str, int]:
        def count(table: sa.Table) -> Callable[[Connection], int]:
            return lambda conn: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)
        return {"participants": self._read(count(participants)), "messages": self._read(count(messages)),
                "events": self._read(count(events))}


class StoreSession:
    """The queries of one send on one connection (``OperatorStore.session``), as prepared statements
    (edo_app/sqlprep.py): a pool checkout, a transaction and SQLAlchemy's bookkeeping per query cost more
    than the queries themselves. In a read session each read sees the latest committed data
    (pysqlite opens a transaction only at a write); a write session holds the write lock throughout."""

    def __init__(self, conn: Connection, cache: ParticipantCache) -> None:
        self._conn = conn
        self._cache = cache
        self._version: str | None = None  # the participants' change counter, read once per session

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested step: released when the block ends, rolled back to (alone) if it raises."""
        self._conn.exec_driver_sql("SAVEPOINT step")
        try:
            yield
        except BaseException:
            self._conn.exec_driver_sql("ROLLBACK TO SAVEPOINT step")
            self._conn.exec_driver_sql("RELEASE SAVEPOINT step")
            raise
        self._conn.exec_driver_sql("RELEASE SAVEPOINT step")

    @property
    def connection(self) -> Connection:
        """The session's connection, for statements other modules run in the same step (retention.py)."""
        return self._conn

    def participant(self, participant_id: str) -> Participant | None:
        return self._cache.by_id(self._conn, self._participants_version(), participant_id)

    def participant_by_token(self, token_hash: str) -> Participant | None:
        return self._cache.by_token(self._conn, self._participants_version(), token_hash)

    def _participants_version(self) -> str:
        if self._version is None:
            self._version = self._cache.refresh(self._conn)
        return self._version

    def message_by_package(self, package_id: str) -> StoredMessage | None:
        return _stored(MESSAGE_BY_PACKAGE.first(self._conn, value=package_id))

    def subject(self, file_id: str) -> Subject | None:
        row = SUBJECT.first(self._conn, value=file_id)
        return None if row is None else _subject(row)

    def pending_annulment(self, file_id: str) -> Subject | None:
        """The ПоА of ``file_id`` still waiting for the counterparty's answer, if any."""
        row = PENDING_ANNULMENT.first(self._conn, value=file_id)
        return None if row is None else _subject(row)

    def record(self, delivery: Delivery) -> None:
        """Write one accepted send, committed when the session ends; the caller is in a
        ``write_session`` (its checks, this and the commit under the database's write lock)."""
        at = _iso(delivery.accepted_at)
        INSERT_MESSAGES.many(self._conn, [
            {"message_id": m.message_id, "package_id": m.package_id, "sender": m.sender, "recipient": m.recipient,
             "sha256": m.sha256, "accepted_at": at, "data": m.data} for m in delivery.messages])
        INSERT_EVENTS.many(self._conn, [
            {"owner": n.owner, "kind": n.kind.value, "message_id": n.message_id, "at": at,
             "payload": json.dumps(n.payload, ensure_ascii=False, sort_keys=True), "acked": False}
            for n in delivery.notices])
        _write_flow(self._conn, delivery)


def _write_flow(conn: Connection, delivery: Delivery) -> None:
    subject = delivery.subject
    if subject is not None:
        INSERT_FLOW.many(conn, [{
            "file_id": subject.file_id, "message_id": delivery.messages[0].message_id, "sender": subject.sender,
            "recipient": subject.recipient, "step": subject.step.value, "function": subject.function,
            "state": subject.state.value, "related": subject.related or None}])
    if delivery.updates:
        FLOW_STATE.many(conn, [{"b_file_id": file_id, "b_state": state.value} for file_id, state in delivery.updates])


def _stored(row: Any) -> StoredMessage | None:
    if row is None:
        return None
    return StoredMessage(row[0], row[1], row[2], row[3], row[4], datetime.fromisoformat(row[5]))


def _subject(row: Any) -> Subject:
    return Subject(row.file_id, row.sender, row.recipient, Step(row.step), row.function, State(row.state),
                   row.related or "")


def _upgrade_from_1(conn: Connection) -> None:
    """Version 1 kept no ``related`` and marked a proposed annulment on the document itself
    ("annul_proposed"): such documents become open again (their ПоА cannot be found)."""
    conn.execute(sa.text("ALTER TABLE flow_files ADD COLUMN related VARCHAR(300)"))
    conn.execute(sa.text("CREATE INDEX IF NOT EXISTS ix_flow_files_related ON flow_files (related, step, state)"))
    conn.execute(files.update().where(files.c.state == "annul_proposed").values(state=State.SENT.value))
    conn.execute(operator_meta.update().where(operator_meta.c.key == "schema").values(value=str(SCHEMA_VERSION)))


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a receipt given out must survive a power cut too
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA temp_store=MEMORY")  # a batch's savepoints journal in memory, not in temp files
    cursor.execute("PRAGMA wal_autocheckpoint=10000")  # fewer checkpoints write each page less often (38 → 24 MB)
    cursor.close()


def _event(row: Any) -> TransportEvent:
    payload = json.loads(row.payload)
    return TransportEvent(str(row.id), EventKind(row.kind), row.message_id, datetime.fromisoformat(row.at), payload)
