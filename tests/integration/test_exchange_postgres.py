"""The exchange's storage (outbox, inbox, links, statuses: Core statements) on a real PostgreSQL
server started by the tests: both participants keep their databases there."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.model.kinds import Direction
from edo_app.storage import DocumentQuery
from edo_app.storage.exchange_sql import PROCESSED
from edo_app.transport.memory import MemoryNetwork
from tests.integration.postgres import PgServer
from tests.unit.crypto.fixtures import make_pki
from tests.unit.services import test_exchange_flow as flow
from tests.unit.services.test_exchange_helpers import BUYER_ID, SELLER_ID, Side, make_side

pytestmark = pytest.mark.postgres
_names = itertools.count(1)


@pytest.fixture
def pair(tmp_path: Path, pg_server: PgServer) -> Iterator[tuple[MemoryNetwork, Side, Side]]:
    """Seller and buyer as test_exchange_flow has them, each with its own PostgreSQL database."""
    network, pki, made, names = MemoryNetwork(), make_pki(), [], []
    for participant_id in (SELLER_ID, BUYER_ID):
        name = f"edo_exchange_{os.getpid()}_{next(_names)}"
        pg_server.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        names.append(name)
        folder = tmp_path / name
        folder.mkdir()
        made.append(make_side(folder, participant_id, network.transport(participant_id), pki,
                              url=pg_server.url(name)))
    yield network, made[0], made[1]
    for side, name in zip(made, names, strict=True):
        side.database.close()
        pg_server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_the_14n_flow_on_postgresql(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    flow.test_invoice_goes_through_the_14n_flow(pair)
    _, _, buyer = pair
    [row] = buyer.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    assert buyer.exchange.repo.link(row.id) is not None


def test_a_second_sync_on_postgresql_adds_nothing(pair: tuple[MemoryNetwork, Side, Side]) -> None:
    flow.test_a_second_sync_changes_nothing(pair)
    _, _, buyer = pair
    inbox = buyer.exchange.repo.inbox()
    assert {i.state for i in inbox} == {PROCESSED} and all(i.acknowledged for i in inbox)
    assert buyer.exchange.repo.cursor("default", BUYER_ID) is not None
