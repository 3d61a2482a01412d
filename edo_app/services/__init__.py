"""Workflows the UI and the CLI call. Everything the front ends need is re-exported here."""

from edo_app.services.context import Services
from edo_app.services.counterparties import Counterparty, CounterpartyInput, CounterpartyService
from edo_app.services.events import Changes, EventBus
from edo_app.services.exchange import ExchangeOptions, ExchangeService, ExchangeState, SyncReport
from edo_app.services.library import ImportResult, LibraryService
from edo_app.services.poa_registry import PoaImportResult, PoaPart, PoaRegistryService
from edo_app.services.signing import ProviderState, SigningService
from edo_app.services.upd_editor import DraftInfo, EditorCheck, FormResult, UpdEditorService
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
    "Counterparty",
    "CounterpartyInput",
    "CounterpartyService",
    "DocumentQuery",
    "DocumentRow",
    "DraftInfo",
    "EditorCheck",
    "EventBus",
    "ExchangeOptions",
    "ExchangeService",
    "ExchangeState",
    "FormResult",
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
    "UpdEditorService",
]
