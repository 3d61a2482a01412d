"""«Справочники → Транспортные средства» and «Водители»: add, edit, search, delete; a bad госномер,
licence or date and a duplicate shown beside their fields with nothing stored; the menu opens them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from edo_app.services import Services
from edo_app.services.transport_directory import DriverInput, VehicleInput
from tests.ui.conftest import Shown
from ui.directories.drivers import DriversDialog
from ui.directories.entry_dialog import DirectoryDialog
from ui.directories.vehicles import VehiclesDialog
from ui.main_window import MainWindow
from ui.ops import SyncExecutor

LORRY = {"reg_number": "М456ОР750", "kind": "Грузовой фургон", "brand": "ГАЗ Валдай", "capacity_t": "3,5",
         "volume_m3": "20"}
DRIVER = {"last_name": "Журавлёв", "first_name": "Семён", "middle_name": "Глебович", "licence_series": "99 12",
          "licence_number": "345678", "licence_issued": "14.05.2020", "phone": "+7 916 111-22-33"}


@pytest.fixture
def vehicles(qtbot: QtBot, services: Services, shown: Shown) -> VehiclesDialog:
    opened = VehiclesDialog(services.transport, SyncExecutor())
    qtbot.addWidget(opened)
    return opened


@pytest.fixture
def drivers(qtbot: QtBot, services: Services, shown: Shown) -> DriversDialog:
    opened = DriversDialog(services.transport, SyncExecutor())
    qtbot.addWidget(opened)
    return opened


def _type(dialog: DirectoryDialog, values: dict[str, str]) -> None:
    for key, text in values.items():
        field = dialog.form.fields[key]
        if isinstance(field, QComboBox):
            field.setCurrentIndex(field.findData(text))
        elif isinstance(field, QCheckBox):
            field.setChecked(bool(text))
        else:
            assert isinstance(field, QLineEdit)
            field.setText(text)


def _column(dialog: DirectoryDialog, column: int = 0) -> list[str]:
    return [str(dialog.model.index(r, column).data()) for r in range(dialog.model.rowCount())]


def test_vehicles_add_edit_search_and_delete(qtbot: QtBot, vehicles: VehiclesDialog, services: Services) -> None:
    _type(vehicles, LORRY)
    vehicles.save()
    vehicles.new_entry()
    _type(vehicles, {**LORRY, "reg_number": "a 123 bc 77", "brand": "КАМАЗ 5490", "kind": "Тягач"})
    vehicles.save()
    assert _column(vehicles) == ["А123ВС77", "М456ОР750"]  # by госномер, Latin letters read as Cyrillic
    vehicles.search.setText("валдай")
    qtbot.waitUntil(lambda: _column(vehicles) == ["М456ОР750"])  # after the pause in typing
    vehicles.table.clicked.emit(vehicles.model.index(0, 0))
    assert vehicles.form.fields["capacity_t"].text() == "3,5"  # shown the Russian way
    _type(vehicles, {"volume_m3": "22,5"})
    vehicles.save()
    assert services.transport.vehicles("м456")[0].entry.volume_m3 == "22.5"
    questions: list[str] = []
    vehicles.confirm = lambda label: questions.append(label) or True
    vehicles.delete()
    assert questions == ["М456ОР750"]
    assert [v.entry.reg_number for v in services.transport.vehicles()] == ["А123ВС77"]


def test_the_right_of_use_is_asked_only_for_a_leased_vehicle(vehicles: VehiclesDialog, services: Services) -> None:
    right = vehicles.form.fields["right_name"]
    assert not right.isEnabled()
    _type(vehicles, {**LORRY, "ownership": "3"})
    assert right.isEnabled()
    vehicles.save()
    assert "наименование документа" in vehicles.form.error_at("right_name")
    assert "ИНН" in vehicles.form.error_at("right_issuer_inn")
    assert services.transport.vehicles() == []
    _type(vehicles, {"right_name": "Договор аренды", "right_number": "А-17", "right_date": "01.02.2025",
                     "right_issuer_inn": "7715260183"})
    vehicles.save()
    assert services.transport.vehicles()[0].entry.right_number == "А-17"


def test_bad_plate_and_duplicate_are_shown_beside_their_fields(vehicles: VehiclesDialog, services: Services) -> None:
    _type(vehicles, {**LORRY, "reg_number": "12345", "capacity_t": "много"})
    vehicles.save()
    assert "не по формату" in vehicles.form.error_at("reg_number")
    assert "число" in vehicles.form.error_at("capacity_t")
    assert not vehicles.form.errors["reg_number"].isHidden() and vehicles.form.fields["reg_number"].styleSheet()
    assert services.transport.vehicles() == []
    services.transport.add_vehicle(VehicleInput(**LORRY))
    _type(vehicles, LORRY)
    vehicles.save()
    assert "уже есть в справочнике" in vehicles.form.error_at("reg_number")
    assert len(services.transport.vehicles()) == 1


def test_drivers_add_edit_search_delete_and_refusals(qtbot: QtBot, drivers: DriversDialog, services: Services) -> None:
    _type(drivers, {**DRIVER, "licence_number": "12-34", "licence_issued": "31.02.2020", "phone": "звоните"})
    drivers.save()
    assert "6 цифр" in drivers.form.error_at("licence_number")
    assert "дату выдачи" in drivers.form.error_at("licence_issued")
    assert "телефон" in drivers.form.error_at("phone")
    assert services.transport.drivers() == []
    _type(drivers, DRIVER)
    drivers.save()
    assert _column(drivers) == ["Журавлёв Семён Глебович"]
    assert _column(drivers, 1) == ["9912 345678 от 14.05.2020"]
    _type(drivers, {"phone": "+7 900 000-00-00"})
    drivers.save()
    assert services.transport.drivers()[0].entry.phone == "+7 900 000-00-00"
    drivers.new_entry()
    _type(drivers, {**DRIVER, "last_name": "Другой"})
    drivers.save()
    assert "уже есть в справочнике" in drivers.form.error_at("licence_number")
    drivers.choose(services.transport.drivers()[0])
    drivers.confirm = lambda _label: True
    drivers.delete()
    assert services.transport.drivers() == [] and drivers.model.rowCount() == 0


def test_a_stored_driver_is_found_by_licence(drivers: DriversDialog, services: Services) -> None:
    services.transport.add_driver(DriverInput(**{**DRIVER, "inn": "500016613197"}))
    drivers.search.setText("9912345678")
    drivers.refresh()
    assert _column(drivers) == ["Журавлёв Семён Глебович"]


@pytest.mark.parametrize(("action", "kind"), [("Транспортные средства…", VehiclesDialog),
                                              ("Водители…", DriversDialog)])
def test_the_menu_opens_the_directories(window: MainWindow, action: str, kind: type[DirectoryDialog]) -> None:
    menu = window.menu("Справочники")
    next(a for a in menu.actions() if a.text() == action).trigger()
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(opened) == 1 and opened[0].parent() is window
    opened[0].close()
