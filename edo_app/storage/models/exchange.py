"""The exchange: outbox, inbox, feed cursors and document ↔ message links."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from edo_app.storage.models.base import (
    PARTICIPANT_LENGTH,
    Base,
    UtcDateTime,
)

# --- Exchange (outbox, inbox, cursors, document ↔ message links) -------------------------------
MESSAGE_ID_LENGTH = 255  # the operator's own ids: opaque, kept generous


class OutboxRecord(Base):
    """A package to send; its exact ZIP bytes are in ``OutboxPackageRecord``: a resend after a
    crash or a lost answer must be byte-identical, or the operator's idempotency by
    ``package_id`` refuses it.

    ``state``: pending → sending → sent, or failed (not retryable); ``sending`` left behind by
    a crash is sent again with the same package_id, which the transport answers with the
    same receipt.
    """

    __tablename__ = "exchange_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))  # document, ИОП, УОУ, ПоА, ...
    recipient: Mapped[str] = mapped_column(String(PARTICIPANT_LENGTH))
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(MESSAGE_ID_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


Index("ix_exchange_outbox_due", OutboxRecord.state, OutboxRecord.next_attempt_at)


# The packages (~6 KB each) live in tables of their own, written once (migration r0011). In the
# row of the outbox or inbox, every change of state rewrote the package with it: SQLite writes a
# changed row anew, its overflow pages too.
class OutboxPackageRecord(Base):
    """The exact ZIP bytes of an outbox row's package."""

    __tablename__ = "exchange_outbox_packages"

    outbox_id: Mapped[int] = mapped_column(ForeignKey("exchange_outbox.id", ondelete="CASCADE"), primary_key=True,
                                           autoincrement=False)
    package: Mapped[bytes] = mapped_column(LargeBinary)


class InboxRecord(Base):
    """One event of the operator's feed, stored before it is acknowledged, with its package
    (``InboxPackageRecord``; none for status events and unreadable packages).

    Unique by ``event_id``: a page fetched again after a crash adds nothing. ``state``:
    received → processed, or failed with the Russian ``error``; ``acknowledged`` tells
    whether the operator has been told (done after the processing commits).
    """

    __tablename__ = "exchange_inbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(MESSAGE_ID_LENGTH), unique=True)
    message_id: Mapped[str] = mapped_column(String(MESSAGE_ID_LENGTH), index=True)
    event_kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), index=True)
    acknowledged: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    processed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class InboxPackageRecord(Base):
    """The ZIP bytes of a received event's package, as fetched."""

    __tablename__ = "exchange_inbox_packages"

    inbox_id: Mapped[int] = mapped_column(ForeignKey("exchange_inbox.id", ondelete="CASCADE"), primary_key=True,
                                          autoincrement=False)
    package: Mapped[bytes] = mapped_column(LargeBinary)


class CursorRecord(Base):
    """Where the event feed of one transport and participant was read up to."""

    __tablename__ = "exchange_cursors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    transport: Mapped[str] = mapped_column(String(64))
    participant: Mapped[str] = mapped_column(String(PARTICIPANT_LENGTH))
    cursor: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("transport", "participant"),)


class ExchangeLinkRecord(Base):
    """A document's place in the exchange: the counterparty's box, the package and the
    operator's message that carried it, and a pending annulment (``annulment``: "" / "ours" /
    "theirs")."""

    __tablename__ = "exchange_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    counterparty: Mapped[str] = mapped_column(String(PARTICIPANT_LENGTH))
    package_id: Mapped[str | None] = mapped_column(String(36), index=True)
    message_id: Mapped[str | None] = mapped_column(String(MESSAGE_ID_LENGTH), index=True)
    annulment: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


Index("ix_exchange_inbox_ack", InboxRecord.acknowledged, InboxRecord.id)  # unacknowledged events, migration r0010
