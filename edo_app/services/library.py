"""The document registry as the user sees it: check a file, import it, list and open documents.

An import may bring the sender's detached signature: the document is stored when it passes
validation, and the signature beside it with its verdict (valid or not, the verdict says why).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from edo_app.crypto.cms import parse_signed_data
from edo_app.crypto.provider import ProviderRegistry
from edo_app.documents.registry import summarize
from edo_app.fileio import read_bytes
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.report import Report
from edo_app.schemas.registry import SchemaRegistry
from edo_app.schemas.validate import validate_tree
from edo_app.services.events import Changes, EventBus
from edo_app.services.signing import SigningService
from edo_app.storage.database import Database
from edo_app.storage.records import AuditEvent, DocumentQuery, DocumentRow, StoredDocument, StoredSignature
from edo_app.storage.repository import DocumentRepository
from edo_app.storage.signatures import MAX_SIGNATURE
from edo_app.xmlio import parse_bytes, read_file


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The verdict on a file; ``document_id`` is None when nothing was stored."""

    report: Report
    document_id: int | None = None
    signature: StoredSignature | None = None  # the attached signature, with its verdict

    @property
    def stored(self) -> bool:
        return self.document_id is not None


class LibraryService:
    def __init__(self, database: Database, schemas: SchemaRegistry, bus: EventBus, max_bytes: int,
                 signing: SigningService | None = None) -> None:
        self._documents = DocumentRepository(database)
        self._schemas = schemas
        self._bus = bus
        self._max_bytes = max_bytes
        # Verifying needs no signing provider: an empty registry will do without one.
        self._signing = signing or SigningService(database, ProviderRegistry(), bus)

    def check_file(self, path: Path) -> Report:
        """Validate a file without storing it. Unreadable files raise XmlInputError."""
        _, tree = read_file(path, max_bytes=self._max_bytes)
        return validate_tree(tree, path.name, self._schemas)

    def import_file(self, path: Path, direction: Direction = Direction.INCOMING, *,
                    signature: bytes | None = None) -> ImportResult:
        """Store a file if it is valid; an invalid one is reported and nothing is stored.

        ``signature``: the detached signature (DER/PEM/base64) that came with the file.
        """
        data, _ = read_file(path, max_bytes=self._max_bytes)
        return self.import_bytes(data, path.name, direction, signature=signature)

    def import_with_signature(self, path: Path, sig_path: Path,
                              direction: Direction = Direction.INCOMING) -> ImportResult:
        """``import_file`` with the signature read from ``sig_path`` (e.g. ``<file>.sig``)."""
        signature = read_bytes(sig_path, "подпись", MAX_SIGNATURE)
        return self.import_file(path, direction, signature=signature)

    def import_bytes(self, data: bytes, file_name: str, direction: Direction, *,
                     signature: bytes | None = None) -> ImportResult:
        """Validate and store; with ``signature``, attach and verify it after the document.

        A signature file that is no CMS at all raises SignatureFormatError before anything is
        stored; a readable but invalid one is stored with its verdict (``result.signature``).
        """
        tree = parse_bytes(data, name=file_name, max_bytes=self._max_bytes)
        report = validate_tree(tree, file_name, self._schemas)
        if not report.ok:
            return ImportResult(report)
        if signature is not None:
            parse_signed_data(signature)  # garbage fails here, before the document is stored
        summary = summarize(tree)
        status = DocumentStatus.RECEIVED if direction is Direction.INCOMING else DocumentStatus.VALIDATED
        doc_id = self._documents.add_document(summary, data, direction, status, report)
        self._bus.publish(Changes(documents_added=(doc_id,)))
        if signature is None:
            return ImportResult(report, doc_id)
        return ImportResult(report, doc_id, self._signing.attach_signature(doc_id, signature))

    def list_documents(self, query: DocumentQuery, offset: int = 0, limit: int = 200) -> list[DocumentRow]:
        return self._documents.list_page(query, offset, limit)

    def count(self, query: DocumentQuery, cap: int | None = None) -> int:
        """Matches of ``query``; with ``cap``, a result above cap means "more than cap"."""
        return self._documents.count(query, cap)

    def set_archived(self, document_ids: Sequence[int], archived: bool, *, actor: str = "") -> list[int]:
        """Move documents to the Архив folder or back (one transaction, an audit event each);
        returns the ids that changed."""
        changed = self._documents.set_archived(document_ids, archived, actor)
        if changed:
            self._bus.publish(Changes(documents_changed=tuple(changed)))
        return changed

    def get(self, document_id: int) -> StoredDocument:
        return self._documents.get(document_id)

    def history(self, document_id: int) -> list[AuditEvent]:
        return self._documents.events(document_id)
