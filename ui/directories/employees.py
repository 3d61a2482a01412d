"""«Справочники → Сотрудники»: a searchable table of the employees of the user's organisations and
an edit form beside it (the people HR documents are made out to).

The form shows each problem next to its field (СНИЛС and ИНН check digits, a duplicate СНИЛС or
табельный номер at the same employer, lengths of the HR format); nothing is stored until every
field is right. Laid out like the counterparties directory, whose styles it shares.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from edo_app.errors import InputError
from edo_app.model.identifiers import format_snils
from edo_app.model.problems import prefixed
from edo_app.services.employees import EmployeeInput, EmployeesService, StoredEmployee
from ui.directories.counterparties import ERROR_STYLE, FIELD_ERROR_STYLE, SEARCH_DELAY_MS
from ui.errors import show_error
from ui.models.base import ColumnsModel, Index
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

FIELDS = (("employer_inn", "ИНН работодателя"), ("last_name", "Фамилия"), ("first_name", "Имя"),
          ("middle_name", "Отчество"), ("snils", "СНИЛС"), ("personnel_number", "Табельный номер"),
          ("position", "Должность"), ("department", "Подразделение"), ("edo_id", "Идентификатор ЭДО"))
# Fields of the service's problems that name no form field directly.
_PROBLEM_FIELDS = {"name": "last_name", "name.last": "last_name", "name.first": "first_name",
                   "name.middle": "middle_name"}


def install(window: MainWindow) -> None:
    action = window.menu("Справочники").addAction("Сотрудники…")
    action.setStatusTip("Справочник сотрудников своих организаций (кадровые документы)")
    action.triggered.connect(lambda: _show(window))


def _show(window: MainWindow) -> None:
    dialog = EmployeesDialog(window.services.employees, window.executor, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


class Columns(enum.IntEnum):
    NAME = 0
    SNILS = 1
    NUMBER = 2
    POSITION = 3
    DEPARTMENT = 4
    EMPLOYER = 5


HEADERS = {Columns.NAME: "ФИО", Columns.SNILS: "СНИЛС", Columns.NUMBER: "Таб. №", Columns.POSITION: "Должность",
           Columns.DEPARTMENT: "Подразделение", Columns.EMPLOYER: "ИНН работодателя"}


class EmployeesModel(ColumnsModel[StoredEmployee]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(Columns, HEADERS, parent)

    def set_rows(self, rows: list[StoredEmployee]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> StoredEmployee:
        return self._rows[row]

    def row_of(self, employee_id: int) -> int:
        return next((i for i, stored in enumerate(self._rows) if stored.id == employee_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        stored = self._row_of(index)
        if stored is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        e = stored.entry
        values = (e.name.full, format_snils(e.snils), e.personnel_number, e.position, e.department, e.employer_inn)
        return values[index.column()]


def _texts(stored: StoredEmployee | None) -> dict[str, str]:
    if stored is None:
        return {key: "" for key, _ in FIELDS}
    e = stored.entry
    return {"employer_inn": e.employer_inn, "last_name": e.name.last, "first_name": e.name.first,
            "middle_name": e.name.middle, "snils": format_snils(e.snils), "personnel_number": e.personnel_number,
            "position": e.position, "department": e.department, "edo_id": e.edo_id}


class EmployeeForm(QWidget):
    """The fields of one employee, each with its error label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = {key: QLineEdit() for key, _ in FIELDS}
        self.errors = {key: QLabel() for key, _ in FIELDS}
        self.fields["snils"].setPlaceholderText("123-456-789 01")
        layout = QFormLayout(self)
        for key, title in FIELDS:
            self.errors[key].setStyleSheet(ERROR_STYLE)
            self.errors[key].setWordWrap(True)
            self.errors[key].hide()
            column = QVBoxLayout()
            column.addWidget(self.fields[key])
            column.addWidget(self.errors[key])
            layout.addRow(title, column)

    def value(self) -> EmployeeInput:
        return EmployeeInput(**{key: field.text() for key, field in self.fields.items()})

    def load(self, stored: StoredEmployee | None, employer_inn: str = "") -> None:
        for key, text in _texts(stored).items():
            self.fields[key].setText(text)
        if stored is None and employer_inn:  # a new employee of the organisation last worked with
            self.fields["employer_inn"].setText(employer_inn)
        self.show_errors([])

    def show_errors(self, problems: list[tuple[str, str]]) -> None:
        """Messages beside their fields; a problem of no known field goes under the surname."""
        by_field: dict[str, list[str]] = {}
        for field, message in problems:
            key = _PROBLEM_FIELDS.get(field, field)
            by_field.setdefault(key if key in self.fields else "last_name", []).append(message)
        for key, label in self.errors.items():
            text = "\n".join(by_field.get(key, []))
            label.setText(text)
            label.setVisible(bool(text))
            self.fields[key].setStyleSheet(FIELD_ERROR_STYLE if text else "")
            self.fields[key].setToolTip(text)


