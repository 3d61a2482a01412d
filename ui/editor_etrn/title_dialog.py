"""The frame every ЭТрН title dialog shares (next title, change/readdressing, cost): what was selected
(``about``), the problems of the last try, the fields in ``rows``, «Сформировать».

The selected title is read on the executor first (``load``); «Сформировать» stays disabled until a
subclass has shown its fields. Forming runs on the executor too (``submit_form``): a stored title
closes the dialog and is announced by ``formed``, a refused one marks its fields and stores nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from edo_app.errors import InputError
from edo_app.services import Services
from ui.directories.counterparties import ERROR_STYLE
from ui.editor_etrn.title_fields import field_values, show_problems
from ui.errors import show_error
from ui.ops import Executor

T = TypeVar("T")


class TitleDialog(QDialog):
    formed = Signal(int)  # the id of the stored title

    def __init__(self, services: Services, executor: Executor, document_id: int, parent: QWidget | None = None, *,
                 title: str, no_title: str) -> None:
        super().__init__(parent)
        self._services, self._executor, self._document_id = services, executor, document_id
        self._no_title = no_title  # what to select, shown when the selection cannot be answered
        self.setWindowTitle(title)
        self.resize(640, 600)
        self.about, self.problems = QLabel("Титул читается…"), QLabel()
        self.problems.setStyleSheet(ERROR_STYLE)
        for text in (self.about, self.problems):
            text.setWordWrap(True)
        self._fields: dict[str, QWidget] = {}
        self.rows = QFormLayout()
        self.body = QVBoxLayout()  # below the rows: what a subclass adds as whole widgets
        self.form_button = QPushButton("Сформировать")
        self.form_button.setEnabled(False)
        self.form_button.clicked.connect(self.form_title)
        self._lay_out()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.form_button)
        layout = QVBoxLayout(self)
        for part in (self.about, self.problems):
            layout.addWidget(part)
        layout.addLayout(self.rows)
        layout.addLayout(self.body)
        layout.addStretch(1)
        layout.addLayout(buttons)

    @property
    def fields(self) -> dict[str, QWidget]:
        """The fields to read and mark, by their input paths."""
        return self._fields

    def values(self) -> dict[str, Any]:
        return field_values(self.fields)

    def _add(self, key: str, title: str, widget: QWidget) -> QWidget:
        self._fields[key] = widget
        self.rows.addRow(title, widget)
        return widget

    def _line(self, key: str, title: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        self._add(key, title, edit)
        return edit

    def load(self, read: Callable[[], T], loaded: Callable[[T], None]) -> None:
        self._executor.submit(read, loaded, self._not_loaded)

    def _not_loaded(self, exc: BaseException) -> None:
        self.about.setText(self._no_title)
        if isinstance(exc, InputError):
            self.problems.setText(exc.message)
        else:
            show_error(self, exc)

    def form_title(self) -> None:
        """Subclasses: what «Сформировать» forms (through ``submit_form``)."""
        raise NotImplementedError

    def submit_form(self, form: Callable[[Services, int, dict[str, Any]], int]) -> None:
        values, services, document_id = self.values(), self._services, self._document_id
        self._executor.submit(lambda: form(services, document_id, values), self._formed, self._refused)

    def _formed(self, document_id: int) -> None:
        self.formed.emit(document_id)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        show_problems(self, self.fields, self.problems, exc)
