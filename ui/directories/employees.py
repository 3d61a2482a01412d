"""«Справочники → Сотрудники»: a searchable table of the employees of the user's organisations and
an edit form beside it (the people HR documents are made out to).

The form shows each problem next to its field (СНИЛС and ИНН check digits, a duplicate СНИЛС or
табельный номер at the same employer, lengths of the HR format); nothing is stored until every
field is right. The table, search, form and buttons are the shared directory dialog's.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from edo_app.model.identifiers import format_snils
from edo_app.services.employees import EmployeeInput, EmployeesService, StoredEmployee
from ui.directories.entry_dialog import DirectoryDialog, FieldSpec, Value
from ui.ops import Executor

if TYPE_CHECKING:
    from ui.main_window import MainWindow

NAME_KEYS = ("last_name", "first_name", "middle_name")


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


class EmployeesDialog(DirectoryDialog):
    window_title = "Сотрудники"
    search_hint = "Поиск по ФИО, СНИЛС, табельному номеру или должности"
    entry_word = ""
    delete_title = "Удаление сотрудника"
    stretch_column = Columns.NAME
    specs = (FieldSpec("employer_inn", "ИНН работодателя"), FieldSpec("last_name", "Фамилия"),
             FieldSpec("first_name", "Имя"), FieldSpec("middle_name", "Отчество"),
             FieldSpec("snils", "СНИЛС", "123-456-789 01"), FieldSpec("personnel_number", "Табельный номер"),
             FieldSpec("position", "Должность"), FieldSpec("department", "Подразделение"),
             FieldSpec("edo_id", "Идентификатор ЭДО"))
    aliases: ClassVar[dict[str, str]] = {"name": "last_name", "name.last": "last_name", "name.first": "first_name",
                                         "name.middle": "middle_name"}
    columns = (("ФИО", lambda s: s.entry.name.full), ("СНИЛС", lambda s: format_snils(s.entry.snils)),
               ("Таб. №", lambda s: s.entry.personnel_number), ("Должность", lambda s: s.entry.position),
               ("Подразделение", lambda s: s.entry.department), ("ИНН работодателя", lambda s: s.entry.employer_inn))

    def __init__(self, service: EmployeesService, executor: Executor, parent: QWidget | None = None) -> None:
        self._service = service
        super().__init__(executor, parent)

    def new_entry(self) -> None:
        """A new employee of the organisation last worked with."""
        employer = self.form.values()["employer_inn"]
        super().new_entry()
        field = self.form.fields["employer_inn"]
        assert isinstance(field, QLineEdit)
        field.setText(str(employer))

    def _list(self, text: str) -> list[Any]:
        return list(self._service.search(text))

    def _store(self, entry_id: int | None, values: dict[str, Value]) -> StoredEmployee:
        value = EmployeeInput(**values)  # type: ignore[arg-type]
        return self._service.add(value) if entry_id is None else self._service.update(entry_id, value)

    def _remove(self, entry_id: int) -> None:
        self._service.delete(entry_id)

    def _values_of(self, stored: Any | None) -> dict[str, Value]:
        if not isinstance(stored, StoredEmployee):
            return {}
        e = stored.entry
        return {"employer_inn": e.employer_inn, "last_name": e.name.last, "first_name": e.name.first,
                "middle_name": e.name.middle, "snils": format_snils(e.snils), "personnel_number": e.personnel_number,
                "position": e.position, "department": e.department, "edo_id": e.edo_id}

    def _label_of(self, values: dict[str, Value]) -> str:
        return " ".join(str(values[k]) for k in NAME_KEYS).strip()
