"""Storage: SQLite (WAL) by default, PostgreSQL by URL; repositories return plain dataclasses.

    db = open_database(url)            # migrates to the newest schema
    documents = DocumentRepository(db)
    ...
    db.close()
"""

from edo_app.storage.counterparties import CounterpartyRepository
from edo_app.storage.database import Database, open_database
from edo_app.storage.outbox import ExchangeRepository
from edo_app.storage.poa import PoaRepository
from edo_app.storage.records import (
    AuditEvent,
    Counterparty,
    DocumentPoaLink,
    DocumentQuery,
    DocumentRow,
    ExchangeLink,
    InboxItem,
    OutboxItem,
    PoaFacts,
    PoaPerson,
    PoaQuery,
    PoaRevocation,
    PoaRow,
    SignatureCheck,
    SignerFacts,
    SortKey,
    StoredDocument,
    StoredPoa,
    StoredPoaSignature,
    StoredSignature,
)
from edo_app.storage.repository import DocumentRepository
from edo_app.storage.signatures import SignatureRepository

__all__ = [
    "AuditEvent",
    "Counterparty",
    "CounterpartyRepository",
    "Database",
    "DocumentPoaLink",
    "DocumentQuery",
    "DocumentRepository",
    "DocumentRow",
    "ExchangeLink",
    "ExchangeRepository",
    "InboxItem",
    "OutboxItem",
    "PoaFacts",
    "PoaPerson",
    "PoaQuery",
    "PoaRepository",
    "PoaRevocation",
    "PoaRow",
    "SignatureCheck",
    "SignatureRepository",
    "SignerFacts",
    "SortKey",
    "StoredDocument",
    "StoredPoa",
    "StoredPoaSignature",
    "StoredSignature",
    "open_database",
]
