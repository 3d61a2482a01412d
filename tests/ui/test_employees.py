"""«Справочники → Сотрудники»: search, add, edit, delete; errors (СНИЛС check digits, duplicates)
beside their fields and nothing stored; the menu entry opens the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from edo_app.services import Services
from edo_app.services.employees import EmployeeInput
from tests.ui.conftest import Shown
from ui.directories.employees import Columns, EmployeesDialog
from ui.main_window import MainWindow
from ui.ops import SyncExecutor

EMPLOYER = "7711043325"
ORLOV = EmployeeInput(EMPLOYER, "Орлов", "Пётр", "112-233-445 95", "0001", "Инженер", "Ильич", "Склад")
LEBEDEV = EmployeeInput(EMPLOYER, "Лебедев", "Глеб", "121-013-064 65", "0002", "Бухгалтер")


@pytest.fixture
def dialog(qtbot: QtBot, services: Services, shown: Shown) -> EmployeesDialog:
    opened = EmployeesDialog(services.employees, SyncExecutor())
    qtbot.addWidget(opened)
    return opened


def _type(dialog: EmployeesDialog, value: EmployeeInput) -> None:
    for key, field in dialog.form.fields.items():
        field.setText(getattr(value, key))


def _names(dialog: EmployeesDialog) -> list[str]:
    return [str(dialog.model.index(r, Columns.NAME).data()) for r in range(dialog.model.rowCount())]


def test_add_edit_search_and_delete(qtbot: QtBot, dialog: EmployeesDialog, services: Services) -> None:
    for value in (ORLOV, LEBEDEV):
        dialog.new_entry()
        _type(dialog, value)
        dialog.save()
    assert _names(dialog) == ["Лебедев Глеб", "Орлов Пётр Ильич"]
    assert dialog.model.index(1, Columns.SNILS).data() == "112-233-445 95"
    dialog.search.setText("инжен")
    qtbot.waitUntil(lambda: _names(dialog) == ["Орлов Пётр Ильич"])  # after the pause in typing
    dialog.table.clicked.emit(dialog.model.index(0, 0))
    assert dialog.form.fields["personnel_number"].text() == "0001"
    dialog.form.fields["position"].setText("Старший инженер")
    dialog.save()
    assert services.employees.search("орлов")[0].entry.position == "Старший инженер"
    dialog.new_entry()
    assert dialog.form.fields["employer_inn"].text() == EMPLOYER  # a new one at the same organisation
    dialog.choose(services.employees.search("орлов")[0])
    questions: list[str] = []
    dialog.confirm = lambda name: questions.append(name) or True
    dialog.delete()
    assert questions == ["Орлов Пётр Ильич"]
    assert [e.entry.name.last for e in services.employees.search()] == ["Лебедев"]


def test_bad_snils_and_duplicates_are_shown_beside_their_fields(dialog: EmployeesDialog, services: Services) -> None:
    _type(dialog, EmployeeInput(EMPLOYER, "Орлов", "Пётр", "112-233-445 96", "0001", "Инженер"))
    dialog.save()
    snils_error = dialog.form.errors["snils"]
    assert "контрольное число" in snils_error.text() and not snils_error.isHidden()
    assert dialog.form.fields["snils"].styleSheet() and dialog.form.errors["last_name"].isHidden()
    assert services.employees.search() == []
    services.employees.add(LEBEDEV)
    dialog.form.fields["snils"].setText(LEBEDEV.snils)
    dialog.save()
    assert "уже есть в справочнике" in dialog.form.errors["snils"].text()
    assert [e.entry.name.last for e in services.employees.search()] == ["Лебедев"]


def test_the_menu_opens_the_directory(window: MainWindow) -> None:
    menu = window.menu("Справочники")
    action = next(a for a in menu.actions() if a.text() == "Сотрудники…")
    action.trigger()
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, EmployeesDialog)]
    assert opened and opened[-1].windowTitle() == "Сотрудники"
    opened[-1].close()
