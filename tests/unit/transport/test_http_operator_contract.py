"""The Transport contract (test_contract.py) against HttpOperatorTransport and the reference
operator in relay mode, in-process through httpx.WSGITransport. The same suite runs against a
real server process in tests/integration/test_operator_server.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from edo_app.services.operator_server import add_participant, make_app
from edo_app.transport.base import EventKind
from edo_app.transport.http_operator import HttpOperatorTransport
from tests.integration.operator_server import ORGS
from tests.unit.transport.samples import ALICE, BOB, document_package
from tests.unit.transport.test_contract import *  # noqa: F403 - the contract's tests, collected here again
from tests.unit.transport.test_contract import Pair


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:  # overrides the contract's memory/folder fixture
    tokens = {pid: add_participant(tmp_path, pid, *ORGS[org]) for pid, org in ((ALICE, "alpha"), (BOB, "beta"))}
    wsgi = httpx.WSGITransport(app=make_app(tmp_path, checks=False))
    alice, bob = (HttpOperatorTransport("http://operator", tokens[p], transport=wsgi) for p in (ALICE, BOB))
    yield Pair(alice, bob, lambda: None)
    alice.close()
    bob.close()


def test_in_relay_mode_the_sender_hears_of_delivery_by_a_status_change(pair: Pair) -> None:
    """No checks, so no signed ПДП: the unsigned status_changed is the sender's only news."""
    receipt = pair.alice.send(document_package())
    (event,) = pair.alice.fetch_events(None, 10).events
    assert (event.kind, event.message_id, event.payload["status"]) == (EventKind.STATUS_CHANGED,
                                                                      receipt.message_id, "delivered")
