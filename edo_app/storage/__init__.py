"""Storage: SQLite (WAL) by default, PostgreSQL by URL; repositories return plain dataclasses.

    db = open_database(url)            # migrates to the newest schema
    documents = DocumentRepository(db)
    ...
    db.close()
"""

from edo_app.storage.database import Database, open_database
from edo_app.storage.records import (
    AuditEvent,
    Counterparty,
    DocumentQuery,
    DocumentRow,
    SignatureCheck,
    SignerFacts,
    SortKey,
    StoredDocument,
    StoredSignature,
)
from edo_app.storage.repository import CounterpartyRepository, DocumentRepository
from edo_app.storage.signatures import SignatureRepository

__all__ = [
    "AuditEvent",
    "Counterparty",
    "CounterpartyRepository",
    "Database",
    "DocumentQuery",
    "DocumentRepository",
    "DocumentRow",
    "SignatureCheck",
    "SignatureRepository",
    "SignerFacts",
    "SortKey",
    "StoredDocument",
    "StoredSignature",
    "open_database",
]
