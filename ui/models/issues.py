"""The issues of a validation Report as a table model (small: held in memory whole)."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from edo_app.model.report import Issue, Report, Severity

Index = QModelIndex | QPersistentModelIndex
ISSUE_ROLE = Qt.ItemDataRole.UserRole


class Columns(enum.IntEnum):
    SEVERITY = 0
    CODE = 1
    XPATH = 2
    LINE = 3
    MESSAGE = 4


HEADERS = {
    Columns.SEVERITY: "Важность",
    Columns.CODE: "Код",
    Columns.XPATH: "XPath",
    Columns.LINE: "Строка",
    Columns.MESSAGE: "Сообщение",
}
SEVERITY_TITLES = {Severity.ERROR: "Ошибка", Severity.WARNING: "Предупреждение"}
_SEVERITY_COLOURS = {Severity.ERROR: QColor(176, 0, 32), Severity.WARNING: QColor(150, 100, 0)}


def issue_cell(issue: Issue, column: Columns) -> str:
    match column:
        case Columns.SEVERITY:
            return SEVERITY_TITLES[issue.severity]
        case Columns.CODE:
            return issue.code
        case Columns.XPATH:
            return issue.xpath
        case Columns.LINE:
            return str(issue.line) if issue.line else ""
        case Columns.MESSAGE:
            return issue.message


class IssuesModel(QAbstractTableModel):
    def __init__(self, report: Report, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # errors first: they decide the verdict
        self._issues = sorted(report.issues, key=lambda i: i.severity is not Severity.ERROR)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._issues)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Columns(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        issue, column = self._issues[index.row()], Columns(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return issue_cell(issue, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return issue.describe()
        if role == Qt.ItemDataRole.ForegroundRole and column is Columns.SEVERITY:
            return QBrush(_SEVERITY_COLOURS[issue.severity])
        if role == ISSUE_ROLE:
            return issue
        return None
