"""The table of the УКД editor: each line of the originals, «before» read-only, «after» editable,
the increase and decrease of the line with VAT computed as the user types.

Every number shown comes from services.ukd_editor.preview_line (the model's make_state and
UkdLine), the totals from ukd_model.change_totals: the table never does money arithmetic. An
after value that cannot be used is marked in its cell at once; the full check adds its own.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from edo_app.documents import UkdLine
from edo_app.documents.ukd_model import ChangeTotals, LineState, change_totals
from edo_app.model.money import format_number, format_rub
from edo_app.services.ukd_editor import LinePreview, OriginalLine, preview_line
from edo_app.services.ukd_request import AfterInput
from ui.models.base import ColumnsModel, Index

ISSUE_COLOUR = QColor(255, 214, 214)
KEPT_COLOUR = QColor(120, 120, 120)  # an after value not typed: the before value, shown grey
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class UkdColumn(enum.IntEnum):
    NUMBER = 0
    NAME = 1
    UNIT = 2
    QUANTITY_BEFORE = 3
    PRICE_BEFORE = 4
    RATE_BEFORE = 5
    TOTAL_BEFORE = 6
    QUANTITY_AFTER = 7
    PRICE_AFTER = 8
    RATE_AFTER = 9
    TOTAL_AFTER = 10
    INCREASE = 11
    DECREASE = 12


HEADERS = {
    UkdColumn.NUMBER: "№", UkdColumn.NAME: "Наименование", UkdColumn.UNIT: "Ед. изм.",
    UkdColumn.QUANTITY_BEFORE: "Кол-во до", UkdColumn.PRICE_BEFORE: "Цена до", UkdColumn.RATE_BEFORE: "Ставка до",
    UkdColumn.TOTAL_BEFORE: "С НДС до", UkdColumn.QUANTITY_AFTER: "Кол-во после", UkdColumn.PRICE_AFTER: "Цена после",
    UkdColumn.RATE_AFTER: "Ставка после", UkdColumn.TOTAL_AFTER: "С НДС после", UkdColumn.INCREASE: "Увеличение",
    UkdColumn.DECREASE: "Уменьшение",
}
AFTER_FIELDS = {UkdColumn.QUANTITY_AFTER: "quantity", UkdColumn.PRICE_AFTER: "price", UkdColumn.RATE_AFTER: "vat_rate"}
FIELD_COLUMNS = {field: column for column, field in AFTER_FIELDS.items()}
BEFORE_OF = {UkdColumn.QUANTITY_AFTER: UkdColumn.QUANTITY_BEFORE, UkdColumn.PRICE_AFTER: UkdColumn.PRICE_BEFORE,
             UkdColumn.RATE_AFTER: UkdColumn.RATE_BEFORE, UkdColumn.TOTAL_AFTER: UkdColumn.TOTAL_BEFORE}


class UkdLinesModel(ColumnsModel[OriginalLine]):
    edited = Signal()  # an after value changed: the form should be checked again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(UkdColumn, HEADERS, parent)
        self._after: list[dict[str, str]] = []
        self._previews: list[LinePreview] = []
        self._issues: dict[tuple[int, int], str] = {}

    def set_lines(self, lines: tuple[OriginalLine, ...]) -> None:
        self.beginResetModel()
        self._rows = list(lines)
        self._after = [{"quantity": "", "price": "", "vat_rate": ""} for _ in lines]
        self._previews = [preview_line(line, AfterInput()) for line in lines]
        self._issues.clear()
        self.endResetModel()

    def after_inputs(self) -> tuple[AfterInput, ...]:
        return tuple(AfterInput(**values) for values in self._after)

    def set_after_inputs(self, rows: tuple[AfterInput, ...]) -> None:
        """The after values of a saved request (a draft), one per row."""
        self.beginResetModel()
        self._after = [{"quantity": r.quantity, "price": r.price, "vat_rate": r.vat_rate} for r in rows]
        self._previews = [preview_line(line, after) for line, after in zip(self._rows, rows, strict=True)]
        self._issues.clear()
        self.endResetModel()

    def preview(self, row: int) -> LinePreview:
        return self._previews[row]

    def changed_rows(self) -> list[int]:
        """Rows that change, in table order: the order of the УКД's lines (СведТов)."""
        return [row for row, preview in enumerate(self._previews) if preview.changed]

    def totals(self) -> tuple[ChangeTotals, ChangeTotals]:
        """Всего увеличение and Всего уменьшение of the changed rows, as the document will state them."""
        lines: tuple[UkdLine, ...] = tuple(p.line for p in self._previews if p.changed and p.line is not None)
        return change_totals(lines, +1), change_totals(lines, -1)

    # --- issues -------------------------------------------------------------------------------
    def set_issues(self, issues: dict[tuple[int, int], str]) -> None:
        """Cells marked by the full check; the rows' own problems are added to them."""
        self._issues = dict(issues)
        self._refresh(0, len(self._rows) - 1)

    def issue_at(self, row: int, column: int) -> str:
        own = dict(self._previews[row].problems).get(AFTER_FIELDS.get(UkdColumn(column), ""), "")
        checked = self._issues.get((row, column), "")
        return "\n".join(dict.fromkeys(t for t in (own, checked) if t))

    # --- Qt -------------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and UkdColumn(index.column()) in AFTER_FIELDS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), UkdColumn(index.column())
        if role == Qt.ItemDataRole.EditRole and column in AFTER_FIELDS:
            return self._after[row][AFTER_FIELDS[column]] or self._text(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        return self._look(row, column, role)

    def _look(self, row: int, column: UkdColumn, role: int) -> Any:
        issue = self.issue_at(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return issue or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ISSUE_COLOUR) if issue else None
        if role == Qt.ItemDataRole.ForegroundRole and column in AFTER_FIELDS:
            return None if self._after[row][AFTER_FIELDS[column]] else QBrush(KEPT_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if column in (UkdColumn.NAME, UkdColumn.UNIT) else _RIGHT
        return None

    def _text(self, row: int, column: UkdColumn) -> str:
        line, preview = self._rows[row], self._previews[row]
        fixed = {UkdColumn.NUMBER: str(line.number), UkdColumn.NAME: line.name, UkdColumn.UNIT: line.before.unit_name}
        if column in fixed:
            return fixed[column]
        if column in AFTER_FIELDS and self._after[row][AFTER_FIELDS[column]]:
            return self._after[row][AFTER_FIELDS[column]]
        if column in (UkdColumn.INCREASE, UkdColumn.DECREASE):
            value = preview.increase if column is UkdColumn.INCREASE else preview.decrease
            return format_rub(value) if value is not None else ""
        if column in BEFORE_OF:
            return _state_text(preview.line.after if preview.line is not None else None, BEFORE_OF[column])
        return _state_text(line.before, column)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, column = index.row(), UkdColumn(index.column())
        text = "" if value is None else str(value).strip()
        kept = _state_text(self._rows[row].before, BEFORE_OF[column])
        self._after[row][AFTER_FIELDS[column]] = "" if text == kept else text
        self._previews[row] = preview_line(self._rows[row], AfterInput(**self._after[row]))
        self._issues = {cell: text for cell, text in self._issues.items() if cell[0] != row}  # stale until rechecked
        self._refresh(row, row)
        self.edited.emit()
        return True

    def _refresh(self, first: int, last: int) -> None:
        if self._rows and last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(UkdColumn) - 1))


def _state_text(state: LineState | None, column: int) -> str:
    """A before-side column (QUANTITY_BEFORE … TOTAL_BEFORE) of ``state``."""
    if state is None:
        return ""
    values: dict[int, str] = {
        UkdColumn.QUANTITY_BEFORE: _number(state.quantity), UkdColumn.PRICE_BEFORE: _number(state.price),
        UkdColumn.RATE_BEFORE: state.vat_rate.value, UkdColumn.TOTAL_BEFORE: format_rub(state.amount_with_vat)}
    return values.get(column, "")


def _number(value: Decimal | None) -> str:
    return format_number(value) if value is not None else ""
