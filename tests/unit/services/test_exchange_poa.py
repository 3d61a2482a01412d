"""The МЧД of a received document: the seller's employee signs under an МЧД the seller's head
signed, the МЧД travels in the package, the buyer checks it, stores it and records the verdict.

Keys come from the throwaway test PKI (the head «Иванов Пётр Сергеевич» of «Тестовая Ромашка»
signs the МЧД; sample_poa's invented representative signs the document).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from edo_app.config import Settings
from edo_app.crypto.provider import ProviderRegistry
from edo_app.crypto.trust import TrustStore
from edo_app.documents import UpdSeller, file_name, to_xml
from edo_app.model.kinds import Direction
from edo_app.model.party import Party
from edo_app.poa import PowerOfAttorney
from edo_app.poa.checks import CheckOutcome, PoaStatus
from edo_app.poa.revocation import Revocation, RevocationList
from edo_app.schemas.registry import default_registry
from edo_app.services import Services
from edo_app.services.drafts import apply_poa
from edo_app.services.events import EventBus
from edo_app.services.exchange import ExchangeOptions, ExchangeService
from edo_app.services.exchange_poa import POA_CHECKED, PoaCheckRecord, poa_hook, poa_verdicts
from edo_app.services.exchange_setup import poa_entries
from edo_app.services.poa_registry import PoaRegistryService
from edo_app.storage import DocumentQuery
from edo_app.storage.repository import DocumentRepository
from edo_app.transport.memory import MemoryNetwork
from tests.unit.crypto.fake_cryptopro import pki
from tests.unit.crypto.fixtures import INN_LE, NOW, Pki
from tests.unit.crypto.fixtures import TestKey as PkiKey
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, SIGNER, Side, invoice, make_side
from tests.unit.services.test_poa_registry import KPP, make_poa

PRINCIPAL_NAME = 'ООО "Тестовая Ромашка"'


@dataclass
class Pair:
    seller: Side
    buyer: Side
    seller_poas: PoaRegistryService
    buyer_poas: PoaRegistryService
    rep_handle: str


def _registry(side: Side, test_pki: Pki) -> PoaRegistryService:
    return PoaRegistryService(side.database, EventBus(), providers=ProviderRegistry([side.provider]),
                              trust=TrustStore((test_pki.root.certificate,)), clock=lambda: NOW)


def _make_pair(tmp_path: Path, test_pki: Pki, rep_key: PkiKey, *, send_poa: bool,
               complete_through: datetime | None = None) -> Pair:
    network = MemoryNetwork()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    seller = make_side(tmp_path / "a", SELLER_ID, network.transport(SELLER_ID), test_pki)
    buyer = make_side(tmp_path / "b", BUYER_ID, network.transport(BUYER_ID), test_pki)
    seller_poas, buyer_poas = _registry(seller, test_pki), _registry(buyer, test_pki)
    seller.exchange.options = replace(seller.exchange.options,
                                      poa_entries=poa_entries(seller_poas) if send_poa else None)
    buyer.exchange = _checking_exchange(buyer, buyer_poas, complete_through)
    info = pki.encrypt_pkcs8(pki.private_key_info(rep_key.curve, rep_key.private), PASSWORD)
    rep_handle = seller.provider.import_pair(rep_key.certificate.der, info, PASSWORD).handle
    return Pair(seller, buyer, seller_poas, buyer_poas, rep_handle)


def _checking_exchange(buyer: Side, poas: PoaRegistryService, complete_through: datetime | None) -> ExchangeService:
    """The buyer's exchange (same transport) with the default МЧД hook over its own registry;
    ``complete_through``: as if the ФНС registry had been asked up to that moment."""
    def revocations() -> RevocationList:
        return poas.revocation_list().merged(RevocationList((), complete_through))

    hook = poa_hook(poas, revocations if complete_through else None)
    options = ExchangeOptions(receipt_signer=SIGNER, service_signer=buyer.sign_bytes, poa_check=hook)
    return ExchangeService(buyer.database, buyer.exchange.transport, buyer.signing, buyer.library, EventBus(),
                           participant_id=BUYER_ID, schemas=default_registry(), options=options)


@pytest.fixture
def pair(tmp_path: Path, test_pki: Pki, rep_key: PkiKey) -> Iterator[Pair]:
    """The buyer's revocation list is complete through a day after the signing."""
    made = _make_pair(tmp_path, test_pki, rep_key, send_poa=True, complete_through=NOW + timedelta(days=1))
    yield made
    made.seller.database.close()
    made.buyer.database.close()


def _document(poa: PowerOfAttorney, seed: int = 1) -> UpdSeller:
    doc = invoice("СЧФ", seed=seed)
    doc = replace(doc, sellers=(replace(doc.sellers[0], party=Party(PRINCIPAL_NAME, INN_LE, kpp=KPP)),))
    return apply_poa(doc, poa)


