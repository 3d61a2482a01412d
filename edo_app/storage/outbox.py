"""The exchange's tables: outbox, inbox, feed cursors, document ↔ message links.

Crash safety rests on these methods each being one transaction:
``apply`` writes everything one received event causes (the document, its bytes and
signatures, status changes, answers to send, the inbox state, the cursor and the audit
events) together or not at all; ``queue`` writes outgoing packages with the status
change that goes with them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.model.report import Report
from edo_app.model.summary import DocumentSummary
from edo_app.storage.answers import link_answer
from edo_app.storage.database import Database
from edo_app.storage.mapping import new_record
from edo_app.storage.models import (
    CursorRecord,
    DocumentContent,
    DocumentRecord,
    EventRecord,
    ExchangeLinkRecord,
    InboxRecord,
    OutboxRecord,
    SignatureRecord,
)
from edo_app.storage.records import ExchangeLink, InboxItem, OutboxItem, SignatureCheck, SignerFacts
from edo_app.storage.signatures import _apply_check

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
RECEIVED, PROCESSED = "received", "processed"
ACTOR = "обмен"
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
class DocumentFacts:
    id: int
    kind: DocumentKind
    direction: Direction
    status: DocumentStatus
    function: str
    file_id: str


def _now() -> datetime:
    return datetime.now(UTC)


def _audit(session: Session, action: str, document_id: int | None, details: dict[str, Any]) -> None:
    session.add(EventRecord(at=_now(), document_id=document_id, action=action, actor=ACTOR, details=details))


def _outbox_item(r: OutboxRecord) -> OutboxItem:
    return OutboxItem(r.id, r.package_id, r.document_id, r.purpose, r.recipient, r.state, r.attempts,
                      r.next_attempt_at, r.last_error, r.message_id, bytes(r.package))


def _inbox_item(r: InboxRecord) -> InboxItem:
    data = None if r.package is None else bytes(r.package)
    return InboxItem(r.id, r.event_id, r.message_id, r.event_kind, dict(r.payload), r.state, r.acknowledged,
                     r.error, r.document_id, data)


def change_status(session: Session, document_id: int, how: Transition, why: str) -> DocumentStatus | None:
    """Apply a transition under a row lock; logs ``document.status``. None when nothing moved."""
    record = session.scalar(select(DocumentRecord).where(DocumentRecord.id == document_id).with_for_update())
    if record is None:
        return None
    target = how(record.status)
    if target is None or target is record.status:
        _audit(session, "exchange.status_ignored", document_id, {"status": record.status.value, "event": why})
        return None
    _audit(session, "document.status", document_id, {"from": record.status.value, "to": target.value, "event": why})
    record.status = target
    record.updated_at = _now()
    return target


class ExchangeRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    # --- outbox ---------------------------------------------------------------------------------

    def queue(self, items: Sequence[NewOutgoing], *, change: tuple[int, Transition, str] | None = None,
              annulment: tuple[int, str] | None = None) -> None:
        """Queue packages, change a document's status and its pending annulment in one transaction."""
        with self._db.session() as session:
            for item in items:
                self._add_outgoing(session, item, item.document_id)
            if change is not None:
                change_status(session, *change)
            if annulment is not None:
                _set_annulment(session, *annulment)

    @staticmethod
    def _add_outgoing(session: Session, item: NewOutgoing, document_id: int | None) -> None:
        now = _now()
        session.add(OutboxRecord(package_id=item.package_id, document_id=document_id, purpose=item.purpose,
                                 recipient=item.recipient, state=PENDING, attempts=0, next_attempt_at=now,
                                 created_at=now, updated_at=now, package=item.package))
        details = {"package_id": item.package_id, "purpose": item.purpose, "recipient": item.recipient}
        _audit(session, "exchange.queued", document_id, details)
        if document_id is not None and item.purpose == "document":
            _upsert_link(session, document_id, item.recipient, package_id=item.package_id)

    def due(self, now: datetime, limit: int = 100) -> list[OutboxItem]:
        """Packages to (re)send now, oldest first; ``sending`` ones were cut short by a crash."""
        statement = (select(OutboxRecord).where(OutboxRecord.state.in_((PENDING, SENDING)),
                                                OutboxRecord.next_attempt_at <= now)
                     .order_by(OutboxRecord.id).limit(limit))
        with self._db.session() as session:
            return [_outbox_item(r) for r in session.scalars(statement)]

    def outbox(self, document_id: int | None = None) -> list[OutboxItem]:
        statement = select(OutboxRecord).order_by(OutboxRecord.id)
        if document_id is not None:
            statement = statement.where(OutboxRecord.document_id == document_id)
        with self._db.session() as session:
            return [_outbox_item(r) for r in session.scalars(statement)]

    def begin_attempt(self, outbox_ids: Sequence[int]) -> None:
        """Mark rows ``sending`` (one transaction for a batch) before the transport is called."""
        with self._db.session() as session:
            for outbox_id in outbox_ids:
                record = session.get_one(OutboxRecord, outbox_id, with_for_update=True)
                record.state, record.attempts, record.updated_at = SENDING, record.attempts + 1, _now()

    def sent(self, receipts: Sequence[tuple[int, str]], how: Transition) -> None:
        """The operator's receipts ``(outbox id, message id)``: rows, links and statuses together.

        A crash before this commit loses nothing: the rows stay ``sending`` and the resend of
        the same package returns the same receipt.
        """
        with self._db.session() as session:
            for outbox_id, message_id in receipts:
                record = session.get_one(OutboxRecord, outbox_id, with_for_update=True)
                record.state, record.message_id, record.last_error = SENT, message_id, None
                record.updated_at = _now()
                details = {"package_id": record.package_id, "message_id": message_id, "purpose": record.purpose}
                _audit(session, "exchange.sent", record.document_id, details)
                if record.document_id is not None and record.purpose == "document":
                    _upsert_link(session, record.document_id, record.recipient, message_id=message_id)
                    change_status(session, record.document_id, how, "sent")

    def retry_later(self, outbox_id: int, error: str, at: datetime) -> None:
        with self._db.session() as session:
            record = session.get_one(OutboxRecord, outbox_id, with_for_update=True)
            record.state, record.last_error, record.next_attempt_at, record.updated_at = PENDING, error, at, _now()
            _audit(session, "exchange.retry", record.document_id,
                   {"package_id": record.package_id, "error": error, "attempts": record.attempts})

    def failed(self, outbox_id: int, error: str) -> None:
        with self._db.session() as session:
            record = session.get_one(OutboxRecord, outbox_id, with_for_update=True)
            record.state, record.last_error, record.updated_at = FAILED, error, _now()
            _audit(session, "exchange.failed", record.document_id, {"package_id": record.package_id, "error": error})

    # --- inbox ----------------------------------------------------------------------------------

    def save_events(self, events: Sequence[NewEvent]) -> None:
        """Store events before they are processed or acknowledged; a known event_id is kept as is."""
        with self._db.session() as session:
            known = set(session.scalars(select(InboxRecord.event_id).where(
                InboxRecord.event_id.in_([e.event_id for e in events]))))
            for event in events:
                if event.event_id in known:
                    continue
                known.add(event.event_id)
                session.add(InboxRecord(event_id=event.event_id, message_id=event.message_id, event_kind=event.kind,
                                        payload=dict(event.payload), state=FAILED if event.error else RECEIVED,
                                        acknowledged=False, error=event.error, received_at=_now(),
                                        package=event.package))

    def known_events(self, event_ids: Sequence[str]) -> set[str]:
        with self._db.session() as session:
            found = session.scalars(select(InboxRecord.event_id).where(InboxRecord.event_id.in_(event_ids)))
            return set(found)

    def unprocessed(self) -> list[InboxItem]:
        statement = select(InboxRecord).where(InboxRecord.state == RECEIVED).order_by(InboxRecord.id)
        with self._db.session() as session:
            return [_inbox_item(r) for r in session.scalars(statement)]

    def unacknowledged(self) -> list[str]:
        statement = (select(InboxRecord.event_id).where(InboxRecord.state != RECEIVED, ~InboxRecord.acknowledged)
                     .order_by(InboxRecord.id))
        with self._db.session() as session:
            return list(session.scalars(statement))

    def mark_acknowledged(self, event_ids: Sequence[str]) -> None:
        with self._db.session() as session:
            for record in session.scalars(select(InboxRecord).where(InboxRecord.event_id.in_(event_ids))):
                record.acknowledged = True

    def inbox(self) -> list[InboxItem]:
        with self._db.session() as session:
            return [_inbox_item(r) for r in session.scalars(select(InboxRecord).order_by(InboxRecord.id))]

    def apply(self, work: Processing) -> int | None:
        """Write everything an event causes in one transaction; returns the new document's id."""
        with self._db.session() as session:
            record = session.get_one(InboxRecord, work.inbox_id, with_for_update=True)
            if record.state != RECEIVED:  # processed meanwhile (a second sync): nothing to do twice
                return record.document_id
            new_id = _store_document(session, work.document) if work.document else None
            for document_id, how, why in work.changes:
                change_status(session, document_id, how, why)
            for document_id, value in work.annulments:
                _set_annulment(session, document_id, value)
            for item in work.outgoing:
                self._add_outgoing(session, item, new_id if item.for_new_document else item.document_id)
            for action, details, about in work.notes:
                _audit(session, action, new_id if about == NEW_DOCUMENT else about, details)
            record.state = FAILED if work.error else PROCESSED
            record.error, record.processed_at = work.error, _now()
            record.document_id = new_id
            if work.cursor is not None:
                _set_cursor(session, *work.cursor)
            return new_id

    # --- cursors, links, lookups ---------------------------------------------------------------

    def cursor(self, transport: str, participant: str) -> str | None:
        with self._db.session() as session:
            return session.scalar(select(CursorRecord.cursor).where(CursorRecord.transport == transport,
                                                                    CursorRecord.participant == participant))

    def set_cursor(self, transport: str, participant: str, cursor: str) -> None:
        with self._db.session() as session:
            _set_cursor(session, transport, participant, cursor)

    def document_by_file_id(self, file_id: str) -> DocumentFacts | None:
        return self._facts_where(DocumentRecord.file_id == file_id)

    def document(self, document_id: int) -> DocumentFacts | None:
        return self._facts_where(DocumentRecord.id == document_id)

    def document_by_message(self, message_id: str) -> DocumentFacts | None:
        """Our document that travelled as ``message_id`` (or as that package id)."""
        linked = select(ExchangeLinkRecord.document_id).where(or_(ExchangeLinkRecord.message_id == message_id,
                                                                  ExchangeLinkRecord.package_id == message_id))
        return self._facts_where(DocumentRecord.id == linked.limit(1).scalar_subquery())

    def _facts_where(self, condition: ColumnElement[bool]) -> DocumentFacts | None:
        """Only the columns the exchange needs: no ORM object is built on the hot path of receiving."""
        with self._db.session() as session:
            row = session.execute(select(*_FACT_COLUMNS).where(condition).limit(1)).first()
            return None if row is None else DocumentFacts(*row)

    def link(self, document_id: int) -> ExchangeLink | None:
        with self._db.session() as session:
            r = session.scalar(select(ExchangeLinkRecord).where(ExchangeLinkRecord.document_id == document_id))
            return None if r is None else ExchangeLink(r.document_id, r.counterparty, r.package_id, r.message_id,
                                                       r.annulment)

    def set_annulment(self, document_id: int, value: str) -> None:
        with self._db.session() as session:
            _set_annulment(session, document_id, value)


