"""The exchange through the reference HTTP operator (a real server process on 127.0.0.1): its
checks accept what we send, its ПДП/ПДО stamps move the statuses, the 14н flow completes."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.documents.upd_types import Signer
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.storage import DocumentQuery
from tests.integration.operator_server import OperatorServer
from tests.unit.crypto.fixtures import make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, Side, invoice, make_side

S = DocumentStatus
_BOXES = itertools.count(1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OperatorServer]:
    folder = tmp_path_factory.mktemp("operator")
    running = OperatorServer(folder).start()
    yield running
    running.stop()


@pytest.fixture
def pair(tmp_path: Path, server: OperatorServer) -> Iterator[tuple[Side, Side]]:
    # fresh boxes for every test: the operator keeps a box's feed between tests
    seller_id, buyer_id = f"{SELLER_ID}-{next(_BOXES)}", f"{BUYER_ID}-{next(_BOXES)}"
    server.add(seller_id, "alpha")
    server.add(buyer_id, "beta")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    test_pki = make_pki()
    seller = make_side(tmp_path / "a", seller_id, server.transport(seller_id), test_pki)
    buyer = make_side(tmp_path / "b", buyer_id, server.transport(buyer_id), test_pki)
    yield seller, buyer
    seller.database.close()
    buyer.database.close()


def _round(seller: Side, buyer: Side) -> None:
    for side in (seller, buyer, seller, buyer, seller):
        report = side.exchange.sync()
        assert report.failed == 0, report.errors


def _received(side: Side, file_id: str) -> int:
    rows = side.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    return next(r.id for r in rows if r.file_id == file_id)


def test_invoice_through_the_operator(pair: tuple[Side, Side]) -> None:
    seller, buyer = pair
    doc = invoice("СЧФ", seed=11)
    doc_id = seller.add_signed(doc)
    seller.exchange.queue_send(doc_id, buyer.participant_id)
    _round(seller, buyer)
    assert seller.library.get(doc_id).status is S.SIGNED_BY_COUNTERPARTY
    received = _received(buyer, str(doc.file_id))
    assert buyer.library.get(received).status is S.RECEIVED
    seen = {i.payload.get("service") for i in seller.exchange.repo.inbox()} | \
        {i.payload.get("service") for i in buyer.exchange.repo.inbox()}
    assert {"ПДП", "ПДО"} <= seen  # the operator's stamps arrived and were processed
    assert all(i.state == "processed" and i.acknowledged for i in buyer.exchange.repo.inbox())


def test_schfdop_title_through_the_operator(pair: tuple[Side, Side]) -> None:
    seller, buyer = pair
    doc = invoice("СЧФДОП", seed=12)
    doc_id = seller.add_signed(doc)
    seller.exchange.queue_send(doc_id, buyer.participant_id)
    _round(seller, buyer)
    received = _received(buyer, str(doc.file_id))
    assert buyer.library.get(received).status is S.SIGNATURE_REQUIRED
    buyer.exchange.sign_buyer_title(received, signer=Signer(PersonName("Петрова", "Анна"), "Директор", 1),
                                    provider="software", handle=buyer.handle, password=PASSWORD)
    _round(seller, buyer)
    assert (seller.library.get(doc_id).status, buyer.library.get(received).status) == \
        (S.SIGNED_BY_COUNTERPARTY, S.SIGNED)
