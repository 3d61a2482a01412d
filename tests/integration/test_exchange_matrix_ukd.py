"""The УКД through the exchange end to end, over the reference HTTP operator (a real server
process), the exchange folder with its gateway and the in-memory operator: the seller sends a
signed УКД; КСЧФДИС wants the buyer's title (agreement or refusal), КСЧФ is a corrective invoice
answered with an ИОП only. A plain folder has no operator, so no ПДП marks a file delivered.

The sides, transports and the module-scoped operator come from test_exchange_matrix; each test
gets fresh participant ids (the operator keeps its boxes between tests).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.documents import UkdSeller, sample_ukd, ukd_to_xml
from edo_app.errors import InputError
from edo_app.model.kinds import Direction, DocumentStatus
from edo_app.services.document_cards import document_card
from edo_app.services.document_print import can_print, print_form
from edo_app.storage import DocumentQuery
from tests.integration.test_exchange_matrix import (
    TITLE_SIGNER,
    TRANSPORTS,
    World,
    open_world,
    send_file,
    server,
    test_pki,
)
from tests.unit.crypto.fixtures import Pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID

__all__ = ["server", "test_pki"]  # the module-scoped fixtures, shared with test_exchange_matrix

S = DocumentStatus
_BOXES = itertools.count(1)


@pytest.fixture(params=TRANSPORTS)
def world(request: pytest.FixtureRequest, tmp_path: Path, test_pki: Pki) -> Iterator[World]:
    suffix = next(_BOXES)
    ids = (f"{SELLER_ID}-U{suffix}", f"{BUYER_ID}-U{suffix}")
    yield from open_world(request.param, request, tmp_path, test_pki, ids)


def _send(world: World, doc: UkdSeller) -> tuple[int, int]:
    """Store the УКД as outgoing, sign and send it; returns (seller's id, buyer's id)."""
    return send_file(world, ukd_to_xml(doc), doc.file_name, str(doc.file_id))


def _answer(world: World, received: int, *, accept: bool) -> None:
    world.buyer.exchange.sign_buyer_title(received, accept=accept, signer=TITLE_SIGNER, provider="software",
                                          handle=world.buyer.handle, password=PASSWORD)
    world.rounds()


def _their_titles(world: World) -> list[int]:
    rows = world.seller.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    return [r.id for r in rows if r.kind.value == "ukd_buyer"]


def test_ksfdis_agreed_with_the_buyers_title(world: World) -> None:
    doc_id, received = _send(world, sample_ukd("КСЧФДИС", seed=41))
    assert world.status(world.buyer, received) is S.SIGNATURE_REQUIRED
    _answer(world, received, accept=True)
    assert (world.status(world.seller, doc_id), world.status(world.buyer, received)) == \
        (S.SIGNED_BY_COUNTERPARTY, S.SIGNED)
    titles = _their_titles(world)
    assert len(titles) == 1
    assert world.seller.library.get(titles[0]).summary.function == "КСЧФДИС"
    assert [s.valid for s in world.seller.signing.signatures(titles[0])] == [True]
    _viewed_and_printed(world, doc_id, titles[0])


def _viewed_and_printed(world: World, doc_id: int, title_id: int) -> None:
    """Both stored titles have their card and print form (the buyer's prints on the seller's form)."""
    database = world.seller.database
    for document_id in (doc_id, title_id):
        stored = world.seller.library.get(document_id)
        card = document_card(stored.content, stored.summary)
        assert not card.note and card.fields
        assert can_print(stored.summary.kind) and print_form(database, document_id).startswith(b"%PDF")
    card = document_card(world.seller.library.get(doc_id).content, world.seller.library.get(doc_id).summary)
    assert card.table is not None and len(card.table.rows) == 3
    assert [f.label for f in card.totals][::3] == ["Всего увеличение без НДС", "Всего уменьшение без НДС"]


def test_ksfdis_refused_with_a_signed_title(world: World) -> None:
    doc_id, received = _send(world, sample_ukd("КСЧФДИС", seed=42))
    _answer(world, received, accept=False)
    assert (world.status(world.seller, doc_id), world.status(world.buyer, received)) == (S.REJECTED, S.REJECTED)
    assert len(_their_titles(world)) == 1


def test_ksf_ends_with_the_receipt(world: World) -> None:
    doc_id, received = _send(world, sample_ukd("КСЧФ", seed=43))
    assert world.status(world.seller, doc_id) is S.SIGNED_BY_COUNTERPARTY
    assert world.status(world.buyer, received) is S.RECEIVED
    history = [e.details.get("to") for e in world.seller.library.history(doc_id) if e.action == "document.status"]
    delivered = ["delivered"] if world.stamps else []  # a plain folder has no operator to confirm delivery
    assert history == ["signed", "sent", *delivered, "signed_by_counterparty"]
    with pytest.raises(InputError, match="титул покупателя формируется только"):
        world.buyer.exchange.sign_buyer_title(received, signer=TITLE_SIGNER, provider="software",
                                              handle=world.buyer.handle, password=PASSWORD)
