"""Workflows the UI and the CLI call. Everything the front ends need is re-exported here."""

from edo_app.services.context import Services
from edo_app.services.events import Changes, EventBus
from edo_app.services.library import ImportResult, LibraryService
from edo_app.services.signing import ProviderState, SigningService
from edo_app.storage.records import (
    AuditEvent,
    DocumentQuery,
    DocumentRow,
    SignatureCheck,
    SortKey,
    StoredDocument,
    StoredSignature,
)

__all__ = [
    "AuditEvent",
    "Changes",
    "DocumentQuery",
    "DocumentRow",
    "EventBus",
    "ImportResult",
    "LibraryService",
    "ProviderState",
    "Services",
    "SignatureCheck",
    "SigningService",
    "SortKey",
    "StoredDocument",
    "StoredSignature",
]
