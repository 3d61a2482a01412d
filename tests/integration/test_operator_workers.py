"""``edo operator serve --workers 2``: two server processes on one database, reached by clients on
connections of their own at the same time. Whatever process takes a request, a package is accepted
once, every package is delivered once and in the order of the feed, and stopping the server stops
every worker."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from edo_app.documents import sample_upd
from edo_app.transport.base import EventKind
from edo_app.transport.operator.store import OperatorStore
from tests.integration.operator_server import OperatorServer, run_cli, upd_package

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="--workers needs fork (Linux, macOS)")

SELLER, BUYER = "2ZZA-7700000009", "2ZZB-5002000005"
CLIENTS = 6
ROUNDS = 8


def _workers(parent: int) -> list[int]:
    """The parent's child processes, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OperatorServer]:
    running = OperatorServer(tmp_path / "data", workers=2).start()
    running.add(SELLER, "alpha")
    running.add(BUYER, "beta")
    yield running
    running.stop()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_two_worker_processes_serve_and_stop_with_the_server(server: OperatorServer) -> None:
    assert server.process is not None
    workers = _workers(server.process.pid)
    assert len(workers) == 2
    server.stop()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def test_the_same_package_sent_at_once_from_many_connections_is_accepted_once(server: OperatorServer) -> None:
    transports = [server.transport(SELLER) for _ in range(CLIENTS)]
    for seed in range(ROUNDS):  # each round: one package, from every connection at the same moment
        package = upd_package(SELLER, BUYER, sample_upd(seed=seed))
        with ThreadPoolExecutor(CLIENTS) as pool:
            receipts = list(pool.map(lambda transport, sent=package: transport.send(sent), transports))
        assert len({r.message_id for r in receipts}) == 1
    arrivals = [e for e in server.transport(BUYER).fetch_events(None, 100).events
                if e.kind is EventKind.DOCUMENT_RECEIVED]
    assert len(arrivals) == len({e.message_id for e in arrivals}) == ROUNDS


def test_packages_sent_at_once_are_each_delivered_once_in_feed_order(server: OperatorServer) -> None:
    packages = [upd_package(SELLER, BUYER, sample_upd(seed=100 + i)) for i in range(4 * CLIENTS)]
    transports = [server.transport(SELLER) for _ in range(CLIENTS)]
    with ThreadPoolExecutor(CLIENTS) as pool:
        receipts = list(pool.map(lambda i: transports[i % CLIENTS].send(packages[i]), range(len(packages))))
    events = server.transport(BUYER).fetch_events(None, 1000).events
    ids = [int(e.event_id) for e in events]
    assert ids == sorted(ids)
    arrivals = [e.message_id for e in events if e.kind is EventKind.DOCUMENT_RECEIVED]
    assert sorted(arrivals) == sorted(r.message_id for r in receipts)
    stamps = [e for e in events if e.kind is EventKind.SERVICE_DOCUMENT]
    assert len(stamps) == len(packages)  # one ПДО per document to the buyer
    store = OperatorStore.open(server.data)
    try:  # the seller's ПДП and the buyer's ПДО besides each document
        assert store.counts()["messages"] == 3 * len(packages)
    finally:
        store.close()


def test_a_participant_added_while_running_is_known_to_every_worker(server: OperatorServer) -> None:
    token = server.add("2ZZC-9900000017", "gamma")
    for _ in range(2 * CLIENTS):  # new connections: each lands on either worker
        transport = server.transport("2ZZC-9900000017", token)
        assert transport.fetch_events(None, 10).events == []
        transport.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_that_dies_stops_the_server(server: OperatorServer) -> None:
    assert server.process is not None
    os.kill(_workers(server.process.pid)[0], signal.SIGKILL)
    assert server.process.wait(timeout=10) != 0
    assert "завершился" in server.log.read_text("utf-8")


def test_workers_are_refused_below_one(tmp_path: Path) -> None:
    result = run_cli("operator", "serve", "--data", str(tmp_path), "--workers", "0")
    assert result.returncode != 0 and "не меньше 1" in result.stderr
