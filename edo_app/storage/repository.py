"""Repositories: the only code that talks to the tables. They return records.py dataclasses.

Every public method is one transaction (``Database.session``): a document, its bytes and its
audit event are written together or not at all.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from edo_app.errors import InputError, StorageError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.report import Report
from edo_app.model.summary import DocumentSummary
from edo_app.storage.database import Database
from edo_app.storage.failures import is_unique_violation
from edo_app.storage.mapping import ROW_COLUMNS, check_lengths, fold, new_record, to_row, to_stored
from edo_app.storage.models import (
    CounterpartyRecord,
    DocumentContent,
    DocumentRecord,
    EventRecord,
)
from edo_app.storage.records import (
    AuditEvent,
    Counterparty,
    DocumentQuery,
    DocumentRow,
    SortKey,
    StoredDocument,
)

ACTION_ADDED = "document.added"
ACTION_STATUS = "document.status"
MAX_PAGE = 1000

_SORT_COLUMNS: dict[SortKey, Any] = {
    SortKey.DATE: DocumentRecord.doc_date,
    SortKey.NUMBER: DocumentRecord.number,
    SortKey.COUNTERPARTY: DocumentRecord.counterparty_name,
    SortKey.TOTAL: DocumentRecord.total,
    SortKey.STATUS: DocumentRecord.status,
    SortKey.KIND: DocumentRecord.kind,
    SortKey.CREATED: DocumentRecord.id,
}


def _now() -> datetime:
    return datetime.now(UTC)


def _event(action: str, actor: str, document_id: int | None, details: dict[str, Any]) -> EventRecord:
    return EventRecord(at=_now(), document_id=document_id, action=action, actor=actor, details=details)


def _to_event(record: EventRecord) -> AuditEvent:
    return AuditEvent(record.id, record.at, record.document_id, record.action, record.actor, record.details)


def _filters(query: DocumentQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.direction is not None:
        conditions.append(DocumentRecord.direction == query.direction)
    if query.status is not None:
        conditions.append(DocumentRecord.status == query.status)
    if query.kind is not None:
        conditions.append(DocumentRecord.kind == query.kind)
    if query.date_from is not None:
        conditions.append(DocumentRecord.doc_date >= query.date_from)
    if query.date_to is not None:
        conditions.append(DocumentRecord.doc_date <= query.date_to)
    text = fold(query.text)
    if text:
        conditions.append(DocumentRecord.search_text.contains(text, autoescape=True))
    return conditions


def _order(query: DocumentQuery) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    # No NULLS FIRST/LAST: each backend's native NULL order keeps the registry index usable
    # (undated documents come last newest-first on SQLite, first on PostgreSQL).
    column = _SORT_COLUMNS[query.sort]
    if query.descending:
        return column.desc(), DocumentRecord.id.desc()
    return column.asc(), DocumentRecord.id.asc()


def _check_page(offset: int, limit: int) -> None:
    if offset < 0:
        raise InputError("смещение страницы не может быть отрицательным", "offset")
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"размер страницы должен быть от 1 до {MAX_PAGE}", "limit")


class DocumentRepository:
    """Documents, their bytes and their audit trail."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def add_document(
        self,
        summary: DocumentSummary,
        content: bytes,
        direction: Direction,
        status: DocumentStatus,
        report: Report,
        *,
        actor: str = "",
    ) -> int:
        """Store a new document with its exact bytes; returns its id.

        A second file with the same ИдФайл is refused (StorageError) and nothing is written.
        """
        content = bytes(content)  # a bytearray or memoryview is frozen now, not at commit
        if not content:
            raise InputError("файл документа пуст", "content")
        values = new_record(summary, content, direction, report, _now())
        with self._db.session() as session:
            record = DocumentRecord(status=status, **values)
            session.add(record)
            self._flush_new(session, summary.file_id)
            session.add(DocumentContent(document_id=record.id, content=content))
            details = {"file_id": summary.file_id, "direction": direction.value, "status": status.value}
            session.add(_event(ACTION_ADDED, actor, record.id, details))
            session.flush()
            return record.id

    @staticmethod
    def _flush_new(session: Session, file_id: str) -> None:
        try:
            session.flush()
        except IntegrityError as exc:
            if is_unique_violation(exc, "file_id"):
                raise StorageError(
                    f"Документ с ИдФайл «{file_id}» уже есть в базе: повторно он не добавлен"
                ) from exc
            raise

    def get(self, document_id: int) -> StoredDocument:
        """The document with its bytes and report; StorageError when there is none."""
        with self._db.session() as session:
            found = session.execute(
                select(DocumentRecord, DocumentContent.content)
                .join(DocumentContent, DocumentContent.document_id == DocumentRecord.id)
                .where(DocumentRecord.id == document_id)
            ).one_or_none()
            if found is None:
                raise self._missing(document_id)
            return to_stored(found[0], found[1])

    def get_content(self, document_id: int) -> bytes:
        """The exact bytes of the file as it was stored."""
        with self._db.session() as session:
            content = session.scalar(
                select(DocumentContent.content).where(DocumentContent.document_id == document_id)
            )
            if content is None:
                raise self._missing(document_id)
            return bytes(content)

    def list_page(self, query: DocumentQuery, offset: int = 0, limit: int = 100) -> list[DocumentRow]:
        """One page of the registry; never reads file bytes or reports."""
        _check_page(offset, limit)
        statement = select(*ROW_COLUMNS).where(*_filters(query)).order_by(*_order(query))
        with self._db.session() as session:
            rows = session.execute(statement.offset(offset).limit(limit)).all()
            return [to_row(row) for row in rows]

    def count(self, query: DocumentQuery) -> int:
        """How many documents match the filters of ``query`` (its sort is ignored)."""
        statement = select(func.count()).select_from(DocumentRecord).where(*_filters(query))
        with self._db.session() as session:
            return int(session.scalar(statement) or 0)

    def set_status(self, document_id: int, status: DocumentStatus, actor: str) -> None:
        """Change the status and log it; setting the current status again changes nothing."""
        with self._db.session() as session:
            record = session.scalar(
                select(DocumentRecord).where(DocumentRecord.id == document_id).with_for_update()
            )
            if record is None:
                raise self._missing(document_id)
            if record.status is status:
                return
            details = {"from": record.status.value, "to": status.value}
            record.status = status
            record.updated_at = _now()
            session.add(_event(ACTION_STATUS, actor, document_id, details))

    def record_event(
        self, action: str, actor: str, details: dict[str, Any] | None = None, document_id: int | None = None
    ) -> AuditEvent:
        """Append an entry to the audit log (also for actions not tied to one document)."""
        details = dict(details or {})
        try:
            json.dumps(details)
        except (TypeError, ValueError) as exc:  # psycopg would raise it raw at execute time
            raise InputError("подробности события должны быть простыми значениями JSON", "details") from exc
        with self._db.session() as session:
            record = _event(action, actor, document_id, details)
            session.add(record)
            session.flush()
            return _to_event(record)

    def events(self, document_id: int) -> list[AuditEvent]:
        """The audit trail of one document, oldest first."""
        with self._db.session() as session:
            records = session.scalars(
                select(EventRecord).where(EventRecord.document_id == document_id).order_by(EventRecord.id)
            )
            return [_to_event(r) for r in records]

    @staticmethod
    def _missing(document_id: int) -> StorageError:
        return StorageError(f"Документ № {document_id} не найден в базе")


