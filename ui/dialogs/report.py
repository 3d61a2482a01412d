"""Shows a validation Report: the verdict, every issue with its XPath, and copy-to-clipboard."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from edo_app.model.report import Report
from ui.models.issues import Columns, IssuesModel


def verdict(report: Report) -> str:
    """One line a person reads first: is the document usable, and how much is wrong."""
    errors, warnings = len(report.errors), len(report.warnings)
    if report.ok:
        tail = f" (предупреждений: {warnings})" if warnings else ""
        return f"Документ соответствует формату{tail}"
    return f"Документ не прошёл проверку: ошибок — {errors}, предупреждений — {warnings}"


def report_text(report: Report) -> str:
    """The report as plain text, for the clipboard and for messages to a counterparty."""
    head = [f"Файл: {report.file_name}"] if report.file_name else []
    if report.schema_id:
        head.append(f"Схема: {report.schema_id}")
    head.append(verdict(report))
    return "\n".join(head + [issue.describe() for issue in report.issues])


class ReportDialog(QDialog):
    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(f"Результат проверки — {report.file_name}" if report.file_name else "Результат проверки")
        self.resize(900, 420)
        self.verdict_label = QLabel(verdict(report))
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setStyleSheet(f"font-weight: bold; color: {'#1b5e20' if report.ok else '#b00020'};")
        self.table = self._make_table(report)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict_label)
        if report.schema_id:
            layout.addWidget(QLabel(f"Схема: {report.schema_id}"))
        layout.addWidget(self.table)
        layout.addWidget(self._make_buttons())

    def _make_table(self, report: Report) -> QTableView:
        table = QTableView(self)
        table.setModel(IssuesModel(report, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Columns.MESSAGE, QHeaderView.ResizeMode.Stretch)
        table.setVisible(bool(report.issues))
        return table

    def _make_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        self.copy_button = QPushButton("Копировать отчёт", self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons.rejected.connect(self.reject)
        return buttons

    def copy_to_clipboard(self) -> None:
        QApplication.clipboard().setText(report_text(self.report))
