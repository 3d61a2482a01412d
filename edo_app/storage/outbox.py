"""The exchange's tables: outbox, inbox, feed cursors, document ↔ message links.

The statements are SQLAlchemy Core on the tables, not ORM objects: receiving is the hot path
of the exchange (tens of rows per document), and the ORM's unit of work cost more CPU than
everything else there together (bench/sync.py). Only the new ``documents`` row goes through
the ORM, because ``link_answer`` fills it and the rows of its chain from each other.

Crash safety rests on these methods each being one transaction:
``apply`` writes everything one received event causes (the document, its bytes and
signatures, status changes, answers to send, the inbox state, the cursor and the audit
events) together or not at all; ``queue`` writes outgoing packages with the status
change that goes with them. The writes several of them share are in exchange_rows.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import false, select, update
from sqlalchemy.orm import Session

from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.report import Report
from edo_app.model.summary import DocumentSummary
from edo_app.sqlprep import Prepared
from edo_app.storage import exchange_rows as rows
from edo_app.storage import exchange_sql as sql
from edo_app.storage.database import Database
from edo_app.storage.exchange_sql import (
    CURSORS,
    FAILED,
    INBOX,
    INBOX_WITH_PACKAGE,
    LINKS,
    OUTBOX,
    OUTBOX_WITH_PACKAGE,
    PENDING,
    PROCESSED,
    RECEIVED,
    SENDING,
    SENT,
    AnyRow,
)
from edo_app.storage.failures import missing_document
from edo_app.storage.records import ExchangeLink, InboxItem, OutboxItem, SignatureCheck, SignerFacts

NEW_DOCUMENT = -1  # in Processing.notes: "the document this same transaction stores"
Transition = Callable[[DocumentStatus], DocumentStatus | None]


@dataclass(frozen=True)
class NewOutgoing:
    """A package to queue; ``document_id`` None with ``for_new_document`` means "the document
    this same transaction stores" (an ИОП on a document just received)."""

    package_id: str
    purpose: str
    recipient: str
    package: bytes = field(repr=False)
    document_id: int | None = None
    for_new_document: bool = False


@dataclass(frozen=True)
class NewDocument:
    summary: DocumentSummary
    content: bytes = field(repr=False)
    report: Report
    status: DocumentStatus
    counterparty: str
    package_id: str
    message_id: str
    signatures: Sequence[tuple[bytes, SignatureCheck, SignerFacts]] = ()


@dataclass(frozen=True)
class NewEvent:
    """An event of the feed with its package (None for operator status events, or when the
    package could not be read: then ``error`` says why and the event is stored as failed)."""

    event_id: str
    message_id: str
    kind: str
    payload: dict[str, str]
    package: bytes | None = field(default=None, repr=False)
    error: str | None = None


@dataclass
class Processing:
    """Everything one inbox event does, written by ``apply`` in one transaction."""

    inbox_id: int
    error: str | None = None
    document: NewDocument | None = None
    changes: list[tuple[int, Transition, str]] = field(default_factory=list)  # (document, how, why)
    annulments: list[tuple[int, str]] = field(default_factory=list)
    outgoing: list[NewOutgoing] = field(default_factory=list)
    cursor: tuple[str, str, str] | None = None  # (transport, participant, cursor)
    notes: list[tuple[str, dict[str, Any], int | None]] = field(default_factory=list)  # (action, details, doc)


@dataclass(frozen=True)
class Outgoing:
    direction: Direction
    file_id: str
    content: bytes
    signatures: list[bytes]  # DER of the valid ones


@dataclass(frozen=True)
class DocumentFacts:
    id: int
    kind: DocumentKind
    direction: Direction
    status: DocumentStatus
    function: str
    file_id: str


def _outbox_item(r: AnyRow) -> OutboxItem:
    return OutboxItem(r.id, r.package_id, r.document_id, r.purpose, r.recipient, r.state, r.attempts,
                      r.next_attempt_at, r.last_error, r.message_id, bytes(r.package))


def _inbox_item(r: AnyRow) -> InboxItem:
    data = None if r.package is None else bytes(r.package)
    return InboxItem(r.id, r.event_id, r.message_id, r.event_kind, dict(r.payload), r.state, r.acknowledged,
                     r.error, r.document_id, data)


