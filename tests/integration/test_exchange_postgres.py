"""The exchange's storage (outbox, inbox, links, statuses: Core statements) on a real PostgreSQL
server started by the tests: both participants keep their databases there."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.storage import DocumentQuery
from edo_app.storage.exchange_sql import PROCESSED, SENT
from edo_app.transport.memory import MemoryNetwork
from tests.integration.postgres import PgServer
from tests.unit.crypto.fixtures import make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, SELLER_ID, Side, invoice, make_side

pytestmark = pytest.mark.postgres
S = DocumentStatus
_names = itertools.count(1)


@pytest.fixture
def sides(tmp_path: Path, pg_server: PgServer) -> Iterator[tuple[Side, Side]]:
    network, pki, made, names = MemoryNetwork(), make_pki(), [], []
    for participant_id in (SELLER_ID, BUYER_ID):
        name = f"edo_exchange_{os.getpid()}_{next(_names)}"
        pg_server.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        names.append(name)
        folder = tmp_path / name
        folder.mkdir()
        made.append(make_side(folder, participant_id, network.transport(participant_id), pki,
                              url=pg_server.url(name)))
    yield made[0], made[1]
    for side, name in zip(made, names, strict=True):
        side.database.close()
        pg_server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")




def test_the_14n_flow_on_postgresql(sides: tuple[Side, Side]) -> None:
    seller, buyer = sides
    doc_id = seller.add_signed(invoice("СЧФ"))
    seller.exchange.queue_send(doc_id, BUYER_ID)
    assert seller.exchange.sync().errors == []
    assert seller.library.get(doc_id).status is S.DELIVERED

    got = buyer.exchange.sync()
    assert (got.received, got.sent, got.errors) == (1, 1, [])
    [row] = buyer.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    assert buyer.library.get(row.id).status is S.RECEIVED
    assert [s.valid for s in buyer.signing.signatures(row.id)] == [True]
    assert [o.state for o in buyer.exchange.repo.outbox(row.id) if o.purpose == "ИОП"] == [SENT]
    assert buyer.exchange.repo.link(row.id) is not None

    seller.exchange.sync()
    assert seller.library.get(doc_id).status is S.SIGNED_BY_COUNTERPARTY
    history = [e.details.get("to") for e in seller.library.history(doc_id) if e.action == "document.status"]
    assert history == ["signed", "sent", "delivered", "signed_by_counterparty"]


def test_a_second_sync_on_postgresql_adds_nothing(sides: tuple[Side, Side]) -> None:
    seller, buyer = sides
    seller.exchange.queue_send(seller.add_signed(invoice("СЧФ")), BUYER_ID)
    for _ in range(2):
        seller.exchange.sync()
        buyer.exchange.sync()
    again = buyer.exchange.sync()
    assert (again.sent, again.received, again.failed) == (0, 0, 0)
    inbox = buyer.exchange.repo.inbox()
    assert {i.state for i in inbox} == {PROCESSED} and all(i.acknowledged for i in inbox)
    assert buyer.exchange.repo.cursor("default", BUYER_ID) is not None
