"""The cargo of the waybill: one row per shipping name (``cargo[]`` of the ЭТрН input).

Cells hold text as typed; numbers may be written with a comma. A problem of ``cargo[2].gross_kg``
paints that cell red with the message as its tooltip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ui.editor.form_data import json_object, json_text

COLUMNS = (("name", "Наименование груза"), ("packing", "Упаковка"), ("container_kind", "Вид тары (ОКВГУМ)"),
           ("places", "Мест"), ("marks", "Маркировка (через ;)"), ("gross_kg", "Брутто, кг"), ("net_kg", "Нетто, кг"))
KEYS = tuple(key for key, _ in COLUMNS)
ISSUE_BRUSH = QBrush(QColor("#f8d0d6"))
NUMBERS = ("gross_kg", "net_kg")


class CargoTable(QTableWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([title for _, title in COLUMNS])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        row = self.rowCount()
        self.blockSignals(True)
        self.insertRow(row)
        for column, key in enumerate(KEYS):
            self.setItem(row, column, QTableWidgetItem(_cell_text(values or {}, key)))
        self.blockSignals(False)
        self.changed.emit()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < self.rowCount():
            self.removeRow(row)
            self.changed.emit()

    def set_value(self, row: int, key: str, text: str) -> None:
        item = self.item(row, KEYS.index(key))
        assert item is not None
        item.setText(text)

    def value(self, row: int, key: str) -> str:
        item = self.item(row, KEYS.index(key))
        return item.text().strip() if item is not None else ""

    def fill(self, data: dict[str, Any]) -> None:
        data["cargo"] = [self._row_json(row) for row in range(self.rowCount())]

    def _row_json(self, row: int) -> dict[str, Any]:
        values: dict[str, Any] = {key: self.value(row, key) for key in KEYS}
        for key in NUMBERS:
            values[key] = values[key].replace(",", ".").replace(" ", "")
        if values["places"].isdigit():
            values["places"] = int(values["places"])
        values["marks"] = [mark.strip() for mark in values["marks"].split(";") if mark.strip()]
        return {key: value for key, value in values.items() if value != "" or key not in ("net_kg",)}

    def load(self, data: dict[str, Any]) -> None:
        self.setRowCount(0)
        cargo = data.get("cargo")
        for item in cargo if isinstance(cargo, list) else []:
            self.add_row(json_object(item))

    def mark(self, row: int, key: str, message: str) -> bool:
        """Paint the cell of ``cargo[row].key`` (the name when the key is not a column)."""
        column = KEYS.index(key) if key in KEYS else 0
        item = self.item(row, column) if 0 <= row < self.rowCount() else None
        if item is None:
            return False
        shown = item.toolTip()
        self.blockSignals(True)
        item.setToolTip(f"{shown}\n{message}" if shown else message)
        item.setBackground(ISSUE_BRUSH)
        self.blockSignals(False)
        return True

    def clear_marks(self) -> None:
        self.blockSignals(True)
        for row in range(self.rowCount()):
            for column in range(self.columnCount()):
                item = self.item(row, column)
                if item is not None and item.toolTip():
                    item.setToolTip("")
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
        self.blockSignals(False)

    def focus_cell(self, row: int, key: str) -> None:
        column = KEYS.index(key) if key in KEYS else 0
        if 0 <= row < self.rowCount():
            self.setCurrentCell(row, column)
            self.setFocus()


def _cell_text(values: dict[str, Any], key: str) -> str:
    if key == "marks":
        marks = values.get("marks")
        return "; ".join(str(m) for m in marks) if isinstance(marks, list) else ""
    return json_text(values, key)
