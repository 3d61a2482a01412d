"""The in-memory operator: routing, unknown boxes, events for both sides, faults, threads."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from edo_app.errors import InputError
from edo_app.transport.base import (
    EventKind,
    OperatorUnavailable,
    Rejected,
    TransportError,
    UnknownRecipient,
    is_retryable,
)
from edo_app.transport.memory import MemoryNetwork
from tests.unit.transport.samples import ALICE, BOB, CAROL, document_package


@pytest.fixture
def network() -> MemoryNetwork:
    return MemoryNetwork(clock=lambda: datetime(2026, 11, 24, 12, 0, tzinfo=UTC))


def test_unknown_recipient_is_refused_and_nothing_is_recorded(network: MemoryNetwork) -> None:
    alice = network.transport(ALICE)
    with pytest.raises(UnknownRecipient, match=CAROL) as caught:
        alice.send(document_package(recipient=CAROL))
    assert caught.value.recipient == CAROL and not is_retryable(caught.value)
    assert alice.fetch_events(None, 10).events == []


def test_boxes_need_a_valid_participant_id(network: MemoryNetwork) -> None:
    with pytest.raises(InputError, match="идентификатор участника"):
        network.open_box("../x")


def test_sender_sees_delivery_and_recipient_sees_the_document(network: MemoryNetwork) -> None:
    alice, bob = network.transport(ALICE), network.transport(BOB)
    receipt = alice.send(document_package())
    assert receipt.accepted_at == datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    (mine,) = alice.fetch_events(None, 10).events
    assert mine.kind is EventKind.STATUS_CHANGED and mine.payload["status"] == "delivered"
    (theirs,) = bob.fetch_events(None, 10).events
    assert theirs.kind is EventKind.DOCUMENT_RECEIVED and theirs.message_id == receipt.message_id


def test_third_parties_cannot_read_or_acknowledge(network: MemoryNetwork) -> None:
    alice, bob, carol = network.transport(ALICE), network.transport(BOB), network.transport(CAROL)
    receipt = alice.send(document_package())
    (event,) = bob.fetch_events(None, 10).events
    with pytest.raises(TransportError, match="не найдено"):
        carol.fetch_package(receipt.message_id)
    with pytest.raises(TransportError, match="не найдено"):
        carol.acknowledge([event.event_id])
    assert alice.fetch_package(receipt.message_id) == bob.fetch_package(receipt.message_id)


def test_acknowledgements_are_recorded_once(network: MemoryNetwork) -> None:
    alice, bob = network.transport(ALICE), network.transport(BOB)
    alice.send(document_package())
    (event,) = bob.fetch_events(None, 10).events
    bob.acknowledge([event.event_id])
    bob.acknowledge([event.event_id])
    assert network.acknowledged(BOB) == {event.event_id}


def test_an_empty_page_keeps_the_cursor(network: MemoryNetwork) -> None:
    alice, bob = network.transport(ALICE), network.transport(BOB)
    alice.send(document_package())
    page = bob.fetch_events(None, 10)
    assert bob.fetch_events(page.next_cursor, 10).next_cursor == page.next_cursor
    alice.send(document_package())
    assert len(bob.fetch_events(page.next_cursor, 10).events) == 1


def test_fail_next_raises_before_anything_happens_and_a_retry_succeeds(network: MemoryNetwork) -> None:
    alice, bob = network.transport(ALICE), network.transport(BOB)
    alice.fail_next(2)
    package = document_package()
    for _ in range(2):
        with pytest.raises(OperatorUnavailable) as caught:
            alice.send(package)
        assert is_retryable(caught.value)
    assert bob.fetch_events(None, 10).events == []
    alice.send(package)
    assert len(bob.fetch_events(None, 10).events) == 1


def test_a_lost_response_is_healed_by_the_idempotent_resend(network: MemoryNetwork) -> None:
    alice, bob = network.transport(ALICE), network.transport(BOB)
    package = document_package()
    alice.lose_next_response()
    with pytest.raises(OperatorUnavailable):
        alice.send(package)
    receipt = alice.send(package)  # the caller retries, as is_retryable says
    (event,) = bob.fetch_events(None, 10).events
    assert event.message_id == receipt.message_id


def test_faults_can_target_one_operation_and_carry_any_error(network: MemoryNetwork) -> None:
    alice, bob = network.transport(ALICE), network.transport(BOB)
    bob.fail_next(error=Rejected("ящик заблокирован"), operation="fetch_events")
    alice.send(document_package())
    assert bob.fetch_package("mem-000001").sender == ALICE  # other operations are not affected
    with pytest.raises(Rejected, match="ящик заблокирован") as caught:
        bob.fetch_events(None, 10)
    assert not is_retryable(caught.value)
    assert len(bob.fetch_events(None, 10).events) == 1


def test_the_operator_can_reject_an_accepted_message(network: MemoryNetwork) -> None:
    alice = network.transport(ALICE)
    network.open_box(BOB)
    receipt = alice.send(document_package())
    network.reject(receipt.message_id, "файл не соответствует формату")
    events = alice.fetch_events(None, 10).events
    assert events[-1].kind is EventKind.REJECTED and events[-1].payload["reason"] == "файл не соответствует формату"


def test_concurrent_senders_lose_nothing_and_duplicate_nothing(network: MemoryNetwork) -> None:
    bob = network.transport(BOB)
    senders = [network.transport(p) for p in (ALICE, CAROL)]
    packages = [(t, document_package(sender=t.participant_id)) for t in senders for _ in range(60)]

    def work(offset: int) -> None:
        for transport, package in packages[offset::4]:
            transport.send(package)
            transport.send(package)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    events = bob.fetch_events(None, 1000).events
    assert len(events) == 120 == len({e.message_id for e in events})
    positions = [int(e.event_id) for e in events]
    assert positions == sorted(positions)
