"""The buyer-title dialog on a received акт / ТОРГ-12 5.01 (MemoryNetwork): accepting signs the
customer's title; refusing signs the buyer's title with the refusal text and the reason (no УОУ),
by the person typed in. The sender's document ends «Подписан контрагентом» or «Отказано»."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from edo_app.documents import (
    PrimaryAnswer,
    PrimaryDocument,
    primary_from_xml,
    primary_to_xml,
    sample_act,
    sample_torg12,
)
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
Sent = tuple[Side, Side, int, int]


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def sides(tmp_path: Path, test_pki: Pki) -> Iterator[tuple[Side, Side]]:
    network = MemoryNetwork()
    made = []
    for name, participant in (("a", SELLER_ID), ("b", BUYER_ID)):
        (tmp_path / name).mkdir()
        made.append(make_side(tmp_path / name, participant, network.transport(participant), test_pki))
    yield made[0], made[1]
    for side in made:
        side.database.close()


def _received(sides: tuple[Side, Side], doc: PrimaryDocument) -> Sent:
    """``doc`` signed, sent and received: (seller, buyer, the seller's id, the buyer's id)."""
    seller, buyer = sides
    sent = seller.add_signed_file(primary_to_xml(doc), doc.file_name)
    seller.exchange.queue_send(sent, BUYER_ID)
    seller.exchange.sync()
    buyer.exchange.sync()
    [row] = buyer.library.list_documents(DocumentQuery(direction=Direction.INCOMING))
    assert row.status is S.SIGNATURE_REQUIRED
    return seller, buyer, sent, row.id


def _dialog(qtbot: QtBot, buyer: Side, document_id: int, kind: DocumentKind) -> BuyerTitleDialog:
    dialog = BuyerTitleDialog(buyer.exchange, document_id, SyncExecutor(),
                              lambda: SignerChoice("software", buyer.handle, PASSWORD), kind=kind)
    qtbot.addWidget(dialog)
    for key, text in (("last", "Петрова"), ("first", "Анна"), ("middle", "Игоревна"), ("position", "Директор")):
        dialog.person[key].setText(text)
    return dialog


def _answer(buyer: Side, kind: DocumentKind) -> PrimaryAnswer:
    [row] = [r for r in buyer.library.list_documents(DocumentQuery(direction=Direction.OUTGOING)) if r.kind is kind]
    answer = primary_from_xml(buyer.library.get(row.id).content)
    assert isinstance(answer, PrimaryAnswer)
    return answer


def _delivered(seller: Side, buyer: Side) -> None:
    buyer.exchange.sync()
    seller.exchange.sync()


def test_accepting_an_act_signs_the_customers_title(qtbot: QtBot, sides: tuple[Side, Side], shown: Shown) -> None:
    seller, buyer, sent, document_id = _received(sides, sample_act(seed=61))
    dialog = _dialog(qtbot, buyer, document_id, DocumentKind.ACT_SELLER)
    assert not dialog.operation.isEnabled()  # 5.01: acceptance is told by the standard text
    dialog.accepted_on.setDate(QDate(2026, 2, 3))
    with qtbot.waitSignal(dialog.answered):
        dialog.buttons.accepted.emit()
    assert shown.boxes == []
    answer = _answer(buyer, DocumentKind.ACT_BUYER)
    assert not answer.refused and answer.accepted_on == date(2026, 2, 3)
    assert (answer.signers[0].name.full, answer.signers[0].position) == ("Петрова Анна Игоревна", "Директор")
    _delivered(seller, buyer)
    assert (seller.library.get(sent).status, buyer.library.get(document_id).status) == \
        (S.SIGNED_BY_COUNTERPARTY, S.SIGNED)


def test_refusing_a_torg12_signs_a_refusing_title_with_the_reason(qtbot: QtBot, sides: tuple[Side, Side],
                                                                  shown: Shown) -> None:
    seller, buyer, sent, document_id = _received(sides, sample_torg12(seed=62))
    dialog = _dialog(qtbot, buyer, document_id, DocumentKind.TORG12_SELLER)
    dialog.refuse_choice.setChecked(True)
    assert dialog.accept_box.isEnabled() and not dialog.accepted_on.isEnabled()  # the signer is still typed in
    dialog.buttons.accepted.emit()
    assert "причину" in dialog.error.text()  # no reason: nothing is signed
    dialog.reason.setPlainText("Пересорт: поставлен не тот артикул")
    with qtbot.waitSignal(dialog.answered) as signal:
        dialog.buttons.accepted.emit()
    assert signal.args == ["Отказ подписан и поставлен в очередь отправки"]
    answer = _answer(buyer, DocumentKind.TORG12_BUYER)
    assert answer.refused and answer.operation.endswith(": Пересорт: поставлен не тот артикул")
    _delivered(seller, buyer)
    assert (seller.library.get(sent).status, buyer.library.get(document_id).status) == (S.REJECTED, S.REJECTED)
    assert not any(e.action == "exchange.clarification" for e in seller.library.history(sent))  # no УОУ
