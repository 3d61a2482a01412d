"""«Справочники → Контрагенты»: search, add, edit, delete; errors beside their fields."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from edo_app.services import CounterpartyInput, Services
from tests.ui.conftest import Shown
from ui.directories.counterparties import Columns, CounterpartiesDialog
from ui.main_window import MainWindow
from ui.ops import SyncExecutor

NORTH = CounterpartyInput("ООО «Северный ветер»", "7711043325", "771101001", "2AE7711043325")
COPPER = CounterpartyInput("АО «Медный бор»", "6611819605", "661101001")


@pytest.fixture
def dialog(qtbot: QtBot, services: Services, shown: Shown) -> CounterpartiesDialog:
    opened = CounterpartiesDialog(services.counterparties, SyncExecutor())
    qtbot.addWidget(opened)
    return opened


def _type(dialog: CounterpartiesDialog, value: CounterpartyInput) -> None:
    for key, text in (("name", value.name), ("inn", value.inn), ("kpp", value.kpp), ("edo_id", value.edo_id)):
        dialog.form.fields[key].setText(text)
    dialog.form.own.setChecked(value.own)


def _names(dialog: CounterpartiesDialog) -> list[str]:
    return [str(dialog.model.index(r, Columns.NAME).data()) for r in range(dialog.model.rowCount())]


def test_add_edit_search_and_delete(qtbot: QtBot, dialog: CounterpartiesDialog, services: Services) -> None:
    for value in (NORTH, COPPER):
        dialog.new_entry()
        _type(dialog, value)
        dialog.save()
    assert _names(dialog) == [COPPER.name, NORTH.name]
    dialog.search.setText("7711")
    qtbot.waitUntil(lambda: _names(dialog) == [NORTH.name])  # after the pause in typing
    dialog.table.clicked.emit(dialog.model.index(0, 0))
    assert dialog.form.fields["inn"].text() == NORTH.inn
    dialog.form.fields["name"].setText("ООО «Северный ветер-М»")
    dialog.form.own.setChecked(True)
    dialog.save()
    assert _names(dialog) == ["ООО «Северный ветер-М»"]
    assert services.counterparties.own_organisations()[0].name == "ООО «Северный ветер-М»"
    questions: list[str] = []
    dialog.confirm = lambda name: questions.append(name) or True
    dialog.delete()
    assert questions == ["ООО «Северный ветер-М»"] and _names(dialog) == []
    assert [c.name for c in services.counterparties.search()] == [COPPER.name]


def test_bad_inn_is_shown_beside_the_field_and_nothing_is_stored(dialog: CounterpartiesDialog,
                                                                 services: Services) -> None:
    _type(dialog, CounterpartyInput("ООО «Ошибка»", "7711043326", "771101001", "не id!"))
    dialog.save()
    inn_error, edo_error = dialog.form.errors["inn"], dialog.form.errors["edo_id"]
    assert "неверное контрольное число" in inn_error.text() and not inn_error.isHidden()
    assert "идентификатор участника ЭДО" in edo_error.text()
    assert dialog.form.errors["name"].isHidden() and dialog.form.fields["inn"].styleSheet()
    assert services.counterparties.search() == []
    dialog.form.fields["inn"].setText(NORTH.inn)
    dialog.form.fields["edo_id"].setText("")
    dialog.save()
    assert inn_error.isHidden() and dialog.form.fields["inn"].styleSheet() == ""
    assert [c.inn for c in services.counterparties.search()] == [NORTH.inn]


def test_duplicate_is_refused_beside_the_kpp(dialog: CounterpartiesDialog, services: Services) -> None:
    services.counterparties.add(NORTH)
    dialog.refresh()
    _type(dialog, CounterpartyInput("Двойник", NORTH.inn, NORTH.kpp))
    dialog.save()
    assert "уже есть в справочнике" in dialog.form.errors["kpp"].text()
    assert [c.name for c in services.counterparties.search()] == [NORTH.name]


def test_the_directory_is_in_the_menu(window: MainWindow) -> None:
    titles = [a.text() for a in window.menu("Справочники").actions()]
    assert "Контрагенты…" in titles
    assert {"Новый УПД…", "Черновики УПД…"} <= {a.text() for a in window.menu("Документ").actions()}
