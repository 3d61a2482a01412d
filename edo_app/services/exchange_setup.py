"""Building the exchange from the settings: which transport, who we are, who signs the ИОП."""

from __future__ import annotations

import hashlib
from pathlib import Path

from edo_app.config import Settings
from edo_app.crypto.trust import TrustStore
from edo_app.documents import ServiceSigner
from edo_app.documents.upd_types import Signer
from edo_app.errors import ConfigError, EdoError, InputError
from edo_app.fileio import read_password
from edo_app.model.party import PersonName
from edo_app.schemas.registry import SchemaRegistry
from edo_app.services.events import EventBus
from edo_app.services.exchange import ExchangeOptions, ExchangeService
from edo_app.services.exchange_packages import PoaEntriesFn, ServiceSignerFn
from edo_app.services.exchange_poa import poa_hook
from edo_app.services.library import LibraryService
from edo_app.services.poa_registry import PoaRegistryService
from edo_app.services.signing import SigningService
from edo_app.storage.database import Database
from edo_app.transport.base import Transport
from edo_app.transport.folder import FolderTransport
from edo_app.transport.http_operator import HttpOperatorTransport
from edo_app.transport.package import Entry, Role, check_participant_id

__all__ = [
    "build_exchange",
    "check_participant_id",
    "configured",
    "open_transport",
    "person_of",
    "poa_entries",
    "service_signer_of",
    "signer_of",
    "title_signer",
]


def configured(settings: Settings) -> bool:
    return bool(settings.participant_id and (settings.exchange_folder or settings.operator_url))


def open_transport(settings: Settings) -> tuple[Transport, str]:
    """The transport the settings name and its cursor key ("folder:<root>" / "operator:<url>")."""
    if settings.operator_url:
        transport = HttpOperatorTransport(settings.operator_url, settings.operator_token)
        return transport, _cursor_key("operator", settings.operator_url)
    if settings.exchange_folder:
        root = Path(settings.exchange_folder)
        return FolderTransport(root, settings.participant_id), _cursor_key("folder", str(root.resolve()))
    raise ConfigError("обмен не настроен: выполните «edo exchange configure»", "exchange_folder")


def _cursor_key(kind: str, where: str) -> str:
    """``kind:where`` while it fits the column (64), else ``kind:`` and a digest of ``where``."""
    key = f"{kind}:{where}"
    return key if len(key) <= 64 else f"{kind}:{hashlib.sha256(where.encode()).hexdigest()[:40]}"


def person_of(text: str, field: str) -> PersonName:
    """«Фамилия Имя [Отчество]» as a PersonName; InputError naming ``field`` otherwise."""
    parts = text.split()
    if len(parts) < 2:
        raise InputError(f"{field}: укажите фамилию и имя подписанта", field)
    return PersonName(parts[0], parts[1], " ".join(parts[2:]))


def signer_of(settings: Settings) -> ServiceSigner | None:
    """Who signs our ИОП/УОУ, from the settings' exchange_signer; None when not set."""
    if not settings.exchange_signer.split():
        return None
    try:
        return ServiceSigner(person_of(settings.exchange_signer, "exchange_signer"),
                             settings.exchange_signer_position)
    except InputError as exc:
        raise ConfigError(f"exchange_signer: {exc}", "exchange_signer") from exc


def title_signer(full_name: str, position: str) -> Signer:
    """The signer of a buyer's title given on the command line (--signer, --position)."""
    return Signer(person_of(full_name, "--signer"), position)


def service_signer_of(settings: Settings, signing: SigningService) -> ServiceSignerFn | None:
    """What signs our ИОП/УОУ/ПоА: the certificate ``exchange_key`` names ("provider:handle"),
    its key tried once now; None when not set (the operator then refuses unsigned ones)."""
    if not settings.exchange_key:
        return None
    provider, sep, handle = settings.exchange_key.partition(":")
    if not (sep and provider and handle):
        raise ConfigError("exchange_key: укажите «провайдер:идентификатор» сертификата, как их печатает «edo certs»",
                          "exchange_key")
    file = settings.exchange_key_password_file
    try:
        return signing.bytes_signer(provider, handle, read_password(Path(file) if file else None,
                                                                    "exchange_key_password_file"))
    except EdoError as exc:
        raise ConfigError(f"exchange_key: служебные документы подписать нельзя: {exc}", "exchange_key") from exc


def poa_entries(poas: PoaRegistryService) -> PoaEntriesFn:
    """The МЧД a document was signed under, with the principal's signatures, as package entries."""
    def entries(document_id: int) -> list[Entry]:
        found = []
        for index, part in enumerate(poas.package_parts(document_id), start=1):
            name = f"poa-{index}.xml"
            found.append(Entry(name, Role.POA, part.content))
            found.extend(Entry(f"{name}.{n}.sig", Role.POA_SIGNATURE, der, signs=name)
                         for n, der in enumerate(part.signatures, start=1))
        return found
    return entries


def build_exchange(settings: Settings, database: Database, signing: SigningService, library: LibraryService,
                   bus: EventBus, *, schemas: SchemaRegistry, trust: TrustStore | None,
                   poas: PoaRegistryService | None = None) -> ExchangeService | None:
    """The exchange service when the settings configure one, else None."""
    if not configured(settings):
        return None
    transport, name = open_transport(settings)
    options = ExchangeOptions(receipt_signer=signer_of(settings), service_signer=service_signer_of(settings, signing),
                              transport_name=name,
                              max_bytes=settings.max_xml_bytes, poa_entries=poa_entries(poas) if poas else None,
                              poa_check=poa_hook(poas) if poas else None)
    return ExchangeService(database, transport, signing, library, bus, participant_id=settings.participant_id,
                           schemas=schemas, trust=trust, options=options)
