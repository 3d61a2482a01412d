"""«Справочники → Контрагенты»: a searchable table of partners and an edit form beside it.

The form shows each problem next to its field (ИНН check digits, КПП, the EDO participant id,
a duplicate ИНН + КПП); nothing is stored until every field is right.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
from edo_app.model.problems import prefixed
from edo_app.services import Counterparty, CounterpartyInput, CounterpartyService
from ui.errors import show_error
from ui.models.base import ColumnsModel, Index
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SEARCH_DELAY_MS = 300
ERROR_STYLE = "color: #b00020;"
FIELD_ERROR_STYLE = "QLineEdit { border: 2px solid #c00020; }"
FIELDS = (("name", "Наименование"), ("inn", "ИНН"), ("kpp", "КПП"), ("edo_id", "Идентификатор ЭДО"))


def install(window: MainWindow) -> None:
    action = window.menu("Справочники").addAction("Контрагенты…")
    action.setStatusTip("Справочник контрагентов и своих организаций")
    action.triggered.connect(lambda: _show(window))


def _show(window: MainWindow) -> None:
    dialog = CounterpartiesDialog(window.services.counterparties, window.executor, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


class Columns(enum.IntEnum):
    NAME = 0
    INN = 1
    KPP = 2
    EDO_ID = 3
    OWN = 4


HEADERS = {Columns.NAME: "Наименование", Columns.INN: "ИНН", Columns.KPP: "КПП",
           Columns.EDO_ID: "Идентификатор ЭДО", Columns.OWN: "Своя"}


class CounterpartiesModel(ColumnsModel[Counterparty]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(Columns, HEADERS, parent)

    def set_rows(self, rows: list[Counterparty]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Counterparty:
        return self._rows[row]

    def row_of(self, counterparty_id: int) -> int:
        return next((i for i, entry in enumerate(self._rows) if entry.id == counterparty_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self._row_of(index)
        if entry is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (entry.name, entry.inn, entry.kpp, entry.edo_id, "да" if entry.own else "")
        return values[index.column()]


class CounterpartyForm(QWidget):
    """The fields of one entry, each with its error label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = {key: QLineEdit() for key, _ in FIELDS}
        self.errors = {key: QLabel() for key, _ in FIELDS}
        self.own = QCheckBox("Своя организация (продавец в УПД)")
        layout = QFormLayout(self)
        for key, title in FIELDS:
            self.errors[key].setStyleSheet(ERROR_STYLE)
            self.errors[key].setWordWrap(True)
            self.errors[key].hide()
            column = QVBoxLayout()
            column.addWidget(self.fields[key])
            column.addWidget(self.errors[key])
            layout.addRow(title, column)
        layout.addRow("", self.own)

    def value(self) -> CounterpartyInput:
        texts = {key: field.text() for key, field in self.fields.items()}
        return CounterpartyInput(texts["name"], texts["inn"], texts["kpp"], texts["edo_id"], self.own.isChecked())

    def load(self, entry: Counterparty | None) -> None:
        values = (entry.name, entry.inn, entry.kpp, entry.edo_id) if entry else ("", "", "", "")
        for (key, _), value in zip(FIELDS, values, strict=True):
            self.fields[key].setText(value)
        self.own.setChecked(bool(entry and entry.own))
        self.show_errors([])

    def show_errors(self, problems: list[tuple[str, str]]) -> None:
        """Messages beside their fields; a problem of no known field goes under the name."""
        by_field: dict[str, list[str]] = {}
        for field, message in problems:
            by_field.setdefault(field if field in self.fields else "name", []).append(message)
        for key, label in self.errors.items():
            text = "\n".join(by_field.get(key, []))
            label.setText(text)
            label.setVisible(bool(text))
            self.fields[key].setStyleSheet(FIELD_ERROR_STYLE if text else "")
            self.fields[key].setToolTip(text)


class CounterpartiesDialog(QDialog):
    saved = Signal(object)  # the stored Counterparty

    def __init__(self, service: CounterpartyService, executor: Executor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._executor = executor
        self._editing: int | None = None  # id of the entry in the form; None for a new one
        self.confirm: Callable[[str], bool] = self._ask
        self.setWindowTitle("Контрагенты")
        self.resize(1000, 520)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Поиск по наименованию, ИНН или КПП")
        self.search.setClearButtonEnabled(True)
        self.model = CounterpartiesModel(self)
        self.table = self._make_table()
        self.form = CounterpartyForm(self)
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
        self.new_button = QPushButton("Новый")
        self.save_button = QPushButton("Сохранить")
        self.delete_button = QPushButton("Удалить")
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

    def _listed(self, rows: list[Counterparty]) -> None:
        self.model.set_rows(rows)
        row = self.model.row_of(self._editing) if self._editing is not None else -1
        if row >= 0:
            self.table.selectRow(row)

    def _chosen(self, index: QModelIndex) -> None:
        self.choose(self.model.row_at(index.row()))

    def choose(self, entry: Counterparty) -> None:
        self._editing = entry.id
        self.form.load(entry)

    def new_entry(self) -> None:
        self._editing = None
        self.table.clearSelection()
        self.form.load(None)

    # --- changes ------------------------------------------------------------------------------
    def save(self) -> None:
        value, editing = self.form.value(), self._editing

        def store() -> Counterparty:
            return self._service.add(value) if editing is None else self._service.update(editing, value)

        self._executor.submit(store, self._saved, self._save_failed)

    def _saved(self, entry: Counterparty) -> None:
        self.choose(entry)
        self.saved.emit(entry)
        self.refresh()

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, InputError):
            self.form.show_errors(prefixed(exc, ""))
        else:
            self._failed(exc)

    def delete(self) -> None:
        editing = self._editing
        if editing is None or not self.confirm(self.form.fields["name"].text()):
            return
        self._executor.submit(lambda: self._service.delete(editing), lambda _none: self._deleted(), self._failed)

    def _deleted(self) -> None:
        self.new_entry()
        self.refresh()

    def _ask(self, name: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Удаление контрагента", f"Удалить «{name}» из справочника?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
