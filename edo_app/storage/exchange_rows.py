"""The exchange's writes that several of ``ExchangeRepository``'s transactions share: the audit
record, a status change, a received document with its bytes and signatures, a document's link to
its messages, the annulment mark, the feed cursor and a page's packages. Each runs inside the
caller's session (its transaction); none commits."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import CursorResult, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.storage import exchange_sql as sql
from edo_app.storage.answers import link_answer, link_needed
from edo_app.storage.exchange_sql import LINKS
from edo_app.storage.mapping import new_record
from edo_app.storage.models import DocumentRecord
from edo_app.storage.signatures import check_columns

if TYPE_CHECKING:  # outbox.py imports this module
    from edo_app.storage.outbox import NewDocument, Transition

ACTOR = "обмен"


def now() -> datetime:
    return datetime.now(UTC)


def run(session: Session, statement: Executable, parameters: Any = None) -> CursorResult[*tuple[Any, ...]]:
    """A prepared Core statement on the session's connection: same transaction, without the ORM
    session's per-call bookkeeping (a third of the cost of a small statement)."""
    return session.connection().execute(statement, parameters)


def audit(session: Session, action: str, document_id: int | None, details: dict[str, Any]) -> None:
    sql.INSERT_EVENT.run(session.connection(), at=now(), document_id=document_id, action=action, actor=ACTOR,
                         details=details)


def change_status(session: Session, document_id: int, how: Transition, why: str) -> DocumentStatus | None:
    """Apply a transition under a row lock; logs ``document.status``. None when nothing moved."""
    current: DocumentStatus | None = sql.DOCUMENT_STATUS.scalar(session.connection(), row_id=document_id)
    if current is None:
        return None
    target = how(current)
    if target is None or target is current:
        audit(session, "exchange.status_ignored", document_id, {"status": current.value, "event": why})
        return None
    audit(session, "document.status", document_id, {"from": current.value, "to": target.value, "event": why})
    sql.UPDATE_DOCUMENT.run(session.connection(), row_id=document_id, status=target, updated_at=now())
    return target


def save_packages(session: Session, packages: dict[str, bytes]) -> None:
    """The packages of events just stored, by event id, each beside its inbox row."""
    if not packages:
        return
    ids = run(session, sql.INBOX_IDS, {"event_ids": list(packages)})
    sql.INSERT_INBOX_PACKAGE.many(session.connection(), [{"inbox_id": row_id, "package": packages[event_id]}
                                                         for event_id, row_id in ids])


def store_document(session: Session, new: NewDocument) -> int:
    values = {**new_record(new.summary, new.content, Direction.INCOMING, new.report, now()), "status": new.status}
    document_id: int = sql.INSERT_DOCUMENT.insert(session.connection(), **values)
    if link_needed(session, values):  # an ЭТрН title moves its waybill's stage; a buyer title takes its counterparty
        link_answer(session, session.get_one(DocumentRecord, document_id))
        session.flush()
    sql.INSERT_CONTENT.run(session.connection(), document_id=document_id, content=new.content)
    audit(session, "document.added", document_id, {"file_id": new.summary.file_id, "direction": "incoming",
                                                    "status": new.status.value, "message_id": new.message_id})
    signatures = [{"document_id": document_id, "der": der, "signer": facts.name, "created_at": now(),
                   "signing_time": facts.signing_time, "cert_serial": facts.cert_serial, "signer_inn": facts.inn,
                   **check_columns(check)} for der, check, facts in new.signatures]
    if signatures:
        sql.INSERT_SIGNATURE.many(session.connection(), signatures)
    upsert_link(session, document_id, new.counterparty, package_id=new.package_id, message_id=new.message_id)
    return document_id


def upsert_link(session: Session, document_id: int, counterparty: str, *, package_id: str | None = None,
                 message_id: str | None = None) -> None:
    found = sql.LINK_OF.scalar(session.connection(), document_id=document_id)
    if found is None:
        sql.INSERT_LINK.run(session.connection(), document_id=document_id, counterparty=counterparty, annulment="",
                            package_id=package_id, message_id=message_id, updated_at=now())
        return
    given = {"package_id": package_id, "message_id": message_id}
    sql.UPDATE_LINK.run(session.connection(), row_id=found, updated_at=now(),
                        **{column: value for column, value in given.items() if value})


def set_annulment(session: Session, document_id: int, value: str) -> None:
    done = run(session, update(LINKS).where(LINKS.c.document_id == document_id)
                           .values(annulment=value, updated_at=now()))
    if done.rowcount:
        audit(session, "exchange.annulment", document_id, {"annulment": value})


def set_cursor(session: Session, transport: str, participant: str, cursor: str) -> None:
    found = sql.CURSOR_OF.first(session.connection(), transport_name=transport, participant_id=participant)
    if found is None:
        sql.INSERT_CURSOR.run(session.connection(), transport=transport, participant=participant, cursor=cursor,
                              updated_at=now())
    elif found.cursor != cursor:
        sql.UPDATE_CURSOR.run(session.connection(), row_id=found.id, cursor=cursor, updated_at=now())
