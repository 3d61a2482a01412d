"""Two participants of an exchange, each with its own database and signing key (no tests here).

Keys come from the throwaway test PKI of tests/unit/crypto (fictional owner); documents from
edo_app.documents.samples (fictional companies with valid check digits).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from edo_app.crypto.provider import ProviderRegistry
from edo_app.crypto.software import SoftwareProvider
from edo_app.documents import ServiceSigner, UpdSeller, file_name, sample_upd, to_xml
from edo_app.model.kinds import Direction
from edo_app.model.party import PersonName
from edo_app.schemas.registry import default_registry
from edo_app.services.events import EventBus
from edo_app.services.exchange import ExchangeOptions, ExchangeService
from edo_app.services.library import LibraryService
from edo_app.services.signing import SigningService, make_signature, utc_now
from edo_app.storage import open_database
from edo_app.storage.database import Database
from edo_app.transport.base import Transport
from edo_app.transport.memory import MemoryNetwork
from tests.unit.crypto.fake_cryptopro import pki
from tests.unit.crypto.fixtures import Pki

PASSWORD = "секрет-42"
SELLER_ID = "2AE1111111111-222222222"
BUYER_ID = "2BM-3333333333-444444444"
SIGNER = ServiceSigner(PersonName("Иванов", "Пётр", "Сергеевич"), "Главный бухгалтер")


@dataclass
class Side:
    participant_id: str
    database: Database
    signing: SigningService
    library: LibraryService
    exchange: ExchangeService
    provider: SoftwareProvider
    handle: str

    def add_signed(self, doc: UpdSeller) -> int:
        """Import a seller title as outgoing and sign it with this side's key."""
        return self.add_signed_file(to_xml(doc), file_name(doc))

    def add_signed_file(self, content: bytes, name: str) -> int:
        """Import any document file as outgoing and sign it with this side's key."""
        result = self.library.import_bytes(content, name, Direction.OUTGOING)
        assert result.document_id is not None, result.report.issues
        self.signing.sign_document(result.document_id, "software", self.handle, password=PASSWORD)
        return result.document_id

    def sign_bytes(self, data: bytes) -> bytes:
        entry = next(e for e in self.provider.certificates() if e.handle == self.handle)
        return make_signature(self.provider, entry, data, PASSWORD, datetime.now(UTC))


def make_side(folder: Path, participant_id: str, transport: Transport, test_pki: Pki, *,
              options: ExchangeOptions | None = None, clock: Callable[[], datetime] | None = None,
              url: str | None = None) -> Side:
    """A participant with its own database (SQLite in ``folder`` unless ``url`` names another) and key."""
    database = open_database(url or f"sqlite:///{folder / 'edo.sqlite3'}")
    provider = SoftwareProvider(folder / "keys")
    key = test_pki.signer
    info = pki.encrypt_pkcs8(pki.private_key_info(key.curve, key.private), PASSWORD)
    handle = provider.import_pair(key.certificate.der, info, PASSWORD).handle
    bus = EventBus()
    signing = SigningService(database, ProviderRegistry([provider]), bus)
    library = LibraryService(database, default_registry(), bus, 64 * 1024 * 1024, signing)
    side = Side(participant_id, database, signing, library, None, provider, handle)  # type: ignore[arg-type]
    chosen = options or ExchangeOptions(receipt_signer=SIGNER, service_signer=side.sign_bytes)
    side.exchange = ExchangeService(database, transport, signing, library, bus, participant_id=participant_id,
                                    schemas=default_registry(), options=chosen, clock=clock or utc_now)
    return side



@contextmanager
def connected_sides(folder: Path, first: tuple[str, str], second: tuple[str, str],
                    test_pki: Pki) -> Iterator[tuple[Side, Side]]:
    """Two participants (subfolder name, participant id) on one in-memory operator; closed after."""
    network = MemoryNetwork()
    sides = []
    for name, participant_id in (first, second):
        (folder / name).mkdir()
        sides.append(make_side(folder / name, participant_id, network.transport(participant_id), test_pki))
    try:
        yield sides[0], sides[1]
    finally:
        for side in sides:
            side.database.close()

def invoice(function: str = "СЧФ", seed: int = 1) -> UpdSeller:
    return sample_upd(function, seed=seed)
