"""The УПД editor as rendered offscreen: a filled form with two issues shown is not blank, its
Russian labels have glyphs, the faulty header field has its red frame, the faulty cell its colour."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from edo_app.services import CounterpartyInput, Services
from tests.ui.conftest import Shown
from tests.ui.helpers import covers, distinct_colours, ink_pixels
from ui.editor.editor import UpdEditor
from ui.editor.issue_targets import LineColumn
from ui.editor.lines_model import ISSUE_COLOUR
from ui.ops import SyncExecutor

SELLER = CounterpartyInput("ООО «Северный ветер»", "7711043325", "771101001", "2AE7711043325", own=True)
BUYER = CounterpartyInput("АО «Медный бор»", "6611819605", "661101001", "2AE6611819605")
LABELS = ("Документ Функция Номер Дата Продавец Организация Адрес Покупатель Контрагент Подписант Фамилия Имя "
          "Отчество Должность Добавить строку Сформировать Сохранить черновик Наименование Количество Цена без НДС "
          "Ставка НДС Всего к оплате Ошибки и предупреждения обязательное поле больше нуля № «»")
Q = LineColumn.QUANTITY


@pytest.fixture
def editor(qtbot: QtBot, services: Services, shown: Shown) -> Iterator[UpdEditor]:
    """The editor with everything filled but the number (required) and a zero quantity."""
    services.counterparties.add(SELLER)
    services.counterparties.add(BUYER)
    opened = UpdEditor(services, SyncExecutor())
    qtbot.addWidget(opened)
    header = opened.header
    header.date.setDate(QDate(2026, 11, 2))
    header.seller_address.setText("125009, г. Москва, ул. Садовая, д. 5")
    header.buyer_address.setText("620014, г. Екатеринбург, пр-т Мира, д. 17")
    for field, text in zip(header.signer.values(), ("Орлов", "Пётр", "Ильич", "Директор"), strict=True):
        field.setText(text)
    for column, text in ((LineColumn.NAME, "Бумага офисная А4"), (Q, "0"), (LineColumn.PRICE, "389.50"),
                         (LineColumn.RATE, "20%")):
        assert opened.lines.setData(opened.lines.index(0, column), text)
    opened.validate_now()
    opened.resize(1200, 720)
    opened.show()
    qtbot.waitExposed(opened)
    yield opened
    assert shown.boxes == []
    opened.close()


def _area(editor: UpdEditor, widget: QWidget, rect: QRect | None = None) -> QRect:
    """A widget's rectangle (or ``rect`` inside it) in the editor's coordinates."""
    local = rect if rect is not None else widget.rect()
    return QRect(widget.mapTo(editor, local.topLeft()), local.size())


def _pixels(image: QImage, area: QRect) -> list[QColor]:
    scale = image.devicePixelRatio()
    box = QRect(QPoint(int(area.left() * scale), int(area.top() * scale)), area.size() * scale)
    return [image.pixelColor(x, y) for x in range(box.left(), box.right() + 1)
            for y in range(box.top(), box.bottom() + 1)]


def _is_issue_red(colour: QColor) -> bool:
    """Near the frame's #c00020, whatever antialiasing does to its edge."""
    return colour.red() > 150 and colour.green() < 70 and colour.blue() < 90


def test_the_editor_with_issues_renders_its_labels_frames_and_cells(editor: UpdEditor, tmp_path: Path) -> None:
    # The empty number is reported for the number and for the shipment document it feeds: listed once.
    assert editor.issues.texts() == ["Номер: обязательное поле не заполнено",
                                     "Строка 1, количество: значение должно быть больше нуля"]
    assert editor.status.text() == "Ошибок: 2"
    image = editor.grab().toImage()
    assert image.save(str(tmp_path / "editor.png"))
    assert distinct_colours(image) > 20, "the editor rendered (almost) as one colour"
    assert covers(editor.font(), LABELS), "a Russian label of the editor would show as boxes"
    assert covers(editor.table.horizontalHeader().font(), "Наименование Количество Ставка НДС")

    number = editor.header.number
    frame = [c for c in _pixels(image, _area(editor, number)) if _is_issue_red(c)]
    perimeter = 2 * (number.width() + number.height())
    assert len(frame) > perimeter, f"the number field has no red frame ({len(frame)} red pixels)"
    around = _area(editor, editor.header.seller_address)  # a field without an issue: no red
    assert not any(_is_issue_red(c) for c in _pixels(image, around))

    table = editor.table
    cell = _area(editor, table.viewport(), table.visualRect(editor.lines.index(0, Q)))
    shaded = [c for c in _pixels(image, cell) if c == ISSUE_COLOUR]
    assert len(shaded) > cell.width() * cell.height() // 2, "the zero quantity's cell is not shaded"

    listed = image.copy(_area(editor, editor.issues))
    assert editor.issues.isVisible() and ink_pixels(listed) > 200, "the issues list shows no text"
