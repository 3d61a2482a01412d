"""Two participants through MemoryNetwork: the 14н invoice flow and СЧФДОП with the buyer's title."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from edo_app.documents import ACCEPTED_WITH_DISCREPANCIES, buyer_from_xml
from edo_app.documents.upd_buyer import DISCREPANCY_OPERATION
from edo_app.documents.upd_types import DocRef, Signer
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.model.party import PersonName
from edo_app.services.exchange_actions import AcceptanceDetails
from edo_app.storage import DocumentQuery
from edo_app.storage.exchange_sql import SENT
from edo_app.transport.memory import MemoryNetwork
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, Side, invoice, make_side

S = DocumentStatus


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def pair(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[MemoryNetwork, Side, Side]]:
    network = MemoryNetwork()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    seller = make_side(tmp_path / "a", SELLER_ID, network.transport(SELLER_ID), test_pki)
    buyer = make_side(tmp_path / "b", BUYER_ID, network.transport(BUYER_ID), test_pki)
    yield network, seller, buyer
    seller.database.close()
    buyer.database.close()


def _incoming(side: Side) -> int:
    rows = side.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    assert len(rows) == 1
    return rows[0].id


def test_invoice_goes_through_the_14n_flow(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    _, seller, buyer = pair
    doc_id = seller.add_signed(invoice("СЧФ"))
    seller.exchange.queue_send(doc_id, BUYER_ID)
    assert seller.library.get(doc_id).status is S.SIGNED  # not sent before the receipt

    first = seller.exchange.sync()
    assert (first.sent, first.errors) == (1, [])
    # the fake operator confirms delivery (ПДП) at once, so the same sync sees it
    assert seller.library.get(doc_id).status is S.DELIVERED

    second = buyer.exchange.sync()  # receives the invoice, answers with an ИОП at once
    assert (second.received, second.sent, second.errors) == (1, 1, [])
    received = _incoming(buyer)
    assert buyer.library.get(received).status is S.RECEIVED
    assert [s.valid for s in buyer.signing.signatures(received)] == [True]
    receipts = [o for o in buyer.exchange.repo.outbox(received) if o.purpose == "ИОП"]
    assert [o.state for o in receipts] == [SENT]

    seller.exchange.sync()  # the buyer's ИОП
    assert seller.library.get(doc_id).status is S.SIGNED_BY_COUNTERPARTY
    history = [e.details.get("to") for e in seller.library.history(doc_id) if e.action == "document.status"]
    assert history == ["signed", "sent", "delivered", "signed_by_counterparty"]


def test_a_second_sync_changes_nothing(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    _, seller, buyer = pair
    seller.exchange.queue_send(seller.add_signed(invoice("СЧФ")), BUYER_ID)
    for _ in range(2):
        seller.exchange.sync()
        buyer.exchange.sync()
    again = buyer.exchange.sync()
    assert (again.sent, again.received, again.failed) == (0, 0, 0)
    documents = [i for i in buyer.exchange.repo.inbox() if i.event_kind == "document_received"]
    assert len(documents) == 1 and documents[0].document_id is not None


def _exchange(seller: Side, buyer: Side, rounds: int = 2) -> None:
    for _ in range(rounds):
        seller.exchange.sync()
        buyer.exchange.sync()
    seller.exchange.sync()


def _sent_and_received(pair: tuple[MemoryNetwork, Side, Side], function: str) -> tuple[Side, Side, int, int]:
    _, seller, buyer = pair
    doc_id = seller.add_signed(invoice(function))
    seller.exchange.queue_send(doc_id, BUYER_ID)
    _exchange(seller, buyer, 1)
    return seller, buyer, doc_id, _incoming(buyer)


TITLE_SIGNER = Signer(PersonName("Петрова", "Анна", "Игоревна"), "Директор по закупкам", 1)


def test_schfdop_with_the_buyers_title(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    seller, buyer, doc_id, received = _sent_and_received(pair, "СЧФДОП")
    assert buyer.library.get(received).status is S.SIGNATURE_REQUIRED
    assert seller.library.get(doc_id).status is S.DELIVERED  # ИОП alone does not finish a СЧФДОП
    title_id = buyer.exchange.sign_buyer_title(received, signer=TITLE_SIGNER, provider="software",
                                               handle=buyer.handle, password=PASSWORD)
    assert buyer.library.get(received).status is S.SIGNED
    _exchange(seller, buyer)
    assert seller.library.get(doc_id).status is S.SIGNED_BY_COUNTERPARTY
    assert buyer.library.get(title_id).status is S.DELIVERED
    titles = seller.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    assert [t.kind.value for t in titles] == ["upd_buyer"]


ACT = DocRef("Акт о расхождении", "17", date(2026, 11, 24))


def test_a_title_accepting_with_discrepancies_shows_on_both_sides(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    seller, buyer, doc_id, received = _sent_and_received(pair, "СЧФДОП")
    title_id = buyer.exchange.sign_buyer_title(received, signer=TITLE_SIGNER, provider="software",
                                               handle=buyer.handle, password=PASSWORD,
                                               details=AcceptanceDetails(discrepancy_act=ACT))
    assert buyer.library.get(received).status is S.SIGNED_WITH_DISCREPANCIES
    title = buyer_from_xml(buyer.library.get(title_id).content)
    assert (title.result, title.discrepancy_doc, title.operation) == (
        ACCEPTED_WITH_DISCREPANCIES, ACT, DISCREPANCY_OPERATION)
    _exchange(seller, buyer)
    assert seller.library.get(doc_id).status is S.SIGNED_WITH_DISCREPANCIES
    assert S.SIGNED_WITH_DISCREPANCIES.title == "Подписан с расхождениями"


def test_discrepancies_are_refused_where_the_title_has_no_place_for_them(
        pair: tuple[MemoryNetwork, Side, Side]) -> None:
    _, buyer, _, received = _sent_and_received(pair, "ДОП")
    with pytest.raises(InputError, match="не при отказе") as caught:
        buyer.exchange.sign_buyer_title(received, accept=False, signer=TITLE_SIGNER, provider="software",
                                        handle=buyer.handle, password=PASSWORD,
                                        details=AcceptanceDetails(discrepancy_act=ACT))
    assert caught.value.field == "discrepancy_act"
    assert buyer.library.get(received).status is S.SIGNATURE_REQUIRED  # nothing formed, nothing queued
    assert [o for o in buyer.exchange.repo.outbox() if o.purpose == "document"] == []


def test_refused_title_is_rejected_on_both_sides(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    seller, buyer, doc_id, received = _sent_and_received(pair, "ДОП")
    buyer.exchange.sign_buyer_title(received, accept=False, signer=TITLE_SIGNER, provider="software",
                                    handle=buyer.handle, password=PASSWORD)
    _exchange(seller, buyer)
    assert (seller.library.get(doc_id).status, buyer.library.get(received).status) == (S.REJECTED, S.REJECTED)


def test_rejection_by_uou(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    seller, buyer, doc_id, received = _sent_and_received(pair, "СЧФДОП")
    buyer.exchange.reject(received, "Товар не поставлен")
    _exchange(seller, buyer)
    assert (seller.library.get(doc_id).status, buyer.library.get(received).status) == (S.REJECTED, S.REJECTED)
    notes = [e.details for e in seller.library.history(doc_id) if e.action == "exchange.clarification"]
    assert notes == [{"text": "Товар не поставлен"}]


def test_clarification_of_an_invoice(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    seller, buyer, doc_id, received = _sent_and_received(pair, "СЧФ")
    # the ИОП already finished the seller's side; an УОУ after it still asks for a correction
    buyer.exchange.request_clarification(received, "Неверный КПП покупателя")
    _exchange(seller, buyer)
    assert buyer.library.get(received).status is S.CLARIFICATION_REQUIRED
    assert seller.library.get(doc_id).status is S.SIGNED_BY_COUNTERPARTY  # forward only: ИОП came first


def test_annulment_agreed(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    seller, buyer, doc_id, received = _sent_and_received(pair, "СЧФ")
    seller.exchange.propose_annulment(doc_id, "Ошибка в цене")
    _exchange(seller, buyer)
    assert buyer.exchange.repo.link(received).annulment == "theirs"  # type: ignore[union-attr]
    buyer.exchange.accept_annulment(received)
    _exchange(seller, buyer)
    assert (seller.library.get(doc_id).status, buyer.library.get(received).status) == (S.ANNULLED, S.ANNULLED)
    assert seller.exchange.repo.link(doc_id).annulment == ""  # type: ignore[union-attr]


def test_annulment_refused(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    seller, buyer, doc_id, received = _sent_and_received(pair, "СЧФ")
    seller.exchange.propose_annulment(doc_id, "Ошибка в цене")
    _exchange(seller, buyer)
    buyer.exchange.refuse_annulment(received, "Цена верна")
    _exchange(seller, buyer)
    assert seller.library.get(doc_id).status is S.SIGNED_BY_COUNTERPARTY
    assert seller.exchange.repo.link(doc_id).annulment == ""  # type: ignore[union-attr]
    assert any(e.action == "exchange.annulment_refused" for e in seller.library.history(doc_id))
