"""Акт and ТОРГ-12 through the in-memory operator (MemoryNetwork): the signed seller's title reaches
the buyer, its signature verifies there and the registry lists it with number, parties and total;
the buyer's title (acceptance or refusal) is built from the received file and its real signature,
signed and sent back, and the seller's registry lists it as the answer to that document; the
stored pair prints with a stamp per signature.

Not covered: the exchange services keep no акт/ТОРГ-12 state (the seller's document stays
«доставлен»; state changes of the regulated flow are УПД-only), and no ИОП is sent for them."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from edo_app.documents import (
    ActSeller,
    PrimaryAnswer,
    PrimarySigner,
    Torg12Seller,
    act_answer_for,
    primary_from_xml,
    primary_to_xml,
    sample_act,
    sample_torg12,
    torg12_answer_for,
)
from edo_app.model.kinds import Direction, DocumentKind
from edo_app.model.party import PersonName
from edo_app.printing import STAMP_TITLE
from edo_app.services.printing import print_document
from edo_app.storage import DocumentQuery
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.printing.pdfcheck import flat, text_of
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, Side, connected_sides

GUID = "3f2b6c1e-8a4d-4c7e-9b1a-2d5e6f7a8b9c"


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def pair(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[Side, Side]]:
    with connected_sides(tmp_path, ("a", SELLER_ID), ("b", BUYER_ID), test_pki) as sides:
        yield sides


def _send(side: Side, data: bytes, name: str, to: str) -> int:
    result = side.library.import_bytes(data, name, Direction.OUTGOING)
    assert result.document_id is not None, result.report.issues
    side.signing.sign_document(result.document_id, "software", side.handle, password=PASSWORD)
    side.exchange.queue_send(result.document_id, to)
    assert side.exchange.sync().errors == []
    return result.document_id


def _received(side: Side) -> int:
    got = side.exchange.sync()
    assert (got.received, got.errors) == (1, [])
    (row,) = side.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    assert [s.valid for s in side.signing.signatures(row.id)] == [True]
    return row.id


def _buyer_signer(doc: ActSeller | Torg12Seller) -> PrimarySigner:
    party = (doc.customer if isinstance(doc, ActSeller) else doc.buyer).party
    return PrimarySigner(PersonName("Лебедев", "Глеб"), party.inn, "ЮЛ", party.name, "Директор")


@pytest.mark.parametrize(("kind", "accept"), [("act", True), ("act", False), ("torg12", True)])
def test_seller_title_there_and_buyer_title_back(pair: tuple[Side, Side], kind: str, accept: bool) -> None:
    seller, buyer = pair
    doc: ActSeller | Torg12Seller = sample_act(lines=2, seed=11) if kind == "act" else sample_torg12(lines=2, seed=11)
    sent = _send(seller, primary_to_xml(doc), doc.file_name, BUYER_ID)

    incoming = _received(buyer)
    stored = buyer.library.get(incoming)
    expected_kind = DocumentKind.ACT_SELLER if kind == "act" else DocumentKind.TORG12_SELLER
    assert stored.summary.kind is expected_kind
    assert (stored.summary.number, stored.summary.total) == (doc.head.number, doc.totals.with_vat)

    # The buyer answers the file as received, with the seller's signature as it arrived.
    received = primary_from_xml(buyer.library.get(incoming).content)
    assert received == doc
    assert isinstance(received, (ActSeller, Torg12Seller))
    signature = base64.b64encode(buyer.signing.signatures(incoming)[0].der).decode("ascii")
    created = doc.head.created + timedelta(days=1)
    reason = "" if accept else "работы не выполнены"
    if isinstance(received, ActSeller):
        answer = act_answer_for(received, signature, created=created, guid=GUID, signer=_buyer_signer(doc),
                                accept=accept, reason=reason)
    else:
        answer = torg12_answer_for(received, signature, created=created, guid=GUID, signer=_buyer_signer(doc),
                                   accept=accept, reason=reason)
    _send(buyer, primary_to_xml(answer), answer.file_name, SELLER_ID)

    back = seller.exchange.sync()
    assert back.errors == []
    rows = seller.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    (row,) = [r for r in rows if r.kind in (DocumentKind.ACT_BUYER, DocumentKind.TORG12_BUYER)]
    got = primary_from_xml(seller.library.get(row.id).content)
    assert isinstance(got, PrimaryAnswer) and got == answer
    assert got.seller_file.file_id == str(doc.file_id) and got.refused is not accept

    # The print form of the stored pair: both titles, a stamp for each side's signature.
    text = text_of(print_document(seller.database, sent, buyer_document_id=row.id))
    assert doc.head.number in text and flat(answer.operation) in text
    assert text.upper().count(STAMP_TITLE.upper()) == 2
