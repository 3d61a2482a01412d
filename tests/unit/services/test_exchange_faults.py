"""Faults: the operator down, lost answers, duplicates, tampered packages, unknown recipients,
and a crash between storing an event and processing it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, text

from edo_app.documents import file_name, to_xml
from edo_app.errors import InputError, StorageError, TransportError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.services.exchange import SyncReport
from edo_app.storage import DocumentQuery
from edo_app.storage.exchange_sql import FAILED, PENDING, SENDING, SENT
from edo_app.transport import from_zip
from edo_app.transport.base import OperatorUnavailable, SendResult
from edo_app.transport.memory import MemoryNetwork, MemoryTransport
from edo_app.transport.package import Entry, Package, Role
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, SELLER_ID, Side, invoice, make_side

S = DocumentStatus


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)  # behind real time: queued packages follow this clock

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def world(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[MemoryNetwork, Side, Side, Clock]]:
    network, clock = MemoryNetwork(), Clock()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    seller = make_side(tmp_path / "a", SELLER_ID, network.transport(SELLER_ID), test_pki, clock=clock)
    buyer = make_side(tmp_path / "b", BUYER_ID, network.transport(BUYER_ID), test_pki, clock=clock)
    yield network, seller, buyer, clock
    seller.database.close()
    buyer.database.close()


def _transport(side: Side) -> MemoryTransport:
    transport = side.exchange.transport
    assert isinstance(transport, MemoryTransport)
    return transport


def _incoming(side: Side) -> list[int]:
    return [row.id for row in side.library.list_documents(DocumentQuery(direction=Direction.INCOMING))]


def test_operator_down_during_send_is_retried_with_back_off(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, _, clock = world
    doc_id = seller.add_signed(invoice())
    seller.exchange.queue_send(doc_id, BUYER_ID)
    _transport(seller).fail_next(2, operation="send")
    report = seller.exchange.sync()
    assert report.sent == 0 and report.errors and "отправка отложена" in report.errors[0]
    [row] = seller.exchange.repo.outbox(doc_id)
    assert (row.state, row.attempts, row.next_attempt_at) == (PENDING, 1, clock.now + timedelta(seconds=30))
    assert seller.exchange.sync().sent == 0  # not due yet: nothing is tried
    clock.now += timedelta(seconds=31)
    seller.exchange.sync()  # fails again: the wait doubles
    [row] = seller.exchange.repo.outbox(doc_id)
    assert (row.attempts, row.next_attempt_at) == (2, clock.now + timedelta(seconds=60))
    clock.now += timedelta(seconds=61)
    assert seller.exchange.sync().sent == 1
    assert seller.library.get(doc_id).status is S.DELIVERED


def _fail_batches(side: Side, monkeypatch: pytest.MonkeyPatch, error: TransportError, times: int) -> None:
    """The next ``times`` calls of ``send_many`` fail as a whole (the request never got an answer)."""
    transport, real, left = _transport(side), _transport(side).send_many, [times]

    def send_many(packages: Sequence[Package]) -> list[SendResult]:
        if left[0]:
            left[0] -= 1
            raise error
        return real(packages)
    monkeypatch.setattr(transport, "send_many", send_many)


def _sync_with_a_failing_batch(seller: Side, monkeypatch: pytest.MonkeyPatch,
                               error: TransportError) -> tuple[list[int], SyncReport]:
    """Two documents queued, then a sync whose one batch fails as a whole with ``error``."""
    docs = [seller.add_signed(invoice(seed=seed)) for seed in (1, 2)]
    for doc_id in docs:
        seller.exchange.queue_send(doc_id, BUYER_ID)
    _fail_batches(seller, monkeypatch, error, times=1)
    return docs, seller.exchange.sync()


def test_a_batch_lost_as_a_whole_is_sent_again_next_time(
        world: tuple[MemoryNetwork, Side, Side, Clock], monkeypatch: pytest.MonkeyPatch) -> None:
    _, seller, buyer, clock = world
    docs, report = _sync_with_a_failing_batch(seller, monkeypatch, OperatorUnavailable("нет связи"))
    assert (report.sent, report.failed) == (0, 0) and "отправка отложена" in report.errors[0]
    states = [row.state for doc_id in docs for row in seller.exchange.repo.outbox(doc_id)]
    assert states == [PENDING, SENDING]  # the first waits its back-off, the second is resent as after a crash
    clock.now += timedelta(seconds=31)
    assert seller.exchange.sync().sent == 2
    assert [seller.library.get(doc_id).status for doc_id in docs] == [S.DELIVERED, S.DELIVERED]
    assert buyer.exchange.sync().received == 2


def test_a_batch_refused_as_a_whole_for_good_fails_every_package(
        world: tuple[MemoryNetwork, Side, Side, Clock], monkeypatch: pytest.MonkeyPatch) -> None:
    seller = world[1]
    docs, report = _sync_with_a_failing_batch(seller, monkeypatch, TransportError("Оператор не принял токен доступа"))
    assert report.failed == 2 and all("токен" in error for error in report.errors)
    assert [row.state for doc_id in docs for row in seller.exchange.repo.outbox(doc_id)] == [FAILED, FAILED]


def test_lost_response_sends_no_duplicate(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, buyer, clock = world
    doc_id = seller.add_signed(invoice())
    package_id = seller.exchange.queue_send(doc_id, BUYER_ID)
    _transport(seller).lose_next_response(operation="send")  # delivered, but the answer is lost
    assert seller.exchange.sync().sent == 0
    assert seller.library.get(doc_id).status is S.SIGNED  # no receipt, so not «Отправлен»
    clock.now += timedelta(minutes=5)
    assert seller.exchange.sync().sent == 1
    [row] = seller.exchange.repo.outbox(doc_id)
    assert (row.state, row.package_id, row.attempts) == (SENT, package_id, 2)
    buyer.exchange.sync()
    assert len(_incoming(buyer)) == 1


def test_crash_while_sending_resends_the_same_package(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, buyer, _ = world
    doc_id = seller.add_signed(invoice())
    seller.exchange.queue_send(doc_id, BUYER_ID)
    [row] = seller.exchange.repo.outbox(doc_id)
    seller.exchange.repo.begin_attempt([row.id])
    seller.exchange.transport.send(from_zip(row.package))
    # ... the process died here: the row says "sending", the operator has the package
    assert seller.exchange.sync().sent == 1
    buyer.exchange.sync()
    assert len(_incoming(buyer)) == 1


def test_duplicate_delivery_imports_once(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, buyer, _ = world
    doc = invoice()
    doc_id = seller.add_signed(doc)
    seller.exchange.queue_send(doc_id, BUYER_ID)
    seller.exchange.sync()
    # the same document again in another package (a seller's second send by hand)
    again = seller.exchange.repo.outbox(doc_id)[0]
    copy = from_zip(again.package)
    seller.exchange.transport.send(Package.new(SELLER_ID, BUYER_ID, copy.entries))
    report = buyer.exchange.sync()
    assert report.received == 1 and len(_incoming(buyer)) == 1
    # and the feed read again from the start (a lost cursor) adds nothing either
    with buyer.database.session() as session:
        session.execute(text("DELETE FROM exchange_cursors"))
    assert buyer.exchange.sync().received == 0
    assert len(_incoming(buyer)) == 1
    with buyer.database.session() as session:
        duplicates = session.execute(text("SELECT count(*) FROM events WHERE action = 'exchange.duplicate'"))
        assert duplicates.scalar_one() == 1


def test_tampered_package_is_refused_with_the_reason(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, buyer, _ = world
    honest, other = invoice(seed=1), invoice(seed=2)
    name = file_name(other)
    signature = seller.sign_bytes(to_xml(honest))  # a signature over other bytes
    entries = [Entry(name, Role.DOCUMENT, to_xml(other)), Entry(name + ".sig", Role.SIGNATURE, signature, signs=name)]
    seller.exchange.transport.send(Package.new(SELLER_ID, BUYER_ID, entries))
    report = buyer.exchange.sync()
    assert report.received == 0 and report.failed == 1
    assert "подпись недействительна" in report.errors[0]
    [item] = [i for i in buyer.exchange.repo.inbox() if i.event_kind == "document_received"]
    assert item.state == FAILED and item.acknowledged and "подпись недействительна" in (item.error or "")
    assert _incoming(buyer) == []


def test_unsigned_document_is_refused(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, buyer, _ = world
    doc = invoice()
    seller.exchange.transport.send(Package.new(SELLER_ID, BUYER_ID, [Entry(file_name(doc), Role.DOCUMENT,
                                                                           to_xml(doc))]))
    report = buyer.exchange.sync()
    assert report.failed == 1 and "без подписи" in report.errors[0]


def test_sending_a_missing_document_says_so_and_queues_nothing(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, _, _ = world
    with pytest.raises(StorageError, match="Документ № 999 не найден в базе"):
        seller.exchange.queue_send(999, BUYER_ID)
    assert seller.exchange.repo.outbox() == []


def test_several_documents_are_queued_together(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, buyer, _ = world
    docs = [seller.add_signed(invoice(seed=seed)) for seed in (1, 2, 3)]
    commits: list[object] = []
    count = commits.append
    event.listen(seller.database.engine, "commit", count)
    package_ids = seller.exchange.queue_send_many(docs, BUYER_ID)
    event.remove(seller.database.engine, "commit", count)
    assert len(commits) == 1 and len(set(package_ids)) == 3
    assert [row.package_id for doc_id in docs for row in seller.exchange.repo.outbox(doc_id)] == package_ids
    assert seller.exchange.sync().sent == 3
    assert buyer.exchange.sync().received == 3


def test_one_document_that_cannot_go_queues_none_of_the_others(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, _, _ = world
    first, second = (seller.add_signed(invoice(seed=seed)) for seed in (1, 2))
    with pytest.raises(StorageError, match="Документ № 999 не найден в базе"):
        seller.exchange.queue_send_many([first, 999, second], BUYER_ID)
    with pytest.raises(InputError, match=f"документ № {first} уже отправлен или стоит в очереди"):
        seller.exchange.queue_send_many([first, second, first], BUYER_ID)
    assert seller.exchange.repo.outbox() == []
    assert [seller.library.get(doc_id).status for doc_id in (first, second)] == [S.SIGNED, S.SIGNED]


def test_a_document_travels_with_its_valid_signatures_only(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, _, _ = world
    doc_id = seller.add_signed(invoice())
    [signature] = seller.signing.signatures(doc_id)
    outgoing = seller.exchange.repo.outgoing(doc_id)
    assert (outgoing.direction, outgoing.content, outgoing.signatures) == (
        Direction.OUTGOING, seller.library.get(doc_id).content, [signature.der])
    with seller.database.session() as session:  # the signature found invalid meanwhile
        session.execute(text("UPDATE signatures SET valid = 0 WHERE id = :id"), {"id": signature.id})
    assert seller.exchange.repo.outgoing(doc_id).signatures == []
    with pytest.raises(InputError, match="не подписан"):
        seller.exchange.queue_send(doc_id, BUYER_ID)
    assert seller.exchange.repo.outbox() == []


def test_unknown_recipient_fails_for_good(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, _, clock = world
    doc_id = seller.add_signed(invoice())
    seller.exchange.queue_send(doc_id, "2ZZ-0000000000-000000000")
    report = seller.exchange.sync()
    assert report.failed == 1
    [row] = seller.exchange.repo.outbox(doc_id)
    assert row.state == FAILED and "не найден" in (row.last_error or "")
    clock.now += timedelta(days=1)
    assert seller.exchange.sync().sent == 0  # never retried
    assert seller.library.get(doc_id).status is S.SIGNED


def test_operator_down_while_receiving_then_carries_on(world: tuple[MemoryNetwork, Side, Side, Clock]) -> None:
    _, seller, buyer, _ = world
    seller.exchange.queue_send(seller.add_signed(invoice()), BUYER_ID)
    seller.exchange.sync()
    _transport(buyer).fail_next(operation="fetch_package")
    report = buyer.exchange.sync()
    assert report.received == 0 and "получение прервано" in report.errors[0]
    assert buyer.exchange.sync().received == 1


def test_a_crash_while_processing_a_page_leaves_nothing_and_the_next_sync_does_it_all(
        world: tuple[MemoryNetwork, Side, Side, Clock], monkeypatch: pytest.MonkeyPatch) -> None:
    network, seller, buyer, _ = world
    seller.exchange.queue_send(seller.add_signed(invoice()), BUYER_ID)
    seller.exchange.sync()

    def crash(*_: object) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(buyer.exchange.repo, "apply", crash)
    with pytest.raises(SystemExit):
        buyer.exchange.sync()
    monkeypatch.undo()
    assert buyer.exchange.repo.inbox() == []  # the page lands whole or not at all
    assert network.acknowledged(BUYER_ID) == set()  # never acknowledged before it is processed
    assert buyer.exchange.sync().received == 1
    assert len(_incoming(buyer)) == 1 and network.acknowledged(BUYER_ID)
