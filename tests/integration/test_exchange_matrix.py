"""The regulated flows end to end over every transport: the reference HTTP operator (a real server
process), the exchange folder with its gateway, and the in-memory operator.

Each scenario is one flow of DOMAIN.md §3 between two participants with their own databases and
keys; the final paired statuses must be the same whichever way the files travel. Only the
operator's delivery confirmation (ПДП) differs: a plain exchange folder has no operator to stamp.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from edo_app.documents import Correction, UpdSeller, file_name, to_xml
from edo_app.documents.upd_types import Signer
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.storage import DocumentQuery
from edo_app.transport.base import Transport
from edo_app.transport.folder import FolderGateway, FolderTransport
from edo_app.transport.memory import MemoryNetwork
from tests.integration.operator_server import OperatorServer
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, Side, invoice, make_side

S = DocumentStatus
TRANSPORTS = ("operator", "folder", "memory")
TITLE_SIGNER = Signer(PersonName("Петрова", "Анна", "Игоревна"), "Директор по закупкам", 1)
_BOXES = itertools.count(1)


@dataclass
class World:
    """Two sides and what moves files between their syncs (the gateway of an exchange folder)."""

    seller: Side
    buyer: Side
    deliver: Callable[[], None]
    stamps: bool  # whether an operator confirms delivery with a ПДП

    def rounds(self, count: int = 3) -> None:
        """Sync both sides ``count`` times, in turn, moving the files in between."""
        for _ in range(count):
            for side in (self.seller, self.buyer):
                report = side.exchange.sync()
                assert report.failed == 0, report.errors
                self.deliver()

    def received(self, file_id: str) -> list[int]:
        rows = self.buyer.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
        return [r.id for r in rows if r.file_id == file_id]

    def status(self, side: Side, document_id: int) -> DocumentStatus:
        return side.library.get(document_id).status


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OperatorServer]:
    running = OperatorServer(tmp_path_factory.mktemp("operator")).start()
    yield running
    running.stop()


def _transports(kind: str, tmp_path: Path, request: pytest.FixtureRequest,
                ids: tuple[str, str]) -> tuple[Transport, Transport, Callable[[], None]]:
    if kind == "memory":
        network = MemoryNetwork()
        return network.transport(ids[0]), network.transport(ids[1]), lambda: None
    if kind == "folder":
        root = tmp_path / "exchange"
        gateway = FolderGateway(root)

        def deliver() -> None:
            gateway.deliver_once()
        return FolderTransport(root, ids[0]), FolderTransport(root, ids[1]), deliver
    server: OperatorServer = request.getfixturevalue("server")
    server.add(ids[0], "alpha")
    server.add(ids[1], "beta")
    return server.transport(ids[0]), server.transport(ids[1]), lambda: None


@pytest.fixture(params=TRANSPORTS)
def world(request: pytest.FixtureRequest, tmp_path: Path, test_pki: Pki) -> Iterator[World]:
    suffix = next(_BOXES)  # the operator keeps its boxes between tests: fresh ones each time
    yield from open_world(request.param, request, tmp_path, test_pki, (f"{SELLER_ID}-{suffix}", f"{BUYER_ID}-{suffix}"))


def open_world(kind: str, request: pytest.FixtureRequest, tmp_path: Path, test_pki: Pki,
               ids: tuple[str, str]) -> Iterator[World]:
    """Two sides with the participant ``ids`` over the transport ``kind``; closed after the test."""
    to_seller, to_buyer, deliver = _transports(kind, tmp_path, request, ids)
    sides = []
    for name, participant, transport in (("a", ids[0], to_seller), ("b", ids[1], to_buyer)):
        (tmp_path / name).mkdir()
        sides.append(make_side(tmp_path / name, participant, transport, test_pki))
    yield World(sides[0], sides[1], deliver, stamps=kind != "folder")
    for side in sides:
        side.exchange.close()
        side.database.close()


def send_file(world: World, content: bytes, name: str, file_id: str) -> tuple[int, int]:
    """Sign and send any document file and let both sides answer; returns (sender's id, recipient's id)."""
    doc_id = world.seller.add_signed_file(content, name)
    world.seller.exchange.queue_send(doc_id, world.buyer.participant_id)
    world.rounds()
    received = world.received(file_id)
    assert len(received) == 1
    return doc_id, received[0]


def _send(world: World, doc: UpdSeller) -> tuple[int, int]:
    """Send a signed УПД and let both sides answer; returns (seller's id, buyer's id)."""
    return send_file(world, to_xml(doc), file_name(doc), str(doc.file_id))


def test_invoice_through_the_full_14n_flow(world: World) -> None:
    doc_id, received = _send(world, invoice("СЧФ", seed=31))
    assert world.status(world.seller, doc_id) is S.SIGNED_BY_COUNTERPARTY
    assert world.status(world.buyer, received) is S.RECEIVED
    history = [e.details.get("to") for e in world.seller.library.history(doc_id) if e.action == "document.status"]
    expected = ["signed", "sent", "delivered", "signed_by_counterparty"] if world.stamps else \
        ["signed", "sent", "signed_by_counterparty"]
    assert history == expected
    assert [s.valid for s in world.buyer.signing.signatures(received)] == [True]


def test_schfdop_with_the_buyers_title(world: World) -> None:
    doc_id, received = _send(world, invoice("СЧФДОП", seed=32))
    assert world.status(world.buyer, received) is S.SIGNATURE_REQUIRED
    world.buyer.exchange.sign_buyer_title(received, signer=TITLE_SIGNER, provider="software",
                                          handle=world.buyer.handle, password=PASSWORD)
    world.rounds()
    assert (world.status(world.seller, doc_id), world.status(world.buyer, received)) == \
        (S.SIGNED_BY_COUNTERPARTY, S.SIGNED)
    titles = world.seller.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    assert [t.kind.value for t in titles] == ["upd_buyer"]
    assert [s.valid for s in world.seller.signing.signatures(titles[0].id)] == [True]


def test_dop_rejected_with_a_signed_refusal(world: World) -> None:
    doc_id, received = _send(world, invoice("ДОП", seed=33))
    world.buyer.exchange.sign_buyer_title(received, accept=False, signer=TITLE_SIGNER, provider="software",
                                          handle=world.buyer.handle, password=PASSWORD)
    world.rounds()
    assert (world.status(world.seller, doc_id), world.status(world.buyer, received)) == (S.REJECTED, S.REJECTED)


def test_clarification_then_a_corrected_document(world: World) -> None:
    original = invoice("СЧФДОП", seed=34)
    doc_id, received = _send(world, original)
    world.buyer.exchange.request_clarification(received, "Неверный КПП покупателя")
    world.rounds()
    assert (world.status(world.seller, doc_id), world.status(world.buyer, received)) == \
        (S.REJECTED, S.REJECTED)
    notes = [e.details for e in world.seller.library.history(doc_id) if e.action == "exchange.clarification"]
    assert notes == [{"text": "Неверный КПП покупателя"}]
    corrected = replace(invoice("СЧФДОП", seed=35), number=original.number, doc_date=original.doc_date,
                        correction=Correction(1, date.today()))
    fixed_id, fixed_received = _send(world, corrected)
    assert world.status(world.buyer, fixed_received) is S.SIGNATURE_REQUIRED
    assert world.buyer.library.get(fixed_received).summary.number == original.number
    assert world.status(world.seller, doc_id) is S.REJECTED  # the original stays as it was
    assert fixed_id != doc_id


def test_annulment_accepted(world: World) -> None:
    doc_id, received = _send(world, invoice("СЧФ", seed=36))
    world.seller.exchange.propose_annulment(doc_id, "Ошибка в цене")
    world.rounds()
    world.buyer.exchange.accept_annulment(received)
    world.rounds()
    assert (world.status(world.seller, doc_id), world.status(world.buyer, received)) == (S.ANNULLED, S.ANNULLED)


def test_annulment_refused(world: World) -> None:
    doc_id, received = _send(world, invoice("СЧФ", seed=37))
    world.seller.exchange.propose_annulment(doc_id, "Ошибка в цене")
    world.rounds()
    world.buyer.exchange.refuse_annulment(received, "Цена верна")
    world.rounds()
    assert world.status(world.seller, doc_id) is S.SIGNED_BY_COUNTERPARTY
    assert world.status(world.buyer, received) is S.RECEIVED
    assert any(e.action == "exchange.annulment_refused" for e in world.seller.library.history(doc_id))
