"""The issues of a validation Report as a table model (small: held in memory whole)."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from edo_app.model.report import Issue, Report, Severity
from ui.models.base import ColumnsModel, Index

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


class IssuesModel(ColumnsModel[Issue]):
    def __init__(self, report: Report, parent: QObject | None = None) -> None:
        super().__init__(Columns, HEADERS, parent)
        # errors first: they decide the verdict
        self._rows = sorted(report.issues, key=lambda i: i.severity is not Severity.ERROR)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        issue = self._row_of(index)
        if issue is None:
            return None
        column = Columns(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return issue_cell(issue, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return issue.describe()
        if role == Qt.ItemDataRole.ForegroundRole and column is Columns.SEVERITY:
            return QBrush(_SEVERITY_COLOURS[issue.severity])
        if role == ISSUE_ROLE:
            return issue
        return None
