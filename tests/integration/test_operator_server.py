"""The reference operator as a real server process (``edo operator serve``), reached over loopback
by HttpOperatorTransport: the regulated flow of a signed УПД, refusals, auth, the CLI, and the
Transport contract suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.crypto.certificates import load_certificate
from edo_app.crypto.verify import verify_detached
from edo_app.documents import sample_upd, to_xml
from edo_app.errors import TransportError
from edo_app.transport.base import EventKind, OperatorUnavailable, Rejected, UnknownRecipient
from edo_app.transport.http_operator import HttpOperatorTransport
from tests.integration.operator_server import OperatorServer, free_port, run_cli, upd_package
from tests.unit.transport.samples import ALICE, BOB
from tests.unit.transport.test_contract import *  # noqa: F403 - the contract's tests, run against the server
from tests.unit.transport.test_contract import Pair

SELLER, BUYER = "2ZZA-7700000009", "2ZZB-5002000005"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OperatorServer]:
    running = OperatorServer(tmp_path_factory.mktemp("operator") / "data").start()
    running.add(SELLER, "alpha")
    running.add(BUYER, "beta")
    yield running
    running.stop()


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:  # overrides the contract's fixture: a fresh relay server per test
    running = OperatorServer(tmp_path / "data", relay=True).start()
    running.add(ALICE, "alpha")
    running.add(BOB, "beta")
    alice, bob = running.transport(ALICE), running.transport(BOB)
    yield Pair(alice, bob, lambda: None)
    alice.close()
    bob.close()
    running.stop()


def test_a_signed_upd_goes_through_with_operator_confirmations(server: OperatorServer) -> None:
    seller, buyer = server.transport(SELLER), server.transport(BUYER)
    doc = sample_upd(seed=11)
    receipt = seller.send(upd_package(SELLER, BUYER, doc))
    operator_cert = load_certificate((server.data / "operator-cert.der").read_bytes())
    seen = {}
    # the seller's news of delivery is the signed ПДП itself: no separate status_changed
    for transport, expected in ((seller, [EventKind.SERVICE_DOCUMENT]),
                                (buyer, [EventKind.DOCUMENT_RECEIVED, EventKind.SERVICE_DOCUMENT])):
        events = [e for e in transport.fetch_events(None, 100).events if e.payload.get("package_id")
                  and (e.message_id == receipt.message_id or e.payload.get("confirms") == receipt.message_id)]
        assert [e.kind for e in events] == expected
        stamp = transport.fetch_package(events[-1].message_id)
        xml, sig = stamp.entries
        (verdict,) = verify_detached(xml.data, sig.data)
        assert verdict.valid and verdict.signer == operator_cert
        seen[events[-1].payload["service"]] = xml.related
    assert seen == {"ПДП": str(doc.file_id), "ПДО": str(doc.file_id)}
    assert buyer.fetch_package(receipt.message_id).entry(doc.file_name).data == to_xml(doc)


def test_a_duplicate_send_gives_the_same_receipt(server: OperatorServer) -> None:
    seller, buyer = server.transport(SELLER), server.transport(BUYER)
    package = upd_package(SELLER, BUYER, sample_upd(seed=12))
    first = seller.send(package)
    assert seller.send(package) == first
    arrived = [e for e in buyer.fetch_events(None, 1000).events if e.message_id == first.message_id]
    assert len(arrived) == 1


def test_a_tampered_package_is_refused_and_nothing_is_delivered(server: OperatorServer) -> None:
    seller, buyer = server.transport(SELLER), server.transport(BUYER)
    before = buyer.fetch_events(None, 1000).next_cursor
    doc = sample_upd(seed=13)
    body = to_xml(doc).replace("УПД-00014".encode("cp1251"), "УПД-00666".encode("cp1251"))
    with pytest.raises(Rejected) as caught:
        seller.send(upd_package(SELLER, BUYER, doc, body=body))
    assert "подпись" in caught.value.reason and "недействительна" in caught.value.reason
    assert buyer.fetch_events(before, 100).events == []


def test_unknown_recipient_and_bad_token(server: OperatorServer) -> None:
    with pytest.raises(UnknownRecipient):
        server.transport(SELLER).send(upd_package(SELLER, "2ZZX-0000000404", sample_upd(seed=14)))
    with pytest.raises(TransportError, match="токен") as caught:
        HttpOperatorTransport(server.url, "edo_forged").fetch_events(None, 10)
    assert not isinstance(caught.value, OperatorUnavailable)


def test_nobody_listening_is_retryable_unavailability() -> None:
    with pytest.raises(OperatorUnavailable):
        HttpOperatorTransport(f"http://127.0.0.1:{free_port()}", "edo_x", timeout=2).fetch_events(None, 1)


def test_cli_lists_participants_and_refuses_bad_ones(server: OperatorServer) -> None:
    listing = run_cli("operator", "participants", "--data", str(server.data))
    assert listing.returncode == 0
    assert [line.split("\t")[0] for line in listing.stdout.splitlines()] == sorted([SELLER, BUYER])
    bad = run_cli("operator", "add-participant", "--data", str(server.data), "--id", "2ZZQ-1", "--inn",
                  "7700000001", "--kpp", "770001001", "--name", "ООО")
    assert bad.returncode == 1 and "inn" in bad.stderr
    again = run_cli("operator", "add-participant", "--data", str(server.data), "--id", SELLER, "--inn",
                    "7700000009", "--kpp", "770001001", "--name", "ООО")
    assert again.returncode == 1 and "уже зарегистрирован" in again.stderr


def test_a_renewed_token_replaces_the_old_one_at_once(server: OperatorServer) -> None:
    old = server.tokens[BUYER]
    with server.transport(BUYER, old) as current:
        current.fetch_events(None, 1)  # the server now holds this box in memory (participant_cache)
    renewed = run_cli("operator", "token", "--data", str(server.data), "--id", BUYER)
    assert renewed.returncode == 0, renewed.stderr
    new = dict(line.split(": ", 1) for line in renewed.stdout.splitlines())["token"]
    server.tokens[BUYER] = new
    with server.transport(BUYER, old) as stale, pytest.raises(TransportError, match="токен"):
        stale.fetch_events(None, 1)
    with server.transport(BUYER, new) as fresh:
        assert fresh.fetch_events(None, 1).next_cursor is not None  # the running server took it at once
    unknown = run_cli("operator", "token", "--data", str(server.data), "--id", "2ZZX-NOBODY")
    assert unknown.returncode != 0 and "не зарегистрирован" in unknown.stderr