def _send_under_poa(pair: Pair, *, seed: int = 1) -> PowerOfAttorney:
    """The head signs the МЧД, the employee signs the УПД under it, the seller sends it."""
    poa = make_poa(1)
    found = pair.seller_poas.find_by_number(poa.number)
    poa_id = found.id if found is not None else pair.seller_poas.create_poa(poa)
    if found is None:
        pair.seller_poas.sign_poa(poa_id, "software", pair.seller.handle, PASSWORD, at=NOW)
    doc = _document(pair.seller_poas.poa(poa_id), seed)
    result = pair.seller.library.import_bytes(to_xml(doc), file_name(doc), Direction.OUTGOING)
    assert result.document_id is not None, result.report.issues
    pair.seller.signing.sign_document(result.document_id, "software", pair.rep_handle, password=PASSWORD, at=NOW)
    pair.seller_poas.attach_to_document(result.document_id, poa_id)
    pair.seller.exchange.queue_send(result.document_id, BUYER_ID)
    pair.seller.exchange.sync()
    report = pair.buyer.exchange.sync()
    assert report.errors == [] and report.received == 1, report.errors
    return poa


def _received(pair: Pair) -> list[int]:
    rows = pair.buyer.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    return sorted(r.id for r in rows)


def _verdicts(pair: Pair, document_id: int) -> list[PoaCheckRecord]:
    via_service = pair.buyer.exchange.poa_verdicts(document_id)
    assert via_service == poa_verdicts(DocumentRepository(pair.buyer.database), document_id)
    return via_service


def test_a_document_signed_under_a_valid_poa_is_recorded_valid(pair: Pair) -> None:
    poa = _send_under_poa(pair)
    [received] = _received(pair)
    [record] = _verdicts(pair, received)
    assert (record.number, record.signature) == (poa.number, 1)
    assert record.verdict.status is PoaStatus.VALID, [c for c in record.verdict.checks if c.outcome.name != "OK"]
    assert record.verdict.check("not_revoked").outcome is CheckOutcome.OK
    assert record.verdict.check("representative").outcome is CheckOutcome.OK
    stored = pair.buyer_poas.find_by_number(poa.number)  # the buyer keeps the МЧД with its signature
    assert stored is not None and pair.buyer_poas.get(stored.id).signatures[0].valid


def test_the_same_poa_on_a_second_document_is_not_stored_twice(pair: Pair) -> None:
    poa = _send_under_poa(pair, seed=1)
    _send_under_poa(pair, seed=2)
    first, second = _received(pair)
    assert [r.verdict.status for r in _verdicts(pair, second)] == [PoaStatus.VALID]
    assert [r.number for r in pair.buyer_poas.list()] == [poa.number]
    assert _verdicts(pair, first) != []


def test_a_revoked_poa_is_recorded_invalid_but_the_document_is_stored(pair: Pair) -> None:
    poa = make_poa(1)
    revoked = Revocation(poa.number, datetime(2026, 3, 1, 6, 0, tzinfo=UTC), "user")
    assert pair.buyer_poas.import_revocations(RevocationList([revoked])) == 1
    _send_under_poa(pair)
    [received] = _received(pair)
    [record] = _verdicts(pair, received)
    assert record.verdict.status is PoaStatus.INVALID
    assert record.verdict.check("not_revoked").outcome is CheckOutcome.FAILED
    assert pair.buyer.library.get(received).content  # stored all the same: the user sees the verdict


def test_a_document_under_a_poa_without_the_poa_is_not_attached(tmp_path: Path, test_pki: Pki,
                                                                 rep_key: PkiKey) -> None:
    made = _make_pair(tmp_path, test_pki, rep_key, send_poa=False)
    try:
        poa = _send_under_poa(made)
        [received] = _received(made)
        [record] = _verdicts(made, received)
        assert (record.number, record.verdict.status) == (poa.number, PoaStatus.NOT_ATTACHED)
        events = DocumentRepository(made.buyer.database).events(received)
        assert [e.details["status"] for e in events if e.action == POA_CHECKED] == ["NOT_ATTACHED"]
        assert made.buyer_poas.list() == []
    finally:
        made.seller.database.close()
        made.buyer.database.close()


def test_a_document_without_poa_references_records_nothing(pair: Pair) -> None:
    doc = invoice("СЧФ", seed=1)
    assert all(not s.poa for s in doc.signers)
    pair.seller.exchange.queue_send(pair.seller.add_signed(doc), BUYER_ID)
    pair.seller.exchange.sync()
    assert pair.buyer.exchange.sync().received == 1
    [received] = _received(pair)
    assert _verdicts(pair, received) == []


def test_without_a_complete_revocation_list_an_unrevoked_poa_has_a_warning(tmp_path: Path, test_pki: Pki,
                                                                          rep_key: PkiKey) -> None:
    """The stored revocations alone cannot say «not revoked»: every other check passes."""
    made = _make_pair(tmp_path, test_pki, rep_key, send_poa=True)
    try:
        _send_under_poa(made)
        [record] = _verdicts(made, _received(made)[0])
        assert record.verdict.status is PoaStatus.WARNINGS
        unsure = [c.name for c in record.verdict.checks if c.outcome is not CheckOutcome.OK]
        assert unsure == ["not_revoked"]
    finally:
        made.seller.database.close()
        made.buyer.database.close()


def test_the_app_wires_the_poa_check_by_default(tmp_path: Path) -> None:
    settings = Settings(participant_id=SELLER_ID, exchange_folder=str(tmp_path / "exchange"))
    services = Services.open(tmp_path / "data", settings)
    try:
        assert services.exchange is not None and services.exchange.options.poa_check is not None
    finally:
        services.close()
