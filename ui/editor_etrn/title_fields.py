"""What the ЭТрН title dialogs share (next title, change, readdressing, cost): the title selected in the
registry, the signer, reading the typed values by their input paths, and showing a refused title's
problems beside their fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QLabel, QLineEdit, QMessageBox, QWidget

from edo_app.documents import EtrnSigner
from edo_app.errors import InputError
from edo_app.model.party import PersonName
from edo_app.model.problems import prefixed
from ui.editor.header import clear_mark, mark_widget
from ui.editor_etrn.sections import day_of, moment_of
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SIGNER = (("last_name", "Подписант: фамилия"), ("first_name", "Имя"), ("middle_name", "Отчество"),
          ("position", "Должность"))


def selected_document(window: MainWindow, title: str, hint: str) -> int | None:
    """The id of the document selected in the registry; with none, ``hint`` says what to select."""
    index = window.table.currentIndex()
    if not index.isValid():
        QMessageBox(QMessageBox.Icon.Information, title, hint, QMessageBox.StandardButton.Ok, window).exec()
        return None
    return window.model.row_at(index.row()).id


def signer_of(values: dict[str, Any]) -> EtrnSigner:
    name = PersonName(values["signer.last_name"], values["signer.first_name"], values["signer.middle_name"])
    return EtrnSigner(name, values["signer.position"])


def field_values(fields: dict[str, QWidget]) -> dict[str, Any]:
    """Each field's value by its path: text stripped, a check as bool, a day or moment in ISO,
    a list's chosen entry (None for its first, «keep as it was» choice)."""
    found: dict[str, Any] = {}
    for key, widget in fields.items():
        if isinstance(widget, QLineEdit):
            found[key] = widget.text().strip()
        elif isinstance(widget, QCheckBox):
            found[key] = widget.isChecked()
        elif isinstance(widget, QDateEdit):  # before QDateTimeEdit: a QDateEdit is one too
            found[key] = day_of(widget)
        elif isinstance(widget, QDateTimeEdit):
            found[key] = moment_of(widget)
        elif isinstance(widget, QComboBox):
            found[key] = widget.currentData()
    return found


def show_problems(parent: QWidget, fields: dict[str, QWidget], summary: QLabel, exc: BaseException) -> None:
    """Mark the field of every problem (or the nearest field above its path) and list them all."""
    if not isinstance(exc, InputError):
        show_error(parent, exc)
        return
    problems = prefixed(exc, "")
    for field in fields.values():
        clear_mark(field)
    for path, message in problems:
        widget = _field_of(fields, path)
        if widget is not None:
            mark_widget(widget, message)
    summary.setText("\n".join(f"{path}: {message}" if path else message for path, message in problems))


def _field_of(fields: dict[str, QWidget], path: str) -> QWidget | None:
    """``signer.name`` → the signer's last name; ``basis.date`` → ``basis.date``, else ``basis``."""
    if path in fields:
        return fields[path]
    name = f"{path.rsplit('.', 1)[0]}.last_name"
    if name in fields:
        return fields[name]
    while "." in path:
        path = path.rsplit(".", 1)[0]
        if path in fields:
            return fields[path]
    return None
