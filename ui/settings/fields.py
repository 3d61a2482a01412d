"""Small building blocks of the settings pages: an error line under a field, a folder picker row,
and the registry of fields by Settings attribute name so problems land beside their field."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


class FieldErrors:
    """Error labels by field name (a Settings attribute); each is hidden while it has no text."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{name}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        self.labels[name] = label
        return label

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.setVisible(False)

    def show(self, problems: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Put each problem beside its field; returns those no field of this set owns."""
        orphans = []
        for name, message in problems:
            label = self.labels.get(name)
            if label is None:
                orphans.append((name, message))
                continue
            label.setText("\n".join(filter(None, [label.text(), message])))
            label.setVisible(True)
        return orphans

    def text(self, name: str) -> str:
        return self.labels[name].text()


def add_field(form: QFormLayout, title: str, editor: QWidget, errors: FieldErrors, name: str) -> None:
    """A form row whose editor carries its own error line beneath it."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(editor)
    column.addWidget(errors.label(name))
    form.addRow(title, box)


def folder_row(edit: QLineEdit, title: str) -> QWidget:
    """The line edit and a «Выбрать…» button that fills it from a folder dialog."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit)
    button = QPushButton("Выбрать…", row)
    layout.addWidget(button)

    def choose() -> None:
        chosen = QFileDialog.getExistingDirectory(row, title, edit.text())
        if chosen:
            edit.setText(chosen)

    button.clicked.connect(choose)
    return row


def result_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def show_result(label: QLabel, ok: bool, message: str) -> None:
    label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
    label.setText(message)
