"""Repositories: the only code that talks to the tables. They return records.py dataclasses.

Every public method is one transaction (``Database.session``): a document, its bytes and its
audit event are written together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from edo_app.errors import InputError, StorageError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.report import Report
from edo_app.model.summary import DocumentSummary
from edo_app.storage.answers import link_answer
from edo_app.storage.database import Database
from edo_app.storage.failures import is_unique_violation, missing_document
from edo_app.storage.mapping import ROW_COLUMNS, fold, new_record, to_row, to_stored
from edo_app.storage.models import (
    DocumentContent,
    DocumentRecord,
    EventRecord,
)
from edo_app.storage.records import (
    AuditEvent,
    DocumentQuery,
    DocumentRow,
    SortKey,
    StoredDocument,
)

ACTION_ADDED = "document.added"
ACTION_STATUS = "document.status"
ACTION_ARCHIVED = "document.archived"
ACTION_UNARCHIVED = "document.unarchived"
MAX_PAGE = 1000
INN_LENGTHS = (10, 12)  # organisations, persons

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
    conditions = _folder_filters(query)
    if query.status is not None:
        conditions.append(DocumentRecord.status == query.status)
    if query.kind is not None:
        conditions.append(DocumentRecord.kind == query.kind)
    if query.date_from is not None:
        conditions.append(DocumentRecord.doc_date >= query.date_from)
    if query.date_to is not None:
        conditions.append(DocumentRecord.doc_date <= query.date_to)
    return conditions + _text_filters(query)


def _folder_filters(query: DocumentQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.direction is not None:
        conditions.append(DocumentRecord.direction == query.direction)
    if query.archived is not None:
        conditions.append(DocumentRecord.archived == query.archived)  # "=", not "IS": indexable on PostgreSQL
    return conditions


def _text_filters(query: DocumentQuery) -> list[ColumnElement[bool]]:
    """Text tests on search_text run inside the registry indexes (it is their last column)."""
    conditions: list[ColumnElement[bool]] = []
    text = fold(query.text)
    if text:
        conditions.append(DocumentRecord.search_text.contains(text, autoescape=True))
    number = fold(query.number)
    if number:  # search_text starts with the folded number
        conditions.append(DocumentRecord.search_text.startswith(number, autoescape=True))
    party = query.counterparty.strip()
    if party.isdigit():
        conditions += _inn_filters(party)
    elif party:
        conditions.append(DocumentRecord.search_text.contains(fold(party), autoescape=True))
    return conditions


def _inn_filters(digits: str) -> list[ColumnElement[bool]]:
    """A whole ИНН is an equality (ix_documents_counterparty_inn, newest first). A part of one
    is a range (":" follows "9", so it bounds every ИНН starting with the digits) behind a test
    of " <digits>" on search_text ("<number> <ИНН> <name>"): that test runs inside the folder
    index, so only its few matches are read from the table (SQLite, without statistics, would
    walk the folder index anyway to skip a sort, reading every row for the range)."""
    column = DocumentRecord.counterparty_inn
    if len(digits) in INN_LENGTHS:
        return [column == digits]
    inside_index = DocumentRecord.search_text.contains(f" {digits}", autoescape=True)
    return [inside_index, column >= digits, column < digits + ":"]


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
            link_answer(session, record)
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
                raise missing_document(document_id)
            return to_stored(found[0], found[1])

    def get_content(self, document_id: int) -> bytes:
        """The exact bytes of the file as it was stored."""
        with self._db.session() as session:
            content = session.scalar(
                select(DocumentContent.content).where(DocumentContent.document_id == document_id)
            )
            if content is None:
                raise missing_document(document_id)
            return bytes(content)

    def list_page(self, query: DocumentQuery, offset: int = 0, limit: int = 100) -> list[DocumentRow]:
        """One page of the registry; never reads file bytes or reports."""
        _check_page(offset, limit)
        statement = select(*ROW_COLUMNS).where(*_filters(query)).order_by(*_order(query))
        with self._db.session() as session:
            rows = session.execute(statement.offset(offset).limit(limit)).all()
            return [to_row(row) for row in rows]

    def count(self, query: DocumentQuery, cap: int | None = None) -> int:
        """How many documents match the filters of ``query`` (its sort is ignored).

        With ``cap``, counting stops after cap + 1 matches: a result above ``cap`` means "more
        than cap". A full count on a million rows reads a whole index; the registry shows
        "более 10 000" instead of waiting for it.
        """
        matches = select(DocumentRecord.id).where(*_filters(query))
        if cap is not None:
            matches = matches.limit(cap + 1)
        statement = select(func.count()).select_from(matches.subquery())
        with self._db.session() as session:
            return int(session.scalar(statement) or 0)

    def set_archived(self, document_ids: Sequence[int], archived: bool, actor: str) -> list[int]:
        """Move documents to the Архив folder (or back) in one transaction, one audit event
        each; returns the ids that changed (those already there are left as they are)."""
        ids = sorted(set(document_ids))
        with self._db.session() as session:
            found = session.execute(
                select(DocumentRecord.id, DocumentRecord.archived).where(DocumentRecord.id.in_(ids))
            ).all()
            missing = set(ids) - {row[0] for row in found}
            if missing:
                raise missing_document(min(missing))
            changed = [row[0] for row in found if row[1] is not archived]
            if changed:
                session.execute(
                    update(DocumentRecord).where(DocumentRecord.id.in_(changed))
                    .values(archived=archived, updated_at=_now())
                )
                action = ACTION_ARCHIVED if archived else ACTION_UNARCHIVED
                session.add_all(_event(action, actor, doc_id, {}) for doc_id in changed)
            return changed

    def set_status(self, document_id: int, status: DocumentStatus, actor: str) -> None:
        """Change the status and log it; setting the current status again changes nothing."""
        with self._db.session() as session:
            record = session.scalar(
                select(DocumentRecord).where(DocumentRecord.id == document_id).with_for_update()
            )
            if record is None:
                raise missing_document(document_id)
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

