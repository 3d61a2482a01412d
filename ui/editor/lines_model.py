"""The goods table of the editor: lines as typed, amounts computed at once, a totals row.

Amounts come from the builder's own ``make_line`` and ``compute_totals`` (Decimal, kopecks
rounded half up), so what the table shows is what the document will carry. A line that
cannot be computed yet (no quantity, a letter in the price) shows empty amounts; its
problem is the validator's to report, beside the cell.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from edo_app.documents import GoodsLine, Totals, compute_totals, make_line
from edo_app.errors import InputError
from edo_app.model.money import format_rub, to_decimal
from edo_app.model.okei import unit_name
from edo_app.model.vat import VatRate
from ui.editor.form_data import LineInput
from ui.editor.issue_targets import COLUMN_TITLES, LineColumn
from ui.models.base import ColumnsModel, Index

HEADERS = COLUMN_TITLES
EDITABLE = (LineColumn.NAME, LineColumn.UNIT, LineColumn.QUANTITY, LineColumn.PRICE, LineColumn.RATE)
AMOUNTS = (LineColumn.WITHOUT_VAT, LineColumn.VAT, LineColumn.WITH_VAT)
TOTALS_TITLE = "Всего к оплате"
NO_VAT = "без НДС"
ISSUE_COLOUR = QColor(255, 214, 214)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def compute_line(line: LineInput) -> GoodsLine | None:
    """The line's amounts by the builder's rules, or None while its numbers are incomplete."""
    try:
        quantity, price = to_decimal(line.quantity, "quantity"), to_decimal(line.price, "price")
        return make_line(1, line.name.strip() or "-", quantity, price, VatRate.parse(line.vat_rate),
                         okei="", unit_name="")
    except (InputError, ArithmeticError):  # ArithmeticError: a number too large to round
        return None


def _amount_text(value: Decimal | None) -> str:
    return NO_VAT if value is None else format_rub(value)


def _amounts(line: GoodsLine | Totals) -> dict[LineColumn, Decimal | None]:
    if isinstance(line, Totals):
        return {LineColumn.WITHOUT_VAT: line.without_vat, LineColumn.VAT: line.vat, LineColumn.WITH_VAT: line.with_vat}
    return {LineColumn.WITHOUT_VAT: line.amount_without_vat, LineColumn.VAT: line.vat_amount,
            LineColumn.WITH_VAT: line.amount_with_vat}


class LinesModel(ColumnsModel[LineInput]):
    """Rows are the lines; one more, last row holds the totals (not editable)."""

    edited = Signal()  # any value of a line changed: the form should be checked again

    def __init__(self, parent: QObject | None = None, new_line: Callable[[], LineInput] = LineInput) -> None:
        super().__init__(LineColumn, HEADERS, parent)
        self._new_line = new_line  # what «Добавить строку» starts with (an акт's work has no unit)
        self._computed: list[GoodsLine | None] = []
        self._issues: dict[tuple[int, int], str] = {}

    # --- rows ---------------------------------------------------------------------------------
    def lines(self) -> list[LineInput]:
        return list(self._rows)

    def set_lines(self, lines: list[LineInput]) -> None:
        self.beginResetModel()
        self._rows = list(lines)
        self._computed = [compute_line(line) for line in self._rows]
        self._issues.clear()
        self.endResetModel()

    def add_line(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(self._new_line())
        self._computed.append(None)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_line(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row], self._computed[row]
        self.endRemoveRows()
        self._refresh_totals()
        self.edited.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows) + 1

    def computed(self, row: int) -> GoodsLine | None:
        return self._computed[row]

    def is_totals(self, row: int) -> bool:
        return row == len(self._rows)

    # --- issues -------------------------------------------------------------------------------
    def set_issues(self, issues: dict[tuple[int, int], str]) -> None:
        """Cells to paint, (row, column) → message; replaces the previous ones."""
        self._issues = dict(issues)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(LineColumn) - 1))

    def issue_at(self, row: int, column: int) -> str:
        return self._issues.get((row, column), "")

    # --- Qt -------------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and not self.is_totals(index.row()) and LineColumn(index.column()) in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), LineColumn(index.column())
        if self.is_totals(row):
            return self._totals_data(column, role)
        return self._line_data(row, column, role)

    def _line_data(self, row: int, column: LineColumn, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column, role == Qt.ItemDataRole.EditRole)
        issue = self._issues.get((row, column))
        if role == Qt.ItemDataRole.ToolTipRole:
            return issue or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ISSUE_COLOUR) if issue else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if column in (LineColumn.NAME, LineColumn.UNIT) else _RIGHT
        return None

    def _text(self, row: int, column: LineColumn, editing: bool) -> str:
        line = self._rows[row]
        if column is LineColumn.NUMBER:
            return str(row + 1)
        if column is LineColumn.UNIT:
            return line.unit_code if editing else f"{line.unit_code} {line.unit_name}".strip()
        if column in _ATTRIBUTES:
            return str(getattr(line, _ATTRIBUTES[column]))
        computed = self._computed[row]
        return "" if computed is None else _amount_text(_amounts(computed)[column])

    def _totals_data(self, column: LineColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in AMOUNTS else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is LineColumn.NAME:
            return TOTALS_TITLE
        if column not in AMOUNTS or not any(self._computed):  # nothing computed yet: no sums, not «без НДС»
            return ""
        return _amount_text(_amounts(self.totals())[column])

    def totals(self) -> Totals:
        return compute_totals(tuple(line for line in self._computed if line is not None))

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, column = index.row(), LineColumn(index.column())
        line = self._rows[row]
        text = "" if value is None else str(value)
        if column is LineColumn.UNIT:
            _set_unit(line, text)
        else:
            setattr(line, _ATTRIBUTES[column], text)
        self._computed[row] = compute_line(line)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(LineColumn) - 1))
        self._refresh_totals()
        self.edited.emit()
        return True

    def _refresh_totals(self) -> None:
        last = len(self._rows)
        self.dataChanged.emit(self.index(last, 0), self.index(last, len(LineColumn) - 1))


_ATTRIBUTES = {LineColumn.NAME: "name", LineColumn.QUANTITY: "quantity", LineColumn.PRICE: "price",
               LineColumn.RATE: "vat_rate"}


def _set_unit(line: LineInput, text: str) -> None:
    """«796», «796 шт» or «» (no unit); a known code brings its name, a new code keeps a typed one."""
    code, _, name = text.strip().partition(" ")
    if code != line.unit_code or name:
        line.unit_name = name.strip() or unit_name(code)
    line.unit_code = code

