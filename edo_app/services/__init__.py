"""Workflows the UI and the CLI call. Everything the front ends need is re-exported here."""

from edo_app.services.context import Services
from edo_app.services.events import Changes, EventBus
from edo_app.services.exchange import ExchangeOptions, ExchangeService, ExchangeState, SyncReport
from edo_app.services.library import ImportResult, LibraryService
from edo_app.services.poa_registry import PoaImportResult, PoaPart, PoaRegistryService
from edo_app.services.signing import ProviderState, SigningService
from edo_app.storage.records import (
    AuditEvent,
    DocumentQuery,
    DocumentRow,
    PoaQuery,
    PoaRow,
    SignatureCheck,
    SortKey,
    StoredDocument,
    StoredPoa,
    StoredPoaSignature,
    StoredSignature,
)

__all__ = [
    "AuditEvent",
    "Changes",
    "DocumentQuery",
    "DocumentRow",
    "EventBus",
    "ExchangeOptions",
    "ExchangeService",
    "ExchangeState",
    "ImportResult",
    "LibraryService",
    "PoaImportResult",
    "PoaPart",
    "PoaQuery",
    "PoaRegistryService",
    "PoaRow",
    "ProviderState",
    "Services",
    "SignatureCheck",
    "SigningService",
    "SortKey",
    "StoredDocument",
    "StoredPoa",
    "StoredPoaSignature",
    "StoredSignature",
    "SyncReport",
]
