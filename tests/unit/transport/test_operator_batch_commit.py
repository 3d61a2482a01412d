"""``OperatorCore.send_batch``: each package judged as ``send`` would, the accepted ones recorded
in savepoints of one transaction and committed at once; a refusal, in its place, undoes only its
own package's writes."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from edo_app.errors import StorageError
from edo_app.transport.base import Rejected, SendReceipt, UnknownRecipient
from edo_app.transport.operator.app import create_app
from edo_app.transport.operator.auth import hash_token
from edo_app.transport.operator.core import OperatorCore
from edo_app.transport.operator.directory import Participant
from edo_app.transport.operator.store import Delivery, OperatorStore, StoreSession
from edo_app.transport.package import to_zip
from tests.unit.transport.samples import ALICE, BOB, CAROL, document_package


@pytest.fixture
def core() -> OperatorCore:
    store = OperatorStore.in_memory()
    store.add_participant(Participant(ALICE, "7700000009", "770001001", "ООО А"), hash_token(ALICE))
    store.add_participant(Participant(BOB, "5002000005", "500201001", "ООО Б"), hash_token(BOB))
    return OperatorCore(store, None, "2ZZ-OPERATOR")


def _count_write_sessions(core: OperatorCore, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    opened: list[int] = []
    real = core.store.write_session

    @contextmanager
    def counted() -> Iterator[StoreSession]:
        opened.append(1)
        with real() as session:
            yield session

    monkeypatch.setattr(core.store, "write_session", counted)
    return opened


def test_each_package_gets_its_own_answer_and_all_are_committed_at_once(
        core: OperatorCore, monkeypatch: pytest.MonkeyPatch) -> None:
    opened = _count_write_sessions(core, monkeypatch)
    good, twin = document_package(), document_package()
    batch = [to_zip(good), to_zip(twin), to_zip(twin), to_zip(document_package(ALICE, CAROL)),
             to_zip(document_package(BOB, ALICE))]
    first, second, repeat, unknown, not_mine = core.send_batch(ALICE, batch)
    assert isinstance(first, SendReceipt) and isinstance(second, SendReceipt)
    assert repeat == second  # the same package twice in one batch: one message, one receipt
    assert isinstance(unknown, UnknownRecipient) and isinstance(not_mine, Rejected)
    assert opened == [1]  # one write transaction (one disk sync) for the batch
    assert core.store.counts()["messages"] == 2
    assert core.send(ALICE, to_zip(good)) == first  # and the single route agrees


def test_a_package_that_fails_while_written_leaves_nothing_the_others_stay(
        core: OperatorCore, monkeypatch: pytest.MonkeyPatch) -> None:
    doomed = document_package()
    real = StoreSession.record

    def record(self: StoreSession, delivery: Delivery) -> None:
        real(self, delivery)  # written, then the step fails: the savepoint must undo it
        if delivery.messages[0].package_id == doomed.package_id:
            raise StorageError("диск отказал")

    monkeypatch.setattr(StoreSession, "record", record)
    kept = [document_package(), document_package()]
    before, failed, after = core.send_batch(ALICE, [to_zip(kept[0]), to_zip(doomed), to_zip(kept[1])])
    assert isinstance(before, SendReceipt) and isinstance(after, SendReceipt) and isinstance(failed, StorageError)
    assert core.store.message_by_package(doomed.package_id) is None
    arrivals = [e.message_id for e in core.events(BOB, None, 100).events]
    assert arrivals == [before.message_id, after.message_id]


def test_the_route_keeps_the_order_around_an_item_that_is_not_base64(core: OperatorCore) -> None:
    client = httpx.Client(transport=httpx.WSGITransport(app=create_app(core)), base_url="http://operator",
                          headers={"Authorization": f"Bearer {ALICE}"})
    items = [base64.b64encode(to_zip(document_package())).decode(), "не base64!",
             base64.b64encode(to_zip(document_package(ALICE, CAROL))).decode()]
    results = client.post("/packages/batch", json={"packages": items}).json()["results"]
    assert [r["status"] for r in results] == [200, 422, 404]
    assert "base64" in results[1]["message"] and results[2]["recipient"] == CAROL
