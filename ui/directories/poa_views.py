"""Small dialogs of the МЧД manager: the outcome of the nine checks, the revocation date with its
confirmation, and the documents signed under an МЧД."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from edo_app.services.poa_checks import CheckOutcome, PoaStatus, PoaVerdict
from edo_app.services.poa_manager import DocumentLine

OUTCOME_COLOURS = {CheckOutcome.OK: "#1b5e20", CheckOutcome.FAILED: "#b00020", CheckOutcome.UNKNOWN: "#8a6d00"}


def _table(headers: list[str], rows: list[list[str]], parent: QWidget) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
    buttons.rejected.connect(dialog.reject)
    return buttons


class PoaCheckDialog(QDialog):
    """The overall status and every check with its outcome and explanation."""

    def __init__(self, number: str, verdict: PoaVerdict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Проверка МЧД № {number}")
        self.resize(860, 420)
        self.verdict = verdict
        self.status_label = QLabel(f"Итог: доверенность {verdict.status.value}")
        ok = verdict.status in (PoaStatus.VALID, PoaStatus.WARNINGS)
        self.status_label.setStyleSheet(f"font-weight: bold; color: {'#1b5e20' if ok else '#b00020'};")
        rows = [[check.title, check.outcome.value, check.detail] for check in verdict.checks]
        self.table = _table(["Проверка", "Результат", "Пояснение"], rows, self)
        for r, check in enumerate(verdict.checks):
            item = self.table.item(r, 1)
            if item is not None:
                item.setForeground(QBrush(QColor(OUTCOME_COLOURS[check.outcome])))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(QLabel("Подписант документа не задан: проверки представителя и документа "
                                "выполняются при подписании документа по доверенности."))
        layout.addWidget(self.table)
        layout.addWidget(_close_buttons(self))


class RevokeDialog(QDialog):
    """The date the МЧД stops being valid and an explicit confirmation."""

    def __init__(self, number: str, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Отзыв доверенности")
        day = today or date.today()
        self.day = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd.MM.yyyy")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Отозвать")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Отозвать доверенность № {number}?\nС указанной даты подписи по ней "
                                "недействительны. Отзыв нельзя отменить."))
        layout.addWidget(QLabel("Дата отзыва:"))
        layout.addWidget(self.day)
        layout.addWidget(buttons)

    def chosen_day(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())


class PoaDocumentsDialog(QDialog):
    """The documents linked to the МЧД (signed under it)."""

    def __init__(self, number: str, lines: list[DocumentLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Документы по МЧД № {number}")
        self.resize(640, 320)
        self.lines = lines
        rows = [[str(line.id), line.kind.title, line.number or "—",
                 f"{line.doc_date:%d.%m.%Y}" if line.doc_date else "—"] for line in lines]
        self.table = _table(["№ в реестре", "Вид", "Номер", "Дата"], rows, self)
        layout = QVBoxLayout(self)
        text = f"Документов, подписанных по доверенности: {len(lines)}" if lines else \
            "Доверенность не использована ни в одном документе"
        self.summary = QLabel(text)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(_close_buttons(self))
