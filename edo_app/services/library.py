"""The document registry as the user sees it: check a file, import it, list and open documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from edo_app.documents.registry import summarize
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.report import Report
from edo_app.schemas.registry import SchemaRegistry
from edo_app.schemas.validate import validate_tree
from edo_app.services.events import Changes, EventBus
from edo_app.storage.database import Database
from edo_app.storage.records import AuditEvent, DocumentQuery, DocumentRow, StoredDocument
from edo_app.storage.repository import DocumentRepository
from edo_app.xmlio import parse_bytes, read_file


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The verdict on a file; ``document_id`` is None when nothing was stored."""

    report: Report
    document_id: int | None = None

    @property
    def stored(self) -> bool:
        return self.document_id is not None


class LibraryService:
    def __init__(self, database: Database, schemas: SchemaRegistry, bus: EventBus, max_bytes: int) -> None:
        self._documents = DocumentRepository(database)
        self._schemas = schemas
        self._bus = bus
        self._max_bytes = max_bytes

    def check_file(self, path: Path) -> Report:
        """Validate a file without storing it. Unreadable files raise XmlInputError."""
        _, tree = read_file(path, max_bytes=self._max_bytes)
        return validate_tree(tree, path.name, self._schemas)

    def import_file(self, path: Path, direction: Direction = Direction.INCOMING) -> ImportResult:
        """Store a file if it is valid; an invalid one is reported and nothing is stored."""
        data, _ = read_file(path, max_bytes=self._max_bytes)
        return self.import_bytes(data, path.name, direction)

    def import_bytes(self, data: bytes, file_name: str, direction: Direction) -> ImportResult:
        tree = parse_bytes(data, name=file_name, max_bytes=self._max_bytes)
        report = validate_tree(tree, file_name, self._schemas)
        if not report.ok:
            return ImportResult(report)
        summary = summarize(tree)
        status = DocumentStatus.RECEIVED if direction is Direction.INCOMING else DocumentStatus.VALIDATED
        doc_id = self._documents.add_document(summary, data, direction, status, report)
        self._bus.publish(Changes(documents_added=(doc_id,)))
        return ImportResult(report, doc_id)

    def list_documents(self, query: DocumentQuery, offset: int = 0, limit: int = 200) -> list[DocumentRow]:
        return self._documents.list_page(query, offset, limit)

    def count(self, query: DocumentQuery) -> int:
        return self._documents.count(query)

    def get(self, document_id: int) -> StoredDocument:
        return self._documents.get(document_id)

    def history(self, document_id: int) -> list[AuditEvent]:
        return self._documents.events(document_id)
