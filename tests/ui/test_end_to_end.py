"""The whole way of a УПД through the desktop app, two participants on one in-memory operator.

The seller types a СЧФДОП into the editor, sees and fixes an issue at its cell, forms it, signs
it and sends it from the registry's menus; the buyer synchronises, sees «Требуется подпись»,
accepts it with a signed buyer's title; after both sync the seller's registry shows «Подписан
контрагентом» and the buyer's «Подписан». Real services, real keys (the test PKI), real windows;
only the modal dialogs' exec is replaced by a user's typing and clicks (tests/ui/two_windows.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from edo_app.services.counterparties import CounterpartyInput
from edo_app.transport.memory import MemoryNetwork
from tests.ui.conftest import Shown
from tests.ui.two_windows import (
    Participant,
    accept_as,
    company_key,
    open_participant,
    send_to,
    sign_with_the_only_certificate,
    type_text,
)
from tests.unit.crypto.fixtures import INN_LE, Pki, make_pki
from tests.unit.services.signing_world import head_key
from tests.unit.services.test_exchange_helpers import BUYER_ID, SELLER_ID
from tests.unit.services.test_poa_registry import KPP
from ui.dialogs.buyer_title import BuyerTitleDialog
from ui.dialogs.signing import SigningDialog
from ui.editor.editor import UpdEditor
from ui.editor.issue_targets import LineColumn
from ui.exchange.send import SendDialog
from ui.models.documents import Columns
from ui.registry.folders import Folder

SELLER = CounterpartyInput('ООО "Тестовая Ромашка"', INN_LE, KPP, SELLER_ID)
BUYER = CounterpartyInput("АО «Медный бор»", "6611819605", "661101001", BUYER_ID)
NUMBER = "УПД-101"
Q = LineColumn.QUANTITY


@pytest.fixture(scope="module")
def test_pki() -> Pki:
    return make_pki()


@pytest.fixture
def sides(qtbot: QtBot, tmp_path: Path, test_pki: Pki, shown: Shown) -> Iterator[tuple[Participant, Participant]]:
    """(seller, buyer): each its own data folder, key, directory, exchange and main window."""
    network = MemoryNetwork()
    buyer_key = company_key(test_pki.root, "Медведева Ольга Павловна", BUYER.name, BUYER.inn)
    seller = open_participant(qtbot, tmp_path / "seller", SELLER_ID, head_key(test_pki), network=network,
                              directory=[_own(SELLER), BUYER])
    buyer = open_participant(qtbot, tmp_path / "buyer", BUYER_ID, buyer_key, network=network,
                             directory=[_own(BUYER), SELLER])
    yield seller, buyer
    seller.close()
    buyer.close()


def _own(entry: CounterpartyInput) -> CounterpartyInput:
    return CounterpartyInput(entry.name, entry.inn, entry.kpp, entry.edo_id, own=True)


# --- the editor, typed into ------------------------------------------------------------------

def _type_cell(qtbot: QtBot, editor: UpdEditor, column: LineColumn, text: str) -> None:
    """Go to the cell of the first line (its editor opens), clear it and type ``text``."""
    index = editor.lines.index(0, column)
    editor.table.setCurrentIndex(editor.lines.index(0, LineColumn.NUMBER))  # leave the cell: it closes
    editor.table.setCurrentIndex(index)
    field = editor.table.indexWidget(index)
    assert isinstance(field, QLineEdit), f"no cell editor at {column.name}"
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    type_text(field, text)


def _choose_cell(editor: UpdEditor, column: LineColumn, value: str) -> None:
    """Pick ``value`` in the cell's drop-down list (units, VAT rates)."""
    index = editor.lines.index(0, column)
    editor.table.setCurrentIndex(index)
    box = editor.table.indexWidget(index)
    assert isinstance(box, QComboBox)
    position = box.findData(value)
    assert position >= 0, f"{value} is not offered in {column.name}"
    box.setCurrentIndex(position)
    box.activated.emit(position)


def _type_header(qtbot: QtBot, editor: UpdEditor) -> None:
    header = editor.header
    assert header.function.currentData() == "СЧФДОП"
    type_text(header.number, NUMBER)
    header.date.setDate(QDate(2026, 11, 2))
    type_text(header.seller_address, "141700, Московская обл., г. Долгопрудный, ул. Лесная, д. 3")
    type_text(header.buyer_filter, "медн")  # the directory search, then the match is chosen
    qtbot.waitUntil(lambda: header.buyer.count() == 1 and header.buyer.currentData().inn == BUYER.inn)
    type_text(header.buyer_address, "620014, г. Екатеринбург, пр-т Ленина, д. 17")
    for field, text in zip(header.signer.values(), ("Иванов", "Пётр", "Сергеевич", "Генеральный директор"),
                           strict=True):
        type_text(field, text)
    assert header.seller.currentData().inn == SELLER.inn  # the own organisation, offered first