class EmployeesDialog(QDialog):
    saved = Signal(object)  # the StoredEmployee

    def __init__(self, service: EmployeesService, executor: Executor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._executor = executor
        self._editing: int | None = None  # id of the employee in the form; None for a new one
        self.confirm: Callable[[str], bool] = self._ask
        self.setWindowTitle("Сотрудники")
        self.resize(1100, 560)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Поиск по ФИО, СНИЛС, табельному номеру или должности")
        self.search.setClearButtonEnabled(True)
        self.model = EmployeesModel(self)
        self.table = self._make_table()
        self.form = EmployeeForm(self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self._lay_out()
        self.refresh()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Columns.NAME, QHeaderView.ResizeMode.Stretch)
        table.clicked.connect(self._chosen)
        return table

    def _lay_out(self) -> None:
        self.new_button, self.save_button, self.delete_button = (
            QPushButton("Новый"), QPushButton("Сохранить"), QPushButton("Удалить"))
        self.new_button.clicked.connect(self.new_entry)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        side = QVBoxLayout()
        side.addWidget(self.form)
        side.addLayout(buttons)
        side.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.table)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(side, 2)

    # --- list ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._search_timer.stop()
        text = self.search.text()
        self._executor.submit(lambda: self._service.search(text), self._listed, self._failed)

    def _listed(self, rows: list[StoredEmployee]) -> None:
        self.model.set_rows(rows)
        row = self.model.row_of(self._editing) if self._editing is not None else -1
        if row >= 0:
            self.table.selectRow(row)

    def _chosen(self, index: QModelIndex) -> None:
        self.choose(self.model.row_at(index.row()))

    def choose(self, stored: StoredEmployee) -> None:
        self._editing = stored.id
        self.form.load(stored)

    def new_entry(self) -> None:
        employer = self.form.fields["employer_inn"].text()
        self._editing = None
        self.table.clearSelection()
        self.form.load(None, employer)

    # --- changes ------------------------------------------------------------------------------
    def save(self) -> None:
        value, editing = self.form.value(), self._editing

        def store() -> StoredEmployee:
            return self._service.add(value) if editing is None else self._service.update(editing, value)

        self._executor.submit(store, self._saved, self._save_failed)

    def _saved(self, stored: StoredEmployee) -> None:
        self.choose(stored)
        self.saved.emit(stored)
        self.refresh()

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, InputError):
            self.form.show_errors(prefixed(exc, ""))
        else:
            self._failed(exc)

    def delete(self) -> None:
        editing = self._editing
        name = " ".join(self.form.fields[k].text() for k in ("last_name", "first_name", "middle_name")).strip()
        if editing is None or not self.confirm(name):
            return
        self._executor.submit(lambda: self._service.delete(editing), lambda _none: self._deleted(), self._failed)

    def _deleted(self) -> None:
        self.new_entry()
        self.refresh()

    def _ask(self, name: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Удаление сотрудника", f"Удалить «{name}» из справочника?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