class ExchangeRepository:
    def __init__(self, database: Database, clock: Callable[[], datetime] = rows.now) -> None:
        self._db = database
        self._clock = clock  # when a queued package is first due: the exchange's clock, as ``due`` is asked with

    # --- outbox ---------------------------------------------------------------------------------

    def queue(self, items: Sequence[NewOutgoing], *, change: tuple[int, Transition, str] | None = None,
              annulment: tuple[int, str] | None = None) -> None:
        """Queue packages, change a document's status and its pending annulment in one transaction."""
        with self._db.session() as session:
            for item in items:
                self._add_outgoing(session, item, item.document_id)
            if change is not None:
                rows.change_status(session, *change)
            if annulment is not None:
                rows.set_annulment(session, *annulment)

    def _add_outgoing(self, session: Session, item: NewOutgoing, document_id: int | None) -> None:
        now = rows.now()
        outbox_id = sql.INSERT_OUTBOX.insert(session.connection(), package_id=item.package_id, document_id=document_id,
                                             purpose=item.purpose, recipient=item.recipient, state=PENDING,
                                             attempts=0, next_attempt_at=self._clock(), created_at=now,
                                             updated_at=now)
        sql.INSERT_OUTBOX_PACKAGE.run(session.connection(), outbox_id=outbox_id, package=item.package)
        details = {"package_id": item.package_id, "purpose": item.purpose, "recipient": item.recipient}
        rows.audit(session, "exchange.queued", document_id, details)
        if document_id is not None and item.purpose == "document":
            rows.upsert_link(session, document_id, item.recipient, package_id=item.package_id)

    def due(self, now: datetime, limit: int = 100) -> list[OutboxItem]:
        """Packages to (re)send now, oldest first; ``sending`` ones were cut short by a crash."""
        statement = (OUTBOX_WITH_PACKAGE.where(OUTBOX.c.state.in_((PENDING, SENDING)), OUTBOX.c.next_attempt_at <= now)
                     .order_by(OUTBOX.c.id).limit(limit))
        with self._db.session() as session:
            return [_outbox_item(r) for r in rows.run(session, statement)]

    def outbox(self, document_id: int | None = None) -> list[OutboxItem]:
        statement = OUTBOX_WITH_PACKAGE.order_by(OUTBOX.c.id)
        if document_id is not None:
            statement = statement.where(OUTBOX.c.document_id == document_id)
        with self._db.session() as session:
            return [_outbox_item(r) for r in rows.run(session, statement)]

    def document_queued(self, document_id: int) -> bool:
        """Whether the document already has a package to send, in flight or sent (not a failed one)."""
        with self._db.session() as session:
            return sql.DOCUMENT_QUEUED.first(session.connection(), document_id=document_id) is not None

    def begin_attempt(self, outbox_ids: Sequence[int]) -> None:
        """Mark rows ``sending`` (one transaction for a batch) before the transport is called."""
        with self._db.session() as session:
            rows.run(session, update(OUTBOX).where(OUTBOX.c.id.in_(outbox_ids))
                            .values(state=SENDING, attempts=OUTBOX.c.attempts + 1, updated_at=rows.now()))

    def sent(self, receipts: Sequence[tuple[int, str]], how: Transition) -> None:
        """The operator's receipts ``(outbox id, message id)``: rows, links and statuses together.

        A crash before this commit loses nothing: the rows stay ``sending`` and the resend of
        the same package returns the same receipt.
        """
        with self._db.session() as session:
            for outbox_id, message_id in receipts:
                record = _outbox_row(session, outbox_id)
                sql.UPDATE_OUTBOX.run(session.connection(), row_id=outbox_id, state=SENT, message_id=message_id,
                                      last_error=None, updated_at=rows.now())
                details = {"package_id": record.package_id, "message_id": message_id, "purpose": record.purpose}
                rows.audit(session, "exchange.sent", record.document_id, details)
                if record.document_id is not None and record.purpose == "document":
                    rows.upsert_link(session, record.document_id, record.recipient, message_id=message_id)
                    rows.change_status(session, record.document_id, how, "sent")

    def retry_later(self, outbox_id: int, error: str, at: datetime) -> None:
        with self._db.session() as session:
            record = _outbox_row(session, outbox_id)
            sql.UPDATE_OUTBOX.run(session.connection(), row_id=outbox_id, state=PENDING, last_error=error,
                                  next_attempt_at=at, updated_at=rows.now())
            rows.audit(session, "exchange.retry", record.document_id,
                   {"package_id": record.package_id, "error": error, "attempts": record.attempts})

    def failed(self, outbox_id: int, error: str) -> None:
        with self._db.session() as session:
            record = _outbox_row(session, outbox_id)
            sql.UPDATE_OUTBOX.run(session.connection(), row_id=outbox_id, state=FAILED, last_error=error,
                                  updated_at=rows.now())
            rows.audit(session, "exchange.failed", record.document_id,
                       {"package_id": record.package_id, "error": error})

    # --- inbox ----------------------------------------------------------------------------------

    def save_events(self, events: Sequence[NewEvent]) -> None:
        """Store events before they are processed or acknowledged; a known event_id is kept as is."""
        known = self.known_events([e.event_id for e in events])
        new: dict[str, NewEvent] = {}
        for event in events:
            if event.event_id not in known:
                new.setdefault(event.event_id, event)  # the first of two with one id, as before
        if not new:
            return
        records = [{"event_id": e.event_id, "message_id": e.message_id, "event_kind": e.kind,
                    "payload": dict(e.payload), "state": FAILED if e.error else RECEIVED, "acknowledged": False,
                    "error": e.error, "received_at": rows.now()} for e in new.values()]
        with self._db.session() as session:
            sql.INSERT_INBOX.many(session.connection(), records)
            rows.save_packages(session, {e.event_id: e.package for e in new.values() if e.package is not None})

    def known_events(self, event_ids: Sequence[str]) -> set[str]:
        with self._db.session() as session:
            return set(rows.run(session, sql.KNOWN_EVENTS, {"event_ids": list(event_ids)}).scalars())

    def unprocessed(self) -> list[InboxItem]:
        statement = INBOX_WITH_PACKAGE.where(INBOX.c.state == RECEIVED).order_by(INBOX.c.id)
        with self._db.session() as session:
            return [_inbox_item(r) for r in rows.run(session, statement)]

    def unacknowledged(self) -> list[str]:
        statement = (select(INBOX.c.event_id).where(INBOX.c.acknowledged == false(), INBOX.c.state != RECEIVED)
                     .order_by(INBOX.c.id))  # ``= false`` (not ``NOT``) so ix_exchange_inbox_ack is used
        with self._db.session() as session:
            return list(rows.run(session, statement).scalars())

    def mark_acknowledged(self, event_ids: Sequence[str]) -> None:
        with self._db.session() as session:
            rows.run(session, update(INBOX).where(INBOX.c.event_id.in_(event_ids)).values(acknowledged=True))

    def inbox(self) -> list[InboxItem]:
        with self._db.session() as session:
            return [_inbox_item(r) for r in rows.run(session, INBOX_WITH_PACKAGE.order_by(INBOX.c.id))]

    def apply(self, work: Processing) -> int | None:
        """Write everything an event causes in one transaction; returns the new document's id."""
        with self._db.session() as session:
            record = sql.INBOX_STATE.one(session.connection(), row_id=work.inbox_id)
            if record.state != RECEIVED:  # processed meanwhile (a second sync): nothing to do twice
                return int(record.document_id) if record.document_id is not None else None
            new_id = rows.store_document(session, work.document) if work.document else None
            for document_id, how, why in work.changes:
                rows.change_status(session, document_id, how, why)
            for document_id, value in work.annulments:
                rows.set_annulment(session, document_id, value)
            for item in work.outgoing:
                self._add_outgoing(session, item, new_id if item.for_new_document else item.document_id)
            for action, details, about in work.notes:
                rows.audit(session, action, new_id if about == NEW_DOCUMENT else about, details)
            sql.UPDATE_INBOX.run(session.connection(), row_id=work.inbox_id, state=FAILED if work.error else PROCESSED,
                                 error=work.error, processed_at=rows.now(), document_id=new_id)
            if work.cursor is not None:
                rows.set_cursor(session, *work.cursor)
            return new_id

    # --- cursors, links, lookups ---------------------------------------------------------------

    def cursor(self, transport: str, participant: str) -> str | None:
        with self._db.session() as session:
            found: str | None = rows.run(session, select(CURSORS.c.cursor).where(
                CURSORS.c.transport == transport, CURSORS.c.participant == participant)).scalar()
            return found

    def set_cursor(self, transport: str, participant: str, cursor: str) -> None:
        with self._db.session() as session:
            rows.set_cursor(session, transport, participant, cursor)

    def document_by_file_id(self, file_id: str) -> DocumentFacts | None:
        return self._facts(sql.FACTS_BY_FILE_ID, {"file_id": file_id})

    def document(self, document_id: int) -> DocumentFacts | None:
        return self._facts(sql.FACTS_BY_ID, {"row_id": document_id})

    def document_by_message(self, message_id: str) -> DocumentFacts | None:
        """Our document that travelled as ``message_id`` (or as that package id)."""
        return self._facts(sql.FACTS_BY_MESSAGE, {"message_id": message_id})

    def _facts(self, statement: Prepared, parameters: dict[str, Any]) -> DocumentFacts | None:
        """Only the columns the exchange needs: no ORM object is built on the hot path of receiving."""
        with self._db.session() as session:
            row = statement.first(session.connection(), **parameters)
            return None if row is None else DocumentFacts(*row)

    def outgoing(self, document_id: int) -> Outgoing:
        """What sending the document needs, in one session: its direction, ИдФайл, bytes and
        the signatures found valid (oldest first)."""
        with self._db.session() as session:
            conn = session.connection()
            found = sql.OUTGOING.first(conn, row_id=document_id)
            if found is None:
                raise missing_document(document_id)
            signatures = sql.VALID_SIGNATURES.all(conn, document_id=document_id)
            return Outgoing(found.direction, found.file_id, bytes(found.content), [bytes(r.der) for r in signatures])

    def link(self, document_id: int) -> ExchangeLink | None:
        with self._db.session() as session:
            r = rows.run(session, select(LINKS).where(LINKS.c.document_id == document_id)).first()
            return None if r is None else ExchangeLink(r.document_id, r.counterparty, r.package_id, r.message_id,
                                                       r.annulment)

    def set_annulment(self, document_id: int, value: str) -> None:
        with self._db.session() as session:
            rows.set_annulment(session, document_id, value)


def _outbox_row(session: Session, outbox_id: int) -> Any:
    return sql.OUTBOX_ROW.one(session.connection(), row_id=outbox_id)