_FACT_COLUMNS = (DocumentRecord.id, DocumentRecord.kind, DocumentRecord.direction, DocumentRecord.status,
                 DocumentRecord.function, DocumentRecord.file_id)


def _store_document(session: Session, new: NewDocument) -> int:
    values = new_record(new.summary, new.content, Direction.INCOMING, new.report, _now())
    record = DocumentRecord(status=new.status, **values)
    session.add(record)
    session.flush()
    link_answer(session, record)  # an ЭТрН title moves its waybill's stage; a buyer title takes its counterparty
    session.add(DocumentContent(document_id=record.id, content=new.content))
    _audit(session, "document.added", record.id, {"file_id": new.summary.file_id, "direction": "incoming",
                                                  "status": new.status.value, "message_id": new.message_id})
    for der, check, facts in new.signatures:
        signature = SignatureRecord(document_id=record.id, der=der, signer=facts.name, created_at=_now(),
                                    signing_time=facts.signing_time, cert_serial=facts.cert_serial,
                                    signer_inn=facts.inn)
        _apply_check(signature, check)
        session.add(signature)
    _upsert_link(session, record.id, new.counterparty, package_id=new.package_id, message_id=new.message_id)
    return record.id


def _upsert_link(session: Session, document_id: int, counterparty: str, *, package_id: str | None = None,
                 message_id: str | None = None) -> None:
    link = session.scalar(select(ExchangeLinkRecord).where(ExchangeLinkRecord.document_id == document_id))
    if link is None:
        link = ExchangeLinkRecord(document_id=document_id, counterparty=counterparty, annulment="")
        session.add(link)
    link.package_id = package_id or link.package_id
    link.message_id = message_id or link.message_id
    link.updated_at = _now()


def _set_annulment(session: Session, document_id: int, value: str) -> None:
    link = session.scalar(select(ExchangeLinkRecord).where(ExchangeLinkRecord.document_id == document_id))
    if link is not None:
        link.annulment, link.updated_at = value, _now()
        _audit(session, "exchange.annulment", document_id, {"annulment": value})


def _set_cursor(session: Session, transport: str, participant: str, cursor: str) -> None:
    record = session.scalar(select(CursorRecord).where(CursorRecord.transport == transport,
                                                       CursorRecord.participant == participant).with_for_update())
    if record is None:
        session.add(CursorRecord(transport=transport, participant=participant, cursor=cursor, updated_at=_now()))
    else:
        record.cursor, record.updated_at = cursor, _now()
