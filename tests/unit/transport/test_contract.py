"""The Transport contract, run against every transport: memory, and folder + gateway."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from edo_app.errors import InputError
from edo_app.transport.base import EventKind, Rejected, SendReceipt, Transport, TransportError
from edo_app.transport.folder import FolderGateway, FolderTransport
from edo_app.transport.memory import MemoryNetwork
from edo_app.transport.package import Entry, Role, to_zip
from tests.unit.transport.samples import ALICE, BOB, document_package, service_package


@dataclass
class Pair:
    alice: Transport
    bob: Transport
    deliver: Callable[[], object]


@pytest.fixture(params=["memory", "folder"])
def pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Pair]:
    if request.param == "memory":
        network = MemoryNetwork()
        yield Pair(network.transport(ALICE), network.transport(BOB), lambda: None)
    else:
        alice, bob = FolderTransport(tmp_path, ALICE), FolderTransport(tmp_path, BOB)
        yield Pair(alice, bob, FolderGateway(tmp_path).deliver_once)


def test_both_are_transports(pair: Pair) -> None:
    assert isinstance(pair.alice, Transport) and isinstance(pair.bob, Transport)


def test_send_fetch_and_read_the_exact_package(pair: Pair) -> None:
    package = document_package()
    receipt = pair.alice.send(package)
    pair.deliver()
    page = pair.bob.fetch_events(None, 10)
    assert [(e.kind, e.message_id) for e in page.events] == [(EventKind.DOCUMENT_RECEIVED, receipt.message_id)]
    assert page.events[0].payload["package_id"] == package.package_id
    received = pair.bob.fetch_package(receipt.message_id)
    assert received == package and to_zip(received) == to_zip(package)


def test_service_documents_arrive_as_service_events(pair: Pair) -> None:
    package = service_package(sender=ALICE, recipient=BOB, related="ON_NSCHFDOPPR_1")
    pair.alice.send(package)
    pair.deliver()
    (event,) = pair.bob.fetch_events(None, 10).events
    assert event.kind is EventKind.SERVICE_DOCUMENT and event.payload["related"] == "ON_NSCHFDOPPR_1"


def test_resending_the_same_package_returns_the_same_receipt_and_delivers_once(pair: Pair) -> None:
    package = document_package()
    first = pair.alice.send(package)
    assert pair.alice.send(package) == first
    pair.deliver()
    assert pair.alice.send(package) == first  # also after the gateway / operator took it
    pair.deliver()
    assert len(pair.bob.fetch_events(None, 10).events) == 1


def test_send_many_answers_each_package_in_order(pair: Pair) -> None:
    first, second = document_package(), document_package()
    results = pair.alice.send_many([first, document_package(sender=BOB, recipient=ALICE), second])
    assert [type(r) for r in results] == [SendReceipt, Rejected, SendReceipt]
    assert "не совпадает" in str(results[1])
    assert pair.alice.send(first) == results[0]  # the batch and a single send agree on the receipt
    assert pair.alice.send_many([second]) == [results[2]]  # and a batch repeats idempotently
    pair.deliver()
    delivered = [e.payload["package_id"] for e in pair.bob.fetch_events(None, 10).events]
    assert sorted(delivered) == sorted([first.package_id, second.package_id])  # each once (a folder orders by name)


def test_send_many_of_nothing_sends_nothing(pair: Pair) -> None:
    assert pair.alice.send_many([]) == []
    pair.deliver()
    assert pair.bob.fetch_events(None, 10).events == []


def test_the_same_id_with_other_contents_is_rejected(pair: Pair) -> None:
    package = document_package()
    pair.alice.send(package)
    changed = dataclasses.replace(package, entries=(Entry("other.xml", Role.DOCUMENT, b"<x/>"),))
    with pytest.raises(Rejected, match="другим содержимым"):
        pair.alice.send(changed)


def test_a_package_from_someone_else_is_rejected(pair: Pair) -> None:
    with pytest.raises(Rejected, match="не совпадает"):
        pair.alice.send(document_package(sender=BOB, recipient=ALICE))


def test_pages_after_a_cursor_are_stable(pair: Pair) -> None:
    ids = [pair.alice.send(document_package()).message_id for _ in range(3)]
    pair.deliver()
    first = pair.bob.fetch_events(None, 2)
    assert pair.bob.fetch_events(None, 2) == first
    rest = pair.bob.fetch_events(first.next_cursor, 10)
    assert pair.bob.fetch_events(first.next_cursor, 10) == rest
    assert sorted(e.message_id for e in first.events + rest.events) == sorted(ids)
    assert pair.bob.fetch_events(rest.next_cursor, 10).events == []


def test_acknowledge_is_idempotent_and_unknown_ids_fail(pair: Pair) -> None:
    pair.alice.send(document_package())
    pair.deliver()
    (event,) = pair.bob.fetch_events(None, 10).events
    pair.bob.acknowledge([event.event_id])
    pair.bob.acknowledge([event.event_id])
    with pytest.raises(TransportError):
        pair.bob.acknowledge(["00000000-0000-4000-8000-000000000000"])


def test_bad_arguments_are_reported(pair: Pair) -> None:
    with pytest.raises(InputError, match="limit"):
        pair.bob.fetch_events(None, 0)
    with pytest.raises(TransportError, match="Курсор"):
        pair.bob.fetch_events("garbage", 10)
    with pytest.raises(TransportError, match="не"):
        pair.bob.fetch_package("../../etc/passwd")
