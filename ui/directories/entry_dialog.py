"""What every «Справочники» directory shares (counterparties, employees, vehicles, drivers): a
searchable table with an edit form beside it, each problem shown under its field, «Новый»,
«Сохранить», «Удалить» on the executor.

A directory names its fields (``FieldSpec``), its columns and the service calls; everything
else — the list, the search after a pause, refusals shown in place, the confirmation before
deleting — lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from edo_app.errors import InputError
from edo_app.model.problems import prefixed
from ui.errors import show_error
from ui.models.base import Index
from ui.ops import Executor
from ui.settings.fields import FieldErrors

SEARCH_DELAY_MS = 300
FIELD_ERROR_STYLE = "{kind} {{ border: 2px solid #c00020; }}"
Value = str | bool


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    title: str
    placeholder: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (value, label): a combo box
    flag: bool = False  # a check box
    caption: str = ""  # the check box's own text


def _widget(spec: FieldSpec) -> QWidget:
    if spec.flag:
        return QCheckBox(spec.caption)
    if spec.choices:
        combo = QComboBox()
        for value, label in spec.choices:
            combo.addItem(label, value)
        return combo
    line = QLineEdit()
    line.setPlaceholderText(spec.placeholder)
    return line


class EntryForm(QWidget):
    """The fields of one entry, each with its error label; ``changed`` on any edit."""

    changed = Signal()

    def __init__(self, specs: tuple[FieldSpec, ...], aliases: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._aliases = aliases  # problem fields that name no form field directly
        self.fields = {spec.key: _widget(spec) for spec in specs}
        labels = FieldErrors()
        self.errors = {spec.key: labels.label(spec.key) for spec in specs}
        layout = QFormLayout(self)
        for spec in specs:
            column = QVBoxLayout()
            column.addWidget(self.fields[spec.key])
            column.addWidget(self.errors[spec.key])
            layout.addRow(spec.title, column)
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(self.changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.changed)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(self.changed)

    def values(self) -> dict[str, Value]:
        return {key: _value(widget) for key, widget in self.fields.items()}

    def load(self, values: dict[str, Value]) -> None:
        for key, widget in self.fields.items():
            _set_value(widget, values.get(key, ""))
        self.show_errors([])

    def show_errors(self, problems: list[tuple[str, str]]) -> None:
        """Messages beside their fields; a problem of no known field goes under the first one."""
        first = next(iter(self.fields))
        by_field: dict[str, list[str]] = {}
        for field, message in problems:
            key = self._aliases.get(field, field)
            by_field.setdefault(key if key in self.fields else first, []).append(message)
        for key, label in self.errors.items():
            text = "\n".join(by_field.get(key, []))
            label.setText(text)
            label.setVisible(bool(text))
            widget = self.fields[key]
            widget.setStyleSheet(FIELD_ERROR_STYLE.format(kind=type(widget).__name__) if text else "")
            widget.setToolTip(text)

    def error_at(self, key: str) -> str:
        return self.errors[key].text()


def _value(widget: QWidget) -> Value:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return str(widget.currentData() or "")
    assert isinstance(widget, QLineEdit)
    return widget.text()


def _set_value(widget: QWidget, value: Value) -> None:
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))


class EntriesModel(QAbstractTableModel):
    """The stored entries (objects with an ``id``) shown by the directory's column functions."""

    def __init__(self, columns: tuple[tuple[str, Callable[[Any], str]], ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole or index.row() >= len(self._rows):
            return None
        return self._columns[index.column()][1](self._rows[index.row()])

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, entry_id: int) -> int:
        return next((i for i, stored in enumerate(self._rows) if stored.id == entry_id), -1)


class DirectoryDialog(QDialog):
    """One directory; subclasses set the class attributes and the service hooks."""

    saved = Signal(object)  # the stored entry
    window_title = ""
    search_hint = ""
    entry_word = "запись"  # «Удалить … из справочника?»; empty: just the entry's label
    delete_title = ""  # the confirmation's title; empty: the window's
    start_size = (1100, 560)
    stretch_column: int | None = None  # the column that takes the spare width; None: the last
    specs: tuple[FieldSpec, ...] = ()
    aliases: ClassVar[dict[str, str]] = {}
    columns: tuple[tuple[str, Callable[[Any], str]], ...] = ()

    def __init__(self, executor: Executor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._editing: int | None = None  # id of the entry in the form; None for a new one
        self.confirm: Callable[[str], bool] = self._ask
        self.setWindowTitle(self.window_title)
        self.resize(*self.start_size)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.search_hint)
        self.search.setClearButtonEnabled(True)
        self.model = EntriesModel(self.columns, self)
        self.table = self._make_table()
        self.form = self._make_form()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self._lay_out()
        self.new_entry()
        self.refresh()

    # --- the directory's hooks ------------------------------------------------------------------
    def _list(self, text: str) -> list[Any]:
        raise NotImplementedError

    def _store(self, entry_id: int | None, values: dict[str, Value]) -> Any:
        raise NotImplementedError

    def _remove(self, entry_id: int) -> None:
        raise NotImplementedError

    def _values_of(self, stored: Any | None) -> dict[str, Value]:
        raise NotImplementedError

    def _label_of(self, values: dict[str, Value]) -> str:
        raise NotImplementedError

    # --- building -------------------------------------------------------------------------------
    def _make_form(self) -> EntryForm:
        return EntryForm(self.specs, self.aliases, self)

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self.stretch_column is None:
            header.setStretchLastSection(True)
        else:
            header.setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)
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

    # --- list -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._search_timer.stop()
        text = self.search.text()
        self._executor.submit(lambda: self._list(text), self._listed, self._failed)

    def _listed(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        row = self.model.row_of(self._editing) if self._editing is not None else -1
        if row >= 0:
            self.table.selectRow(row)

    def _chosen(self, index: QModelIndex) -> None:
        self.choose(self.model.row_at(index.row()))

    def choose(self, stored: Any) -> None:
        self._editing = stored.id
        self.form.load(self._values_of(stored))

    def new_entry(self) -> None:
        self._editing = None
        self.table.clearSelection()
        self.form.load(self._values_of(None))

    # --- changes --------------------------------------------------------------------------------
    def save(self) -> None:
        values, editing = self.form.values(), self._editing
        self._executor.submit(lambda: self._store(editing, values), self._saved, self._save_failed)

    def _saved(self, stored: Any) -> None:
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
        if editing is None or not self.confirm(self._label_of(self.form.values())):
            return
        self._executor.submit(lambda: self._remove(editing), lambda _none: self._deleted(), self._failed)

    def _deleted(self) -> None:
        self.new_entry()
        self.refresh()

    def _ask(self, label: str) -> bool:
        question = " ".join(filter(None, ("Удалить", self.entry_word, f"«{label}» из справочника?")))
        box = QMessageBox(QMessageBox.Icon.Question, self.delete_title or self.window_title, question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
