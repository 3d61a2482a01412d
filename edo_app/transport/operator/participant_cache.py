"""Participants held in memory between requests, checked against a change counter in the database.

Every request looks a participant up by its token (authentication) and every send its recipient
and, for the ПДП/ПДО, both sides. The rows may change in another process (the ``edo operator``
CLI, or an administrator's SQL), so the cache cannot trust itself: each store session (one per
request or step of a send) first reads the ``participants_version`` row of ``operator_meta`` and
drops everything it holds when the number moved. The number is raised by triggers on the
``participants`` table (``count_changes``), inside the transaction of any insert, update or delete,
whoever makes it. A renewed token, or a row edited by hand, is therefore seen on the very next
request, as without the cache; what is saved is the row query and building (and validating) a
``Participant``. The triggers are created when a store is opened (``IF NOT EXISTS``), so a store
made before them gets them without a schema version of its own.

Only found participants are kept: an unknown token or id is asked of the database every time.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy.engine import Connection

from edo_app.sqlprep import Prepared
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.tables import BY_ID, BY_TOKEN, PARTICIPANTS_VERSION, VERSION_KEY

__all__ = ["ParticipantCache", "count_changes", "participant_from_row"]


class ParticipantCache:
    """Participants by id and by token hash, valid for one value of the change counter."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: str | None = None  # None: nothing read yet
        self._by_id: dict[str, Participant] = {}
        self._by_token: dict[str, Participant] = {}

    def refresh(self, conn: Connection) -> str:
        """Read the change counter, forgetting everything held if it moved; lookups then name it."""
        version = PARTICIPANTS_VERSION.scalar(conn) or ""
        with self._lock:
            if version != self._version:
                self._by_id.clear()
                self._by_token.clear()
                self._version = version
        return version

    def by_id(self, conn: Connection, version: str, participant_id: str) -> Participant | None:
        return self._lookup(conn, version, self._by_id, BY_ID, participant_id)

    def by_token(self, conn: Connection, version: str, token_hash: str) -> Participant | None:
        return self._lookup(conn, version, self._by_token, BY_TOKEN, token_hash)

    def _lookup(self, conn: Connection, version: str, held: dict[str, Participant], query: Prepared,
                key: str) -> Participant | None:
        """``version`` was read (``refresh``) before this: the row read here is at least as new."""
        with self._lock:  # entries are only ever added under the counter they were read at
            found = held.get(key) if self._version == version else None
        if found is not None:
            return found
        row = query.first(conn, value=key)
        if row is None:
            return None
        participant = participant_from_row(row)
        with self._lock:
            if self._version == version:  # another thread saw a newer counter meanwhile: keep nothing
                self._by_id[row.id] = participant
                self._by_token[row.token_hash] = participant
        return participant


def participant_from_row(row: Any) -> Participant:
    return Participant(row.id, row.inn, row.kpp, row.name)


_TRIGGER = """CREATE TRIGGER IF NOT EXISTS participants_counted_{name} AFTER {event} ON participants BEGIN
    INSERT INTO operator_meta (key, value) VALUES ('{key}', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);
END"""


def count_changes(conn: Connection) -> None:
    """Make every change of the participants table raise the counter, in the transaction that makes it."""
    for event in ("INSERT", "UPDATE", "DELETE"):
        conn.exec_driver_sql(_TRIGGER.format(name=event.lower(), event=event, key=VERSION_KEY))
