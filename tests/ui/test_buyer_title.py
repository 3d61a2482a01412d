"""The buyer-title dialog on a two-party exchange (MemoryNetwork): accept signs a title, refuse needs a reason."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from edo_app.documents import ACCEPTED_WITH_DISCREPANCIES, REFUSED, buyer_from_xml
from edo_app.documents.upd_buyer import DISCREPANCY_OPERATION
from edo_app.model.kinds import Direction, DocumentKind, DocumentStatus
from edo_app.services import DocumentQuery
from edo_app.services.signing_batch import SignerChoice
from edo_app.transport.memory import MemoryNetwork
from tests.ui.conftest import Shown
from tests.unit.crypto.fixtures import Pki, make_pki
from tests.unit.services.test_exchange_helpers import BUYER_ID, PASSWORD, SELLER_ID, Side, invoice, make_side
from ui.dialogs.buyer_title import NOT_CONFIGURED, BuyerTitleDialog
from ui.ops import SyncExecutor

S = DocumentStatus


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def received(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[Side, Side, int]]:
    """A СЧФДОП the seller sent and the buyer received: (seller, buyer, the buyer's document id)."""
    network = MemoryNetwork()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    seller = make_side(tmp_path / "a", SELLER_ID, network.transport(SELLER_ID), test_pki)
    buyer = make_side(tmp_path / "b", BUYER_ID, network.transport(BUYER_ID), test_pki)
    seller.exchange.queue_send(seller.add_signed(invoice("СЧФДОП")), BUYER_ID)
    seller.exchange.sync()
    buyer.exchange.sync()
    [row] = buyer.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    yield seller, buyer, row.id
    seller.database.close()
    buyer.database.close()


def _dialog(qtbot: QtBot, buyer: Side | None, document_id: int, asked: list[str],
            kind: DocumentKind | None = None) -> BuyerTitleDialog:
    def choose() -> SignerChoice | None:
        asked.append("certificate")
        return None if buyer is None else SignerChoice("software", buyer.handle, PASSWORD)

    dialog = BuyerTitleDialog(buyer.exchange if buyer else None, document_id, SyncExecutor(), choose, kind=kind)
    qtbot.addWidget(dialog)
    return dialog


def test_accepting_signs_a_buyer_title_with_the_typed_details(qtbot: QtBot, received: tuple[Side, Side, int],
                                                             shown: Shown) -> None:
    _, buyer, document_id = received
    asked: list[str] = []
    dialog = _dialog(qtbot, buyer, document_id, asked)
    dialog.accepted_on.setDate(QDate(2025, 3, 17))
    for key, text in (("last", "Петрова"), ("first", "Анна"), ("middle", "Игоревна"), ("position", "Кладовщик")):
        dialog.person[key].setText(text)
    dialog.operation.setText("Товары приняты без претензий")
    with qtbot.waitSignal(dialog.answered):
        dialog.buttons.accepted.emit()
    assert asked == ["certificate"] and shown.boxes == []
    assert buyer.library.get(document_id).status is S.SIGNED
    [title_row] = [r for r in buyer.library.list_documents(DocumentQuery(direction=Direction.OUTGOING))
                   if r.kind is DocumentKind.UPD_BUYER]
    title = buyer_from_xml(buyer.library.get(title_row.id).content)
    assert (title.accepted_on, title.operation) == (date(2025, 3, 17), "Товары приняты без претензий")
    assert title.accepted_by is not None and title.accepted_by.name.full == "Петрова Анна Игоревна"
    assert title.signers[0].position == "Кладовщик" and title.result != REFUSED
    assert [s.valid for s in buyer.signing.signatures(title_row.id)] == [True]


def test_accepting_without_a_name_asks_for_it_first(qtbot: QtBot, received: tuple[Side, Side, int]) -> None:
    _, buyer, document_id = received
    asked: list[str] = []
    dialog = _dialog(qtbot, buyer, document_id, asked)
    dialog.buttons.accepted.emit()
    assert "фамилию и имя" in dialog.error.text() and asked == []
    assert buyer.library.get(document_id).status is S.SIGNATURE_REQUIRED


def test_accepting_with_discrepancies_names_the_act(qtbot: QtBot, received: tuple[Side, Side, int],
                                                   shown: Shown) -> None:
    seller, buyer, document_id = received
    dialog = _dialog(qtbot, buyer, document_id, [], kind=DocumentKind.UPD_SELLER)
    for key, text in (("last", "Петрова"), ("first", "Анна"), ("position", "Кладовщик")):
        dialog.person[key].setText(text)
    dialog.discrepancy_choice.setChecked(True)
    assert dialog.act_box.isEnabled() and dialog.operation.text() == DISCREPANCY_OPERATION
    dialog.buttons.accepted.emit()
    assert "номер акта" in dialog.error.text()  # asked before any certificate or file
    assert buyer.library.get(document_id).status is S.SIGNATURE_REQUIRED
    dialog.act["number"].setText("17")
    dialog.act_date.setDate(QDate(2026, 11, 24))
    with qtbot.waitSignal(dialog.answered):
        dialog.buttons.accepted.emit()
    [title_row] = [r for r in buyer.library.list_documents(DocumentQuery(direction=Direction.OUTGOING))
                   if r.kind is DocumentKind.UPD_BUYER]
    title = buyer_from_xml(buyer.library.get(title_row.id).content)
    assert title.result == ACCEPTED_WITH_DISCREPANCIES and title.operation == DISCREPANCY_OPERATION
    assert title.discrepancy_doc is not None and (title.discrepancy_doc.number, title.discrepancy_doc.date) == (
        "17", date(2026, 11, 24))
    buyer.exchange.sync()
    seller.exchange.sync()
    assert buyer.library.get(document_id).status is S.SIGNED_WITH_DISCREPANCIES
    assert shown.boxes == []


def test_discrepancies_are_offered_only_for_a_upd(qtbot: QtBot, received: tuple[Side, Side, int]) -> None:
    _, buyer, document_id = received
    for kind, offered in ((DocumentKind.UPD_SELLER, True), (DocumentKind.UKD_SELLER, False),
                          (DocumentKind.ACT_SELLER, False)):
        assert _dialog(qtbot, buyer, document_id, [], kind=kind).discrepancy_choice.isEnabled() is offered


def test_refusing_requires_a_reason(qtbot: QtBot, received: tuple[Side, Side, int], shown: Shown) -> None:
    seller, buyer, document_id = received
    dialog = _dialog(qtbot, buyer, document_id, [])
    dialog.refuse_choice.setChecked(True)
    dialog.buttons.accepted.emit()
    assert "причину отказа" in dialog.error.text()
    assert buyer.library.get(document_id).status is S.SIGNATURE_REQUIRED  # nothing was sent
    dialog.reason.setPlainText("Товар не поставлен")
    with qtbot.waitSignal(dialog.answered):
        dialog.buttons.accepted.emit()
    buyer.exchange.sync()
    seller.exchange.sync()
    assert buyer.library.get(document_id).status is S.REJECTED
    assert shown.boxes == []


def test_without_an_exchange_the_dialog_says_so(qtbot: QtBot) -> None:
    asked: list[str] = []
    dialog = _dialog(qtbot, None, 1, asked)
    assert dialog.error.text() == NOT_CONFIGURED
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.submit()
    assert asked == []
