"""What every table model of the app shares: a Columns enum, its header names, a list of rows."""

from __future__ import annotations

import enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class ColumnsModel(QAbstractTableModel, Generic[Row]):
    """A flat table: subclasses fill ``_rows`` and answer ``data``; counts and headers live here."""

    def __init__(self, columns: type[enum.IntEnum], headers: dict[Any, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._headers = headers
        self._rows: list[Row] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[self._columns(section)]
        return None

    def _row_of(self, index: Index) -> Row | None:
        """The row behind a valid index, or None."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self._rows[index.row()]