def _create_invoice(qtbot: QtBot, seller: Participant) -> None:
    seller.trigger("Документ", "Новый УПД…")
    [editor] = seller.window.findChildren(UpdEditor)
    _type_header(qtbot, editor)
    _type_cell(qtbot, editor, LineColumn.NAME, "Бумага офисная А4, пачка")
    _choose_cell(editor, LineColumn.UNIT, "796")
    _type_cell(qtbot, editor, LineColumn.PRICE, "389.50")
    _choose_cell(editor, LineColumn.RATE, "20%")
    _type_cell(qtbot, editor, Q, "0")
    # After a pause in typing the check runs: the problem is painted on its cell and listed.
    qtbot.waitUntil(lambda: "больше нуля" in editor.lines.issue_at(0, Q))
    assert editor.lines.index(0, Q).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert editor.issues.texts() == ["Строка 1, количество: значение должно быть больше нуля"]
    _type_cell(qtbot, editor, Q, "40")
    qtbot.waitUntil(lambda: editor.status.text() == "Документ готов к формированию")
    assert editor.lines.issue_at(0, Q) == "" and editor.issues.texts() == []
    assert editor.lines.index(0, Q).data(Qt.ItemDataRole.BackgroundRole) is None
    assert editor.lines.index(0, LineColumn.WITH_VAT).data() == "18\u00a0696,00"  # 40 × 389.50 × 1.2
    with qtbot.waitSignal(editor.formed):
        qtbot.mouseClick(editor.form_button, Qt.MouseButton.LeftButton)


# --- the whole way ---------------------------------------------------------------------------

def test_a_upd_goes_from_the_sellers_editor_to_the_buyers_signature_and_back(
        qtbot: QtBot, sides: tuple[Participant, Participant], shown: Shown, monkeypatch: pytest.MonkeyPatch) -> None:
    seller, buyer = sides
    monkeypatch.setattr(SigningDialog, "exec", sign_with_the_only_certificate(qtbot))
    monkeypatch.setattr(SendDialog, "exec", send_to(qtbot, BUYER_ID))
    monkeypatch.setattr(BuyerTitleDialog, "exec", accept_as(qtbot, {
        "last": "Медведева", "first": "Ольга", "middle": "Павловна", "position": "Заведующая складом"}))

    _create_invoice(qtbot, seller)
    seller.show_folder(Folder.OUTGOING)
    qtbot.waitUntil(lambda: seller.status_of(NUMBER) == "Проверен")

    seller.select(NUMBER)
    seller.trigger("Документ", "Подписать…")
    qtbot.waitUntil(lambda: seller.status_of(NUMBER) == "Подписан")

    seller.select(NUMBER)
    seller.trigger("Обмен", "Отправить…")  # queues it and syncs at once
    qtbot.waitUntil(lambda: seller.status_of(NUMBER) == "Доставлен")

    buyer.trigger("Обмен", "Синхронизировать")
    buyer.show_folder(Folder.INCOMING)
    qtbot.waitUntil(lambda: buyer.status_of(NUMBER) == "Требуется подпись")

    buyer.select(NUMBER)
    buyer.trigger("Документ", "Титул покупателя: принять или отказать…")
    qtbot.waitUntil(lambda: buyer.status_of(NUMBER) == "Подписан")

    buyer.trigger("Обмен", "Синхронизировать")  # the buyer's title goes out
    seller.trigger("Обмен", "Синхронизировать")  # and reaches the seller
    buyer.trigger("Обмен", "Синхронизировать")  # the seller's receipt comes back
    qtbot.waitUntil(lambda: seller.status_of(NUMBER) == "Подписан контрагентом")
    qtbot.waitUntil(lambda: buyer.status_of(NUMBER) == "Подписан")
    [row] = [r for r in seller.row_texts() if r[Columns.NUMBER] == NUMBER]
    assert (row[Columns.COUNTERPARTY], row[Columns.TOTAL]) == (BUYER.name, "18\u00a0696,00")
    buyer.show_folder(Folder.OUTGOING)  # the buyer's own answer is a document of its registry too
    qtbot.waitUntil(lambda: [(r[Columns.KIND], r[Columns.NUMBER]) for r in buyer.row_texts()] == [
        ("УПД (титул покупателя)", NUMBER)])
    assert [box.text() for box in shown.boxes] == []
    assert [dialog.windowTitle() for dialog in shown.reports] == []