def _key(inn: str, kpp: str) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return CounterpartyRecord.inn == inn, CounterpartyRecord.kpp == kpp


def _to_counterparty(record: CounterpartyRecord) -> Counterparty:
    return Counterparty(record.id, record.inn, record.kpp, record.name, record.edo_id)


class CounterpartyRepository:
    """The address book of exchange partners, unique by ИНН + КПП."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def upsert(self, inn: str, kpp: str, name: str, edo_id: str | None = None) -> Counterparty:
        """Add a partner or update its name (and EDO id when given); returns the stored value."""
        if not inn.strip():
            raise InputError("ИНН контрагента не указан", "inn")
        values = {"inn": inn, "kpp": kpp, "name": name, "edo_id": edo_id}
        check_lengths(values, CounterpartyRecord.__table__.columns, str)
        with self._db.session() as session:
            record = session.scalar(select(CounterpartyRecord).where(*_key(inn, kpp)).with_for_update())
            if record is None:
                record = CounterpartyRecord(inn=inn, kpp=kpp, edo_id=edo_id or "")
                session.add(record)
            elif edo_id is not None:
                record.edo_id = edo_id
            record.name = name
            record.search_text = fold(f"{name} {inn} {kpp}")
            session.flush()
            return _to_counterparty(record)

    def find(self, inn: str, kpp: str = "") -> Counterparty | None:
        with self._db.session() as session:
            record = session.scalar(select(CounterpartyRecord).where(*_key(inn, kpp)))
            return None if record is None else _to_counterparty(record)

    def find_by_inn(self, inn: str) -> list[Counterparty]:
        """Every КПП (branch) registered under one ИНН."""
        statement = select(CounterpartyRecord).where(CounterpartyRecord.inn == inn)
        with self._db.session() as session:
            return [_to_counterparty(r) for r in session.scalars(statement.order_by(CounterpartyRecord.kpp))]

    def search(self, text: str, limit: int = 50) -> list[Counterparty]:
        """Partners whose name, ИНН or КПП contains ``text`` (any case), by name."""
        statement = (
            select(CounterpartyRecord)
            .where(CounterpartyRecord.search_text.contains(fold(text), autoescape=True))
            .order_by(CounterpartyRecord.name, CounterpartyRecord.id)
            .limit(limit)
        )
        with self._db.session() as session:
            return [_to_counterparty(r) for r in session.scalars(statement)]
