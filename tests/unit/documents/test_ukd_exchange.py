"""A УКД through the in-memory operator (MemoryNetwork): the signed seller's title is delivered,
its signature verifies on the buyer's side and the buyer's registry shows it as a УКД with its
number and net change. The buyer's title and the ИОП of a УКД: tests/integration/test_exchange_matrix_ukd.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from edo_app.documents import sample_ukd, ukd_to_xml
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.storage import DocumentQuery
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, Side, connected_sides


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def pair(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[Side, Side]]:
    with connected_sides(tmp_path, ("a", SELLER_ID), ("b", BUYER_ID), test_pki) as sides:
        yield sides


def test_signed_ukd_reaches_the_buyer_as_a_ukd(pair: tuple[Side, Side]) -> None:
    seller, buyer = pair
    doc = sample_ukd(lines=3, seed=9)
    result = seller.library.import_bytes(ukd_to_xml(doc), doc.file_name, Direction.OUTGOING)
    assert result.document_id is not None, result.report.issues
    seller.signing.sign_document(result.document_id, "software", seller.handle, password=PASSWORD)
    seller.exchange.queue_send(result.document_id, BUYER_ID)
    assert seller.exchange.sync().errors == []

    got = buyer.exchange.sync()
    assert (got.received, got.errors) == (1, [])
    (row,) = buyer.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    stored = buyer.library.get(row.id)
    assert stored.summary.kind is DocumentKind.UKD_SELLER
    assert (stored.summary.number, stored.summary.total) == (doc.number, doc.increase.with_vat - doc.decrease.with_vat)
    assert [s.valid for s in buyer.signing.signatures(row.id)] == [True]

    assert stored.status is DocumentStatus.SIGNATURE_REQUIRED  # a КСЧФДИС waits for the buyer's title

    assert seller.exchange.sync().errors == []
    # the buyer's ИОП arrived; the КСЧФДИС still waits for the buyer's title
    assert seller.library.get(result.document_id).status is DocumentStatus.DELIVERED
