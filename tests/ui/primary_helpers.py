"""What the акт and ТОРГ-12 editor tests share: a directory, opening an editor, filling the form."""

from __future__ import annotations

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from edo_app.services import CounterpartyInput, Services
from edo_app.services.primary_editor import PrimaryEditorService
from ui.editor.issue_targets import LineColumn
from ui.editor_primary.editor import PrimaryEditor, editor_service
from ui.ops import SyncExecutor

ORGANISATION = CounterpartyInput("ООО «Северный ветер»", "7711043325", "771101001", "2AE7711043325", own=True)
ENTREPRENEUR = CounterpartyInput("ИП Журавлёв Семён Глебович", "500016613197", "", "2AE500016613197", own=True)
CUSTOMER = CounterpartyInput("АО «Медный бор»", "6611819605", "661101001", "2AE6611819605")
NBSP = "\u00a0"
AMOUNTS = (LineColumn.WITHOUT_VAT, LineColumn.VAT, LineColumn.WITH_VAT)


def open_editor(qtbot: QtBot, services: Services, editor_class: type[PrimaryEditor],
                draft_guid: str | None = None) -> PrimaryEditor:
    draft = service_of(services, editor_class).open_draft(draft_guid) if draft_guid else None
    editor = editor_class(services, SyncExecutor(), draft)
    qtbot.addWidget(editor)
    return editor


def service_of(services: Services, editor_class: type[PrimaryEditor]) -> PrimaryEditorService:
    return editor_service(services, editor_class.kind)


def set_cell(editor: PrimaryEditor, row: int, column: LineColumn, value: str) -> None:
    assert editor.lines.setData(editor.lines.index(row, column), value)


def cell(editor: PrimaryEditor, row: int, column: LineColumn) -> str:
    return str(editor.lines.index(row, column).data())


def amounts(editor: PrimaryEditor, row: int) -> list[str]:
    return [cell(editor, row, column).replace(NBSP, " ") for column in AMOUNTS]


def fill_header(editor: PrimaryEditor, number: str, signer: tuple[str, str, str, str]) -> None:
    header = editor.header
    header.number.setText(number)
    header.date.setDate(QDate(2025, 3, 31))
    header.seller_address.setText("141006, Московская обл., г. Мытищи, ул. Лесная, д. 5")
    header.buyer_address.setText("620014, г. Екатеринбург, пр-т Мира, д. 17")
    for key, value in zip(header.signer, signer, strict=True):
        header.signer[key].setText(value)


def fill_lines(editor: PrimaryEditor, rows: tuple[tuple[str, ...], ...], columns: tuple[LineColumn, ...]) -> None:
    for row, values in enumerate(rows):
        if row >= editor.lines.rowCount() - 1:
            editor.add_line()
        for column, value in zip(columns, values, strict=True):
            set_cell(editor, row, column, value)
