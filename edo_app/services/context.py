"""The one object a front end holds: settings, database, schemas and the services on top."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from edo_app import config
from edo_app.crypto.provider import default_registry
from edo_app.crypto.trust import TrustStore
from edo_app.errors import ConfigError
from edo_app.schemas.registry import SchemaRegistry
from edo_app.services.counterparties import CounterpartyService
from edo_app.services.employees import EmployeesService
from edo_app.services.events import EventBus
from edo_app.services.exchange import ExchangeService
from edo_app.services.exchange_setup import build_exchange
from edo_app.services.library import LibraryService
from edo_app.services.poa_registry import PoaRegistryService
from edo_app.services.signing import SigningService
from edo_app.services.transport_directory import TransportDirectoryService
from edo_app.services.upd_editor import UpdEditorService
from edo_app.storage.database import Database, open_database

SETTINGS_FILE = "settings.toml"
KEYS_DIR = "keys"  # the software provider's key store
TRUST_DIR = "trust"  # certificates of the УЦ the user trusts (optional)


@dataclass
class Services:
    data_dir: Path
    settings: config.Settings
    database: Database
    schemas: SchemaRegistry
    events: EventBus
    library: LibraryService
    signing: SigningService
    poas: PoaRegistryService
    exchange: ExchangeService | None = None  # None until «edo exchange configure»
    exchange_problem: str = ""  # why a configured exchange could not open (Russian), "" when fine
    counterparties: CounterpartyService = field(init=False)
    employees: EmployeesService = field(init=False)  # the employees directory (HR documents)
    transport: TransportDirectoryService = field(init=False)  # vehicles and drivers (ЭТрН)
    upd_editor: UpdEditorService = field(init=False)

    def __post_init__(self) -> None:
        self.counterparties = CounterpartyService(self.database)
        self.employees = EmployeesService(self.database)
        self.transport = TransportDirectoryService(self.database)
        self.upd_editor = UpdEditorService(self.library, self.schemas, self.data_dir)

    @classmethod
    def open(cls, data_dir: Path | None = None, settings: config.Settings | None = None) -> Services:
        """Open (creating and migrating when new) the user's database and load schemas."""
        base = data_dir or config.data_dir()
        base.mkdir(parents=True, exist_ok=True)
        chosen = settings or config.load(base / SETTINGS_FILE)
        database = open_database(chosen.resolved_database_url(base))
        schemas = SchemaRegistry.default(extra_dirs=_existing(chosen.official_xsd_path(base)))
        bus = EventBus()
        trust = _trust(base / TRUST_DIR)
        signing = SigningService(database, default_registry(store_dir=base / KEYS_DIR), bus, trust)
        library = LibraryService(database, schemas, bus, chosen.max_xml_bytes, signing)
        poas = PoaRegistryService(database, bus, providers=signing.providers, trust=trust, schemas=schemas)
        try:
            exchange = build_exchange(chosen, database, signing, library, bus, schemas=schemas, trust=trust,
                                      poas=poas)
        except ConfigError as exc:  # the app still opens: the documents are there, the exchange says why not
            return cls(base, chosen, database, schemas, bus, library, signing, poas, None, str(exc))
        return cls(base, chosen, database, schemas, bus, library, signing, poas, exchange)

    def close(self) -> None:
        if self.exchange is not None:
            self.exchange.close()
        self.database.close()


def _existing(path: Path) -> list[Path]:
    return [path] if path.is_dir() else []


def _trust(folder: Path) -> TrustStore | None:
    """The trust store when the folder exists; without it chains are reported "not checked"."""
    return TrustStore.from_folder(folder) if folder.is_dir() else None
