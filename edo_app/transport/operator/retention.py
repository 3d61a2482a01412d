"""How long the operator keeps what it delivered: ``edo operator purge --older-than DAYS``.

Without it the database only grows: every package's bytes and every event stay forever. A purge
removes what nobody can still need:

- events older than the cut-off that their box acknowledged, except the newest event of all: SQLite
  gives a new row the largest id plus one, so keeping the largest keeps ids (cursors) rising;
- the bytes of packages older than the cut-off that no remaining event announces.

It keeps each message's row (ids, sender, recipient, SHA-256, time): a resend of an old package
still gets its first receipt, not a second delivery. It keeps the flow's state (flow_files), so an
answer or an annulment of an old document is still judged by the flow. A purged package asked for
by id is «удалён по сроку хранения». The work goes in steps of ``STEP`` rows, each its own write
session, so a running server waits at most one step for its writes. Free pages are reused by
SQLite; the file does not shrink (``VACUUM`` it while the server is stopped, if needed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from edo_app.transport.operator.store import OperatorStore
from edo_app.transport.operator.tables import events, messages

__all__ = ["PURGED", "STEP", "Purged", "purge"]

STEP = 5000  # rows per write session
PURGED = b""  # what a purged package's bytes are replaced with
_Step = Callable[[sa.Connection], int]


@dataclass(frozen=True)
class Purged:
    events: int
    packages: int


def purge(store: OperatorStore, before: datetime) -> Purged:
    """Remove acknowledged events and unannounced package bytes older than ``before`` (aware)."""
    cutoff = before.astimezone(UTC).isoformat()
    removed = _in_steps(store, lambda conn: _old_events(conn, cutoff))
    dropped = _in_steps(store, lambda conn: _old_packages(conn, cutoff))
    return Purged(removed, dropped)


def _in_steps(store: OperatorStore, step: _Step) -> int:
    total = 0
    while True:
        with store.write_session() as session:
            done = step(session.connection)
        total += done
        if done < STEP:
            return total


def _old_events(conn: sa.Connection, cutoff: str) -> int:
    newest = sa.select(sa.func.max(events.c.id)).scalar_subquery()
    chosen = (sa.select(events.c.id).where(events.c.acked.is_(True), events.c.at < cutoff, events.c.id < newest)
              .limit(STEP))
    return int(conn.execute(events.delete().where(events.c.id.in_(chosen))).rowcount)


def _old_packages(conn: sa.Connection, cutoff: str) -> int:
    announced = sa.select(events.c.message_id)
    chosen = (sa.select(messages.c.seq).where(messages.c.accepted_at < cutoff, messages.c.data != PURGED,
                                              messages.c.message_id.not_in(announced)).limit(STEP))
    return int(conn.execute(messages.update().where(messages.c.seq.in_(chosen)).values(data=PURGED)).rowcount)

