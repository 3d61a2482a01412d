"""The buyer-title dialog on a received УКД КСЧФДИС (MemoryNetwork): accepting signs the УКД
buyer's title with the typed person and date; the seller's УКД ends «Подписан контрагентом»."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from edo_app.documents import REFUSED, sample_ukd, ukd_buyer_from_xml, ukd_to_xml
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.services import DocumentQuery
from edo_app.services.signing_batch import SignerChoice
from edo_app.transport.memory import MemoryNetwork
from tests.ui.conftest import Shown
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, Side, make_side
from ui.dialogs.buyer_title import BuyerTitleDialog
from ui.ops import SyncExecutor

S = DocumentStatus


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def received(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[Side, Side, int, int]]:
    """A КСЧФДИС sent and received: (seller, buyer, the seller's id, the buyer's id)."""
    network = MemoryNetwork()
    sides = []
    for name, participant in (("a", SELLER_ID), ("b", BUYER_ID)):
        (tmp_path / name).mkdir()
        sides.append(make_side(tmp_path / name, participant, network.transport(participant), test_pki))
    seller, buyer = sides
    doc = sample_ukd("КСЧФДИС", seed=9)
    sent = seller.library.import_bytes(ukd_to_xml(doc), doc.file_name, Direction.OUTGOING).document_id
    assert sent is not None
    seller.signing.sign_document(sent, "software", seller.handle, password=PASSWORD)
    seller.exchange.queue_send(sent, BUYER_ID)
    seller.exchange.sync()
    buyer.exchange.sync()
    [row] = buyer.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    yield seller, buyer, sent, row.id
    seller.database.close()
    buyer.database.close()


def test_accepting_a_ukd_signs_its_buyer_title(qtbot: QtBot, received: tuple[Side, Side, int, int],
                                              shown: Shown) -> None:
    seller, buyer, sent, document_id = received
    assert buyer.library.get(document_id).status is S.SIGNATURE_REQUIRED
    dialog = BuyerTitleDialog(buyer.exchange, document_id, SyncExecutor(),
                              lambda: SignerChoice("software", buyer.handle, PASSWORD))
    qtbot.addWidget(dialog)
    dialog.accepted_on.setDate(QDate(2025, 3, 17))
    for key, text in (("last", "Петрова"), ("first", "Анна"), ("middle", "Игоревна"), ("position", "Директор")):
        dialog.person[key].setText(text)
    with qtbot.waitSignal(dialog.answered):
        dialog.buttons.accepted.emit()
    assert shown.boxes == []
    assert buyer.library.get(document_id).status is S.SIGNED
    [title_row] = [r for r in buyer.library.list_documents(DocumentQuery(direction=Direction.OUTGOING))
                   if r.kind is DocumentKind.UKD_BUYER]
    title = ukd_buyer_from_xml(buyer.library.get(title_row.id).content)
    assert title.result != REFUSED and title.accepted_on == date(2025, 3, 17)
    assert (title.signers[0].name.full, title.signers[0].position) == ("Петрова Анна Игоревна", "Директор")
    buyer.exchange.sync()
    seller.exchange.sync()
    assert seller.library.get(sent).status is S.SIGNED_BY_COUNTERPARTY
